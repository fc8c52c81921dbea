import { dropout, type Tensor } from '@loom/graph';
import { Module } from '../core/module.js';

/**
 * Zeroes each element with probability p in training mode and scales the rest by 1/(1−p); the
 * identity in evaluation mode. Compiled training steps draw a fresh mask at every step.
 */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p < 1)) throw new Error(`Dropout: p must be in [0, 1), got ${p}`);
  }

  forward(input: Tensor): Tensor {
    return dropout(input, this.p, { training: this.training });
  }
}
