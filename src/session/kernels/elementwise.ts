import { isInteger, type HostArray } from '../../framework/dtypes.js';
import { InvalidArgumentError } from '../../framework/errors.js';
import type { OpType } from '../../framework/op_defs.js';
import { mapKernels, type HostKernel } from '../kernel.js';
import { broadcastApply, broadcastShape, type PairLoop } from './broadcast.js';
import { incompatible, sameShape } from './util.js';
import * as M from './elementwise_math.js';

// Every loop stores through the output's typed array, so float32 results round to float32 and
// int32 results wrap modulo 2^32 on the store; only products and quotients need int care.
// int64 lives in a Float64Array, where a -0 would survive and print as `-0`; int loops add 0
// wherever a sign of zero can appear (0 * -3, -6 % 3, Math.floor(0 / -3), -0).

const add: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! + y[yi]!;
  return true;
};
const sub: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! - y[yi]!;
  return true;
};
const mul: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! * y[yi]!;
  return true;
};
// A double product of two int32s can pass 2^53 and lose the low bits that wrapping keeps.
const mulI32: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = Math.imul(x[xi]!, y[yi]!);
  return true;
};
const mulInt: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! * y[yi]! + 0;
  return true;
};
const div: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! / y[yi]!;
  return true;
};
// C's truncating integer division, as TF1's Div on integers.
const divInt: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const d = y[yi]!;
    if (d === 0) return false;
    o[oi] = Math.trunc(x[xi]! / d) + 0;
  }
  return true;
};
const maximum: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = Math.max(x[xi]!, y[yi]!);
  return true;
};
const minimum: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = Math.min(x[xi]!, y[yi]!);
  return true;
};
// TF1's floor(x / y) of the quotient in the dtype: a float32 quotient rounds to float32 first, so
// floordiv(1, 0.1) is 10 as in TF1 (the exact quotient 9.99999985 rounds to 10 in float32).
const floorDiv: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = Math.floor(x[xi]! / y[yi]!);
  return true;
};
const floorDivF32: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = Math.floor(Math.fround(x[xi]! / y[yi]!));
  return true;
};
// Exact for int32: a non-integer quotient stays farther from an integer than double rounding moves it.
const floorDivInt: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const d = y[yi]!;
    if (d === 0) return false;
    o[oi] = Math.floor(x[xi]! / d) + 0;
  }
  return true;
};
// TF1's float FloorMod: fmod(x, y) when x and y have one sign, else fmod(fmod(x, y) + y, y), the sum in
// the dtype (JS's % is C's fmod); a tiny remainder whose sum with y rounds to y gives 0, not y.
const floorModWith =
  (round: (v: number) => number): PairLoop =>
  (x, xi, sx, y, yi, sy, o, oi, n) => {
    for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
      const a = x[xi]!;
      const d = y[yi]!;
      const r = a % d;
      o[oi] = a < 0 === d < 0 ? r : round(r + d) % d;
    }
    return true;
  };
const floorMod = floorModWith((v) => v);
const floorModF32 = floorModWith(Math.fround);
const floorModInt: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const d = y[yi]!;
    if (d === 0) return false;
    const r = x[xi]! % d;
    o[oi] = r !== 0 && r < 0 !== d < 0 ? r + d : r + 0;
  }
  return true;
};
// TF1's Pow: std::pow on floats (JS's ** differs only where it gives NaN for pow(1, NaN) and pow(±1, ±inf),
// which C's pow makes 1); integers by repeated squaring as Eigen's, wrapping in the dtype, and a negative exponent
// fails (TF1's safe_pow: "Integers to negative integer powers are not allowed").
const powF: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const a = x[xi]!;
    const b = y[yi]!;
    o[oi] = a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : a ** b;
  }
  return true;
};
const powIntWith =
  (times: (a: number, b: number) => number): PairLoop =>
  (x, xi, sx, y, yi, sy, o, oi, n) => {
    for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
      let b = y[yi]!;
      if (b < 0) return false;
      let a = x[xi]!;
      let r = 1;
      while (b > 0) {
        if (b % 2 === 1) r = times(r, a);
        b = Math.floor(b / 2);
        if (b > 0) a = times(a, a);
      }
      o[oi] = r + 0;
    }
    return true;
  };
