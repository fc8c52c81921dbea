import { sizeOf, type AvgPool2dAttrs, type DType, type Pool2dAttrs } from '@loom/graph';
import { outputWriter } from '../codegen/output-writer.js';
import { ShaderBuilder } from '../codegen/shader-builder.js';
import { useMath } from '../codegen/wgsl-math.js';
import { wgslType } from '../codegen/wgsl-type.js';
import type { WebGpuKernelTable } from './kernel.js';

// Pools read windows of NCHW planes: forward passes run one invocation per output element,
// backward passes one per input pixel, summing over the windows that cover it, so no two
// invocations write the same element and no atomics are needed.

/**
 * Declares the window geometry as WGSL helpers: `window_rows(oh)` / `window_cols(ow)` give the real
 * (unpadded) span [begin, end) a window covers, `padded_count(oh, ow)` the span inside the padded
 * image, `windows_over(ih, size, stride, pad, k, outSize)` the range of windows covering a pixel.
 */
function declareWindows(b: ShaderBuilder, input: readonly number[], outShape: readonly number[], attrs: Pool2dAttrs) {
  const g = {
    H: b.i32(input[2]),
    W: b.i32(input[3]),
    OH: b.i32(outShape[2]),
    OW: b.i32(outShape[3]),
    KH: b.i32(attrs.kernelSize[0]),
    KW: b.i32(attrs.kernelSize[1]),
    SH: b.i32(attrs.stride[0]),
    SW: b.i32(attrs.stride[1]),
    PT: b.i32(attrs.padding[0]),
    PB: b.i32(attrs.padding[1]),
    PL: b.i32(attrs.padding[2]),
    PR: b.i32(attrs.padding[3]),
  };
  b.helper(
    'windows',
    `fn span(start: i32, size: i32, lo: i32, hi: i32) -> vec2<i32> {
  let begin = max(start, lo);
  return vec2<i32>(begin, max(begin, min(start + size, hi)));
}
fn window_rows(oh: i32) -> vec2<i32> { return span(oh * ${g.SH} - ${g.PT}, ${g.KH}, 0, ${g.H}); }
fn window_cols(ow: i32) -> vec2<i32> { return span(ow * ${g.SW} - ${g.PL}, ${g.KW}, 0, ${g.W}); }
fn padded_count(oh: i32, ow: i32) -> i32 {
  let r = span(oh * ${g.SH} - ${g.PT}, ${g.KH}, -${g.PT}, ${g.H} + ${g.PB});
  let c = span(ow * ${g.SW} - ${g.PL}, ${g.KW}, -${g.PL}, ${g.W} + ${g.PR});
  return (r.y - r.x) * (c.y - c.x);
}
// Windows o in [first, last] with o·stride − pad ≤ pixel < o·stride − pad + k.
fn windows_over(pixel: i32, stride: i32, pad: i32, k: i32, count: i32) -> vec2<i32> {
  let n = pixel + pad - k + 1;
  let first = select(0, (n + stride - 1) / stride, n > 0);
  return vec2<i32>(first, min(count - 1, (pixel + pad) / stride));
}`,
  );
  return g;
}

/** Declares `window_argmax(plane, oh, ow)`: the offset of the window's first maximum, or −1. */
function declareArgmax(b: ShaderBuilder, input: string, dtype: DType, W: string): void {
  const isNan = dtype === 'float32' ? useMath(b, 'loom_isnan') : undefined;
  const better = isNan ? `v > best_value || (${isNan}(v) && !${isNan}(best_value))` : 'v > best_value';
  b.helper(
    'window_argmax',
    `fn window_argmax(plane: i32, oh: i32, ow: i32) -> i32 {
  let rows = window_rows(oh);
  let cols = window_cols(ow);
  var best = -1;
  var best_value = ${wgslType(dtype)}();
  for (var ih = rows.x; ih < rows.y; ih = ih + 1) {
    for (var iw = cols.x; iw < cols.y; iw = iw + 1) {
      let at = plane + ih * ${W} + iw;
      let v = ${input}[at];
      if (best < 0 || ${better}) { best = at; best_value = v; }
    }
  }
  return best;
}`,
  );
}

const OUTPUT_POSITION = (OH: string, OW: string) => [
  `  let ow = i32(i % u32(${OW}));`,
  `  let oh = i32((i / u32(${OW})) % u32(${OH}));`,
  `  let plane_index = i32(i / (u32(${OH}) * u32(${OW})));`,
];

const INPUT_POSITION = (H: string, W: string) => [
  `  let iw = i32(i % u32(${W}));`,
  `  let ih = i32((i / u32(${W})) % u32(${H}));`,
  `  let plane_index = i32(i / (u32(${H}) * u32(${W})));`,
];

/** An all-padding window has no maximum: −∞ (0 for integers), as on the CPU. */
const maxPool2d: WebGpuKernelTable['maxPool2d'] = ({ inputs: [x], output, attrs, epilogue }) => {
  const b = new ShaderBuilder();
  const input = b.input(0, x.dtype);
  const store = outputWriter(b, output, epilogue);
  const g = declareWindows(b, x.shape, output.shape, attrs);
  declareArgmax(b, input, x.dtype, g.W);
  const empty = x.dtype === 'float32' ? `-${useMath(b, 'loom_inf')}()` : `${wgslType(x.dtype)}()`;
  const body = [
    ...OUTPUT_POSITION(g.OH, g.OW),
    `  let best = window_argmax(plane_index * ${g.H} * ${g.W}, oh, ow);`,
    `  var v = ${empty};`,
    `  if (best >= 0) { v = ${input}[best]; }`,
    `  ${store('i', 'v')}`,
  ];
  return [b.buildElementwise(sizeOf(output.shape), body.join('\n'))];
};

