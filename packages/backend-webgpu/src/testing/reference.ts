/** Float64 references the kernel tests compare against, and seeded test data. */

/** Uniform values in [-1, 1) from a small LCG, so every run sees the same data. */
export function seeded(n: number, seed: number): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  });
}

/** [batch, m, k] × [batch, k, n]. */
export function matmulRef(a: Float32Array, b: Float32Array, batch: number, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(batch * m * n);
  for (let z = 0; z < batch; z++)
    for (let i = 0; i < m; i++)
      for (let p = 0; p < k; p++) {
        const aip = a[(z * m + i) * k + p];
        for (let j = 0; j < n; j++) out[(z * m + i) * n + j] += aip * b[(z * k + p) * n + j];
      }
  return out;
}

/** Direct conv2d of x [N, C, H, W] with w [O, C, KH, KW], stride 1, symmetric padding `pad`. */
export function conv2dRef(x: Float32Array, xs: readonly number[], w: Float32Array, ws: readonly number[], pad: number): Float64Array {
  const [N, C, H, W] = xs;
  const [O, , KH, KW] = ws;
  const OH = H + 2 * pad - KH + 1;
  const OW = W + 2 * pad - KW + 1;
  const out = new Float64Array(N * O * OH * OW);
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++)
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++) {
          let sum = 0;
          for (let c = 0; c < C; c++)
            for (let kh = 0; kh < KH; kh++)
              for (let kw = 0; kw < KW; kw++) {
                const ih = oh - pad + kh;
                const iw = ow - pad + kw;
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                sum += x[((n * C + c) * H + ih) * W + iw] * w[((o * C + c) * KH + kh) * KW + kw];
              }
          out[((n * O + o) * OH + oh) * OW + ow] = sum;
        }
  return out;
}

/** The largest |got − want| / (atol + rtol·|want|): at most 1 when every element is close. */
export function worstExcess(got: ArrayLike<number>, want: ArrayLike<number>, rtol: number, atol: number): number {
  if (got.length !== want.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (atol + rtol * Math.abs(want[i])));
  return worst;
}