const powI32 = powIntWith(Math.imul);
const powInt = powIntWith((a, b) => a * b);
// (x - y)², the difference rounded in the dtype first as TF1's (x - y) * (x - y) is.
const squaredDifference: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const d = x[xi]! - y[yi]!;
    o[oi] = d * d;
  }
  return true;
};
const squaredDifferenceF32: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const d = Math.fround(x[xi]! - y[yi]!);
    o[oi] = d * d;
  }
  return true;
};
const squaredDifferenceI32: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const d = (x[xi]! - y[yi]!) | 0;
    o[oi] = Math.imul(d, d);
  }
  return true;
};
const equal: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi] === y[yi] ? 1 : 0;
  return true;
};
const greater: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! > y[yi]! ? 1 : 0;
  return true;
};
const greaterEqual: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! >= y[yi]! ? 1 : 0;
  return true;
};
const less: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! < y[yi]! ? 1 : 0;
  return true;
};
const lessEqual: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! <= y[yi]! ? 1 : 0;
  return true;
};
const notEqual: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi] !== y[yi] ? 1 : 0;
  return true;
};
// The logical ops, on bools stored as 0 and 1.
const logicalAnd: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! & y[yi]!;
  return true;
};
const logicalOr: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! | y[yi]!;
  return true;
};
// ReluGrad(gradients, features): the gradient passes where the forward input was positive.
const reluGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = y[yi]! > 0 ? x[xi]! : 0;
  return true;
};
// SqrtGrad(y, dy) = dy / (2 y), from y = sqrt(x).
const sqrtGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = (0.5 * y[yi]!) / x[xi]!;
  return true;
};
// ReciprocalGrad(y, dy) = -dy y^2, from y = 1/x.
const reciprocalGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const v = x[xi]!;
    o[oi] = -y[yi]! * v * v;
  }
  return true;
};

// SigmoidGrad(y, dy) = dy y (1 - y), from y = sigmoid(x).
const sigmoidGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const v = x[xi]!;
    o[oi] = y[yi]! * v * (1 - v);
  }
  return true;
};

// The nn activations' gradient helpers, (gradients, features).
// Relu6Grad: the gradient passes where the features lie strictly between 0 and 6.
const relu6Grad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const f = y[yi]!;
    o[oi] = f > 0 && f < 6 ? x[xi]! : 0;
  }
  return true;
};
// SoftplusGrad = g / (1 + exp(-x)), as a sigmoid that exponentiates only -|x|.
const softplusGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const f = y[yi]!;
    const t = Math.exp(-Math.abs(f));
    o[oi] = (x[xi]! * (f >= 0 ? 1 : t)) / (1 + t);
  }
  return true;
};
// SoftsignGrad = g / (1 + |x|)^2.
const softsignGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const d = 1 + Math.abs(y[yi]!);
    o[oi] = x[xi]! / (d * d);
  }
  return true;
};

/** A binary op's loops: the float one, and where semantics differ, a float32-only, an int (int32 and int64) and an int32-only one. */
interface BinaryLoops {
  f: PairLoop;
  f32?: PairLoop;
  int?: PairLoop;
  i32?: PairLoop;
}

/** A binary op's loops (`strict`: equal shapes only, for the gradient helpers; the others broadcast as NumPy). */
interface BinaryDef {
  loops: BinaryLoops;
  strict?: true;
  /** The error a loop's failure raises (an integer loop's zero divisor unless said). */
  error?: string;
}

