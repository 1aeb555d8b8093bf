// Softmax and softmax cross entropy along any axis, in double precision: the NumPy references of TF1's
// softmax_op_test/xent_op_test and of this project's own axis tests.
import type { NDArray } from '../../src/index.js';

/** Calls `row(at, n)` for every 1-D slice of `shape` along `axis`; `at(k)` is the flat index of the slice's k-th element. */
export function alongAxis(shape: readonly number[], axis: number, row: (at: (k: number) => number, n: number, slice: number) => void): void {
  const d = axis < 0 ? axis + shape.length : axis;
  const n = shape[d]!;
  const inner = shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const outer = shape.slice(0, d).reduce((a, b) => a * b, 1);
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) row((k) => o * n * inner + k * inner + i, n, o * inner + i);
}

/** Softmax (or log softmax) of `x` along `axis`. */
export function softmaxAlong(x: NDArray, axis: number, log = false): Float64Array {
  const out = new Float64Array(x.size);
  alongAxis(x.shape, axis, (at, n) => {
    let m = -Infinity;
    for (let k = 0; k < n; k++) m = Math.max(m, x.data[at(k)]!);
    let s = 0;
    for (let k = 0; k < n; k++) s += Math.exp(x.data[at(k)]! - m);
    for (let k = 0; k < n; k++) out[at(k)] = log ? x.data[at(k)]! - m - Math.log(s) : Math.exp(x.data[at(k)]! - m) / s;
  });
  return out;
}

/**
 * The cross entropy of logits `x` against `labels` (broadcast as NumPy repeats a smaller array) along `axis`: the loss per
 * slice and the backprop `softmax - labels`. With `epsilon` (TF1's tests use 1e-20) the loss is -sum(labels * log(p + epsilon)).
 */
export function xentAlong(x: NDArray, labels: NDArray, axis: number, epsilon = 0): { loss: Float64Array; backprop: Float64Array } {
  const d = axis < 0 ? axis + x.shape.length : axis;
  const loss = new Float64Array(x.size / x.shape[d]!);
  const backprop = new Float64Array(x.size);
  const p = softmaxAlong(x, axis);
  const lp = softmaxAlong(x, axis, true);
  const label = (i: number): number => labels.data[i % labels.size]!;
  alongAxis(x.shape, axis, (at, n, slice) => {
    let l = 0;
    for (let k = 0; k < n; k++) {
      backprop[at(k)] = p[at(k)]! - label(at(k));
      l -= label(at(k)) * (epsilon > 0 ? Math.log(p[at(k)]! + epsilon) : lp[at(k)]!);
    }
    loss[slice] = l;
  });
  return { loss, backprop };
}
