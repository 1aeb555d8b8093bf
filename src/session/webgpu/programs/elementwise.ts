// Elementwise WGSL: binary ops with NumPy broadcasting (coalesced on the host), unary ops, casts.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType, type WgslScalar } from '../dtypes.js';
import type { Program } from '../kernel.js';
import type { OpType } from '../../../framework/op_defs.js';
import { dimFields, flatMain, lit, program, unravel } from './wgsl.js';
import { NEG_INF_FN } from './reduce.js';

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
  Maximum: { expr: () => 'max(a, b)' },
  Minimum: { expr: () => 'min(a, b)' },
  FloorDiv: { expr: (t: WgslScalar) => (t === 'f32' ? 'floordiv_f(a, b)' : 'floordiv_i(a, b)') },
  FloorMod: { expr: (t: WgslScalar) => (t === 'f32' ? 'floormod_f(a, b)' : 'floormod_i(a, b)') },
  Equal: { expr: () => boolOf('a == b') },
  Greater: { expr: () => boolOf('a > b') },
  GreaterEqual: { expr: () => boolOf('a >= b') },
  Less: { expr: () => boolOf('a < b') },
  LessEqual: { expr: () => boolOf('a <= b') },
  // ReluGrad(gradients, features): the gradient passes where the forward input was positive.
  ReluGrad: { expr: (t: WgslScalar) => `select(${lit(t, 0)}, a, b > ${lit(t, 0)})`, strict: true },
  // SqrtGrad(y, dy) = dy / (2 y); ReciprocalGrad(y, dy) = -dy y².
  SqrtGrad: { expr: () => '0.5 * b / a', strict: true },
  ReciprocalGrad: { expr: () => '-b * a * a', strict: true },
  // SigmoidGrad(y, dy) = dy y (1 - y).
  SigmoidGrad: { expr: () => 'b * a * (1.0 - a)', strict: true },
  // The nn activations' helpers, (gradients, features). Relu6Grad: passes where 0 < features < 6.
  Relu6Grad: { expr: (t: WgslScalar) => `select(${lit(t, 0)}, a, b > ${lit(t, 0)} && b < ${lit(t, 6)})`, strict: true },
  // SoftplusGrad = g sigmoid(x), exponentiating only -|x|.
  SoftplusGrad: { expr: () => 'a * select(exp(-abs(b)), 1.0, b >= 0.0) / (1.0 + exp(-abs(b)))', strict: true },
  // SoftsignGrad = g / (1 + |x|)².
  SoftsignGrad: { expr: () => 'a / ((1.0 + abs(b)) * (1.0 + abs(b)))', strict: true },
  // TanhGrad(y, dy) = dy (1 - y²); RsqrtGrad(y, dy) = -0.5 dy y³.
  TanhGrad: { expr: () => 'b * (1.0 - a * a)', strict: true },
  RsqrtGrad: { expr: () => '-0.5 * b * (a * a * a)', strict: true },
  NotEqual: { expr: () => boolOf('a != b') },
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

