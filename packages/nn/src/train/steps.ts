import { assign, compile, formatShape, noGrad, type Tensor } from '@loom/graph';
import type { LayerModule } from '../core/module.js';
import type { Optimizer } from '../optim/optimizer.js';
import { stepMetrics } from './metrics.js';

/** A loss from a model's output and the batch targets, reduced to a scalar. */
export type LossFunction = (output: Tensor, target: Tensor) => Tensor;

function checkLoss(loss: Tensor): void {
  if (loss.size !== 1) throw new Error(`fit: the loss function must return a scalar, got shape ${formatShape(loss.shape)}`);
}

/**
 * One training step — forward, loss, backward, optimizer update, buffer updates — compiled into a
 * single program replayed for every batch of the same shape. Returns [loss, correct] per batch.
 * The model must be in training mode whenever this is first called for a new batch shape.
 */
export function compileTrainStep(model: LayerModule, lossFn: LossFunction, optimizer: Optimizer): (inputs: Tensor, targets: Tensor) => Promise<Tensor> {
  return compile(async (inputs: Tensor, targets: Tensor) => {
    try {
      const output = model.forward(inputs);
      const loss = lossFn(output, targets);
      checkLoss(loss);
      loss.backward();
      await assign([...optimizer.updates(), ...model.takeBufferUpdates()]);
      return noGrad(() => stepMetrics(output, targets, loss));
    } finally {
      // The traced gradients belong to this program only.
      optimizer.zeroGrad();
      model.zeroGrad();
    }
  });
}

/** A compiled evaluation pass over one batch: [loss · batch examples, correct]. Use in eval mode. */
export function compileEvalStep(model: LayerModule, lossFn: LossFunction): (inputs: Tensor, targets: Tensor) => Promise<Tensor> {
  return compile((inputs: Tensor, targets: Tensor) =>
    noGrad(() => {
      const output = model.forward(inputs);
      const loss = lossFn(output, targets);
      checkLoss(loss);
      return stepMetrics(output, targets, loss);
    }),
  );
}

/** A compiled forward pass without gradients. */
export function compileForward(model: LayerModule): (inputs: Tensor) => Promise<Tensor> {
  return compile((inputs: Tensor) => noGrad(() => model.forward(inputs)));
}
