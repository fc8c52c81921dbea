import type { Conv2dAttrs } from '@loom/graph';
import { outputWriter } from '../codegen/output-writer.js';
import { ShaderBuilder } from '../codegen/shader-builder.js';
import { wgslType } from '../codegen/wgsl-type.js';
import { gemmDispatch } from './gemm.js';
import type { KernelArg, KernelEpilogue, WebGpuKernel, WebGpuKernelTable } from './kernel.js';

// conv2d and its two backward passes as implicit GEMMs, one batch entry per group (z), reading
// the input through the convolution's geometry instead of materializing im2col:
//   forward      y[n, o, oh, ow]  rows o (in group), cols (n, oh, ow), k (c, kh, kw)
//   input grad   dx[n, c, ih, iw] rows c (in group), cols (n, ih, iw), k (o, kh, kw)
//   filter grad  dw[o, c, kh, kw] rows o (in group), cols (c, kh, kw), k (n, oh, ow)

/** Geometry of x [N, C, H, W] ⋆ w [O, C/g, KH, KW] → y [N, O, OH, OW], as WGSL parameters. */
function geometry(b: ShaderBuilder, x: readonly number[], w: readonly number[], y: readonly number[], attrs: Conv2dAttrs) {
  const [, channels, height, width] = x;
  const [outChannels, groupChannels, kh, kw] = w;
  const groupOut = outChannels / attrs.groups;
  return {
    C: b.u32(channels),
    H: b.i32(height),
    W: b.i32(width),
    O: b.u32(outChannels),
    OH: b.u32(y[2]),
    OW: b.u32(y[3]),
    OHi: b.i32(y[2]),
    OWi: b.i32(y[3]),
    KH: b.u32(kh),
    KW: b.u32(kw),
    Cg: b.u32(groupChannels),
    Og: b.u32(groupOut),
    SH: b.i32(attrs.stride[0]),
    SW: b.i32(attrs.stride[1]),
    PT: b.i32(attrs.padding[0]),
    PL: b.i32(attrs.padding[2]),
    DH: b.i32(attrs.dilation[0]),
    DW: b.i32(attrs.dilation[1]),
    groupOut,
    groupChannels,
    taps: groupChannels * kh * kw,
  };
}

interface Pass {
  x: readonly number[];
  w: readonly number[];
  y: readonly number[];
  attrs: Conv2dAttrs;
  output: KernelArg;
  epilogue: KernelEpilogue | undefined;
  inputDTypes: readonly [KernelArg['dtype'], KernelArg['dtype']];
}

function forward({ x, w, y, attrs, output, epilogue, inputDTypes }: Pass) {
  const b = new ShaderBuilder();
  const T = wgslType(output.dtype);
  const [xs, ws] = [b.input(0, inputDTypes[0]), b.input(1, inputDTypes[1])];
  const store = outputWriter(b, output, epilogue);
  const g = geometry(b, x, w, y, attrs);
  const plane = `${g.OH} * ${g.OW}`;
  return gemmDispatch(
    b,
    {
      batch: attrs.groups,
      m: g.groupOut,
      n: x[0] * y[2] * y[3],
      k: g.taps,
      dtype: output.dtype,
      loadA: `fn load_a(z: u32, row: u32, kk: u32) -> ${T} { return ${ws}[(z * ${g.Og} + row) * ${g.Cg} * ${g.KH} * ${g.KW} + kk]; }`,
      loadB: `fn load_b(z: u32, kk: u32, col: u32) -> ${T} {
  let c = kk / (${g.KH} * ${g.KW});
  let kh = i32((kk / ${g.KW}) % ${g.KH});
  let kw = i32(kk % ${g.KW});
  let img = col / (${plane});
  let oh = i32((col / ${g.OW}) % ${g.OH});
  let ow = i32(col % ${g.OW});
  let ih = oh * ${g.SH} - ${g.PT} + kh * ${g.DH};
  let iw = ow * ${g.SW} - ${g.PL} + kw * ${g.DW};
  if (ih < 0 || ih >= ${g.H} || iw < 0 || iw >= ${g.W}) { return ${T}(); }
  return ${xs}[((img * ${g.C} + z * ${g.Cg} + c) * u32(${g.H}) + u32(ih)) * u32(${g.W}) + u32(iw)];
}`,
      outIndex: `fn out_index(z: u32, row: u32, col: u32) -> u32 {
  let img = col / (${plane});
  return (img * ${g.O} + z * ${g.Og} + row) * ${plane} + col % (${plane});
}`,
    },
    store,
  );
}

