import { isInteger, type HostArray } from '../../framework/dtypes.js';
import { InvalidArgumentError } from '../../framework/errors.js';
import type { OpType } from '../../framework/op_defs.js';
import { mapKernels, type HostKernel } from '../kernel.js';
import { broadcastApply, broadcastShape, type PairLoop } from './broadcast.js';
import { incompatible, sameShape } from './util.js';
import * as M from './elementwise_math.js';
import { PAIR_LOOPS as P } from './elementwise_pairs.js';

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
  Add: { loops: { f: P.add } },
  Sub: { loops: { f: P.sub } },
  Mul: { loops: { f: P.mul, int: P.mulInt, i32: P.mulI32 } },
  RealDiv: { loops: { f: P.div, int: P.divInt } },
  Maximum: { loops: { f: P.maximum } },
  Minimum: { loops: { f: P.minimum } },
  FloorDiv: { loops: { f: P.floorDiv, f32: P.floorDivF32, int: P.floorDivInt } },
  FloorMod: { loops: { f: P.floorMod, f32: P.floorModF32, int: P.floorModInt } },
  Equal: { loops: { f: P.equal } },
  Greater: { loops: { f: P.greater } },
  GreaterEqual: { loops: { f: P.greaterEqual } },
  Less: { loops: { f: P.less } },
  LessEqual: { loops: { f: P.lessEqual } },
  ReluGrad: { loops: { f: P.reluGrad }, strict: true },
  SqrtGrad: { loops: { f: P.sqrtGrad }, strict: true },
  ReciprocalGrad: { loops: { f: P.reciprocalGrad }, strict: true },
  SigmoidGrad: { loops: { f: P.sigmoidGrad }, strict: true },
  Relu6Grad: { loops: { f: P.relu6Grad }, strict: true },
  SoftplusGrad: { loops: { f: P.softplusGrad }, strict: true },
  SoftsignGrad: { loops: { f: P.softsignGrad }, strict: true },
  TanhGrad: { loops: { f: M.tanhGrad }, strict: true },
  RsqrtGrad: { loops: { f: M.rsqrtGrad }, strict: true },
  NotEqual: { loops: { f: P.notEqual } },
  LogicalAnd: { loops: { f: P.logicalAnd } },
  LogicalOr: { loops: { f: P.logicalOr } },
  EluGrad: { loops: { f: M.eluGrad }, strict: true },
  SeluGrad: { loops: { f: M.seluGrad }, strict: true },
  Pow: { loops: { f: P.powF, int: P.powInt, i32: P.powI32 }, error: 'Integers to negative integer powers are not allowed' },
  SquaredDifference: { loops: { f: P.squaredDifference, f32: P.squaredDifferenceF32, i32: P.squaredDifferenceI32 } },
} satisfies { [K in OpType]?: BinaryDef };

/** Binary op types: NumPy broadcasting, plus the gradient helpers that take equal shapes. */
export type BinaryOp = keyof typeof BINARY;

/** A binary kernel's out shape for its operands' shapes, kept in KernelArgs.memo while they repeat. */
interface BinaryMemo {
  x: number[];
  y: number[];
  shape: number[];
}

function binary<K extends BinaryOp>(type: K, { loops, strict, error }: BinaryDef): HostKernel<K> {
  return (args) => {
    const { name, inputs, output, fast } = args;
    const x = inputs[0]!;
    const y = inputs[1]!;
    let m = args.memo as BinaryMemo | undefined;
    if (!m || !sameShape(m.x, x.shape) || !sameShape(m.y, y.shape)) {
      const shape = strict ? (sameShape(x.shape, y.shape) ? [...x.shape] : null) : broadcastShape(x.shape, y.shape);
      if (shape === null) throw incompatible(x.shape, y.shape, name);
      args.memo = m = { x: [...x.shape], y: [...y.shape], shape };
    }
    const shape = m.shape;
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
