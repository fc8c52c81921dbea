import type { ShaderBuilder } from './shader-builder.js';

/**
 * WGSL helper functions that give the CPU reference backend's results where WGSL's built-ins do
 * not: WGSL leaves NaN handling, pow of negative bases, log/sqrt of non-positive values and f32→i32
 * overflow implementation-defined, its sin/cos are accurate only to ~2e-4 on SwiftShader, and it
 * has no erf. Non-finite values are made at run time from bit patterns held in a `var`: a constant
 * expression that is not finite does not compile.
 */
const helpers = {
  loom_isnan: {
    deps: [],
    code: `fn loom_isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }`,
  },
  loom_nan: {
    deps: [],
    code: `fn loom_nan() -> f32 { var bits = 0x7fc00000u; return bitcast<f32>(bits); }`,
  },
  loom_inf: {
    deps: [],
    code: `fn loom_inf() -> f32 { var bits = 0x7f800000u; return bitcast<f32>(bits); }`,
  },
  // NaN-propagating, like Math.max / Math.min.
  loom_max: {
    deps: ['loom_isnan'],
    code: `fn loom_max(a: f32, b: f32) -> f32 { return select(b, a, a >= b || loom_isnan(a)); }`,
  },
  loom_min: {
    deps: ['loom_isnan'],
    code: `fn loom_min(a: f32, b: f32) -> f32 { return select(b, a, a <= b || loom_isnan(a)); }`,
  },
  loom_log: {
    deps: ['loom_nan', 'loom_inf'],
    code: `fn loom_log(x: f32) -> f32 {
  if (x > 0.0) { return log(x); }
  if (x == 0.0) { return -loom_inf(); }
  return loom_nan();
}`,
  },
  loom_sqrt: {
    deps: ['loom_nan'],
    code: `fn loom_sqrt(x: f32) -> f32 { return select(loom_nan(), sqrt(x), x >= 0.0); }`,
  },
  loom_tanh: {
    deps: [],
    code: `fn loom_tanh(x: f32) -> f32 { return tanh(clamp(x, -15.0, 15.0)); }`,
  },
  // Cephes sinf/cosf: Cody–Waite reduction by π/4 in three parts, then minimax polynomials on
  // [-π/4, π/4]; accurate to about 1 ulp for |x| < 8192 (beyond, the built-ins).
  loom_sincos_poly: {
    deps: [],
    code: `fn loom_sin_poly(z: f32) -> f32 {
  let zz = z * z;
  return ((-1.9515295891e-4 * zz + 8.3321608736e-3) * zz - 1.6666654611e-1) * zz * z + z;
}
fn loom_cos_poly(z: f32) -> f32 {
  let zz = z * z;
  return ((2.443315711809948e-5 * zz - 1.388731625493765e-3) * zz + 4.166664568298827e-2) * zz * zz - 0.5 * zz + 1.0;
}
fn loom_reduce_quarter_pi(x: f32, j: u32) -> f32 {
  let y = f32(j);
  return ((x - y * 0.78515625) - y * 2.4187564849853515625e-4) - y * 3.77489497744594108e-8;
}`,
  },
  loom_sin: {
    deps: ['loom_sincos_poly'],
    code: `fn loom_sin(x: f32) -> f32 {
  let a = abs(x);
  if (!(a < 8192.0)) { return sin(x); }
  var j = u32(a * 1.27323954473516);
  j = j + (j & 1u);
  let z = loom_reduce_quarter_pi(a, j);
  var sign = x < 0.0;
  var q = j & 7u;
  if (q > 3u) { sign = !sign; q = q - 4u; }
  let y = select(loom_sin_poly(z), loom_cos_poly(z), q == 2u);
  return select(y, -y, sign);
}`,
  },
  loom_cos: {
    deps: ['loom_sincos_poly'],
    code: `fn loom_cos(x: f32) -> f32 {
  let a = abs(x);
  if (!(a < 8192.0)) { return cos(x); }
  var j = u32(a * 1.27323954473516);
  j = j + (j & 1u);
  let z = loom_reduce_quarter_pi(a, j);
  var sign = false;
  var q = j & 7u;
  if (q > 3u) { sign = !sign; q = q - 4u; }
  if (q > 1u) { sign = !sign; }
  let y = select(loom_cos_poly(z), loom_sin_poly(z), q == 2u);
  return select(y, -y, sign);
}`,
  },
  // erf: a positive-term series near 0 (full relative accuracy); elsewhere 1 − erfc with Numerical
  // Recipes' erfc (fractional error < 1.2e-7), so the tail 1 + erf(x) for x ≪ 0 stays accurate.
  loom_erf: {
    deps: [],
    code: `fn loom_erf(x: f32) -> f32 {
  let a = abs(x);
  if (a < 0.5) {
    let t2 = 2.0 * x * x;
    var term = x;
    var sum = x;
    for (var n = 1u; n < 16u; n = n + 1u) {
      term = term * t2 / f32(2u * n + 1u);
      sum = sum + term;
    }
    return 1.1283791670955126 * exp(-x * x) * sum;
  }
  let t = 1.0 / (1.0 + 0.5 * a);
  let poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  let erfc = t * exp(-a * a + poly);
  return select(1.0 - erfc, erfc - 1.0, x < 0.0);
}`,
  },
  // Math.pow: integer exponents of negative bases keep their sign; 0^-y is +∞.
  loom_pow: {
    deps: ['loom_nan', 'loom_inf', 'loom_isnan'],
    code: `fn loom_pow(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (loom_isnan(a) || loom_isnan(b)) { return loom_nan(); }
  if (a == 0.0) { return select(0.0, loom_inf(), b < 0.0); }
  let m = exp2(b * log2(abs(a)));
  if (a > 0.0) { return m; }
  if (floor(b) != b) { return loom_nan(); }
  let odd = abs(b) < 16777216.0 && (i32(abs(b)) & 1) == 1;
  return select(m, -m, odd);
}`,
  },
  // JavaScript's ToInt32: truncate toward zero, wrap modulo 2^32, NaN and ±∞ give 0.
  loom_to_i32: {
    deps: [],
    code: `fn loom_to_i32(x: f32) -> i32 {
  if (abs(x) < 2147483648.0) { return i32(x); }
  let bits = bitcast<u32>(x);
  let e = i32((bits >> 23u) & 0xffu) - 150;
  if (e > 31 || ((bits >> 23u) & 0xffu) == 0xffu) { return 0; }
  let low = ((bits & 0x7fffffu) | 0x800000u) << u32(e);
  return bitcast<i32>(select(low, 0u - low, x < 0.0));
}`,
  },
  // a / b truncated, with JavaScript's (a / 0) | 0 = 0.
  loom_div_i32: {
    deps: [],
    code: `fn loom_div_i32(a: i32, b: i32) -> i32 { return select(a / b, 0, b == 0); }`,
  },
  loom_div_u32: {
    deps: [],
    code: `fn loom_div_u32(a: u32, b: u32) -> u32 { return select(a / b, 0u, b == 0u); }`,
  },
} satisfies Record<string, { deps: readonly string[]; code: string }>;

export type MathHelper = keyof typeof helpers;

/** Adds `name` (and what it calls) to the shader; returns the name to call. */
export function useMath(b: ShaderBuilder, name: MathHelper): MathHelper {
  const { deps, code } = helpers[name];
  for (const dep of deps) useMath(b, dep as MathHelper);
  b.helper(name, code);
  return name;
}