/** Each unary op's WGSL expression of `a` (the one place the elementwise unary ops are listed for WebGPU). */
export const UNARY_WGSL = {
  Neg: () => '-a',
  Log: () => 'log(a)',
  Exp: () => 'exp(a)',
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
  Tanh: () => 'select(tanh(a), sign(a) * (1.0 - exp(-2.0 * abs(a))) / (1.0 + exp(-2.0 * abs(a))), abs(a) > 1.0)',
  Abs: () => 'abs(a)',
  // Eigen's (a > 0) - (a < 0): 0 for either zero and for NaN.
  Sign: (t: WgslScalar) => `select(${lit(t, 0)}, ${lit(t, 1)}, a > ${lit(t, 0)}) - select(${lit(t, 0)}, ${lit(t, 1)}, a < ${lit(t, 0)})`,
  Rsqrt: () => '1.0 / sqrt(a)',
  // log(0) need not be -inf in WGSL (SwiftShader's is -88): log1p(-1) is -inf from the bits.
  Log1p: () => 'select(log(1.0 + a), neg_inf(), 1.0 + a == 0.0)',
  Expm1: () => 'exp(a) - 1.0',
  // Vulkan's sin and cos may be off by 2⁻¹¹ (SwiftShader's by 2e-5): reduced and summed here instead (SIN_COS).
  Sin: () => 'sin_cos(a, 0u)',
  Cos: () => 'sin_cos(a, 1u)',
  Floor: () => 'floor(a)',
  Ceil: () => 'ceil(a)',
  // WGSL's round takes halves to even, as TF1's Round and Rint; Round of an integer is the integer.
  Round: (t: WgslScalar) => (t === 'f32' ? 'round(a)' : 'a'),
  Rint: () => 'round(a)',
  // From exp(a) and exp(-a): the builtins' accuracy is inherited from exp, the same, but spelled out.
  Sinh: () => '0.5 * (exp(a) - exp(-a))',
  Cosh: () => '0.5 * (exp(a) + exp(-a))',
  Tan: () => 'sin_cos(a, 0u) / sin_cos(a, 1u)',
  // Through atan2 (SwiftShader's acos(0) is off by 7e-5), with 1 - a² as (1 - a)(1 + a), exact near |a| = 1.
  Asin: () => 'atan2(a, sqrt((1.0 - a) * (1.0 + a)))',
  Acos: () => 'atan2(sqrt((1.0 - a) * (1.0 + a)), a)',
  Atan: () => 'atan(a)',
  LogicalNot: () => '1u - a',
  // exp of min(a, 0) only, so no exp overflows in the branch not taken.
  Elu: () => 'select(a, exp(min(a, 0.0)) - 1.0, a < 0.0)',
  Selu: () => 'select(1.0507009873554805 * a, 1.7580993408473768 * (exp(min(a, 0.0)) - 1.0), a < 0.0)',
  // The float checks, from the bits (WGSL lets a compiler assume no NaN or infinity), into bools.
  IsNan: () => 'select(0u, 1u, (bitcast<u32>(a) & 0x7fffffffu) > 0x7f800000u)',
  IsInf: () => 'select(0u, 1u, (bitcast<u32>(a) & 0x7fffffffu) == 0x7f800000u)',
  IsFinite: () => 'select(0u, 1u, (bitcast<u32>(a) & 0x7f800000u) != 0x7f800000u)',
} satisfies { [K in OpType]?: (t: WgslScalar) => string };

/** Unary op types with a WGSL expression. */
export type UnaryOpType = keyof typeof UNARY_WGSL;

// Floor division and modulo. Integers: WGSL's `/` and `%` truncate, so the quotient steps down
// when the remainder's sign differs from the divisor's (Python's rule, as TF1's FloorDiv). WGSL
// defines x / 0 = x and x % 0 = 0 where TF1 raises "Integer division by zero": a program cannot
// raise, so integer divisions store their error id in the run's error flag (see valueCheck) and
// the backend raises after the run. Floats: floor(x / y) can land one off when the quotient is
// within an ulp of an integer; the exact remainder fma(-q, y, x) tells, and fixes q.
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
  var q = floor(a / b);
  let r = fma(-q, b, a);
  if (r != 0.0 && ((r < 0.0) != (b < 0.0))) { q = q - 1.0; } else if (abs(r) >= abs(b)) { q = q + 1.0; }
  return q;
}
fn floormod_f(a: f32, b: f32) -> f32 {
  let q = floordiv_f(a, b);
  return fma(-q, b, a);
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
  let neg = (bitcast<u32>(a) & 0x80000000u) != 0u;
  let integral = bb >= 0x4b000000u || floor(b) == b;
  let odd = integral && bb < 0x4b800000u && (i32(b) & 1i) != 0i;
  if (neg && !integral && ab != 0u && ab != 0x7f800000u) { return nan; }
  var m = 0.0;
  if (ab == 0u) {
    m = select(inf, 0.0, b > 0.0);
  } else if (ab == 0x7f800000u) {
    m = select(0.0, inf, b > 0.0);
  } else if (bb == 0x7f800000u) {
    m = select(select(0.0, inf, (abs(a) > 1.0) == (b > 0.0)), 1.0, abs(a) == 1.0);
  } else {
    let l = b * log2(abs(a));
    m = select(select(exp2(l), inf, l >= 128.0), 0.0, l < -150.0);
  }
  return select(m, -m, neg && odd);
}`;

/** A binary op's value check on `dtype`, when it has one: integer division's zero divisor, integer Pow's negative exponent. */
export function valueCheck(op: BinaryOpType, dtype: DType): { cond: string; error: string } | null {
  if (wgslType(dtype) !== 'i32') return null;
  if (op === 'FloorDiv' || op === 'FloorMod' || op === 'RealDiv') return { cond: 'b == 0i', error: 'Integer division by zero' };
  if (op === 'Pow') return { cond: 'b < 0i', error: 'Integers to negative integer powers are not allowed' };
  return null;
}

/**
 * A binary op over inputs broadcast to the output along `rank` coalesced dims (uniforms: n, d*, sa*, sb*).
 * A value-checked op (valueCheck: integer division, integer Pow) also binds the run's error flag after `out` and takes its error id
 * as a last uniform: a zero divisor stores the id there unless an earlier step already stored one.
 */
export function binaryProgram(op: BinaryOpType, inDtype: DType, outDtype: DType, rank: number): Program {
  const t = wgslType(inDtype);
  const o = wgslType(outDtype);
  const check = valueCheck(op, inDtype);
  return program(`binary:${op}:${t}:${o}:${rank}`, () => ({
    fields: [['n', 'u32'], ...dimFields('d', rank), ...dimFields('sa', rank), ...dimFields('sb', rank), ...(check ? [['err_id', 'u32'] as const] : [])],
    inputs: [
      ['x', t],
      ['y', t],
    ],
    outputs: check
      ? [
          ['out', o],
          ['err', 'u32'],
        ]
      : [['out', o]],
    body: `${elementwiseHelpers(op)}
