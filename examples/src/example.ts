import type { NumericOptions } from './setup/options.js';

/** What every example reports at the end (printed by main, checked by the smoke tests). */
export type Metrics = Record<string, number>;

export interface Example<O extends NumericOptions = NumericOptions> {
  description: string;
  /** The settings of the full run; each can be overridden with --name value. */
  defaults: O;
  run(options: O, log: (line: string) => void): Promise<Metrics>;
}

/** Declares an example with its option types checked against its defaults. */
export function defineExample<O extends NumericOptions>(example: Example<O>): Example<O> {
  return example;
}
