/** Numeric settings of an example, overridable from the command line as `--name value`. */
export type NumericOptions = Record<string, number>;

/** Reads `--name value` pairs for the keys `defaults` has; unknown flags are an error naming them. */
export function parseOptions<T extends NumericOptions>(args: readonly string[], defaults: T): T {
  const options: NumericOptions = { ...defaults };
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !(name in defaults))
      throw new Error(`unknown option ${flag} (options: ${Object.keys(defaults).map((k) => `--${k}`).join(', ')})`);
    const value = Number(args[i + 1]);
    if (!Number.isFinite(value)) throw new Error(`option ${flag} needs a number, got ${args[i + 1]}`);
    options[name] = value;
  }
  return { ...defaults, ...options };
}
