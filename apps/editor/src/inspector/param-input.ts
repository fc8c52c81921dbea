/**
 * Reading what the user typed into a parameter field, checked against the registry's ParamSpec
 * (kind, min/max, options, nullable). Pure, so the rules are tested without a browser.
 */
import type { ParamSpec, ParamValue } from '../model.js';

export type ParamInput = { ok: true; value: ParamValue } | { ok: false; error: string };

function inRange(spec: ParamSpec, n: number): string | null {
  if (spec.min !== undefined && n < spec.min) return `at least ${spec.min}`;
  if (spec.max !== undefined && n > spec.max) return `at most ${spec.max}`;
  return null;
}

export function parseParamInput(spec: ParamSpec, text: string): ParamInput {
  const t = text.trim();
  if (t === '' && spec.nullable) return { ok: true, value: null };
  switch (spec.kind) {
    case 'int':
    case 'float': {
      if (t === '') return { ok: false, error: 'Enter a number' };
      const n = Number(t);
      if (!Number.isFinite(n)) return { ok: false, error: 'Enter a number' };
      if (spec.kind === 'int' && !Number.isInteger(n))
        return { ok: false, error: 'Enter a whole number' };
      const range = inRange(spec, n);
      return range ? { ok: false, error: `Must be ${range}` } : { ok: true, value: n };
    }
    case 'ints': {
      const parts = t
        .replace(/^\[|\]$/g, '')
        .split(/[\s,]+/)
        .filter(Boolean);
      const values = parts.map(Number);
      if (values.some((n) => !Number.isInteger(n)))
        return { ok: false, error: 'Enter whole numbers separated by commas' };
      const bad = values.map((n) => inRange(spec, n)).find((r) => r !== null);
      return bad ? { ok: false, error: `Each value must be ${bad}` } : { ok: true, value: values };
    }
    case 'bool':
      return t === 'true' || t === 'false'
        ? { ok: true, value: t === 'true' }
        : { ok: false, error: 'Choose true or false' };
    case 'enum':
      return spec.options?.includes(t)
        ? { ok: true, value: t }
        : { ok: false, error: `Choose one of ${spec.options?.join(', ')}` };
    case 'string':
      return { ok: true, value: text };
  }
}

export type TextCommit =
  | { kind: 'commit'; value: ParamValue }
  | { kind: 'unchanged' }
  | { kind: 'invalid'; error: string };

/**
 * What finishing an edit (blur, Enter) of a text field does: save the whole text's value, nothing
 * when it means what is saved already, or keep the text with its error. Intermediate keystrokes
 * ("1" on the way to "1.5") are never saved.
 */
export function commitParamText(
  spec: ParamSpec,
  text: string,
  current: ParamValue | undefined,
  same: (a: ParamValue, b: ParamValue) => boolean,
): TextCommit {
  const parsed = parseParamInput(spec, text);
  if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
  if (current !== undefined && same(parsed.value, current)) return { kind: 'unchanged' };
  return { kind: 'commit', value: parsed.value };
}

/** How a value appears in a text field. */
export function formatParamInput(value: ParamValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
