import type { Tensor } from '../graph/tensor.js';
import { Graph } from '../graph/graph.js';
import { placeholder } from '../ops/array_ops.js';
import type { NDArray } from '../framework/ndarray.js';
import { compute_gradient_error } from './compute_gradient.js';

/** Options of `gradient_error`. */
export interface GradientErrorOptions {
  /** Central-difference step (default 1e-3, TF1's). */
  delta?: number;
}

/**
 * `compute_gradient_error` for a function of arrays: builds `f` on float64-or-float32 placeholders shaped
 * like `inputs` in a fresh graph, and returns the largest |theoretical - numerical| over all inputs.
 */
export async function gradient_error(f: (...xs: Tensor[]) => Tensor, inputs: readonly NDArray[], opts: GradientErrorOptions = {}): Promise<number> {
  const g = new Graph();
  const { xs, y } = g.as_default(() => {
    const xs = inputs.map((a) => placeholder(a.dtype, a.shape));
    return { xs, y: f(...xs) };
  });
  const yShape = y.shape.as_list();
  if (yShape.some((d) => d === null)) throw new RangeError(`gradient_error needs y's static shape, got ${String(y.shape)}`);
  return compute_gradient_error(
    xs,
    inputs.map((a) => a.shape),
    y,
    yShape as number[],
    {
      x_init_value: [...inputs],
      ...(opts.delta !== undefined ? { delta: opts.delta } : {}),
    },
  );
}
