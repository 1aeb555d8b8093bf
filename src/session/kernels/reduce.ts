import { allocHost, isInteger, isSmallInt, smallIntRange, type HostArray } from '../../framework/dtypes.js';
import { InvalidArgumentError } from '../../framework/errors.js';
import type { HostKernel, KernelArgs } from '../kernel.js';
import type { NDArray } from '../../framework/ndarray.js';
import { prodOf, readAxes, sameShape, shapeStr } from './util.js';

/**
 * One reduction pass over the middle axis of a contiguous [O, R, I] view into acc[O, I].
 * I === 1 is the "reduce the last axis" fast path (a contiguous run per output); otherwise
 * whole rows of I are accumulated, which is the "reduce the first axis" fast path when O === 1.
 * Accumulators are doubles, so float32 sums round once, at the end.
 */
type Pass = (x: HostArray, O: number, R: number, I: number, acc: Float64Array) => void;

const sumPass: Pass = (x, O, R, I, acc) => {
  if (I === 1) {
    for (let o = 0, p = 0; o < O; o++) {
      let s = 0;
      for (const e = p + R; p < e; p++) s += x[p]!;
      acc[o] = s;
    }
    return;
  }
  acc.fill(0);
  for (let o = 0, p = 0; o < O; o++) {
    const a0 = o * I;
    const a1 = a0 + I;
    for (let r = 0; r < R; r++) for (let j = a0; j < a1; j++, p++) acc[j] = acc[j]! + x[p]!;
  }
};

const prodPass: Pass = (x, O, R, I, acc) => {
  acc.fill(1);
  for (let o = 0, p = 0; o < O; o++) {
    const a0 = o * I;
    const a1 = a0 + I;
    for (let r = 0; r < R; r++) for (let j = a0; j < a1; j++, p++) acc[j] = acc[j]! * x[p]!;
  }
};

// int32 products wrap; a double product would drift once it passes 2^53.
const prodPassI32: Pass = (x, O, R, I, acc) => {
  acc.fill(1);
  for (let o = 0, p = 0; o < O; o++) {
    const a0 = o * I;
    const a1 = a0 + I;
    for (let r = 0; r < R; r++) for (let j = a0; j < a1; j++, p++) acc[j] = Math.imul(acc[j]!, x[p]!);
  }
};

// Math.max propagates NaN, as NumPy's max does.
const maxPass: Pass = (x, O, R, I, acc) => {
  if (I === 1) {
    for (let o = 0, p = 0; o < O; o++) {
      let m = -Infinity;
      for (const e = p + R; p < e; p++) m = Math.max(m, x[p]!);
      acc[o] = m;
    }
    return;
  }
  acc.fill(-Infinity);
  for (let o = 0, p = 0; o < O; o++) {
    const a0 = o * I;
    const a1 = a0 + I;
    for (let r = 0; r < R; r++) for (let j = a0; j < a1; j++, p++) acc[j] = Math.max(acc[j]!, x[p]!);
  }
};

// Math.min propagates NaN, as NumPy's min does.
const minPass: Pass = (x, O, R, I, acc) => {
  acc.fill(Infinity);
  for (let o = 0, p = 0; o < O; o++) {
    const a0 = o * I;
    const a1 = a0 + I;
    for (let r = 0; r < R; r++) for (let j = a0; j < a1; j++, p++) acc[j] = Math.min(acc[j]!, x[p]!);
  }
};

// Any and All, on bools stored as 0 and 1: an empty Any is false, an empty All true.
const anyPass: Pass = (x, O, R, I, acc) => {
  acc.fill(0);
  for (let o = 0, p = 0; o < O; o++) {
    const a0 = o * I;
    const a1 = a0 + I;
    for (let r = 0; r < R; r++) for (let j = a0; j < a1; j++, p++) acc[j] = acc[j]! | x[p]!;
  }
};
const allPass: Pass = (x, O, R, I, acc) => {
  acc.fill(1);
  for (let o = 0, p = 0; o < O; o++) {
    const a0 = o * I;
    const a1 = a0 + I;
    for (let r = 0; r < R; r++) for (let j = a0; j < a1; j++, p++) acc[j] = acc[j]! & x[p]!;
  }
};

