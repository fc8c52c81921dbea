import type { Tensor } from '@loom/graph';
import { Module, type LayerModule } from '../core/module.js';

/**
 * Layers applied in order; parameters are named by position ('0.weight', '2.bias'), as in PyTorch.
 * @example new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10))
 */
export class Sequential extends Module {
  readonly layers: readonly LayerModule[];

  constructor(...layers: LayerModule[]) {
    super();
    this.layers = layers;
  }

  protected override ownEntries(): [string, unknown][] {
    return this.layers.map((layer, i) => [String(i), layer]);
  }

  get length(): number {
    return this.layers.length;
  }

  at(index: number): LayerModule {
    const layer = this.layers.at(index);
    if (!layer) throw new Error(`Sequential: no layer at index ${index} (it has ${this.layers.length})`);
    return layer;
  }

  forward(input: Tensor): Tensor {
    return this.layers.reduce((x, layer) => layer.forward(x), input);
  }
}
