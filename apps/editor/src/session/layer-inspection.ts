import type { Dataset } from '@loom/data';
import { histogram, imageGrid, valueStats } from '../preview/value-stats.js';
import type { GraphModule } from '@loom/model';
import { layerOf } from './session-model.js';
import type { LayerInspection, ParameterSummary } from './protocol.js';
import { exampleTensor } from './test-evaluation.js';

/**
 * What one layer node looks like now: each parameter's statistics and histogram, conv filters as
 * images (the first input channel of each filter), and the node's output for the first test example.
 */
export async function inspectLayer(
  module: GraphModule,
  nodeId: string,
  sample: Dataset,
): Promise<LayerInspection> {
  const layer = layerOf(module, nodeId);
  const parameters: ParameterSummary[] = [];
  const inspection: LayerInspection = { nodeId, parameters };
  for (const [name, tensor] of layer?.namedParameters() ?? []) {
    const values = await tensor.data();
    parameters.push({
      name,
      shape: [...tensor.shape],
      stats: valueStats(values),
      histogram: histogram(values, 30),
    });
    if (name === 'weight' && tensor.rank === 4) {
      const [out, inPerGroup, kh, kw] = tensor.shape;
      const first = new Float32Array(out * kh * kw);
      for (let o = 0; o < out; o++)
        first.set(
          values.subarray(o * inPerGroup * kh * kw, o * inPerGroup * kh * kw + kh * kw),
          o * kh * kw,
        );
      inspection.filters = imageGrid(first, [out, kh, kw], 32);
    }
  }
  const wasTraining = module.training;
  module.eval();
  try {
    const input = exampleTensor(sample);
    const outputs = module.forwardAll(input).get(nodeId);
    const output = outputs?.out ?? Object.values(outputs ?? {})[0];
    if (output) {
      const values = await output.data();
      inspection.activationStats = valueStats(values);
      inspection.activations = imageGrid(values, output.shape.slice(1), 16);
      output.dispose();
    }
    input.dispose();
  } finally {
    module.train(wasTraining);
  }
  return inspection;
}
