import { noGrad, type Tensor } from '@loom/graph';
import type { LayerModule } from '@loom/nn';

/** The logits a sequence model gives after the last token of `context` ([1, time] ids), in eval mode. */
export async function lastPositionLogits(model: LayerModule, context: Tensor): Promise<Float32Array> {
  const wasTraining = model.training;
  model.eval();
  try {
    const logits = noGrad(() => model.forward(context));
    const [, time, vocabulary] = logits.shape;
    const last = await logits.slice([0, time - 1], [1, time]).reshape([vocabulary]).data();
    return Float32Array.from(last);
  } finally {
    model.train(wasTraining);
  }
}