/** dx: each window's dy goes to its first maximum; overlapping windows add up. */
const maxPool2dGrad: WebGpuKernelTable['maxPool2dGrad'] = ({ inputs: [x, dy], output, attrs, epilogue }) => {
  const b = new ShaderBuilder();
  const [input, grad] = [b.input(0, x.dtype), b.input(1, dy.dtype)];
  const store = outputWriter(b, output, epilogue);
  const g = declareWindows(b, x.shape, dy.shape, attrs);
  declareArgmax(b, input, x.dtype, g.W);
  const body = [
    ...INPUT_POSITION(g.H, g.W),
    `  let plane = plane_index * ${g.H} * ${g.W};`,
    '  let here = plane + ih * ' + g.W + ' + iw;',
    `  let rows = windows_over(ih, ${g.SH}, ${g.PT}, ${g.KH}, ${g.OH});`,
    `  let cols = windows_over(iw, ${g.SW}, ${g.PL}, ${g.KW}, ${g.OW});`,
    `  var acc = ${wgslType(output.dtype)}();`,
    '  for (var oh = rows.x; oh <= rows.y; oh = oh + 1) {',
    '    for (var ow = cols.x; ow <= cols.y; ow = ow + 1) {',
    `      if (window_argmax(plane, oh, ow) == here) { acc = acc + ${grad}[(plane_index * ${g.OH} + oh) * ${g.OW} + ow]; }`,
    '    }',
    '  }',
    `  ${store('i', 'acc')}`,
  ];
  return [b.buildElementwise(sizeOf(output.shape), body.join('\n'))];
};

/** How many positions a window averages over (at least 1, so an empty window gives 0). */
function declareDivisor(b: ShaderBuilder, { countIncludePad }: AvgPool2dAttrs): void {
  const count = countIncludePad
    ? 'padded_count(oh, ow)'
    : '(window_rows(oh).y - window_rows(oh).x) * (window_cols(ow).y - window_cols(ow).x)';
  b.helper('divisor', `fn divisor(oh: i32, ow: i32) -> f32 { return f32(max(1, ${count})); }`);
}

const avgPool2d: WebGpuKernelTable['avgPool2d'] = ({ inputs: [x], output, attrs, epilogue }) => {
  const b = new ShaderBuilder();
  const input = b.input(0, x.dtype);
  const store = outputWriter(b, output, epilogue);
  const g = declareWindows(b, x.shape, output.shape, attrs);
  declareDivisor(b, attrs);
  const T = wgslType(output.dtype);
  const body = [
    ...OUTPUT_POSITION(g.OH, g.OW),
    `  let plane = plane_index * ${g.H} * ${g.W};`,
    '  let rows = window_rows(oh);',
    '  let cols = window_cols(ow);',
    '  var sum = 0.0;',
    '  for (var ih = rows.x; ih < rows.y; ih = ih + 1) {',
    `    for (var iw = cols.x; iw < cols.y; iw = iw + 1) { sum = sum + f32(${input}[plane + ih * ${g.W} + iw]); }`,
    '  }',
    `  ${store('i', `${T}(sum / divisor(oh, ow))`)}`,
  ];
  return [b.buildElementwise(sizeOf(output.shape), body.join('\n'))];
};

/** dx: each window spreads dy / divisor over the real pixels it averaged. */
const avgPool2dGrad: WebGpuKernelTable['avgPool2dGrad'] = ({ inputs: [dy], output, attrs, epilogue }) => {
  const b = new ShaderBuilder();
  const grad = b.input(0, dy.dtype);
  const store = outputWriter(b, output, epilogue);
  const g = declareWindows(b, attrs.inputShape, dy.shape, attrs);
  declareDivisor(b, attrs);
  const body = [
    ...INPUT_POSITION(g.H, g.W),
    `  let rows = windows_over(ih, ${g.SH}, ${g.PT}, ${g.KH}, ${g.OH});`,
    `  let cols = windows_over(iw, ${g.SW}, ${g.PL}, ${g.KW}, ${g.OW});`,
    '  var acc = 0.0;',
    '  for (var oh = rows.x; oh <= rows.y; oh = oh + 1) {',
    '    for (var ow = cols.x; ow <= cols.y; ow = ow + 1) {',
    `      acc = acc + f32(${grad}[(plane_index * ${g.OH} + oh) * ${g.OW} + ow]) / divisor(oh, ow);`,
    '    }',
    '  }',
    `  ${store('i', `${wgslType(output.dtype)}(acc)`)}`,
  ];
  return [b.buildElementwise(sizeOf(output.shape), body.join('\n'))];
};

export const pool2dKernels: Pick<WebGpuKernelTable, 'maxPool2d' | 'maxPool2dGrad' | 'avgPool2d' | 'avgPool2dGrad'> = {
  maxPool2d,
  maxPool2dGrad,
  avgPool2d,
  avgPool2dGrad,
};
