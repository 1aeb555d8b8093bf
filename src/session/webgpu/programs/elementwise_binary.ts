// The elementwise binary ops' WGSL: each op's expression of `a` and `b`, and the helper functions they call.
import type { OpType } from '../../../framework/op_defs.js';
import type { WgslScalar } from '../dtypes.js';
import { lit } from './wgsl.js';

const boolOf = (cond: string): string => `select(0u, 1u, ${cond})`;

/**
 * Each binary op's WGSL expression of `a` and `b` (the one place the elementwise binary ops are listed for
 * WebGPU); `strict` for the gradient helpers, which take equal shapes where the others broadcast.
 */
export const BINARY_WGSL = {
  Add: { expr: () => 'a + b' },
  Sub: { expr: () => 'a - b' },
  Mul: { expr: () => 'a * b' },
  RealDiv: { expr: () => 'a / b' },
  // NaN-propagating, +0 above -0 (special.ts's max_f and min_f) on floats.
  Maximum: { expr: (t: WgslScalar) => (t === 'f32' ? 'max_f(a, b)' : 'max(a, b)') },
  Minimum: { expr: (t: WgslScalar) => (t === 'f32' ? 'min_f(a, b)' : 'min(a, b)') },
  FloorDiv: { expr: (t: WgslScalar) => (t === 'f32' ? 'floordiv_f(a, b)' : 'floordiv_i(a, b)') },
  FloorMod: { expr: (t: WgslScalar) => (t === 'f32' ? 'floormod_f(a, b)' : 'floormod_i(a, b)') },
  Equal: { expr: () => boolOf('a == b') },
  // NaN differs from everything, itself included; told by its bits (a compiler may take a != b for NaN as false).
  NotEqual: { expr: (t: WgslScalar) => boolOf(t === 'f32' ? 'a != b || nanp(a) || nanp(b)' : 'a != b') },
  Greater: { expr: () => boolOf('a > b') },
  GreaterEqual: { expr: () => boolOf('a >= b') },
  Less: { expr: () => boolOf('a < b') },
  LessEqual: { expr: () => boolOf('a <= b') },
  // ReluGrad(gradients, features): the gradient passes where the forward input was positive.
  ReluGrad: { expr: (t: WgslScalar) => `select(${lit(t, 0)}, a, b > ${lit(t, 0)})`, strict: true },
  // SqrtGrad(y, dy) = dy / (2 y), as dy (0.5 / y): 0.5 dy may flush to zero for the smallest dy (Vulkan lets a device
  // flush subnormals), and 0 / 0 is NaN where TF1's is inf; past |y| = 1 as TF1 (0.5 / y may flush).
  SqrtGrad: { expr: () => 'select(b * (0.5 / a), 0.5 * b / a, abs(a) > 1.0)', strict: true },
  // ReciprocalGrad(y, dy) = -(dy y²) and SigmoidGrad(y, dy) = dy (y (1 - y)), in the order of TF1's vectorized kernel
  // (cwise_ops_gradients.h's packetOp): y² overflows first, so ReciprocalGrad(FLT_MAX, 0) is NaN as in TF1, not -0.
  ReciprocalGrad: { expr: () => '-(b * (a * a))', strict: true },
  SigmoidGrad: { expr: () => 'b * (a * (1.0 - a))', strict: true },
  // The nn activations' helpers, (gradients, features). Relu6Grad: passes where 0 < features < 6.
  Relu6Grad: { expr: (t: WgslScalar) => `select(${lit(t, 0)}, a, b > ${lit(t, 0)} && b < ${lit(t, 6)})`, strict: true },
  // SoftplusGrad = g sigmoid(x), exponentiating only -|x|.
  SoftplusGrad: { expr: () => 'a * select(exp(-abs(b)), 1.0, b >= 0.0) / (1.0 + exp(-abs(b)))', strict: true },
  // SoftsignGrad = g / (1 + |x|)².
  SoftsignGrad: { expr: () => 'a / ((1.0 + abs(b)) * (1.0 + abs(b)))', strict: true },
  // TanhGrad(y, dy) = dy (1 - y²); RsqrtGrad(y, dy) = -0.5 dy y³.
  TanhGrad: { expr: () => 'b * (1.0 - a * a)', strict: true },
  // RsqrtGrad in TF1's order, -0.5 (dy y) (y y): -0.5 dy first may flush to zero and give NaN against an infinite y³.
  RsqrtGrad: { expr: () => '-0.5 * (b * a) * (a * a)', strict: true },
  // The logical ops, on bools stored as 0u and 1u.
  LogicalAnd: { expr: () => 'a & b' },
  LogicalOr: { expr: () => 'a | b' },
  // EluGrad(dy, y) = dy (y + 1) where y < 0, else dy; SeluGrad(dy, y) = dy (y + scale alpha) there, else dy scale.
  EluGrad: { expr: () => 'select(a, a * (b + 1.0), b < 0.0)', strict: true },
  SeluGrad: { expr: () => 'select(a * 1.0507009873554805, a * (b + 1.7580993408473768), b < 0.0)', strict: true },
  Pow: { expr: (t: WgslScalar) => (t === 'f32' ? 'pow_f(a, b)' : 'pow_i(a, b)') },
  SquaredDifference: { expr: () => '(a - b) * (a - b)' },
} satisfies { [K in OpType]?: { expr: (t: WgslScalar) => string; strict?: true } };

