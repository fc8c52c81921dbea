/**
 * The conformance table: every op of `@loom/graph`, each with seeded inputs and a tfjs oracle (or a
 * property check for random ops). Backends run all of it; see `check.ts` for what each check does.
 */
import { compositeCases } from './cases/composite.js';
import { creationCases } from './cases/creation.js';
import { elementwiseCases } from './cases/elementwise.js';
import { indexingCases } from './cases/indexing.js';
import { linalgCases } from './cases/linalg.js';
import { movementCases } from './cases/movement.js';
import { reduceCases } from './cases/reduce.js';
import type { OpCase } from './op-case.js';

export const opCases: readonly OpCase[] = [
  ...creationCases,
  ...elementwiseCases,
  ...reduceCases,
  ...movementCases,
  ...linalgCases,
  ...indexingCases,
  ...compositeCases,
];
