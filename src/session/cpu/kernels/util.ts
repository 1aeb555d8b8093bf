import { InvalidArgumentError } from '../../../graph/errors.js';
import type { NDArray } from '../../../ndarray/ndarray.js';

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
