// The elementwise unary ops' WGSL: each op's expression of `a`, and the helper functions they call.
import type { OpType } from '../../../framework/op_defs.js';
import type { WgslScalar } from '../dtypes.js';
import { lit } from './wgsl.js';

// `e`, or `a` itself where |a| < 2^-k, below which the function rounds to its argument in float32 (so ±0 and the
// subnormals keep their sign: the builtins, and sums such as exp(a) - 1, lose it).
const own = (e: string, k: number): string => `select(${e}, a, abs(a) < ${2 ** -k})`;

/** Each unary op's WGSL expression of `a` (the one place the elementwise unary ops are listed for WebGPU). */
export const UNARY_WGSL = {
  Neg: () => '-a',
  // The shared log_f and exp_f (special.ts): NaN and the infinities told by their bits, log(±0) -inf.
  Log: () => 'log_f(a)',
  Exp: () => 'exp_f(a)',
  Sqrt: () => 'sqrt(a)',
  Square: () => 'a * a',
  Reciprocal: () => '1.0 / a',
  // `a < 0` rather than `a > 0`, so NaN passes through as in NumPy's maximum(x, 0).
  Relu: (t: WgslScalar) => `select(a, ${lit(t, 0)}, a < ${lit(t, 0)})`,
  // exp of -|a| only, which cannot overflow: e / (1 + e) below 0, 1 / (1 + e) from 0 (NaN stays NaN).
  Sigmoid: () => 'select(exp(-abs(a)) / (1.0 + exp(-abs(a))), 1.0 / (1.0 + exp(-abs(a))), a >= 0.0)',
  // The nn activations. Relu6: NaN passes through as in relu.
  Relu6: (t: WgslScalar) => `select(select(a, ${lit(t, 6)}, a > ${lit(t, 6)}), ${lit(t, 0)}, a < ${lit(t, 0)})`,
  // Softplus = max(a, 0) + log1p(e), e = exp(-|a|) (no overflow): WGSL's log near 1 is good only to 2^-21
  // absolutely, so below e = 1/16 log1p is its series to e^5 (relative error under 2e-7); NaN, told by
  // its bits (WGSL may assume a != a false), passes through.
  Softplus: () =>
    'select(max(a, 0.0) + select(log(1.0 + exp(-abs(a))), exp(-abs(a)) * (1.0 - exp(-abs(a)) * (0.5 - exp(-abs(a)) * (0.33333334 - exp(-abs(a)) * (0.25 - exp(-abs(a)) * 0.2)))), exp(-abs(a)) < 0.0625), a, (bitcast<u32>(a) & 0x7fffffffu) > 0x7f800000u)',
  // Softsign = a / (1 + |a|).
  Softsign: () => 'a / (1.0 + abs(a))',
  // From exp(-2|a|), which cannot overflow, past |a| = 1 (a builtin tanh may be (e^2a - 1) / (e^2a + 1), NaN for large a).
  Tanh: () => own('select(tanh(a), sign(a) * (1.0 - exp(-2.0 * abs(a))) / (1.0 + exp(-2.0 * abs(a))), abs(a) > 1.0)', 12),
  Abs: () => 'abs(a)',
  // Eigen's (a > 0) - (a < 0): 0 for either zero and for NaN.
  Sign: (t: WgslScalar) => `select(${lit(t, 0)}, ${lit(t, 1)}, a > ${lit(t, 0)}) - select(${lit(t, 0)}, ${lit(t, 1)}, a < ${lit(t, 0)})`,
  Rsqrt: () => '1.0 / sqrt(a)',
  // Through log_f: NaN below -1, -inf at -1.
  Log1p: () => own('log_f(1.0 + a)', 24),
  Expm1: () => own('exp_f(a) - 1.0', 24),
  // Vulkan's sin and cos may be off by 2⁻¹¹ (SwiftShader's by 2e-5): reduced and summed here instead (SIN_COS).
  Sin: () => own('sin_cos(a, 0u)', 12),
  Cos: () => 'sin_cos(a, 1u)',
  Floor: () => 'floor(a)',
  Ceil: () => 'ceil(a)',
  // WGSL's round takes halves to even, as TF1's Round and Rint; Round of an integer is the integer. TF1's Round
  // (floor, plus one past a half) gives +0 on (-0.5, 0) where round gives -0; -0 itself stays -0.
  Round: (t: WgslScalar) => (t === 'f32' ? 'select(round(a), 0.0, round(a) == 0.0 && (bitcast<u32>(a) & 0x7fffffffu) != 0u)' : 'a'),
  Rint: () => 'round(a)',
  // From exp(|a| - ln 2) (special.ts): the builtins' accuracy is inherited from exp, the same, but spelled out.
  Sinh: () => 'sinh_f(a)',
  Cosh: () => 'cosh_f(a)',
  Tan: () => own('sin_cos(a, 0u) / sin_cos(a, 1u)', 12),
  // Through atan2 (SwiftShader's acos(0) is off by 7e-5), with 1 - a² as (1 - a)(1 + a), exact near |a| = 1; NaN
  // past |a| = 1 (whose square root need not be NaN for an infinite a).
  Asin: () => `select(${own('atan2(a, sqrt((1.0 - a) * (1.0 + a)))', 12)}, nan_f(), abs(a) > 1.0)`,
  Acos: () => 'select(atan2(sqrt((1.0 - a) * (1.0 + a)), a), nan_f(), abs(a) > 1.0)',
  Atan: () => 'atan(a)',
  LogicalNot: () => '1u - a',
  // exp of min(a, 0) only, so no exp overflows in the branch not taken.
  Elu: () => 'select(a, exp(min(a, 0.0)) - 1.0, a < 0.0)',
  Selu: () => 'select(1.0507009873554805 * a, 1.7580993408473768 * (exp(min(a, 0.0)) - 1.0), a < 0.0)',
  // The float checks, from the bits (WGSL lets a compiler assume no NaN or infinity), into bools.
  IsNan: () => 'select(0u, 1u, nanp(a))',
  IsInf: () => 'select(0u, 1u, (bitcast<u32>(a) & 0x7fffffffu) == 0x7f800000u)',
  IsFinite: () => 'select(0u, 1u, (bitcast<u32>(a) & 0x7f800000u) != 0x7f800000u)',
} satisfies { [K in OpType]?: (t: WgslScalar) => string };

