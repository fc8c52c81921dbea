/** matmul (1-D, 2-D, batched, broadcast), conv2d (stride, padding, 'same', dilation, groups), pools. */
import { accumulationTol, f32, f32Distinct, fmt, type OpCase } from '../op-case.js';
import { pick, randInt, randomShape, rngFor } from '../random.js';
import {
  avgPool2dRef,
  conv2dRef,
  maxPool2dRef,
  npMatmul,
  type Conv2dRefOptions,
  type Pool2dRefOptions,
} from '../tfjs-oracles.js';

const rng = rngFor('linalg');

/** Inputs in [-2, 2]: products are at most 4 in size. */
const PRODUCT_MAGNITUDE = 4;

function matmulCase(what: string, a: readonly number[], b: readonly number[]): OpCase {
  const k = a[a.length - 1];
  return {
    name: `matmul ${what}: ${fmt(a)} @ ${fmt(b)}`,
    inputs: [f32(a), f32(b)],
    loom: (x, y) => x.matmul(y),
    tfjs: (x, y) => npMatmul(x, y),
    differentiable: true,
    tol: accumulationTol(k, PRODUCT_MAGNITUDE),
  };
}

function matmulCases(): OpCase[] {
  const [m, k, n] = [randInt(rng, 1, 7), randInt(rng, 1, 9), randInt(rng, 1, 7)];
  const b = randInt(rng, 2, 3);
  const batch = randomShape(rng, 1, 2, 3);
  return [
    matmulCase('of random 2-D shapes', [m, k], [k, n]),
    matmulCase('of two vectors is their dot product', [k], [k]),
    matmulCase('of a vector by a matrix', [k], [k, n]),
    matmulCase('of a matrix by a vector', [m, k], [k]),
    matmulCase('of batched matrices', [b, m, k], [b, k, n]),
    matmulCase('broadcasts batch dims', [2, 1, m, k], [3, k, n]),
    matmulCase('broadcasts a matrix against a batch', [m, k], [...batch, k, n]),
    matmulCase('broadcasts a vector against a batch', [k], [...batch, k, n]),
    matmulCase('of a batch by a vector', [...batch, m, k], [k]),
    matmulCase('with size-1 dims', [1, k], [k, 1]),
    matmulCase('with a larger inner dim', [4, 64], [64, 5]),
  ];
}

interface ConvConfig extends Conv2dRefOptions {
  x: readonly number[];
  w: readonly number[];
}

function describeConv(c: ConvConfig): string {
  const opts = (['stride', 'padding', 'dilation', 'groups'] as const)
    .filter((key) => c[key] !== undefined)
    .map((key) => `${key} ${JSON.stringify(c[key])}`);
  return `x ${fmt(c.x)}, w ${fmt(c.w)}${opts.length ? `, ${opts.join(', ')}` : ''}`;
}

function convCase(what: string, c: ConvConfig): OpCase {
  const { x, w, ...options } = c;
  const terms = w[1] * w[2] * w[3];
  const dilated = typeof c.dilation === 'number' ? c.dilation > 1 : c.dilation !== undefined && c.dilation.some((d) => d > 1);
  return {
    name: `conv2d ${what} (${describeConv(c)})`,
    inputs: [f32(x), f32(w)],
    loom: (xs, ws) => xs.conv2d(ws, options),
    tfjs: (xs, ws) => conv2dRef(xs, ws, options),
    differentiable: true,
    noTfjsGrad: dilated ? 'tfjs has no gradient for dilated conv2d' : undefined,
    tol: accumulationTol(terms, PRODUCT_MAGNITUDE),
  };
}

/** A random valid conv: groups divide channels, the (padded) input fits the kernel. */
function randomConv(): ConvConfig {
  const groups = pick(rng, [1, 1, 2]);
  const cin = groups * randInt(rng, 1, 2);
  const cout = groups * randInt(rng, 1, 3);
  const kh = randInt(rng, 1, 3);
  const kw = randInt(rng, 1, 3);
  const stride = randInt(rng, 1, 2);
  const padding = randInt(rng, 0, 1);
  const h = randInt(rng, kh, 7);
  const w = randInt(rng, kw, 7);
  return { x: [randInt(rng, 1, 2), cin, h, w], w: [cout, cin / groups, kh, kw], stride, padding, groups };
}