/** Each binary op's loops: the one place the elementwise binary ops are listed for the kernels. */
const BINARY = {
  Add: { loops: { f: add } },
  Sub: { loops: { f: sub } },
  Mul: { loops: { f: mul, int: mulInt, i32: mulI32 } },
  RealDiv: { loops: { f: div, int: divInt } },
  Maximum: { loops: { f: maximum } },
  Minimum: { loops: { f: minimum } },
  FloorDiv: { loops: { f: floorDiv, f32: floorDivF32, int: floorDivInt } },
  FloorMod: { loops: { f: floorMod, f32: floorModF32, int: floorModInt } },
  Equal: { loops: { f: equal } },
  Greater: { loops: { f: greater } },
  GreaterEqual: { loops: { f: greaterEqual } },
  Less: { loops: { f: less } },
  LessEqual: { loops: { f: lessEqual } },
  ReluGrad: { loops: { f: reluGrad }, strict: true },
  SqrtGrad: { loops: { f: sqrtGrad }, strict: true },
  ReciprocalGrad: { loops: { f: reciprocalGrad }, strict: true },
  SigmoidGrad: { loops: { f: sigmoidGrad }, strict: true },
  Relu6Grad: { loops: { f: relu6Grad }, strict: true },
  SoftplusGrad: { loops: { f: softplusGrad }, strict: true },
  SoftsignGrad: { loops: { f: softsignGrad }, strict: true },
  TanhGrad: { loops: { f: M.tanhGrad }, strict: true },
  RsqrtGrad: { loops: { f: M.rsqrtGrad }, strict: true },
  NotEqual: { loops: { f: notEqual } },
  LogicalAnd: { loops: { f: logicalAnd } },
  LogicalOr: { loops: { f: logicalOr } },
  EluGrad: { loops: { f: M.eluGrad }, strict: true },
  SeluGrad: { loops: { f: M.seluGrad }, strict: true },
  Pow: { loops: { f: powF, int: powInt, i32: powI32 }, error: 'Integers to negative integer powers are not allowed' },
  SquaredDifference: { loops: { f: squaredDifference, f32: squaredDifferenceF32, i32: squaredDifferenceI32 } },
} satisfies { [K in OpType]?: BinaryDef };

/** Binary op types: NumPy broadcasting, plus the gradient helpers that take equal shapes. */
export type BinaryOp = keyof typeof BINARY;

function binary<K extends BinaryOp>(type: K, { loops, strict, error }: BinaryDef): HostKernel<K> {
  return ({ name, inputs, output, fast }) => {
    const x = inputs[0]!;
    const y = inputs[1]!;
    const shape = strict ? (sameShape(x.shape, y.shape) ? [...x.shape] : null) : broadcastShape(x.shape, y.shape);
    if (shape === null) throw incompatible(x.shape, y.shape, name);
    const o = output(0, shape);
    if (fast && x.dtype === 'float32' && fast.binary(type, x, y, o)) return;
    const loop =
      x.dtype === 'int32'
        ? (loops.i32 ?? loops.int ?? loops.f)
        : isInteger(x.dtype)
          ? (loops.int ?? loops.f)
          : x.dtype === 'float32'
            ? (loops.f32 ?? loops.f)
            : loops.f;
    if (!broadcastApply(loop, x.data, x.shape, y.data, y.shape, o.data, shape)) {
      throw new InvalidArgumentError(error ?? 'Integer division by zero', name);
    }
  };
}

/** A flat unary loop over `n` elements (unary ops never broadcast). */
type UnaryLoop = (x: HostArray, o: HostArray, n: number) => void;

const neg: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = -x[i]!;
};
const negInt: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = 0 - x[i]!;
};
const log: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.log(x[i]!);
};
const exp: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.exp(x[i]!);
};
const sqrt: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.sqrt(x[i]!);
};
const square: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    o[i] = v * v;
  }
};
const squareI32: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    o[i] = Math.imul(v, v);
  }
};
const reciprocal: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = 1 / x[i]!;
};
const sigmoid: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = 1 / (1 + Math.exp(-x[i]!));
};
// `< 0` rather than `> 0` so NaN passes through, as NumPy's maximum(x, 0) does.
// biome-ignore-start lint/complexity/useMathMinMax: Math.max(0, -0) is +0, where NumPy's maximum(-0.0, 0) keeps -0.0; a hot loop too
const relu: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    o[i] = v < 0 ? 0 : v;
  }
};
// biome-ignore-end lint/complexity/useMathMinMax: relu

// The nn activations. Relu6: min(max(x, 0), 6), NaN passing through as in relu.
const relu6: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    // biome-ignore lint/complexity/useMathMinMax: a ternary keeps -0 as -0, as relu above does
    o[i] = v < 0 ? 0 : v > 6 ? 6 : v;
  }
};
// Softplus: log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)), which cannot overflow.
const softplus: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    o[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }
};
// Softsign: x / (1 + |x|).
const softsign: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    o[i] = v / (1 + Math.abs(v));
  }
};

