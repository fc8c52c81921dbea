import { shapesEqual, stack, zeros, type Tensor } from '@loom/graph';

/** True when targets are int32 labels for scores [..., classes]: a classification output. */
export function isClassification(output: Tensor, targets: Tensor): boolean {
  return targets.dtype === 'int32' && output.rank === targets.rank + 1 && shapesEqual(output.shape.slice(0, -1), targets.shape);
}

/** How many argmax predictions equal their labels (a float32 scalar). */
export function correctCount(output: Tensor, labels: Tensor): Tensor {
  return output.argmax(-1).eq(labels).cast('float32').sum();
}

/** The fraction of argmax predictions that equal their labels. */
export function accuracy(output: Tensor, labels: Tensor): Tensor {
  return correctCount(output, labels).div(labels.size);
}

/** [loss, correct predictions] in one tensor, so a step's metrics come back in one read. */
export function stepMetrics(output: Tensor, targets: Tensor, loss: Tensor): Tensor {
  const correct = isClassification(output, targets) ? correctCount(output, targets) : zeros([]);
  return stack([loss.reshape([]), correct]);
}