/** Unary op types with a WGSL expression. */
export type UnaryOpType = keyof typeof UNARY_WGSL;

// sin(a) (quarter 0u) or cos(a) = sin(a + π/2) (quarter 1u): a less k·π/2 in three parts (Cody and Waite), right
// while k fits in float32's 24 bits; from |a| = 2^22 on (and to FLT_MAX), a times 2/π from a 64-bit window of 2/π's
// bits (Payne and Hanek; big_quarters), whose product with a's 24-bit significand gives the quadrant and the
// fraction. Then Taylor polynomials of sin and cos on [-π/4, π/4], picked and signed by the quadrant k + quarter.
const SIN_COS = `
var<private> two_over_pi: array<u32, 9> = array<u32, 9>(0u, 0u, 0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u, 0xdb629599u, 0x3c439041u, 0xfe5163abu);
// The 64-bit product of two u32s, (low, high), from 16-bit halves.
fn mul64(a: u32, b: u32) -> vec2u {
  let ll = (a & 0xffffu) * (b & 0xffffu);
  let lh = (a & 0xffffu) * (b >> 16u);
  let hl = (a >> 16u) * (b & 0xffffu);
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  return vec2u((mid << 16u) | (ll & 0xffffu), (a >> 16u) * (b >> 16u) + (lh >> 16u) + (hl >> 16u) + (mid >> 16u));
}
// |a| (2^22 or more, finite) as (r, q): |a| = (4n + q) π/2 + r, |r| <= π/4. |a| = m 2^s (m its 24-bit significand),
// so |a| 2/π mod 4 needs 2/π's bits from 2^(1-s) down (the ones above give multiples of 4): 64 of them, times m.
fn big_quarters(a: f32) -> vec2f {
  let bits = bitcast<u32>(a) & 0x7fffffffu;
  let m = (bits & 0x7fffffu) | 0x800000u;
  // the window's first bit, 2^(1-s) with s = (biased exponent) - 150, in two_over_pi, where 2/π's 2^-1 is bit 64
  let pos = (bits >> 23u) - 88u;
  let j = pos >> 5u;
  let sh = pos & 31u;
  let hi = (two_over_pi[j] << sh) | select(0u, two_over_pi[j + 1u] >> (32u - sh), sh != 0u);
  let lo = (two_over_pi[j + 1u] << sh) | select(0u, two_over_pi[j + 2u] >> (32u - sh), sh != 0u);
  // m · window · 2^-62: its bits 63 and 62 are the quadrant, the ones below the fraction
  let pl = mul64(m, lo);
  let top = m * hi + pl.y;
  var q = top >> 30u;
  var f = f32(top & 0x3fffffffu) * 9.313225746154785e-10 + f32(pl.x) * 2.168404344971009e-19;
  if (f >= 0.5) { f = f - 1.0; q = q + 1u; }
  return vec2f(f * 1.5707963267948966, f32(q & 3u));
}
fn sin_cos(a: f32, quarter: u32) -> f32 {
  let k = round(a * 0.63661975);
  var r = fma(-k, 1.5707963705062866, a);
  r = fma(-k, -4.371138828673793e-8, r);
  r = fma(-k, -1.7151245100058819e-15, r);
  var kq = bitcast<u32>(i32(k));
  let bits = bitcast<u32>(a) & 0x7fffffffu;
  if (bits >= 0x4a800000u && bits < 0x7f800000u) {
    let b = big_quarters(a);
    // sin(-x): the quadrant and the remainder negated
    let neg = bitcast<u32>(a) >= 0x80000000u;
    r = select(b.x, -b.x, neg);
    kq = select(u32(b.y), 0u - u32(b.y), neg);
  }
  let r2 = r * r;
  let s = r + r * r2 * (-0.16666667 + r2 * (0.008333334 + r2 * (-0.0001984127 + r2 * 2.7557319e-6)));
  let c = 1.0 + r2 * (-0.5 + r2 * (0.041666668 + r2 * (-0.0013888889 + r2 * 2.4801587e-5)));
  let q = (kq + quarter) & 3u;
  let v = select(s, c, (q & 1u) == 1u);
  return select(v, -v, q >= 2u);
}`;

/** The functions a unary op's expression calls (beyond the shared ones, special.ts). */
export const UNARY_HELPERS: Partial<Record<UnaryOpType, string>> = { Sin: SIN_COS, Cos: SIN_COS, Tan: SIN_COS };
