// The flat padded layout the direct conv kernels work on (see conv-direct-module.ts): each input
// plane padded into rows of `paddedW` pixels, output position p = oh·paddedW + ow, so tap
// (kh, kw) of every position reads the input at the constant offset kh·dH·paddedW + kw·dW.

/** One stride-1 conv on flat padded planes: which pads, what it reads and writes. */
export interface FlatConv {
  inChannels: number;
  height: number;
  width: number;
  /** top, bottom, left, right */
  pads: readonly [number, number, number, number];
  dilationH: number;
  outChannels: number;
  outH: number;
  outW: number;
}

export interface FlatLayout {
  paddedH: number;
  paddedW: number;
  planeFloats: number;
  /** Flat output positions per plane, rounded up to whole tiles. */
  positions: number;
  /** Floats of the padded input block, slack for the garbage columns' reads included. */
  inputFloats: number;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/** Where the padded planes, flat positions and garbage columns of `conv` fall. */
export function flatLayout(
  conv: FlatConv,
  kernelH: number,
  kernelW: number,
  dilationW: number,
  tile: number,
): FlatLayout {
  const [top, bottom, left, right] = conv.pads;
  const paddedH = conv.height + top + bottom;
  // A row's right padding doubles as the next row's left padding (both zeros), so rows need
  // only the wider of the two: fewer garbage columns in the flat output. The plane gets the
  // last row's right padding as a tail. (Not when padding outreaches the kernel: then outputs
  // would be wider than such a row.)
  const shared = Math.min(left, right) <= (kernelW - 1) * dilationW;
  const paddedW = conv.width + (shared ? Math.max(left, right) : left + right);
  const planeFloats = paddedH * paddedW + left + right;
  const positions = roundUp(conv.outH * paddedW, tile);
  const lastRead =
    positions - 1 + (kernelH - 1) * conv.dilationH * paddedW + (kernelW - 1) * dilationW;
  return {
    paddedH,
    paddedW,
    planeFloats,
    positions,
    inputFloats: (conv.inChannels - 1) * planeFloats + Math.max(planeFloats, lastRead + 1),
  };
}
