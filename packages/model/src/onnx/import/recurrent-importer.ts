import { unsupported, type OpImporter } from './op-context.js';
import { recurrentCellWeights } from './weight-layouts.js';

const defaultActivations = { RNN: ['Tanh'], LSTM: ['Sigmoid', 'Tanh', 'Tanh'], GRU: ['Sigmoid', 'Tanh'] } as const;

function recurrent(type: 'RNN' | 'LSTM' | 'GRU'): OpImporter {
  return (ctx) => {
    const { attrs } = ctx;
    if (attrs.string('direction', 'forward') !== 'forward') unsupported(ctx, 'only forward (one-directional) recurrent layers are supported');
    if (attrs.int('layout', 0) !== 0) unsupported(ctx, 'only layout 0 (time-major X) is supported');
    if (attrs.has('clip')) unsupported(ctx, 'cell clipping is not supported');
    if (type === 'LSTM' && attrs.int('input_forget', 0) !== 0) unsupported(ctx, 'input_forget is not supported');
    if (type === 'GRU' && attrs.int('linear_before_reset', 0) !== 1)
      unsupported(ctx, "linear_before_reset 0 is not supported (Loom's GRU node applies the reset gate after the recurrent matmul)");
    for (const [i, name] of [[4, 'sequence_lens'], [5, 'initial_h'], [6, 'initial_c'], [7, 'P']] as const)
      if (ctx.has(i)) unsupported(ctx, `the ${name} input is not supported`);
    const activations = attrs.strings('activations', [...defaultActivations[type]]);
    let nonlinearity: 'tanh' | 'relu' = 'tanh';
    if (type === 'RNN' && activations[0] === 'Relu') nonlinearity = 'relu';
    else if (activations.join() !== defaultActivations[type].join()) unsupported(ctx, `activations ${activations.join(', ')} are not supported`);
    const w = ctx.weight(1, 'W');
    const r = ctx.weight(2, 'R');
    const b = ctx.has(3) ? ctx.weight(3, 'B') : undefined;
    const hiddenSize = attrs.int('hidden_size', r.shape[2]);
    // X transposed from a batch-first tensor: the Loom layer reads that tensor, batch first.
    const x = ctx.imported(0);
    const batchFirst = x?.kind === 'transposed';
    const input = x?.kind === 'transposed' ? x.ref : ctx.port(0);
    const params = { inputSize: w.shape[2], hiddenSize, numLayers: 1, bias: b !== undefined, batchFirst, ...(type === 'RNN' ? { nonlinearity } : {}) };
    const id = ctx.writer.add(type, params, { in: input }, ctx.idHint, ctx.where);
    for (const [name, value] of Object.entries(recurrentCellWeights(type, w, r, b))) ctx.writer.setWeight(id, `cells.0.${name}`, value);
    ctx.define(0, { kind: 'recurrent-y', ref: { node: id, port: 'out' }, batchFirst });
    ctx.define(1, { kind: 'port', ref: { node: id, port: 'h' } });
    if (type === 'LSTM') ctx.define(2, { kind: 'port', ref: { node: id, port: 'c' } });
  };
}

/**
 * ONNX RNN, LSTM and GRU (forward, layout 0, no initial state) → one-layer Loom recurrent nodes:
 * batch-first when X is a [1, 0, 2] Transpose of a tensor, time-major otherwise.
 */
export const recurrentImporters = { RNN: recurrent('RNN'), LSTM: recurrent('LSTM'), GRU: recurrent('GRU') };