type Kind = 'sum' | 'mean' | 'prod' | 'max' | 'min' | 'any' | 'all';
type ReduceOp = 'Sum' | 'Mean' | 'Prod' | 'Max' | 'Min' | 'Any' | 'All';
const PASSES: Partial<Record<Kind, Pass>> = { max: maxPass, min: minPass, any: anyPass, all: allPass };

/**
 * A float32 mean from its double sum: ±inf when the sum itself does not fit in float32, as TF1's float
 * accumulator (and NumPy's) overflows before dividing; otherwise the sum divided once and rounded once.
 * elementwise.wat's sum kernel computes the same.
 */
function meanF32(sum: number, count: number): number {
  const f = Math.fround(sum);
  return f === Infinity || f === -Infinity ? f : sum / count;
}

/** A reduction's shape work for one input shape and axes, kept in KernelArgs.memo while they repeat. */
interface ReduceMemo {
  shape: number[];
  /** The axes input's values. */
  axes: number[];
  keep: boolean;
  outShape: number[];
  /** The input's dims with runs of kept and of reduced dims merged (size-1 dims belong to neither and vanish). */
  dims: number[];
  /** Whether each of `dims` is reduced. */
  red: boolean[];
  /** Elements reduced into each output. */
  count: number;
}

/** The memo's axes are these values. */
function sameAxes(kept: readonly number[], axes: ArrayLike<number>): boolean {
  if (kept.length !== axes.length) return false;
  for (let i = 0; i < kept.length; i++) if (kept[i] !== axes[i]) return false;
  return true;
}

/** The reduction's shape work for x and axes: the kept one when they repeat, else worked out (and axes checked) and kept. */
function reduceMemo(args: KernelArgs<ReduceOp>, shape: readonly number[], axes: NDArray): ReduceMemo {
  const keep = args.attrs.keep_dims;
  const kept = args.memo as ReduceMemo | undefined;
  if (kept && kept.keep === keep && sameShape(kept.shape, shape) && sameAxes(kept.axes, axes.data as ArrayLike<number>)) return kept;
  const reduced = readAxes(axes, shape.length, args.name);
  const outShape: number[] = [];
  shape.forEach((d, i) => {
    if (!reduced[i]) outShape.push(d);
    else if (keep) outShape.push(1);
  });
  // Coalesce runs of kept / reduced dims; size-1 dims belong to neither and vanish.
  const dims: number[] = [];
  const red: boolean[] = [];
  let count = 1;
  shape.forEach((d, i) => {
    if (reduced[i]) count *= d;
    if (d === 1) return;
    const k = dims.length - 1;
    if (k >= 0 && red[k] === reduced[i]) dims[k] = dims[k]! * d;
    else {
      dims.push(d);
      red.push(reduced[i]!);
    }
  });
  const m: ReduceMemo = { shape: [...shape], axes: Array.from(axes.data as ArrayLike<number>), keep, outShape, dims, red, count };
  args.memo = m;
  return m;
}