/** Binary op types with a WGSL expression. */
export type BinaryOpType = keyof typeof BINARY_WGSL;

// Floor division and modulo. Integers: WGSL's `/` and `%` truncate, so the quotient steps down
// when the remainder's sign differs from the divisor's (Python's rule, as TF1's FloorDiv). WGSL
// defines x / 0 = x and x % 0 = 0 where TF1 raises "Integer division by zero": a program cannot
// raise, so integer divisions store their error id in the run's error flag (see valueCheck) and
// the backend raises after the run. Floats: floor(x / y) can land one off when the quotient is
// within an ulp of an integer; there (only: elsewhere the product q y may be far from x, or
// overflow) the exact remainder fma(-q, y, x) tells, and fixes q. FloorMod is TF1's, from C's
// fmod: fmod(x, y) where x and y have one sign, else fmod(fmod(x, y) + y, y); fmod is exact, as
// C's: |x| less |y| 2^e for e from their exponents' difference down to 0 wherever it fits (each
// subtraction exact, as t <= r < 2t), with x's sign (NaN for an infinite x or a zero or subnormal y, x for an
// infinite y); one step per binary order of magnitude of x / y.
const FLOOR_HELPERS = `
fn floordiv_i(a: i32, b: i32) -> i32 {
  let q = a / b;
  let r = a % b;
  return select(q, q - 1i, r != 0i && ((r < 0i) != (b < 0i)));
}
fn floormod_i(a: i32, b: i32) -> i32 {
  let r = a % b;
  return select(r, r + b, r != 0i && ((r < 0i) != (b < 0i)));
}
fn floordiv_f(a: f32, b: f32) -> f32 {
  let d = a / b;
  var q = floor(d);
  if (abs(d - round(d)) < abs(d) * 9.5367431640625e-7) {
    let r = fma(-q, b, a);
    if (r != 0.0 && ((r < 0.0) != (b < 0.0))) { q = q - 1.0; } else if (abs(r) >= abs(b)) { q = q + 1.0; }
  }
  // a negative quotient among the subnormals (its exponent, from the bits, -149 or more), which the device may have
  // flushed to -0: its floor is -1
  let ab = bitcast<u32>(a) & 0x7fffffffu;
  let bb = bitcast<u32>(b) & 0x7fffffffu;
  let neg = ((bitcast<u32>(a) ^ bitcast<u32>(b)) & 0x80000000u) != 0u;
  let tiny = ab != 0u && ab <= 0x7f800000u && bb < 0x7f800000u && i32(ab >> 23u) - i32(bb >> 23u) >= -149i;
  return select(q, -1.0, q == 0.0 && neg && tiny);
}
fn fmod_f(a: f32, b: f32) -> f32 {
  let ab = bitcast<u32>(a) & 0x7fffffffu;
  let bb = bitcast<u32>(b) & 0x7fffffffu;
  // a subnormal y as the zero a device may flush it to
  if (ab >= 0x7f800000u || bb > 0x7f800000u || bb < 0x00800000u) { return nan_f(); }
  if (bb == 0x7f800000u || ab < bb) { return a; }
  var r = bitcast<f32>(ab);
  let y = bitcast<f32>(bb);
  for (var e = frexp(r).exp - frexp(y).exp; e >= 0; e = e - 1) {
    let t = ldexp(y, e);
    if (r >= t) { r = r - t; }
  }
  return bitcast<f32>(bitcast<u32>(r) | (bitcast<u32>(a) & 0x80000000u));
}
fn floormod_f(a: f32, b: f32) -> f32 {
  let r = fmod_f(a, b);
  return select(fmod_f(r + b, b), r, (a < 0.0) == (b < 0.0));
}`;

