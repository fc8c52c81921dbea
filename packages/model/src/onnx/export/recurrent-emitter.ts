import { boolParam, inputOf, stringParam, type EmitContext, type Emitter } from './emit-context.js';
import { concatFloats, floatData, reorderBlocks } from './host-arrays.js';

/** ONNX's gate order as indices into Loom's (PyTorch's): LSTM i,o,f,c from i,f,g,o; GRU z,r,h from r,z,n. */
export const onnxGateOrder = { RNN: [0], LSTM: [0, 3, 1, 2], GRU: [1, 0, 2] } as const;

type RecurrentType = keyof typeof onnxGateOrder;

function isRecurrentType(type: string): type is RecurrentType {
  return type in onnxGateOrder;
}

/** Attributes of one layer's ONNX op besides hidden_size. */
function layerAttributes(ctx: EmitContext, type: RecurrentType): Record<string, number | { strings: string[] }> {
  if (type === 'RNN') return { activations: { strings: [stringParam(ctx, 'nonlinearity', 'tanh') === 'relu' ? 'Relu' : 'Tanh'] } };
  if (type === 'GRU') return { linear_before_reset: boolParam(ctx, 'resetAfter', true) ? 1 : 0 };
  return {};
}

/**
 * RNN / LSTM / GRU → one ONNX RNN / LSTM / GRU op per layer (time-major; a batch-first input is
 * transposed around them), weights reordered to ONNX's gate layout with W, R [1, gates·H, ·] and
 * B = [Wb, Rb]. Ports: `out` (the last layer's sequence), `h` (and `c`) final states [layers, B, H].
 */
export const recurrentEmitter: Emitter = (ctx): Record<string, string> => {
  const type = ctx.type;
  if (!isRecurrentType(type)) throw new Error(`exportOnnx: ${type} is not a recurrent layer`);
  const { g } = ctx;
  const order = onnxGateOrder[type];
  const gates = order.length;
  const batchFirst = boolParam(ctx, 'batchFirst', false);
  let sequence = inputOf(ctx).value;
  if (batchFirst) sequence = g.op('Transpose', [sequence], { perm: [1, 0, 2] });
  const finals: string[][] = [];
  for (let layer = 0; ctx.hasWeight(`cells.${layer}.weightIh`); layer++) {
    const name = (w: string) => `cells.${layer}.${w}`;
    const weightIh = ctx.weight(name('weightIh'));
    const weightHh = ctx.weight(name('weightHh'));
    const hidden = weightHh.shape[1];
    const w = g.floats(name('W'), reorderBlocks(floatData(weightIh), gates, order), [1, ...weightIh.shape]);
    const r = g.floats(name('R'), reorderBlocks(floatData(weightHh), gates, order), [1, ...weightHh.shape]);
    const inputs = [sequence, w, r];
    if (ctx.hasWeight(name('biasIh'))) {
      const b = concatFloats([reorderBlocks(floatData(ctx.weight(name('biasIh'))), gates, order), reorderBlocks(floatData(ctx.weight(name('biasHh'))), gates, order)]);
      inputs.push(g.floats(name('B'), b, [1, 2 * gates * hidden]));
    }
    const outputs = g.node(type, inputs, { hidden_size: hidden, ...layerAttributes(ctx, type) }, type === 'LSTM' ? 3 : 2);
    sequence = g.op('Squeeze', [outputs[0], g.int64s([1])]);
    outputs.slice(1).forEach((state, k) => (finals[k] ??= []).push(state));
  }
  if (finals.length === 0) throw new Error(`exportOnnx: node "${ctx.nodeId}" (${type}): no weights cells.0.weightIh in the state dict`);
  const stacked = finals.map((perLayer) => (perLayer.length === 1 ? perLayer[0] : g.op('Concat', perLayer, { axis: 0 })));
  const out = batchFirst ? g.op('Transpose', [sequence], { perm: [1, 0, 2] }) : sequence;
  return type === 'LSTM' ? { out, h: stacked[0], c: stacked[1] } : { out, h: stacked[0] };
};
