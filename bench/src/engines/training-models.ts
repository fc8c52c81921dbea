import { seededFloats } from '../seeded.js';

/** The two models of the training benchmark. */
export type TrainingModel = 'mlp' | 'cnn';

export interface LayerShape {
  /** MLP and dense: [in, out]; conv: [out, in, kH, kW] (OIHW). */
  weight: number[];
  bias: number;
}

/** Layer shapes: MLP 784-128-64-10; CNN conv(1→32) → pool → conv(32→64) → pool → dense(1600→10). */
export function layerShapes(model: TrainingModel): LayerShape[] {
  if (model === 'mlp') {
    return [
      { weight: [784, 128], bias: 128 },
      { weight: [128, 64], bias: 64 },
      { weight: [64, 10], bias: 10 },
    ];
  }
  return [
    { weight: [32, 1, 3, 3], bias: 32 },
    { weight: [64, 32, 3, 3], bias: 64 },
    { weight: [64 * 5 * 5, 10], bias: 10 },
  ];
}

/** A batch of 28×28 images with pixels in [0, 1) (MNIST-like), the same for every engine. */
export function seededBatch(_model: TrainingModel, batch: number): Float32Array {
  return seededFloats(batch * 784, 7).map((v) => (v + 1) / 2);
}

/** One-hot labels 0, 1, …, 9, 0, … */
export function oneHotLabels(batch: number): Float32Array {
  const labels = new Float32Array(batch * 10);
  for (let i = 0; i < batch; i++) labels[i * 10 + (i % 10)] = 1;
  return labels;
}

/** OIHW → HWIO (tfjs filters). */
export function toHwio(w: Float32Array, [o, i, kh, kw]: readonly number[]): Float32Array {
  const out = new Float32Array(w.length);
  for (let a = 0; a < o; a++)
    for (let b = 0; b < i; b++)
      for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) out[((y * kw + x) * i + b) * o + a] = w[((a * i + b) * kh + y) * kw + x];
  return out;
}

/**
 * The dense layer's rows reordered from NCHW flattening (c, h, w) to NHWC flattening (h, w, c),
 * so an NHWC engine computes the same function as the NCHW ones.
 */
export function denseRowsForNhwc(w: Float32Array, channels: number, plane: number, out: number): Float32Array {
  const result = new Float32Array(w.length);
  for (let c = 0; c < channels; c++)
    for (let p = 0; p < plane; p++) result.set(w.subarray((c * plane + p) * out, (c * plane + p + 1) * out), (p * channels + c) * out);
  return result;
}
