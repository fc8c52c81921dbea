/**
 * Counts of (true class, predicted class) pairs: `matrix[t][p]` examples of class t were predicted
 * as p. Labels or predictions outside [0, classes) are an error naming the example.
 */
export function confusionMatrix(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  classes: number,
): number[][] {
  if (labels.length !== predictions.length)
    throw new Error(
      `confusionMatrix: ${labels.length} labels but ${predictions.length} predictions`,
    );
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i];
    const p = predictions[i];
    if (
      !(t >= 0 && t < classes && p >= 0 && p < classes) ||
      !Number.isInteger(t) ||
      !Number.isInteger(p)
    )
      throw new Error(
        `confusionMatrix: example ${i} has label ${t} and prediction ${p}, outside 0..${classes - 1}`,
      );
    matrix[t][p]++;
  }
  return matrix;
}

/** The fraction of examples on the diagonal (0 for an empty matrix). */
export function matrixAccuracy(matrix: readonly (readonly number[])[]): number {
  let right = 0;
  let total = 0;
  matrix.forEach((row, t) => {
    for (const n of row) total += n;
    right += row[t] ?? 0;
  });
  return total === 0 ? 0 : right / total;
}

/** Per true class: the fraction predicted correctly (recall); NaN for a class with no examples. */
export function classRecalls(matrix: readonly (readonly number[])[]): number[] {
  return matrix.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? Number.NaN : row[t] / total;
  });
}

/** The index of the largest value in each row of a row-major [rows, width] array. */
export function argmaxRows(values: ArrayLike<number>, width: number): Int32Array {
  const rows = Math.floor(values.length / width);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (values[r * width + c] > values[r * width + best]) best = c;
    out[r] = best;
  }
  return out;
}
