import type { VjpTable } from './vjp.js';
import { elementwiseVjps } from '../ops/elementwise.js';
import { reduceVjps } from '../ops/reduce.js';
import { movementVjps } from '../ops/movement.js';
import { linalgVjps } from '../ops/linalg.js';
import { windowVjps } from '../ops/window.js';
import { indexingVjps } from '../ops/indexing.js';

/** The one table of gradients: a missing primitive is a compile error here. */
export const vjps: VjpTable = {
  ...elementwiseVjps,
  ...reduceVjps,
  ...movementVjps,
  ...linalgVjps,
  ...windowVjps,
  ...indexingVjps,
};