${flatMain(
  'u.n',
  `${unravel('i', rank, 'd', [
    ['ia', 'sa'],
    ['ib', 'sb'],
  ])}
  let a = x[ia];
  let b = y[ib];${check ? `\n  if (${check.cond} && err[0] == 0u) { err[0] = u.err_id; }` : ''}
  out[i] = ${BINARY_WGSL[op].expr(t)};`,
)}`,
  }));
}

// sin(a) (quarter 0u) or cos(a) = sin(a + π/2) (quarter 1u): a less k·π/2 in three parts (Cody and Waite),
// then Taylor polynomials of sin and cos on [-π/4, π/4], picked and signed by the quadrant k + quarter.
const SIN_COS = `
fn sin_cos(a: f32, quarter: u32) -> f32 {
  let k = round(a * 0.63661975);
  var r = fma(-k, 1.5707963705062866, a);
  r = fma(-k, -4.371138828673793e-8, r);
  r = fma(-k, -1.7151245100058819e-15, r);
  let r2 = r * r;
  let s = r + r * r2 * (-0.16666667 + r2 * (0.008333334 + r2 * (-0.0001984127 + r2 * 2.7557319e-6)));
  let c = 1.0 + r2 * (-0.5 + r2 * (0.041666668 + r2 * (-0.0013888889 + r2 * 2.4801587e-5)));
  let q = (bitcast<u32>(i32(k)) + quarter) & 3u;
  let v = select(s, c, (q & 1u) == 1u);
  return select(v, -v, q >= 2u);
}`;

/** The functions a unary op's expression calls. */
const UNARY_HELPERS: Partial<Record<UnaryOpType, string>> = { Sin: SIN_COS, Cos: SIN_COS, Tan: SIN_COS, Log1p: NEG_INF_FN };

/** The WGSL functions an elementwise op's expression calls ('' for none). */
export function elementwiseHelpers(op: UnaryOpType | BinaryOpType): string {
  if (op === 'FloorDiv' || op === 'FloorMod') return FLOOR_HELPERS;
  if (op === 'Pow') return POW_HELPERS;
  return UNARY_HELPERS[op as UnaryOpType] ?? '';
}

/** A unary op over a flat array (uniform: n); its output is of `outDtype` (bool for the float checks). */
export function unaryProgram(op: UnaryOpType, dtype: DType, outDtype: DType = dtype): Program {
  const t = wgslType(dtype);
  const o = wgslType(outDtype);
  return program(`unary:${op}:${t}:${o}`, () => ({
    fields: [['n', 'u32']],
    inputs: [['x', t]],
    outputs: [['out', o]],
    body: `${elementwiseHelpers(op)}