// The float checks, into bools.
const isNan: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Number.isNaN(x[i]!) ? 1 : 0;
};
const isInf: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.abs(x[i]!) === Infinity ? 1 : 0;
};
const finite: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Number.isFinite(x[i]!) ? 1 : 0;
};
const logicalNot: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = 1 - x[i]!;
};

/** A unary op's loops: the float one, and where semantics differ an int (int32 and int64) and an int32-only one. */
interface UnaryLoops {
  f: UnaryLoop;
  int?: UnaryLoop;
  i32?: UnaryLoop;
}

/** Each unary op's loops: the one place the elementwise unary ops are listed for the kernels. */
const UNARY = {
  Neg: { f: neg, int: negInt },
  Log: { f: log },
  Exp: { f: exp },
  Sqrt: { f: sqrt },
  Square: { f: square, int: square, i32: squareI32 },
  Reciprocal: { f: reciprocal },
  Relu: { f: relu },
  Sigmoid: { f: sigmoid },
  Relu6: { f: relu6 },
  Softplus: { f: softplus },
  Softsign: { f: softsign },
  Tanh: { f: M.tanh },
  Abs: { f: M.abs },
  Sign: { f: M.sign },
  Rsqrt: { f: M.rsqrt },
  Log1p: { f: M.log1p },
  Expm1: { f: M.expm1 },
  Sin: { f: M.sin },
  Cos: { f: M.cos },
  Floor: { f: M.floor },
  Ceil: { f: M.ceil },
  Round: { f: M.round, int: M.copy },
  Rint: { f: M.rint },
  Sinh: { f: M.sinh },
  Cosh: { f: M.cosh },
  Tan: { f: M.tan },
  Asin: { f: M.asin },
  Acos: { f: M.acos },
  Atan: { f: M.atan },
  LogicalNot: { f: logicalNot },
  Elu: { f: M.elu },
  Selu: { f: M.selu },
  IsNan: { f: isNan },
  IsInf: { f: isInf },
  IsFinite: { f: finite },
} satisfies { [K in OpType]?: UnaryLoops };

/** Unary op types. */
export type UnaryOp = keyof typeof UNARY;

function unary<K extends UnaryOp>(type: K, loops: UnaryLoops): HostKernel<K> {
  const int = loops.int ?? loops.f;
  const i32 = loops.i32 ?? int;
  return ({ inputs, output, fast }) => {
    const x = inputs[0]!;
    const o = output(0, x.shape);
    if (fast && x.dtype === 'float32' && fast.unary(type, x, o)) return;
    (x.dtype === 'int32' ? i32 : isInteger(x.dtype) ? int : loops.f)(x.data, o.data, x.data.length);
  };
}

/**
 * Each op the CPU backend may fuse (cpu/fused.ts), as the JavaScript expression of its operands' names: the loop
 * bodies of the kernels above, whose float32 result is one IEEE operation or a comparison.
 */
export const FUSED_EXPR: Partial<Record<OpType, (a: string, b: string) => string>> = {
  Add: (a, b) => `${a} + ${b}`,
  Sub: (a, b) => `${a} - ${b}`,
  Mul: (a, b) => `${a} * ${b}`,
  RealDiv: (a, b) => `${a} / ${b}`,
  Maximum: (a, b) => `Math.max(${a}, ${b})`,
  Minimum: (a, b) => `Math.min(${a}, ${b})`,
  // ReluGrad(gradients, features): the gradient where the feature is positive
  ReluGrad: (a, b) => `(${b} > 0 ? ${a} : 0)`,
  Neg: (a) => `-${a}`,
  Square: (a) => `${a} * ${a}`,
  Reciprocal: (a) => `1 / ${a}`,
  // `< 0` so NaN passes, as the Relu kernel's loop
  Relu: (a) => `(${a} < 0 ? 0 : ${a})`,
};

/** Kernels of the elementwise ops, keyed by op type. */
export const ELEMENTWISE_KERNELS = {
  ...(mapKernels(BINARY, (t, d) => binary(t, d)) as { [K in BinaryOp]: HostKernel<K> }),
  ...(mapKernels(UNARY, (t, d) => unary(t, d)) as { [K in UnaryOp]: HostKernel<K> }),
};
