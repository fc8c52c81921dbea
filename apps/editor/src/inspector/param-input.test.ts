import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../model.js';
import { sameValue } from '../store/document-ops.js';
import { commitParamText, formatParamInput, parseParamInput } from './param-input.js';

const spec = (s: Partial<ParamSpec>): ParamSpec => ({
  name: 'p',
  title: 'P',
  kind: 'int',
  default: 1,
  doc: '',
  ...s,
});

describe('parameter input', () => {
  it('accepts an integer inside its range', () => {
    expect(parseParamInput(spec({ min: 1, max: 4096 }), ' 128 ')).toEqual({ ok: true, value: 128 });
  });

  it('refuses a fraction for an int and says why', () => {
    expect(parseParamInput(spec({}), '1.5')).toEqual({ ok: false, error: 'Enter a whole number' });
  });

  it('refuses a value below min, naming the bound', () => {
    expect(parseParamInput(spec({ min: 1 }), '0')).toEqual({
      ok: false,
      error: 'Must be at least 1',
    });
  });

  it('refuses a float above max', () => {
    expect(parseParamInput(spec({ kind: 'float', max: 1 }), '1.5')).toEqual({
      ok: false,
      error: 'Must be at most 1',
    });
  });

  it('reads an int list in brackets or separated by spaces', () => {
    expect(parseParamInput(spec({ kind: 'ints' }), '[1, 28 28]')).toEqual({
      ok: true,
      value: [1, 28, 28],
    });
    expect(parseParamInput(spec({ kind: 'ints' }), '1, x')).toMatchObject({ ok: false });
  });

  it('treats an empty nullable field as unset and an empty number as an error', () => {
    expect(parseParamInput(spec({ nullable: true }), '')).toEqual({ ok: true, value: null });
    expect(parseParamInput(spec({}), '')).toMatchObject({ ok: false });
  });

  it('accepts only listed options for an enum', () => {
    const e = spec({ kind: 'enum', options: ['sgd', 'adam'], default: 'adam' });
    expect(parseParamInput(e, 'sgd')).toEqual({ ok: true, value: 'sgd' });
    expect(parseParamInput(e, 'lbfgs')).toMatchObject({ ok: false });
  });

  it('formats lists and unset values for editing', () => {
    expect(formatParamInput([1, 28, 28])).toBe('1, 28, 28');
    expect(formatParamInput(null)).toBe('');
  });
});

describe('finishing an edit', () => {
  const int = spec({ min: 1, max: 999_999 });
  it('saves only the whole text, never a prefix typed on the way', () => {
    expect(commitParamText(int, '1.5', 1, sameValue)).toEqual({
      kind: 'invalid',
      error: 'Enter a whole number',
    });
    expect(commitParamText(int, '99999999', 1, sameValue)).toMatchObject({ kind: 'invalid' });
    expect(commitParamText(int, '-1', 1, sameValue)).toMatchObject({ kind: 'invalid' });
  });

  it('saves a valid value once, and nothing when it is unchanged', () => {
    expect(commitParamText(int, '64', 1, sameValue)).toEqual({ kind: 'commit', value: 64 });
    expect(commitParamText(int, ' 64 ', 64, sameValue)).toEqual({ kind: 'unchanged' });
  });
});