function reduction(kind: Kind): HostKernel<ReduceOp> {
  return (args: KernelArgs<ReduceOp>) => {
    const { inputs, output, fast } = args;
    const x = inputs[0]!;
    const m = reduceMemo(args, x.shape, inputs[1]!);
    const count = m.count;
    const out = output(0, m.outShape).data;
    // one reduced run of a float32 sum or mean: elementwise.wat's kernel, which adds in the same order
    const g0 = m.red.indexOf(true);
    if ((kind === 'sum' || kind === 'mean') && fast && x.dtype === 'float32' && g0 >= 0 && m.red.lastIndexOf(true) === g0) {
      const A = prodOf(m.dims, 0, g0);
      const R = m.dims[g0]!;
      const I = prodOf(m.dims, g0 + 1);
      if (fast && x.data instanceof Float32Array && out instanceof Float32Array && fast.sum(x.data, A, R, I, out, kind === 'mean' ? count : 1)) return;
    }
    // the passes below merge entries as they go: copies of the kept ones, when there is anything to reduce
    const dims = g0 >= 0 ? m.dims.slice() : m.dims;
    const red = g0 >= 0 ? m.red.slice() : m.red;
    const pass = PASSES[kind] ?? (kind === 'prod' ? (x.dtype === 'int32' ? prodPassI32 : prodPass) : sumPass);
    let cur: HostArray = x.data;
    // Reduce the innermost reduced run first; its kept neighbours then merge, so each pass is [O, R, I].
    for (let g = red.lastIndexOf(true); g >= 0; g = red.lastIndexOf(true)) {
      const O = prodOf(dims, 0, g);
      const I = prodOf(dims, g + 1);
      const acc = new Float64Array(O * I);
      pass(cur, O, dims[g]!, I, acc);
      cur = acc;
      dims.splice(g, 1);
      red.splice(g, 1);
      if (g > 0 && g < dims.length) {
        dims.splice(g - 1, 2, dims[g - 1]! * dims[g]!);
        red.splice(g, 1);
      }
    }
    if (kind === 'mean') {
      const int = isInteger(x.dtype);
      const f32 = x.dtype === 'float32';
      // a narrow integer's sum wraps in its type before the division, as Eigen's MeanReducer accumulates in T
      const wrap = isSmallInt(x.dtype) ? allocHost(x.dtype, 1) : null;
      for (let i = 0; i < out.length; i++) {
        if (wrap) wrap[0] = cur[i]!;
        const m = (wrap ? wrap[0]! : cur[i]!) / count;
        out[i] = int ? (count === 0 ? 0 : Math.trunc(m) + 0) : f32 ? meanF32(cur[i]!, count) : m;
      }
    } else if (kind === 'max' && count === 0 && isInteger(x.dtype)) {
      // An empty max is the dtype's lowest value, as in TF1; -Infinity has no int form.
      out.fill(x.dtype === 'int32' ? -(2 ** 31) : x.dtype === 'int64' ? -(2 ** 63) : smallIntRange(x.dtype)[0]);
    } else if (kind === 'min' && count === 0 && isInteger(x.dtype)) {
      // An empty min is the dtype's highest value (int64's 2^63 - 1 is the double 2^63).
      out.fill(x.dtype === 'int32' ? 2 ** 31 - 1 : x.dtype === 'int64' ? 2 ** 63 : smallIntRange(x.dtype)[1]);
    } else if (x.dtype === 'int64') {
      for (let i = 0; i < out.length; i++) out[i] = cur[i]! + 0; // a product 0 * -3 is -0 in doubles
    } else {
      out.set(cur);
    }
  };
}

/** ArgMax (or ArgMin, `min`) over one axis (TF1 drops that axis); the first index wins ties. */
const argExtreme =
  (min: boolean): HostKernel<'ArgMax' | 'ArgMin'> =>
  ({ name, inputs, output }) => {
    const x = inputs[0]!;
    const rank = x.shape.length;
    const a = inputs[1]!.data[0]!;
    if (a < -rank || a >= rank) {
      throw new InvalidArgumentError(`Expected dimension in the range [${-rank}, ${rank}), but got ${a}`, name);
    }
    const axis = a < 0 ? a + rank : a;
    const R = x.shape[axis]!;
    const out = output(
      0,
      x.shape.filter((_, i) => i !== axis),
    ).data;
    if (R === 0 && out.length > 0) {
      throw new InvalidArgumentError(`Reduction axis ${axis} is empty in shape ${shapeStr(x.shape)}`, name);
    }
    const O = prodOf(x.shape, 0, axis);
    const I = prodOf(x.shape, axis + 1);
    const d = x.data;
    for (let o = 0; o < O; o++) {
      const base = o * R * I;
      for (let j = 0; j < I; j++) {
        let p = base + j;
        let best = d[p]!;
        let bi = 0;
        for (let r = 1; r < R; r++) {
          p += I;
          const v = d[p]!;
          if (min ? v < best : v > best) {
            best = v;
            bi = r;
          }
        }
        out[o * I + j] = bi;
      }
    }
  };

/** Kernels of the reductions, keyed by op type. */
export const REDUCE_KERNELS: {
  Sum: HostKernel<'Sum'>;
  Mean: HostKernel<'Mean'>;
  Max: HostKernel<'Max'>;
  Prod: HostKernel<'Prod'>;
  ArgMax: HostKernel<'ArgMax'>;
  Min: HostKernel<'Min'>;
  Any: HostKernel<'Any'>;
  All: HostKernel<'All'>;
  ArgMin: HostKernel<'ArgMin'>;
} = {
  Sum: reduction('sum'),
  Mean: reduction('mean'),
  Max: reduction('max'),
  Prod: reduction('prod'),
  ArgMax: argExtreme(false),
  Min: reduction('min'),
  Any: reduction('any'),
  All: reduction('all'),
  ArgMin: argExtreme(true),
};