${flatMain('u.n', `  let a = x[i];\n  out[i] = ${UNARY_WGSL[op](t)};`)}`,
  }));
}

// f32 → i32 as TF1 on x86 (cvttss2si): truncation toward zero, and the integer minimum for NaN, the
// infinities and values out of range, which WGSL's i32() leaves clamped or undefined. Read from the bits,
// since WGSL lets a compiler assume no NaN: a biased exponent of 158 or more is |a| >= 2^31 (or NaN/inf).
const F32_TO_I32 = `fn f32_to_i32(a: f32) -> i32 {
  return select(i32(a), bitcast<i32>(0x80000000u), ((bitcast<u32>(a) >> 23u) & 0xffu) >= 158u);
}`;

function castExpr(src: DType, dst: DType): string {
  const s = wgslType(src);
  const d = wgslType(dst);
  // A float is true unless it is ±0, NaN included; from its bits, as a compare may not see NaN.
  if (dst === 'bool') return s === 'f32' ? 'select(0u, 1u, (bitcast<u32>(a) & 0x7fffffffu) != 0u)' : `select(0u, 1u, a != ${lit(s, 0)})`;
  if (s === d) return 'a';
  if (s === 'f32' && d === 'i32') return 'f32_to_i32(a)';
  return `${d}(a)`;
}

// -2^31 (bits 0xcf000000) fits; every other value with that exponent or more does not (bits again: no float compare sees NaN).
const RANGE_CHECK = '  if (bitcast<u32>(a) != 0xcf000000u && ((bitcast<u32>(a) >> 23u) & 0xffu) >= 158u && err[0] == 0u) { err[0] = u.err_id; }';

/**
 * Whether a cast can produce a value the GPU cannot store: float to int64 (int64 lives in 32 bits here)
 * of a value outside int32's range, which the CPU casts exactly (or to INT64_MIN, for NaN).
 */
export function castChecksRange(src: DType, dst: DType): boolean {
  return dst === 'int64' && wgslType(src) === 'f32';
}

/**
 * Cast between two dtypes (uniform: n). A range-checked cast (castChecksRange) also binds the run's error
 * flag after `out` and takes its error id as a last uniform.
 */
export function castProgram(src: DType, dst: DType): Program {
  const s = wgslType(src);
  const d = wgslType(dst);
  const check = castChecksRange(src, dst);
  return program(`cast:${src}:${dst}`, () => ({
    fields: check
      ? [
          ['n', 'u32'],
          ['err_id', 'u32'],
        ]
      : [['n', 'u32']],
    inputs: [['x', s]],
    outputs: check
      ? [
          ['out', d],
          ['err', 'u32'],
        ]
      : [['out', d]],
    body: `${s === 'f32' && d === 'i32' ? F32_TO_I32 : ''}
${flatMain(
  'u.n',
  `  let a = x[i];${check ? `\n${RANGE_CHECK}` : ''}
  out[i] = ${castExpr(src, dst)};`,
)}`,
  }));
}

/** Sum of `k` equal-shaped inputs, optionally added to what `out` holds (AddN in chunks of the binding limit). */
export function addNProgram(dtype: DType, k: number, accumulate: boolean): Program {
  const t = wgslType(dtype);
  const names = Array.from({ length: k }, (_, j) => `x${j}`);
  // Left to right, one rounding per addition, as the CPU kernel does.
  const sum = [accumulate ? 'out[i]' : null, ...names.map((x) => `${x}[i]`)].filter(Boolean).join(' + ');
  return program(`addn:${t}:${k}:${accumulate}`, () => ({
    fields: [['n', 'u32']],
    inputs: names.map((x) => [x, t] as const),
    outputs: [['out', t]],
    body: flatMain('u.n', `  out[i] = ${sum};`),
  }));
}

/** Every element of `out` set to input 0's first element (Fill) or to a constant (ZerosLike, OnesLike). */
export function fillProgram(dtype: DType, constant: 0 | 1 | null): Program {
  const t = wgslType(dtype);
  return program(`fill:${t}:${constant}`, () => ({
    fields: [['n', 'u32']],
    inputs: constant === null ? [['v', t]] : [],
    outputs: [['out', t]],
    body: flatMain('u.n', `  out[i] = ${constant === null ? 'v[0]' : lit(t, constant)};`),
  }));
}

/** The ref updates, in place on the variable's storage: AssignAdd, AssignSub, ApplyGradientDescent (uniform: n). */
export function refUpdateProgram(op: 'AssignAdd' | 'AssignSub' | 'ApplyGradientDescent', dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`refupdate:${op}:${t}`, () => ({
    fields: [['n', 'u32']],
    inputs:
      op === 'ApplyGradientDescent'
        ? [
            ['alpha', t],
            ['delta', t],
          ]
        : [['delta', t]],
    outputs: [['v', t]],
    // ApplyGradientDescent rounds alpha * delta to float32 before subtracting, as TF1 and the CPU kernel do.
    body: flatMain(
      'u.n',
      op === 'AssignAdd'
        ? '  v[i] = v[i] + delta[i];'
        : op === 'AssignSub'
          ? '  v[i] = v[i] - delta[i];'
          : '  let step = alpha[0] * delta[i];\n  v[i] = v[i] - step;',
    ),
  }));
}
