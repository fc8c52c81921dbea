import { tensor, type Tensor, type TypedArray } from '@loom/graph';
import * as tf from '@tensorflow/tfjs';
import type { FloatInput, InputSpec, OpCase } from './op-case.js';
import { hashString, makeRng, randomPermutation, type Rng } from './random.js';

/** Smallest gap between the values of a `distinct` input; keep it well above the finite-difference step. */
const MIN_DISTINCT_GAP = 0.05;

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

function floatValues(spec: FloatInput, rng: Rng): Float32Array {
  const n = sizeOf(spec.shape);
  const [lo, hi] = spec.range;
  const out = new Float32Array(n);
  if (spec.distinct) {
    const gap = n > 1 ? Math.max((hi - lo) / (n - 1), MIN_DISTINCT_GAP) : 0;
    const centre = (lo + hi) / 2;
    const perm = randomPermutation(rng, n);
    for (let i = 0; i < n; i++) out[i] = centre + (perm[i] - (n - 1) / 2) * gap;
    return out;
  }
  if (spec.grid) {
    const { step, offset } = spec.grid;
    const kLo = Math.ceil((lo - offset) / step);
    const kHi = Math.floor((hi - offset) / step);
    for (let i = 0; i < n; i++) out[i] = offset + step * (kLo + Math.floor(rng() * (kHi - kLo + 1)));
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rng();
  return out;
}

/** The values of one input, reproducible from `seed`. */
export function generateValues(spec: InputSpec, seed: number): TypedArray {
  const rng = makeRng(seed);
  const n = sizeOf(spec.shape);
  switch (spec.dtype) {
    case 'float32':
      return floatValues(spec, rng);
    case 'int32': {
      if (spec.values) {
        if (spec.values.length !== n) throw new Error(`int32 input: ${spec.values.length} values for ${n} elements`);
        return Int32Array.from(spec.values);
      }
      const [lo, hi] = spec.range;
      return Int32Array.from({ length: n }, () => lo + Math.floor(rng() * (hi - lo + 1)));
    }
    case 'bool':
      return Uint8Array.from({ length: n }, () => (rng() < 0.5 ? 1 : 0));
  }
}

/** The inputs of a case; the seed of input i is derived from the case name, so every backend sees the same values. */
export function caseInputs(c: OpCase): TypedArray[] {
  return c.inputs.map((spec, i) => generateValues(spec, hashString(`${c.name}#${i}`)));
}

/** A reproducible array of `n` values in [-1, 1), e.g. a probe direction or loss weights. */
export function probeValues(label: string, n: number): Float32Array {
  const rng = makeRng(hashString(label));
  return Float32Array.from({ length: n }, () => 2 * rng() - 1);
}

export function toLoom(spec: InputSpec, values: TypedArray): Tensor {
  return tensor(values, { dtype: spec.dtype, shape: [...spec.shape] });
}

export function toTfjs(spec: InputSpec, values: TypedArray): tf.Tensor {
  return tf.tensor(values, [...spec.shape], spec.dtype);
}
