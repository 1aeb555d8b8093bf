import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import { broadcastShape, bstrides } from './broadcast.js';

/** Rounds a result to the storage type's precision: float32 kernels round every step as TF1's Eigen expressions do. */
export type Round = (x: number) => number;
const unrounded: Round = (x) => x;

/** The rounding of results stored in `a`: Math.fround into a Float32Array, none into float64. */
export function roundOf(a: ArrayLike<number>): Round {
  return a instanceof Float32Array ? Math.fround : unrounded;
}

/** A shape as TF1's run-time messages print it (`[2,3]`), so errors read like TF1's. */
export function shapeStr(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** Product of `shape[from..to)`; the shape rules' sizes are products, so kernels need the same slices. */
export function prodOf(shape: readonly number[], from = 0, to = shape.length): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= shape[i]!;
  return n;
}

/** A shape given as an int vector input's values, rejected when negative (the executor cannot allocate it). */
export function shapeFromValues(t: NDArray, name: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < t.data.length; i++) {
    const d = t.data[i]!;
    if (d < 0 || !Number.isInteger(d)) throw new InvalidArgumentError(`Dimension ${d} must be >= 0`, name);
    out.push(d);
  }
  return out;
}

/** A run-time shape mismatch in TF1's words; unknown dims are only checked when values arrive. */
export function incompatible(a: readonly number[], b: readonly number[], name: string): InvalidArgumentError {
  return new InvalidArgumentError(`Incompatible shapes: ${shapeStr(a)} vs. ${shapeStr(b)}`, name);
}

/** True when two shapes are identical. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Axes from an int input (scalar or vector), normalised and deduplicated as the shape rules do. */
export function readAxes(t: NDArray, rank: number, name: string): boolean[] {
  const reduced = new Array<boolean>(rank).fill(false);
  for (let i = 0; i < t.data.length; i++) {
    const a = t.data[i]!;
    if (a < -rank || a >= rank) {
      throw new InvalidArgumentError(`Invalid reduction dimension (${a} for input with ${rank} dimension(s)`, name);
    }
    reduced[a < 0 ? a + rank : a] = true;
  }
  return reduced;
}

/** MatMul's run-time checks and sizes [M, N, K] with TF1's transposes; both backends' kernels share them. */
export function matMulDims(name: string, a: readonly number[], b: readonly number[], ta: boolean, tb: boolean): [number, number, number] {
  if (a.length !== 2 || b.length !== 2) {
    throw new InvalidArgumentError(`In[0] and In[1] must be matrices: ${shapeStr(a)} ${shapeStr(b)}`, name);
  }
  // no pairs destructured: this runs for every MatMul of every run
  const M = ta ? a[1]! : a[0]!;
  const K = ta ? a[0]! : a[1]!;
  const Kb = tb ? b[1]! : b[0]!;
  const N = tb ? b[0]! : b[1]!;
  if (K !== Kb) throw new InvalidArgumentError(`Matrix size-incompatible: In[0]: ${shapeStr(a)}, In[1]: ${shapeStr(b)}`, name);
  return [M, N, K];
}

/** SoftmaxCrossEntropyWithLogits' sizes [batch, classes] and each input's strides along them (0 where broadcast). */
export interface XentLayout {
  B: number;
  C: number;
  /** Logits' strides [along the batch, along the classes]. */
  f: [number, number];
  /** Labels' strides. */
  l: [number, number];
}

/** SoftmaxCrossEntropyWithLogits' run-time checks and layout, as TF1 r1.12's kernel: logits and labels broadcast to a matrix. */
export function xentLayout(name: string, logits: readonly number[], labels: readonly number[]): XentLayout {
  let shape = logits;
  if (!sameShape(logits, labels)) {
    const b = broadcastShape(logits, labels);
    if (!b) throw new InvalidArgumentError(`logits and labels must be broadcastable: logits_size=${shapeStr(logits)} labels_size=${shapeStr(labels)}`, name);
    shape = b;
  }
  if (shape.length !== 2) throw new InvalidArgumentError('logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional', name);
  const f = bstrides(logits, shape);
  const l = bstrides(labels, shape);
  return { B: shape[0]!, C: shape[1]!, f: [f[0]!, f[1]!], l: [l[0]!, l[1]!] };
}

/** Tile's run-time checks and output shape; both backends' kernels share them. */
export function tiledShape(name: string, shape: readonly number[], mult: ArrayLike<number>): number[] {
  const r = shape.length;
  if (mult.length !== r) {
    throw new InvalidArgumentError(`Expected multiples argument to be a vector of length ${r} but got length ${mult.length}`, name);
  }
  return shape.map((d, i) => {
    const m = mult[i]!;
    if (m < 0) throw new InvalidArgumentError(`Expected multiples[${i}] >= 0, but got ${m}`, name);
    return d * m;
  });
}

/** Range's run-time checks and length, as TF1's kernel computes it; both backends' kernels share them. */
export function rangeSize(name: string, start: number, limit: number, delta: number, int: boolean): number {
  if (delta === 0) throw new InvalidArgumentError(`Requires delta != 0: ${delta}`, name);
  if (delta > 0 && start > limit) throw new InvalidArgumentError(`Requires start <= limit when delta > 0: ${start}/${limit}`, name);
  if (delta < 0 && start < limit) throw new InvalidArgumentError(`Requires start >= limit when delta < 0: ${start}/${limit}`, name);
  return int ? Math.trunc((Math.abs(limit - start) + Math.abs(delta) - 1) / Math.abs(delta)) : Math.ceil(Math.abs((limit - start) / delta));
}

/** Transpose's run-time checks, as TF1's kernel makes them: perm a vector holding each of 0..rank-1 once. */
export function transposePerm(name: string, shape: readonly number[], perm: NDArray): number[] {
  if (perm.shape.length !== 1) throw new InvalidArgumentError(`perm must be a vector, not ${shapeStr(perm.shape)}`, name);
  const dims = shape.length;
  if (perm.size !== dims) throw new InvalidArgumentError(`transpose expects a vector of size ${dims}. But input(1) is a vector of size ${perm.size}`, name);
  const p = Array.from(perm.data);
  const seen = new Array<boolean>(dims).fill(false);
  for (const d of p) {
    if (!(d >= 0 && d < dims)) throw new InvalidArgumentError(`${d} is out of range [0 .. ${dims})`, name);
    seen[d] = true;
  }
  const missing = seen.indexOf(false);
  if (missing >= 0) throw new InvalidArgumentError(`${missing} is missing from {${p.join(',')}}.`, name);
  return p;
}

/**
 * A transpose as few output dims as possible, each with its input stride: size-1 dims vanish, and output
 * dims whose input dims are neighbours in the same order merge (so a batch of contiguous rows moves as one).
 */
export function transposeLayout(shape: readonly number[], perm: readonly number[]): { dims: number[]; strides: number[] } {
  const st = new Array<number>(shape.length);
  for (let i = shape.length - 1, step = 1; i >= 0; i--) {
    st[i] = step;
    step *= shape[i]!;
  }
  const dims: number[] = [];
  const strides: number[] = [];
  for (const a of perm) {
    const d = shape[a]!;
    if (d === 1) continue;
    const k = dims.length - 1;
    if (k >= 0 && strides[k] === st[a]! * d) {
      dims[k] = dims[k]! * d;
      strides[k] = st[a]!;
    } else {
      dims.push(d);
      strides.push(st[a]!);
    }
  }
  return { dims, strides };
}
