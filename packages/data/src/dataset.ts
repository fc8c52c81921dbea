/** Per-example values, flattened: float features, or int32 class labels and token ids. */
export type ExampleArray = Float32Array | Int32Array;

/** What a dataset holds, without the values: enough to build a model's input and output layers. */
export interface DatasetInfo {
  readonly name: string;
  /** The shape of one example's input, e.g. [1, 28, 28] for an MNIST digit (NCHW without N). */
  readonly inputShape: readonly number[];
  /** The shape of one example's target: [] for a class label, [1] for one regression value. */
  readonly targetShape: readonly number[];
  /** Class names for classification (label i means classes[i]); absent for regression. */
  readonly classes?: readonly string[];
}

/**
 * Examples held on the host as two flat arrays, example after example. Batches become tensors only
 * when a training loop asks for them, so datasets need no backend.
 */
export interface Dataset extends DatasetInfo {
  readonly size: number;
  /** size × prod(inputShape) values. */
  readonly inputs: ExampleArray;
  /** size × prod(targetShape) values; int32 labels for classification. */
  readonly targets: ExampleArray;
}

export function elementsPerExample(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** Builds a dataset after checking that both arrays hold whole examples of the same count. */
export function createDataset(info: DatasetInfo, inputs: ExampleArray, targets: ExampleArray): Dataset {
  const inputSize = elementsPerExample(info.inputShape);
  const targetSize = elementsPerExample(info.targetShape);
  if (inputSize === 0 || inputs.length % inputSize !== 0)
    throw new Error(`${info.name}: ${inputs.length} input values are not whole examples of shape [${info.inputShape.join(', ')}]`);
  const size = inputs.length / inputSize;
  if (targets.length !== size * targetSize)
    throw new Error(
      `${info.name}: ${size} examples need ${size * targetSize} target values of shape [${info.targetShape.join(', ')}], got ${targets.length}`,
    );
  if (info.classes && !(targets instanceof Int32Array))
    throw new Error(`${info.name}: classification targets must be int32 labels`);
  return { ...info, size, inputs, targets };
}

/** Copies rows `indices` of a flat array of rows of `rowSize` values. */
export function gatherRows<T extends ExampleArray>(values: T, rowSize: number, indices: ArrayLike<number>): T {
  const out = new (values.constructor as { new (length: number): T })(indices.length * rowSize);
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i] * rowSize;
    out.set(values.subarray(start, start + rowSize), i * rowSize);
  }
  return out;
}

/** The examples at `indices`, in that order, as a new dataset. */
export function subset(dataset: Dataset, indices: ArrayLike<number>, name = dataset.name): Dataset {
  for (let i = 0; i < indices.length; i++)
    if (!Number.isInteger(indices[i]) || indices[i] < 0 || indices[i] >= dataset.size)
      throw new Error(`subset: index ${indices[i]} is out of range for ${dataset.name} (${dataset.size} examples)`);
  const inputs = gatherRows(dataset.inputs, elementsPerExample(dataset.inputShape), indices);
  const targets = gatherRows(dataset.targets, elementsPerExample(dataset.targetShape), indices);
  return createDataset({ ...infoOf(dataset), name }, inputs, targets);
}

/** The first `count` examples (all of them when there are fewer). */
export function take(dataset: Dataset, count: number): Dataset {
  const n = Math.min(count, dataset.size);
  return subset(dataset, Array.from({ length: n }, (_, i) => i));
}

/** The metadata of a dataset, without its values. */
export function infoOf(dataset: DatasetInfo): DatasetInfo {
  const { name, inputShape, targetShape, classes } = dataset;
  return classes ? { name, inputShape, targetShape, classes } : { name, inputShape, targetShape };
}
