import { rand, randn, type Tensor } from '@loom/graph';

/**
 * Seeded initialisers (PyTorch's torch.nn.init, as functions returning new tensors). Without a
 * `seed`, each draws the next seed of graph's global stream, so `manualSeed(n)` before building a
 * model makes its initial weights reproducible.
 */

export type Nonlinearity = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu';

export interface SeedOption {
  seed?: number;
}

/** The recommended gain for an activation (torch.nn.init.calculate_gain). */
export function calculateGain(nonlinearity: Nonlinearity, negativeSlope = 0.01): number {
  switch (nonlinearity) {
    case 'linear':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu':
      return Math.sqrt(2 / (1 + negativeSlope ** 2));
  }
}

/**
 * Fan-in and fan-out of a weight: [out, in] for Linear, [out, in/groups, kH, kW] for Conv2d (the
 * kernel's area multiplies both), as PyTorch computes them.
 */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) throw new Error(`fans: a weight of shape [${shape.join(', ')}] has no fan-in and fan-out (needs rank ≥ 2)`);
  const receptive = shape.slice(2).reduce((n, d) => n * d, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

/** Uniform samples in [low, high). */
export function uniform(shape: readonly number[], low: number, high: number, { seed }: SeedOption = {}): Tensor {
  return rand(shape, { seed }).mul(high - low).add(low);
}

/** Normal samples with the given mean and standard deviation. */
export function normal(shape: readonly number[], { mean = 0, std = 1, seed }: SeedOption & { mean?: number; std?: number } = {}): Tensor {
  return randn(shape, { seed }).mul(std).add(mean);
}

export interface KaimingOptions extends SeedOption {
  /** Preserve the variance of activations ('fanIn', the default) or of gradients ('fanOut'). */
  mode?: 'fanIn' | 'fanOut';
  nonlinearity?: Nonlinearity;
  /** The negative slope for 'leakyRelu'. */
  a?: number;
}

/** He initialisation, uniform: bound = gain · √(3 / fan). */
export function kaimingUniform(shape: readonly number[], { mode = 'fanIn', nonlinearity = 'leakyRelu', a = 0, seed }: KaimingOptions = {}): Tensor {
  const bound = calculateGain(nonlinearity, a) * Math.sqrt(3 / fans(shape)[mode]);
  return uniform(shape, -bound, bound, { seed });
}

/** He initialisation, normal: std = gain / √fan. */
export function kaimingNormal(shape: readonly number[], { mode = 'fanIn', nonlinearity = 'leakyRelu', a = 0, seed }: KaimingOptions = {}): Tensor {
  return normal(shape, { std: calculateGain(nonlinearity, a) / Math.sqrt(fans(shape)[mode]), seed });
}

export interface XavierOptions extends SeedOption {
  gain?: number;
}

/** Glorot initialisation, uniform: bound = gain · √(6 / (fanIn + fanOut)). */
export function xavierUniform(shape: readonly number[], { gain = 1, seed }: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(shape);
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform(shape, -bound, bound, { seed });
}

/** Glorot initialisation, normal: std = gain · √(2 / (fanIn + fanOut)). */
export function xavierNormal(shape: readonly number[], { gain = 1, seed }: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(shape);
  return normal(shape, { std: gain * Math.sqrt(2 / (fanIn + fanOut)), seed });
}

/**
 * PyTorch's default for Linear and Conv2d weights: kaimingUniform with a = √5, which works out to
 * uniform(±1/√fanIn); biases use the same bound.
 */
export function defaultWeight(shape: readonly number[], seed?: number): Tensor {
  return kaimingUniform(shape, { a: Math.sqrt(5), seed });
}

export function defaultBias(size: number, fanIn: number, seed?: number): Tensor {
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  return uniform([size], -bound, bound, { seed });
}

/** A derived seed for the n-th tensor of a layer given one seed (undefined stays undefined). */
export function seedFor(seed: number | undefined, n: number): number | undefined {
  return seed === undefined ? undefined : (seed * 7919 + n * 104729) >>> 0;
}