// Pow. WGSL's pow is undefined for a negative base (and a zero one), so floats take C's pow from its cases:
// x^0 = 1^y = 1 (NaN too), NaN in gives NaN, a negative base to a non-integer power is NaN, zero and infinite
// bases and exponents their limits, else exp2(y log2|x|) (0 or inf past float32's range, as WGSL's exp2
// need not be), negated for a negative base to an odd power; y = 2 is x·x, exact as the host's.
// Integers: repeated squaring, wrapping as Eigen's; a negative exponent is TF1's error (valueCheck).
const POW_HELPERS = `
fn pow_i(a: i32, b: i32) -> i32 {
  var r = 1i;
  var x = a;
  var e = b;
  loop {
    if (e <= 0i) { break; }
    if ((e & 1i) == 1i) { r = r * x; }
    e = e >> 1u;
    if (e > 0i) { x = x * x; }
  }
  return r;
}
fn pow_f(a: f32, b: f32) -> f32 {
  let ab = bitcast<u32>(a) & 0x7fffffffu;
  let bb = bitcast<u32>(b) & 0x7fffffffu;
  // From variables: a constant expression may not be infinite or NaN.
  var inf_bits = 0x7f800000u;
  var nan_bits = 0x7fc00000u;
  let inf = bitcast<f32>(inf_bits);
  let nan = bitcast<f32>(nan_bits);
  if (bb == 0u || a == 1.0) { return 1.0; }
  if (ab > 0x7f800000u || bb > 0x7f800000u) { return nan; }
  if (b == 2.0) { return a * a; }
  if (b == 1.0) { return a; }
  let neg = (bitcast<u32>(a) & 0x80000000u) != 0u;
  let integral = bb >= 0x4b000000u || floor(b) == b;
  let odd = integral && bb < 0x4b800000u && (i32(b) & 1i) != 0i;
  if (neg && !integral && ab != 0u && ab != 0x7f800000u) { return nan; }
  var m = 0.0;
  // b's sign from its bits: a device may flush a subnormal b to zero, and b > 0.0 be false.
  let bpos = (bitcast<u32>(b) & 0x80000000u) == 0u;
  if (ab == 0u) {
    m = select(inf, 0.0, bpos);
  } else if (ab == 0x7f800000u) {
    m = select(0.0, inf, bpos);
  } else if (bb == 0x7f800000u) {
    m = select(select(0.0, inf, (abs(a) > 1.0) == (b > 0.0)), 1.0, abs(a) == 1.0);
  } else {
    // a subnormal |a|'s log2 from its integer significand, less 149 (the device may flush it to zero)
    let l = b * select(log2(abs(a)), log2(f32(ab)) - 149.0, ab < 0x00800000u);
    m = select(select(exp2(l), inf, l >= 128.0), 0.0, l < -150.0);
  }
  return select(m, -m, neg && odd);
}`;

/** The functions a binary op's expression calls (beyond the shared ones, special.ts). */
export const BINARY_HELPERS: Partial<Record<BinaryOpType, string>> = { FloorDiv: FLOOR_HELPERS, FloorMod: FLOOR_HELPERS, Pow: POW_HELPERS };
