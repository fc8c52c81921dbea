import { ELU, GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Softplus, Tanh, type LayerModule } from '@loom/nn';
import { defineNodeType, type PortSpec } from './node-type.js';
import { param } from './param-specs.js';
import { paramError } from './shape-rules.js';
import type { TensorType } from '../analysis/tensor-type.js';

const ports = (): { inputs: PortSpec[]; outputs: PortSpec[] } => ({
  inputs: [{ name: 'in', title: 'Input', dtype: 'float32' }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'float32' }],
});

/** An elementwise activation without parameters: the layer class of the same name, shape unchanged. */
function activation<const T extends string>(type: T, description: string, make: () => LayerModule) {
  return defineNodeType({
    type,
    category: 'activation',
    title: type,
    description,
    ...ports(),
    params: [],
    inferShapes: ({ in: x }) => ({ out: x }),
    build() {
      const module = make();
      return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
    },
    code: () => ({ imports: { nn: [type] }, construct: `new ${type}()`, call: (self, { in: x }) => `${self}.forward(${x})` }),
  });
}

function checkAxis(x: TensorType, dim: number): void {
  const rank = x.shape.length;
  if (dim < -rank || dim >= rank) throw paramError('dim', `dim ${dim} is outside an input of rank ${rank}`);
}

/** max(x, 0). */
export const reluNode = activation('ReLU', 'max(x, 0), elementwise.', () => new ReLU());
/** 1 / (1 + e^−x). */
export const sigmoidNode = activation('Sigmoid', 'The logistic function 1 / (1 + e^−x), elementwise.', () => new Sigmoid());
/** Hyperbolic tangent. */
export const tanhNode = activation('Tanh', 'Hyperbolic tangent, elementwise.', () => new Tanh());
/** Gaussian error linear unit. */
export const geluNode = activation('GELU', 'Gaussian error linear unit x·Φ(x), elementwise.', () => new GELU());
/** log(1 + e^x). */
export const softplusNode = activation('Softplus', 'log(1 + e^x), a smooth ReLU.', () => new Softplus());

/** ReLU with a small slope for negative inputs. */
export const leakyReluNode = defineNodeType({
  type: 'LeakyReLU',
  category: 'activation',
  title: 'LeakyReLU',
  description: 'x for x ≥ 0, negativeSlope · x otherwise.',
  ...ports(),
  params: [param.float('negativeSlope', 0.01, 'Slope for negative inputs.', { min: 0 })],
  inferShapes: ({ in: x }) => ({ out: x }),
  build({ negativeSlope }) {
    const module = new LeakyReLU(negativeSlope);
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ negativeSlope }) => ({ imports: { nn: ['LeakyReLU'] }, construct: `new LeakyReLU(${negativeSlope})`, call: (self, { in: x }) => `${self}.forward(${x})` }),
});

/** Exponential linear unit. */
export const eluNode = defineNodeType({
  type: 'ELU',
  category: 'activation',
  title: 'ELU',
  description: 'x for x > 0, alpha · (e^x − 1) otherwise.',
  ...ports(),
  params: [param.float('alpha', 1, 'Scale of the negative part.', { min: 0 })],
  inferShapes: ({ in: x }) => ({ out: x }),
  build({ alpha }) {
    const module = new ELU(alpha);
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ alpha }) => ({ imports: { nn: ['ELU'] }, construct: `new ELU(${alpha})`, call: (self, { in: x }) => `${self}.forward(${x})` }),
});

/** Probabilities along one axis. */
export const softmaxNode = defineNodeType({
  type: 'Softmax',
  category: 'activation',
  title: 'Softmax',
  description: 'e^x / Σ e^x along one axis: probabilities.',
  ...ports(),
  params: [param.int('dim', -1, 'The axis that sums to one; negative counts from the end.', { min: -8, max: 8 })],
  inferShapes({ in: x }, { dim }) {
    checkAxis(x, dim);
    return { out: x };
  },
  build({ dim }) {
    const module = new Softmax(dim);
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ dim }) => ({ imports: { nn: ['Softmax'] }, construct: `new Softmax(${dim})`, call: (self, { in: x }) => `${self}.forward(${x})` }),
});

/** Log-probabilities along one axis (pairs with nllLoss). */
export const logSoftmaxNode = defineNodeType({
  type: 'LogSoftmax',
  category: 'activation',
  title: 'LogSoftmax',
  description: 'log(softmax(x)) along one axis, computed stably; pairs with the nllLoss loss.',
  ...ports(),
  params: [param.int('dim', -1, 'The axis normalised over; negative counts from the end.', { min: -8, max: 8 })],
  inferShapes({ in: x }, { dim }) {
    checkAxis(x, dim);
    return { out: x };
  },
  build({ dim }) {
    const module = new LogSoftmax(dim);
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ dim }) => ({ imports: { nn: ['LogSoftmax'] }, construct: `new LogSoftmax(${dim})`, call: (self, { in: x }) => `${self}.forward(${x})` }),
});