function inputGrad({ x, w, y, attrs, output, epilogue, inputDTypes }: Pass) {
  const b = new ShaderBuilder();
  const T = wgslType(output.dtype);
  const [dys, ws] = [b.input(0, inputDTypes[0]), b.input(1, inputDTypes[1])];
  const store = outputWriter(b, output, epilogue);
  const g = geometry(b, x, w, y, attrs);
  const image = `u32(${g.H}) * u32(${g.W})`;
  return gemmDispatch(
    b,
    {
      batch: attrs.groups,
      m: g.groupChannels,
      n: x[0] * x[2] * x[3],
      k: g.groupOut * w[2] * w[3],
      dtype: output.dtype,
      loadA: `fn load_a(z: u32, row: u32, kk: u32) -> ${T} {
  let o = kk / (${g.KH} * ${g.KW});
  return ${ws}[((z * ${g.Og} + o) * ${g.Cg} + row) * ${g.KH} * ${g.KW} + kk % (${g.KH} * ${g.KW})];
}`,
      // dy[n, o, oh, ow] meets dx[n, c, ih, iw] when ih = oh·s − pad + kh·d for a whole oh in range.
      loadB: `fn load_b(z: u32, kk: u32, col: u32) -> ${T} {
  let o = kk / (${g.KH} * ${g.KW});
  let kh = i32((kk / ${g.KW}) % ${g.KH});
  let kw = i32(kk % ${g.KW});
  let img = col / (${image});
  let ih = i32((col / u32(${g.W})) % u32(${g.H}));
  let iw = i32(col % u32(${g.W}));
  let th = ih + ${g.PT} - kh * ${g.DH};
  let tw = iw + ${g.PL} - kw * ${g.DW};
  if (th < 0 || tw < 0 || th % ${g.SH} != 0 || tw % ${g.SW} != 0) { return ${T}(); }
  let oh = th / ${g.SH};
  let ow = tw / ${g.SW};
  if (oh >= ${g.OHi} || ow >= ${g.OWi}) { return ${T}(); }
  return ${dys}[((img * ${g.O} + z * ${g.Og} + o) * ${g.OH} + u32(oh)) * ${g.OW} + u32(ow)];
}`,
      outIndex: `fn out_index(z: u32, row: u32, col: u32) -> u32 {
  let img = col / (${image});
  return (img * ${g.C} + z * ${g.Cg} + row) * ${image} + col % (${image});
}`,
    },
    store,
  );
}

function filterGrad({ x, w, y, attrs, output, epilogue, inputDTypes }: Pass) {
  const b = new ShaderBuilder();
  const T = wgslType(output.dtype);
  const [xs, dys] = [b.input(0, inputDTypes[0]), b.input(1, inputDTypes[1])];
  const store = outputWriter(b, output, epilogue);
  const g = geometry(b, x, w, y, attrs);
  const plane = `${g.OH} * ${g.OW}`;
  return gemmDispatch(
    b,
    {
      batch: attrs.groups,
      m: g.groupOut,
      n: g.taps,
      k: x[0] * y[2] * y[3],
      dtype: output.dtype,
      loadA: `fn load_a(z: u32, row: u32, kk: u32) -> ${T} {
  let img = kk / (${plane});
  return ${dys}[(img * ${g.O} + z * ${g.Og} + row) * ${plane} + kk % (${plane})];
}`,
      loadB: `fn load_b(z: u32, kk: u32, col: u32) -> ${T} {
  let c = col / (${g.KH} * ${g.KW});
  let kh = i32((col / ${g.KW}) % ${g.KH});
  let kw = i32(col % ${g.KW});
  let img = kk / (${plane});
  let oh = i32((kk / ${g.OW}) % ${g.OH});
  let ow = i32(kk % ${g.OW});
  let ih = oh * ${g.SH} - ${g.PT} + kh * ${g.DH};
  let iw = ow * ${g.SW} - ${g.PL} + kw * ${g.DW};
  if (ih < 0 || ih >= ${g.H} || iw < 0 || iw >= ${g.W}) { return ${T}(); }
  return ${xs}[((img * ${g.C} + z * ${g.Cg} + c) * u32(${g.H}) + u32(ih)) * u32(${g.W}) + u32(iw)];
}`,
      outIndex: `fn out_index(z: u32, row: u32, col: u32) -> u32 { return (z * ${g.Og} + row) * ${g.Cg} * ${g.KH} * ${g.KW} + col; }`,
    },
    store,
  );
}

const isEmpty = (...shapes: (readonly number[])[]) => shapes.some((s) => s.some((d) => d === 0));

const conv2d: WebGpuKernel<'conv2d'> = ({ inputs: [x, w], output, attrs, epilogue }) =>
  isEmpty(output.shape)
    ? []
    : [forward({ x: x.shape, w: w.shape, y: output.shape, attrs, output, epilogue, inputDTypes: [x.dtype, w.dtype] })];

const conv2dInputGrad: WebGpuKernel<'conv2dInputGrad'> = ({ inputs: [dy, w], output, attrs, epilogue }) =>
  isEmpty(output.shape)
    ? []
    : [inputGrad({ x: attrs.inputShape, w: w.shape, y: dy.shape, attrs, output, epilogue, inputDTypes: [dy.dtype, w.dtype] })];

const conv2dFilterGrad: WebGpuKernel<'conv2dFilterGrad'> = ({ inputs: [x, dy], output, attrs, epilogue }) =>
  isEmpty(output.shape)
    ? []
    : [filterGrad({ x: x.shape, w: attrs.filterShape, y: dy.shape, attrs, output, epilogue, inputDTypes: [x.dtype, dy.dtype] })];

export const conv2dKernels: Pick<WebGpuKernelTable, 'conv2d' | 'conv2dInputGrad' | 'conv2dFilterGrad'> = {
  conv2d,
  conv2dInputGrad,
  conv2dFilterGrad,
};
