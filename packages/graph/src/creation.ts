import { allocArray, dtypeOfArray, isDType, type DType, type TypedArray } from './dtype.js';
import { formatShape, sizeOf } from './shape.js';
import { Tensor, type NestedArray } from './tensor.js';
import { Random, nextSeed } from './random.js';

export interface TensorOptions {
  dtype?: DType;
  /** Required with a flat typed array of rank > 1; checked against nested arrays. */
  shape?: readonly number[];
  /** Makes this a leaf whose `.grad` `backward()` fills. */
  requiresGrad?: boolean;
}

/** A tensor whose values come from the host; uploaded to the backend on first use. */
export function fromArray(values: TypedArray, shape: readonly number[], requiresGrad = false): Tensor {
  if (values.length !== sizeOf(shape))
    throw new Error(`tensor: ${values.length} values do not fill shape ${formatShape(shape)}`);
  return new Tensor({ op: 'source', shape, dtype: dtypeOfArray(values), pending: values, requiresGrad });
}

/**
 * Creates a tensor from nested arrays, a number, or a flat typed array:
 * `tensor([[1, 2], [3, 4]])`, `tensor(3)`, `tensor(new Int32Array(6), { shape: [2, 3] })`.
 * Float32 unless the values say otherwise (booleans, an Int32Array) or `dtype` is given.
 */
export function tensor(values: NestedArray | TypedArray, options: DType | TensorOptions = {}): Tensor {
  const opts: TensorOptions = typeof options === 'string' ? { dtype: options } : options;
  if (opts.dtype !== undefined && !isDType(opts.dtype))
    throw new Error(`tensor: unknown dtype "${String(opts.dtype)}" (use float32, int32 or bool)`);
  if (ArrayBuffer.isView(values)) {
    const shape = opts.shape ?? [values.length];
    const dtype = opts.dtype ?? dtypeOfArray(values);
    const data = allocArray(dtype, values.length);
    data.set(values);
    return fromArray(data, shape, opts.requiresGrad);
  }
  const shape = inferShape(values);
  if (opts.shape && sizeOf(opts.shape) !== sizeOf(shape))
    throw new Error(`tensor: values of shape ${formatShape(shape)} do not fit shape ${formatShape(opts.shape)}`);
  const flat: (number | boolean)[] = [];
  flatten(values, shape, 0, flat);
  const dtype = opts.dtype ?? (typeof flat[0] === 'boolean' ? 'bool' : 'float32');
  const data = allocArray(dtype, flat.length);
  for (let i = 0; i < flat.length; i++) data[i] = Number(flat[i]);
  return fromArray(data, opts.shape ?? shape, opts.requiresGrad);
}

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  return shape;
}

function flatten(values: NestedArray, shape: readonly number[], axis: number, out: (number | boolean)[]): void {
  if (axis === shape.length) {
    if (Array.isArray(values) || (typeof values !== 'number' && typeof values !== 'boolean'))
      throw new Error(`tensor: ragged nested array (expected shape ${formatShape(shape)})`);
    out.push(values);
    return;
  }
  if (!Array.isArray(values) || values.length !== shape[axis])
    throw new Error(`tensor: ragged nested array (expected shape ${formatShape(shape)})`);
  for (const v of values) flatten(v, shape, axis + 1, out);
}

/** A number written in user code, as a rank-0 tensor that fused kernels fold in as a constant. */
export function literal(value: number, dtype: DType): Tensor {
  const data = allocArray(dtype, 1);
  data[0] = value;
  return new Tensor({ op: 'source', shape: [], dtype, pending: data, literal: data[0] });
}

/** A rank-0 tensor. */
export function scalar(value: number, dtype: DType = 'float32'): Tensor {
  const data = allocArray(dtype, 1);
  data[0] = value;
  return fromArray(data, []);
}

export function full(shape: readonly number[], value: number, dtype: DType = 'float32'): Tensor {
  checkShape('full', shape);
  const data = allocArray(dtype, sizeOf(shape));
  data.fill(value);
  return fromArray(data, shape);
}

export const zeros = (shape: readonly number[], dtype: DType = 'float32') => full(shape, 0, dtype);
export const ones = (shape: readonly number[], dtype: DType = 'float32') => full(shape, 1, dtype);

export interface RandomOptions {
  /** Same seed, same values. Without one, the next seed of the global stream (see `manualSeed`). */
  seed?: number;
}

/** Uniform samples in [0, 1). */
export function rand(shape: readonly number[], { seed = nextSeed() }: RandomOptions = {}): Tensor {
  checkShape('rand', shape);
  return randomSource(shape, new Random(seed), (r) => r.next());
}

/** Standard normal samples. */
export function randn(shape: readonly number[], { seed = nextSeed() }: RandomOptions = {}): Tensor {
  checkShape('randn', shape);
  return randomSource(shape, new Random(seed), (r) => r.normal());
}

/**
 * A tensor of samples that can also draw fresh ones: a function `compile` traces replays with new
 * samples each call (dropout masks differ per step), continuing the same seeded stream.
 */
function randomSource(shape: readonly number[], random: Random, sample: (r: Random) => number): Tensor {
  const draw = () => {
    const data = new Float32Array(sizeOf(shape));
    for (let i = 0; i < data.length; i++) data[i] = sample(random);
    return data;
  };
  return new Tensor({ op: 'source', shape, dtype: 'float32', pending: draw(), resample: draw });
}

/** [start, stop) by step; int32 when every argument is an integer, like NumPy. */
export function arange(start: number, stop?: number, step = 1, dtype?: DType): Tensor {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  if (step === 0 || !Number.isFinite(step)) throw new Error(`arange: step must be a non-zero number, got ${step}`);
  const n = Math.max(0, Math.ceil((to - from) / step));
  const type = dtype ?? ([from, to, step].every(Number.isInteger) ? 'int32' : 'float32');
  const data = allocArray(type, n);
  for (let i = 0; i < n; i++) data[i] = from + i * step;
  return fromArray(data, [n]);
}

/** The n×m identity matrix (square when m is omitted). */
export function eye(n: number, m = n, dtype: DType = 'float32'): Tensor {
  checkShape('eye', [n, m]);
  const data = allocArray(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return fromArray(data, [n, m]);
}

function checkShape(op: string, shape: readonly number[]): void {
  if (!shape.every((d) => Number.isInteger(d) && d >= 0))
    throw new Error(`${op}: shape ${formatShape(shape)} must hold non-negative integers`);
}
