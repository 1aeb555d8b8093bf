// The loops of the unary math ops (tanh, abs, sign, rsqrt, log1p, expm1, the trigonometric and hyperbolic ops,
// the roundings) and of their gradient helpers, which elementwise.ts's UNARY and BINARY tables list.
import type { HostArray } from '../../framework/dtypes.js';
import type { PairLoop } from './broadcast.js';
import { roundOf } from './util.js';

/** A flat unary loop over `n` elements. */
type UnaryLoop = (x: HostArray, o: HostArray, n: number) => void;

// TanhGrad(y, dy) = dy (1 - y²), from y = tanh(x); RsqrtGrad(y, dy) = -0.5 dy y³, from y = 1/sqrt(x). In Eigen's
// order, each step rounded to the output's type as TF1's float kernels round it (y² overflows float32 past 1.8e19:
// TanhGrad(FLT_MAX, 0) is NaN, as 0 · -inf).
export const tanhGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  const r = roundOf(o);
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const v = x[xi]!;
    o[oi] = y[yi]! * r(1 - r(v * v));
  }
  return true;
};
export const rsqrtGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  const r = roundOf(o);
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const v = x[xi]!;
    o[oi] = r(-0.5 * r(y[yi]! * v)) * r(v * v);
  }
  return true;
};
export const tanh: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]!);
};
export const abs: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.abs(x[i]!);
};
// Eigen's sign, (x > 0) - (x < 0): +0 for either zero, and 0 for NaN.
export const sign: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    o[i] = (v > 0 ? 1 : 0) - (v < 0 ? 1 : 0);
  }
};
export const rsqrt: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = 1 / Math.sqrt(x[i]!);
};
export const log1p: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.log1p(x[i]!);
};
export const expm1: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.expm1(x[i]!);
};
export const sin: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.sin(x[i]!);
};
export const cos: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.cos(x[i]!);
};
export const floor: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.floor(x[i]!);
};
export const ceil: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.ceil(x[i]!);
};
// TF1's Round (scalar_round_op_google): floor, plus one above a half, or at a half when the floor is odd, so
// -0.4 rounds to +0. Exact in doubles for float32 inputs too (the fraction x - floor(x) needs no rounding).
export const round: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    let r = Math.floor(v);
    const fraction = v - r;
    if (fraction > 0.5 || (fraction === 0.5 && r - 2 * Math.floor(0.5 * v) === 1)) r += 1;
    o[i] = r;
  }
};
export const copy: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = x[i]!;
};
// C's rint: the nearest integer, halves to even, keeping the sign (-0.4 and -0.5 give -0).
export const rint: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const r = Math.round(v);
    o[i] = r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }
};

export const sinh: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.sinh(x[i]!);
};
export const cosh: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.cosh(x[i]!);
};
export const tan: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.tan(x[i]!);
};
export const asin: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.asin(x[i]!);
};
export const acos: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.acos(x[i]!);
};
export const atan: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) o[i] = Math.atan(x[i]!);
};

// Elu and Selu (TF1's kernels: exp(x) - 1 below 0; Selu's scale and scale·alpha are TF1's constants as doubles),
// and their gradient helpers of (gradients, outputs).
const SELU_SCALE = 1.0507009873554805;
const SELU_SCALE_ALPHA = 1.7580993408473768;
export const elu: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    o[i] = v < 0 ? Math.exp(v) - 1 : v;
  }
};
export const selu: UnaryLoop = (x, o, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    o[i] = v < 0 ? SELU_SCALE_ALPHA * (Math.exp(v) - 1) : SELU_SCALE * v;
  }
};
// EluGrad(dy, y) = dy (y + 1) where y < 0, else dy.
export const eluGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const f = y[yi]!;
    o[oi] = f < 0 ? x[xi]! * (f + 1) : x[xi]!;
  }
  return true;
};
// SeluGrad(dy, y) = dy (y + scale alpha) where y < 0, else dy scale.
export const seluGrad: PairLoop = (x, xi, sx, y, yi, sy, o, oi, n) => {
  for (const e = oi + n; oi < e; oi++, xi += sx, yi += sy) {
    const f = y[yi]!;
    o[oi] = f < 0 ? x[xi]! * (f + SELU_SCALE_ALPHA) : x[xi]! * SELU_SCALE;
  }
  return true;
};
