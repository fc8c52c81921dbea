import { GRU, LSTM, RNN } from '@loom/nn';
import type { Dim, TensorType } from '../analysis/tensor-type.js';
import { defineNodeType, type PortSpec } from './node-type.js';
import { param } from './param-specs.js';
import { expectDim, float32 } from './shape-rules.js';

const recurrentParams = [
  param.int('inputSize', 1, 'Features of each time step of the input.', { min: 1 }),
  param.int('hiddenSize', 1, 'Features of the hidden state.', { min: 1 }),
  param.int('numLayers', 1, 'Stacked layers.', { min: 1, max: 16 }),
  param.bool('bias', true, 'Learn biases.'),
  param.bool('batchFirst', true, 'Sequences are [N, T, F] (the document default); off: PyTorch’s [T, N, F].'),
  param.float('dropout', 0, 'Dropout between stacked layers, in training.', { min: 0, max: 0.99 }),
] as const;

function ports(states: string[]): { inputs: PortSpec[]; outputs: PortSpec[] } {
  return {
    inputs: [{ name: 'in', title: 'Sequence', dtype: 'float32', rank: [3], doc: '[N, T, inputSize] (batchFirst) or [T, N, inputSize]' }],
    outputs: [
      { name: 'out', title: 'Outputs', dtype: 'float32', rank: [3], doc: 'The last layer’s output at every step' },
      ...states.map((s): PortSpec => ({ name: s, title: `Final ${s}`, dtype: 'float32', rank: [3], doc: '[numLayers, N, hiddenSize]' })),
    ],
  };
}

interface RecurrentParams {
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  batchFirst: boolean;
}

function recurrentShapes(x: TensorType, { inputSize, hiddenSize, numLayers, batchFirst }: RecurrentParams, states: string[]): Record<string, TensorType> {
  expectDim('in', x, 2, inputSize, 'features');
  const [batch, time]: Dim[] = batchFirst ? [x.shape[0], x.shape[1]] : [x.shape[1], x.shape[0]];
  const out = float32(batchFirst ? [batch, time, hiddenSize] : [time, batch, hiddenSize]);
  return Object.fromEntries([['out', out], ...states.map((s) => [s, float32([numLayers, batch, hiddenSize])])]);
}

function options({ numLayers, bias, batchFirst, dropout }: RecurrentParams & { bias: boolean; dropout: number }, seed: number): string {
  return `numLayers: ${numLayers}, bias: ${bias}, batchFirst: ${batchFirst}, dropout: ${dropout}, seed: ${seed}`;
}

const pickOutputs = { out: (v: string) => `${v}.output`, h: (v: string) => `${v}.h` };

/** Elman RNN: h_t = tanh(W_ih x_t + W_hh h_{t−1} + b). */
export const rnnNode = defineNodeType({
  type: 'RNN',
  category: 'layer',
  title: 'RNN',
  description: 'Elman recurrent network over a sequence; outputs every step and the final hidden state.',
  ...ports(['h']),
  params: [...recurrentParams, param.choice('nonlinearity', ['tanh', 'relu'], 'tanh', 'Activation of the hidden state.')],
  inferShapes: ({ in: x }, p) => recurrentShapes(x, p, ['h']),
  build(p, { seed }) {
    const module = new RNN(p.inputSize, p.hiddenSize, { ...p, seed });
    return {
      module,
      forward: ({ in: x }) => {
        const { output, h } = module.forward(x);
        return { out: output, h };
      },
    };
  },
  code: (p, { seed }) => ({
    imports: { nn: ['RNN'] },
    construct: `new RNN(${p.inputSize}, ${p.hiddenSize}, { ${options(p, seed)}, nonlinearity: '${p.nonlinearity}' })`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
    outputs: pickOutputs,
  }),
});

/** LSTM: gated recurrent network with a cell state. */
export const lstmNode = defineNodeType({
  type: 'LSTM',
  category: 'layer',
  title: 'LSTM',
  description: 'Long short-term memory over a sequence; outputs every step and the final h and c.',
  ...ports(['h', 'c']),
  params: recurrentParams,
  inferShapes: ({ in: x }, p) => recurrentShapes(x, p, ['h', 'c']),
  build(p, { seed }) {
    const module = new LSTM(p.inputSize, p.hiddenSize, { ...p, seed });
    return {
      module,
      forward: ({ in: x }) => {
        const { output, h, c } = module.forward(x);
        return { out: output, h, c };
      },
    };
  },
  code: (p, { seed }) => ({
    imports: { nn: ['LSTM'] },
    construct: `new LSTM(${p.inputSize}, ${p.hiddenSize}, { ${options(p, seed)} })`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
    outputs: { ...pickOutputs, c: (v: string) => `${v}.c` },
  }),
});

/** GRU: gated recurrent unit (PyTorch's reset-after form). */
export const gruNode = defineNodeType({
  type: 'GRU',
  category: 'layer',
  title: 'GRU',
  description: 'Gated recurrent unit over a sequence; outputs every step and the final hidden state.',
  ...ports(['h']),
  params: recurrentParams,
  inferShapes: ({ in: x }, p) => recurrentShapes(x, p, ['h']),
  build(p, { seed }) {
    const module = new GRU(p.inputSize, p.hiddenSize, { ...p, seed });
    return {
      module,
      forward: ({ in: x }) => {
        const { output, h } = module.forward(x);
        return { out: output, h };
      },
    };
  },
  code: (p, { seed }) => ({
    imports: { nn: ['GRU'] },
    construct: `new GRU(${p.inputSize}, ${p.hiddenSize}, { ${options(p, seed)} })`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
    outputs: pickOutputs,
  }),
});
