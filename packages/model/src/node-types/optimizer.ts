import { Adam, AdamW, RMSprop, SGD, type Module, type Optimizer } from '@loom/nn';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';

const kinds = ['sgd', 'adam', 'adamw', 'rmsprop'] as const;

interface OptimizerParams {
  kind: (typeof kinds)[number];
  lr: number;
  momentum: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** The nn optimizer an optimizer node describes, over `module`'s parameters. */
export function createOptimizer({ kind, lr, momentum, weightDecay, beta1, beta2, eps }: OptimizerParams, module: Module): Optimizer {
  switch (kind) {
    case 'sgd':
      return new SGD(module, { lr, momentum, weightDecay });
    case 'adam':
      return new Adam(module, { lr, betas: [beta1, beta2], eps, weightDecay });
    case 'adamw':
      return new AdamW(module, { lr, betas: [beta1, beta2], eps, weightDecay });
    case 'rmsprop':
      return new RMSprop(module, { lr, momentum, eps, weightDecay });
  }
}

function optimizerCode({ kind, lr, momentum, weightDecay, beta1, beta2, eps }: OptimizerParams): string {
  switch (kind) {
    case 'sgd':
      return `new SGD(model, { lr: ${lr}, momentum: ${momentum}, weightDecay: ${weightDecay} })`;
    case 'adam':
    case 'adamw':
      return `new ${kind === 'adam' ? 'Adam' : 'AdamW'}(model, { lr: ${lr}, betas: [${beta1}, ${beta2}], eps: ${eps}, weightDecay: ${weightDecay} })`;
    case 'rmsprop':
      return `new RMSprop(model, { lr: ${lr}, momentum: ${momentum}, eps: ${eps}, weightDecay: ${weightDecay} })`;
  }
}

const classNames = { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW', rmsprop: 'RMSprop' } as const;

/** How the loss is minimised: the optimizer and its hyperparameters. */
export const optimizerNode = defineNodeType({
  type: 'optimizer',
  category: 'optimizer',
  title: 'Optimizer',
  description: 'Minimises the loss wired into it by updating every trainable parameter of the model.',
  inputs: [{ name: 'loss', title: 'Loss', dtype: 'float32', rank: [0] }],
  outputs: [],
  params: [
    param.choice('kind', kinds, 'adam', 'The update rule.'),
    param.float('lr', 0.001, 'Learning rate.', { min: 0, max: 10, title: 'Learning rate' }),
    param.float('momentum', 0, 'Momentum (sgd, rmsprop).', { min: 0, max: 1, appliesWhen: { param: 'kind', oneOf: ['sgd', 'rmsprop'] } }),
    param.float('weightDecay', 0, 'L2 penalty (decoupled for adamw).', { min: 0 }),
    param.float('beta1', 0.9, 'Decay of the first-moment average (adam, adamw).', { min: 0, max: 1, appliesWhen: { param: 'kind', oneOf: ['adam', 'adamw'] } }),
    param.float('beta2', 0.999, 'Decay of the second-moment average (adam, adamw).', { min: 0, max: 1, appliesWhen: { param: 'kind', oneOf: ['adam', 'adamw'] } }),
    param.float('eps', 1e-8, 'Added to denominators for stability (adam, adamw, rmsprop).', { min: 0, appliesWhen: { param: 'kind', oneOf: ['adam', 'adamw', 'rmsprop'] } }),
  ],
  inferShapes: () => ({}),
  createOptimizer,
  code: (p) => ({ imports: { nn: [classNames[p.kind]] }, call: () => optimizerCode(p) }),
});
