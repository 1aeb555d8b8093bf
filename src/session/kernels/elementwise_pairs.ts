// The loops of the binary elementwise ops (arithmetic, comparisons, logic, the activations' gradient helpers),
// which elementwise.ts's BINARY table lists.
import type { PairLoop } from './broadcast.js';
import { roundOf } from './util.js';

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
// The gradient helpers of cwise_ops_gradients.h, in the order of Eigen's vectorized form (packetOp, which computes all
// but a tensor's last few elements), each step rounded to the output's type as TF1's float kernels round it: y² of
// ReciprocalGrad overflows float32 past 1.8e19 (ReciprocalGrad(1e20, 1e-30) is -inf, not -1e10), and 0.5 dy of
// SqrtGrad rounds a subnormal dy.
// SqrtGrad(y, dy) = (0.5 dy) / y, from y = sqrt(x).
const sqrtGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  const r = roundOf(o);
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = r(0.5 * y[yi]!) / x[xi]!;
  return true;
};
// ReciprocalGrad(y, dy) = -(dy y²), from y = 1/x.
const reciprocalGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  const r = roundOf(o);
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const v = x[xi]!;
    o[oi] = -(y[yi]! * r(v * v));
  }
  return true;
};

// SigmoidGrad(y, dy) = dy (y (1 - y)), from y = sigmoid(x).
const sigmoidGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  const r = roundOf(o);
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const v = x[xi]!;
    o[oi] = y[yi]! * r(v * r(1 - v));
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
// SoftplusGrad(gradients, features) = gradients / (exp(-features) + 1), as softplus_op.h computes it, each step
// rounded to the output's type: in float32 exp(-x) overflows below x = -88.72, and the gradient there is 0 (NaN for
// an infinite gradient), not the subnormal a sigmoid of -|x| would give.
const softplusGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  const r = roundOf(o);
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) o[oi] = x[xi]! / r(r(Math.exp(-y[yi]!)) + 1);
  return true;
};
// SoftsignGrad = g / (1 + |x|)^2, the square rounded to float32 for float32 as TF1's kernel rounds it (it overflows
// past 1.8e19: SoftsignGrad(inf, FLT_MAX) is inf / inf, NaN).
const softsignGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  const r = roundOf(o);
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const d = r(1 + Math.abs(y[yi]!));
    o[oi] = x[xi]! / r(d * d);
  }
  return true;
};

/** The binary loops by name, for the BINARY table. */
export const PAIR_LOOPS = {
  add,
  sub,
  mul,
  mulI32,
  mulInt,
  div,
  divInt,
  maximum,
  minimum,
  floorDiv,
  floorDivF32,
  floorDivInt,
  floorMod,
  floorModF32,
  floorModInt,
  powF,
  powI32,
  powInt,
  squaredDifference,
  squaredDifferenceF32,
  squaredDifferenceI32,
  equal,
  greater,
  greaterEqual,
  less,
  lessEqual,
  notEqual,
  logicalAnd,
  logicalOr,
  reluGrad,
  sqrtGrad,
  reciprocalGrad,
  sigmoidGrad,
  relu6Grad,
  softplusGrad,
  softsignGrad,
};
