import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { denseGradients } from '../../helpers/dense_gradients.js';
import type { Operation } from '../../../src/graph/operation.js';
import type { OpType } from '../../../src/framework/op_defs.js';

/** How much of the inputs' shapes the placeholders know: all, the rank only, or nothing (dynamic-shape gradient paths). */
export type Known = 'static' | 'rank' | 'none';
/** Every `Known`, for properties to draw from. */
export const known = fc.constantFrom<Known>('static', 'rank', 'none');

/** Tensors whose values at the test point must keep the check away from kinks (composites). */
export interface Guards {
  /** Every element at least `margin` from 0 (relu inputs, maximum's x - y, prod inputs). */
  apart?: Tensor[];
  /** Every element exactly 1 (the count of near-maximal elements per reduce_max group). */
  unique?: Tensor[];
  /** Every element below `bound` in magnitude (keeps central differences meaningful). */
  bounded?: Tensor[];
}

type Tensor = tf.Tensor;

/** One gradient check: `build` on placeholders for `inputs`, compared with central differences. */
export interface Check {
  /** The op type under test: the check fails unless it lies on a path from an x to y. */
  op?: OpType;
  inputs: readonly tf.NDArray[];
  build: (xs: Tensor[]) => Tensor | { y: Tensor; guards?: Guards };
  known?: Known;
  /** 2: check the gradient of sum(y) with respect to the first input it depends on instead (a Hessian). */
  order?: 1 | 2;
  delta?: number;
  /** Allowed max |theoretical - numerical| relative to max(1, max |numerical|). */
  rtol?: number;
  margin?: number;
  bound?: number;
  /** Rules to swap in while `build` runs, as `graph.gradient_override_map`. */
  overrides?: Readonly<Partial<Record<OpType, string>>>;
}

/** The op types on some path from an x to y. */
export function opsBetween(xs: readonly Tensor[], y: Tensor): Set<OpType> {
  const downstream = new Set<Operation>();
  const stack = xs.map((x) => x.op);
  while (stack.length) {
    const op = stack.pop()!;
    if (downstream.has(op)) continue;
    downstream.add(op);
    for (const out of op.outputs) stack.push(...out.consumers());
  }
  const types = new Set<OpType>();
  const seen = new Set<Operation>();
  const up = [y.op];
  while (up.length) {
    const op = up.pop()!;
    if (seen.has(op) || !downstream.has(op)) continue;
    seen.add(op);
    types.add(op.type);
    up.push(...op.inputs.map((t) => t.op));
  }
  return types;
}

function placeholderFor(a: tf.NDArray, k: Known): Tensor {
  if (k === 'static') return tf.placeholder(a.dtype, a.shape);
  if (k === 'rank')
    return tf.placeholder(
      a.dtype,
      a.shape.map(() => null),
    );
  return tf.placeholder(a.dtype);
}

function maxAbs(a: tf.NDArray): number {
  let m = 0;
  for (const v of a.data) m = Math.max(m, Math.abs(v));
  return m;
}

/** Runs one check; throws (with the numbers) when the Jacobians differ, and discards the case (fc.pre) when a guard fails. */
export async function checkGradient(c: Check): Promise<void> {
  const g = new tf.Graph();
  const { xs, y1, y, guards } = g.as_default(() => {
    const xs = c.inputs.map((a) => placeholderFor(a, c.known ?? 'static'));
    const built = c.overrides ? g.gradient_override_map(c.overrides, () => c.build(xs)) : c.build(xs);
    const { y: y1, guards = {} } = built instanceof tf.Tensor ? { y: built } : built;
    if ((c.order ?? 1) === 1) return { xs, y1, y: y1, guards };
    const dx = denseGradients(y1, xs).find((d) => d !== null);
    return { xs, y1, y: dx ?? null, guards };
  });
  fc.pre(y !== null);
  // For a second-order check the op may be in the forward graph or in the gradient graph.
  if (c.op && !opsBetween(xs, y1).has(c.op) && !opsBetween(xs, y!).has(c.op)) throw new Error(`no ${c.op} op between the inputs and y`);
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    const feeds = new Map(xs.map((x, i) => [x, c.inputs[i]!] as const));
    const margin = c.margin ?? 1e-3;
    const bound = c.bound ?? 1e3;
    const [apart, unique, bounded, yVal] = await sess.run([guards.apart ?? [], guards.unique ?? [], guards.bounded ?? [], y!] as const, feeds);
    fc.pre(apart.every((a) => a.data.every((v) => Math.abs(v) >= margin)));
    fc.pre(unique.every((a) => a.data.every((v) => v === 1)));
    fc.pre(bounded.every((a) => maxAbs(a) <= bound) && maxAbs(yVal) <= bound);
    const pairs = await sess.as_default(() =>
      tf.test.compute_gradient(
        xs,
        c.inputs.map((a) => a.shape),
        y!,
        yVal.shape,
        {
          x_init_value: [...c.inputs],
          delta: c.delta ?? 1e-5,
        },
      ),
    );
    let error = 0;
    let scale = 1;
    for (const [t, n] of pairs) {
      scale = Math.max(scale, maxAbs(n));
      for (let i = 0; i < t.size; i++) {
        const d = Math.abs(t.data[i]! - n.data[i]!);
        error = Number.isNaN(d) || Number.isNaN(error) ? NaN : Math.max(error, d);
      }
    }
    if (!(error <= (c.rtol ?? 1e-6) * scale)) {
      const shown = pairs.map(([t, n], i) => `x${i}: theoretical\n${t}\nnumerical\n${n}`).join('\n');
      throw new Error(`gradient mismatch${c.op ? ` for ${c.op}` : ''}: max |theoretical - numerical| = ${error} (scale ${scale})\n${shown}`);
    }
  } finally {
    sess.close();
  }
}
