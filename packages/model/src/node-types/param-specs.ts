import type { ParamSpec } from './node-type.js';

/** "inFeatures" → "In features": the default title of a param. */
function titleOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface Range {
  min?: number;
  /** Integers default to at most 2^20: sizes beyond that cannot be allocated anyway. */
  max?: number;
  title?: string;
  appliesWhen?: ParamSpec['appliesWhen'];
}

/** Only the defined extras, so specs stay plain JSON without `undefined` members. */
const extras = (range: Range) => (range.appliesWhen ? { appliesWhen: range.appliesWhen } : {});

const largestInt = 2 ** 20;

/** Shorthands for ParamSpecs, keeping the param name's literal type for `ParamsOf`. */
export const param = {
  /** An integer. */
  int<const N extends string>(name: N, value: number, doc: string, range: Range = {}) {
    return { name, kind: 'int', default: value, doc, title: range.title ?? titleOf(name), min: range.min, max: range.max ?? largestInt, ...extras(range) } as const;
  },
  /** An integer that may be null ("unset"). */
  optionalInt<const N extends string>(name: N, doc: string, range: Range = {}) {
    return { name, kind: 'int', default: null, nullable: true, doc, title: range.title ?? titleOf(name), min: range.min, max: range.max ?? largestInt } as const;
  },
  /** A real number. */
  float<const N extends string>(name: N, value: number, doc: string, range: Range = {}) {
    return { name, kind: 'float', default: value, doc, title: range.title ?? titleOf(name), min: range.min, max: range.max, ...extras(range) } as const;
  },
  /** A boolean. */
  bool<const N extends string>(name: N, value: boolean, doc: string, title?: string) {
    return { name, kind: 'bool', default: value, doc, title: title ?? titleOf(name) } as const;
  },
  /** One of a fixed list of strings. */
  choice<const N extends string, const O extends readonly string[]>(name: N, options: O, value: O[number], doc: string, range: Pick<Range, 'title' | 'appliesWhen'> = {}) {
    return { name, kind: 'enum', options, default: value, doc, title: range.title ?? titleOf(name), ...extras(range) } as const;
  },
  /** A list of integers (a shape, a permutation). */
  ints<const N extends string>(name: N, value: number[], doc: string, range: Range = {}) {
    return { name, kind: 'ints', default: value, doc, title: range.title ?? titleOf(name), min: range.min, max: range.max ?? largestInt } as const;
  },
} satisfies Record<string, (...args: never[]) => ParamSpec>;
