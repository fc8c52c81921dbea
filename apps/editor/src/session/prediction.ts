import { fromArray, grad } from '@loom/graph';
import { normalizeSaliency, softmax } from '../inference/saliency.js';
import type { GraphModule } from '@loom/model';
import type { Prediction } from './protocol.js';

/**
 * The class probabilities for one [C, H, W] image and its saliency map: the gradient of the
 * predicted class's score (its logit) with respect to the input pixels, via @loom/graph's grad.
 */
export async function predictImage(
  module: GraphModule,
  image: Float32Array,
  inputShape: readonly number[],
  classes: readonly string[],
): Promise<Prediction> {
  const wasTraining = module.training;
  module.eval();
  try {
    const shape = [1, ...inputShape];
    const logits = module.forward(fromArray(image, shape));
    const scores = await logits.data();
    logits.dispose();
    const probabilities = softmax(scores);
    const predicted = probabilities.indexOf(Math.max(...probabilities));
    const [gradient] = await grad((x) =>
      module
        .forward(x)
        .slice([0, predicted], [1, predicted + 1])
        .sum(),
    )(fromArray(image, shape));
    const values = await gradient.data();
    gradient.dispose();
    const [channels, height, width] =
      inputShape.length === 3 ? inputShape : [1, inputShape[0], inputShape[1]];
    return {
      classes: [...classes],
      probabilities,
      predicted,
      saliency: normalizeSaliency(values, channels),
      width,
      height,
    };
  } finally {
    module.train(wasTraining);
  }
}