function convCases(): OpCase[] {
  return [
    convCase('with a 3×3 kernel and no padding', { x: [2, 3, 6, 6], w: [4, 3, 3, 3] }),
    convCase('with stride 2 and padding 1', { x: [1, 2, 7, 7], w: [3, 2, 3, 3], stride: 2, padding: 1 }),
    convCase('with per-axis stride and padding', { x: [1, 2, 6, 7], w: [2, 2, 2, 3], stride: [2, 1], padding: [1, 2] }),
    convCase("with 'same' padding and an even kernel pads bottom/right", { x: [1, 2, 5, 5], w: [2, 2, 2, 2], padding: 'same' }),
    convCase("with 'same' padding and stride 2", { x: [1, 2, 7, 8], w: [3, 2, 3, 3], stride: 2, padding: 'same' }),
    convCase("with 'valid' padding", { x: [1, 1, 5, 4], w: [2, 1, 3, 2], padding: 'valid' }),
    convCase('with dilation 2', { x: [1, 2, 7, 7], w: [2, 2, 3, 3], dilation: 2 }),
    convCase("with dilation 2 and 'same' padding", { x: [1, 1, 6, 6], w: [1, 1, 3, 3], dilation: 2, padding: 'same' }),
    convCase('with groups 2', { x: [1, 4, 5, 5], w: [6, 2, 3, 3], groups: 2, padding: 1 }),
    convCase('depthwise (groups = channels, multiplier 2)', { x: [2, 3, 5, 5], w: [6, 1, 3, 3], groups: 3 }),
    convCase('with a 1×1 kernel', { x: [2, 4, 3, 3], w: [5, 4, 1, 1] }),
    convCase('with random config 1', randomConv()),
    convCase('with random config 2', randomConv()),
    convCase('with random config 3', randomConv()),
  ];
}

function describePool(o: Pool2dRefOptions): string {
  return Object.entries(o)
    .map(([key, value]) => `${key} ${JSON.stringify(value)}`)
    .join(', ');
}

function maxPoolCase(what: string, shape: readonly number[], options: Pool2dRefOptions): OpCase {
  return {
    name: `maxPool2d ${what} (x ${fmt(shape)}, ${describePool(options)})`,
    inputs: [f32Distinct(shape)],
    loom: (x) => x.maxPool2d(options),
    tfjs: (x) => maxPool2dRef(x, options),
    differentiable: true,
  };
}

function avgPoolCase(what: string, shape: readonly number[], options: Pool2dRefOptions): OpCase {
  return {
    name: `avgPool2d ${what} (x ${fmt(shape)}, ${describePool(options)})`,
    inputs: [f32(shape)],
    loom: (x) => x.avgPool2d(options),
    tfjs: (x) => avgPool2dRef(x, options),
    differentiable: true,
  };
}

function randomPool(): { shape: number[]; options: Pool2dRefOptions } {
  const k = randInt(rng, 2, 3);
  const stride = randInt(rng, 1, k);
  const padding = randInt(rng, 0, Math.floor(k / 2));
  const shape = [randInt(rng, 1, 2), randInt(rng, 1, 3), randInt(rng, k, 7), randInt(rng, k, 7)];
  return { shape, options: { kernelSize: k, stride, padding } };
}

function poolCases(): OpCase[] {
  const r1 = randomPool();
  const r2 = randomPool();
  return [
    maxPoolCase('with stride defaulting to the kernel size', [1, 2, 6, 6], { kernelSize: 2 }),
    maxPoolCase('with stride 2 and padding 1', [2, 2, 7, 7], { kernelSize: 3, stride: 2, padding: 1 }),
    maxPoolCase('with per-axis kernel and stride', [1, 1, 6, 7], { kernelSize: [2, 3], stride: [1, 2] }),
    maxPoolCase('with a random config', r1.shape, r1.options),
    avgPoolCase('with stride defaulting to the kernel size', [1, 3, 6, 6], { kernelSize: 2 }),
    avgPoolCase('counts padding in the divisor by default', [2, 2, 7, 7], { kernelSize: 3, stride: 2, padding: 1 }),
    avgPoolCase('with countIncludePad false', [2, 2, 7, 7], { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }),
    avgPoolCase('with overlapping windows and countIncludePad false', [1, 1, 5, 6], { kernelSize: 3, stride: 1, padding: 1, countIncludePad: false }),
    avgPoolCase('with a random config', r2.shape, r2.options),
  ];
}

export const linalgCases: OpCase[] = [...matmulCases(), ...convCases(), ...poolCases()];
