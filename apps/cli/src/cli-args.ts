import { parseArgs } from 'node:util';
import { usageError } from './cli-error.js';

/** The options a command accepts: name → string or boolean flag (with an optional short alias). */
export type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * Parses one command's arguments strictly: an unknown option or a missing value is a usage
 * error naming it and the command.
 */
export function parseCommandArgs(command: string, args: readonly string[], options: OptionSpecs): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw usageError(`loom ${command}: ${message}. Run "loom ${command} --help" for its options.`);
  }
}

/** A string option's value, or undefined. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A positive-integer option (`--epochs 3`); anything else is a usage error naming the option. */
export function positiveIntOption(parsed: ParsedArgs, name: string): number | undefined {
  const raw = stringOption(parsed, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1) throw usageError(`--${name}: expected a positive integer, got "${raw}"`);
  return value;
}

/** A choice option (`--backend cpu`); a value outside `choices` is a usage error listing them. */
export function choiceOption<const C extends string>(parsed: ParsedArgs, name: string, choices: readonly C[]): C | undefined {
  const raw = stringOption(parsed, name);
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) throw usageError(`--${name}: expected one of ${choices.join(', ')}, got "${raw}"`);
  return raw as C;
}

/** The one positional argument a command needs (the model file); missing or extra ones are usage errors. */
export function onePositional(parsed: ParsedArgs, command: string, what: string): string {
  const [first, ...rest] = parsed.positionals;
  if (first === undefined) throw usageError(`loom ${command}: missing ${what}. Run "loom ${command} --help".`);
  if (rest.length) throw usageError(`loom ${command}: unexpected argument "${rest[0]}"`);
  return first;
}
