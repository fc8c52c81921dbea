import type { Tensor } from '@loom/graph';
import { Module } from '../core/module.js';

/** Merges axes startDim..endDim (by default all but the batch axis). @example [N, 64, 5, 5] → [N, 1600] */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }

  forward(input: Tensor): Tensor {
    return input.flatten(this.startDim, this.endDim);
  }
}
