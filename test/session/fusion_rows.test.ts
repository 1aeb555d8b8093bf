// The fusion pass's groups that hold a reduction over the last axis (FusionRules.rowReduce): which trees the WebGPU
// backend's rules make of the article's training step and of the shapes that must not fuse, and that the CPU
// backend's rules (which have no rowReduce) make none.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { NDArray } from '../../src/framework/ndarray.js';
import { compilePlan } from '../../src/session/plan.js';
import { fusePlan, type FusedStep, type FusionRules } from '../../src/session/fusion.js';
import { CPU_FUSION } from '../../src/session/cpu/fused.js';
import { GPU_FUSION } from '../../src/session/webgpu/kernels/fused.js';
import { buildArticleGraph } from '../helpers/article_graph.js';

const zeros = (shape: number[]): NDArray => NDArray.zeros(shape, 'float32');

/** The fused steps of the plan of `fetches`, each as its ops' names (the reduction marked) and the step's inputs' count. */
function trees(fetches: (tf.Tensor | tf.Operation)[], feeds: Map<tf.Tensor, NDArray>, rules: FusionRules): string[] {
  const fused = fusePlan(compilePlan(fetches, feeds), rules);
  return fused.steps
    .filter((s): s is FusedStep => s.kind === 'fused')
    .map((s) => `${s.nodes.map((n, j) => (j === s.reduction ? `[${n.op.name}]` : n.op.name)).join(' ')} (${s.inputs.length} leaves)`);
}

/** A graph of `build`'s fetches over placeholders of these shapes, and their zero feeds. */
function graph(shapes: number[][], build: (...xs: tf.Tensor[]) => tf.Tensor[]) {
  const g = new tf.Graph();
  return g.as_default(() => {
    const xs = shapes.map((s) => tf.placeholder(tf.float32, s));
    return { fetches: build(...xs), feeds: new Map(xs.map((x, k) => [x, zeros(shapes[k]!)])) };
  });
}

describe('row reductions in the fusion pass', () => {
  it("fuses the article's step into the bias add with Softmax, Mul's gradient with its copy, and one group from Log's gradient through Softmax's, on the WebGPU rules only", () => {
    for (const n of [100, 5500]) {
      const m = buildArticleGraph();
      const feeds = new Map([
        [m.x, zeros([n, 784])],
        [m.y_, zeros([n, 10])],
      ]);
      expect(trees([m.training], feeds, GPU_FUSION)).toEqual([
        'add [Softmax] (2 leaves)',
        // Mul's gradient's Sum over no axes (y_ and the loss's gradient have one shape) is a copy
        'gradients/mul_grad/Mul_1 gradients/mul_grad/Sum_1 (3 leaves)',
        'gradients/Log_grad/Reciprocal gradients/Log_grad/mul gradients/Softmax_grad/mul [gradients/Softmax_grad/Sum] gradients/Softmax_grad/sub gradients/Softmax_grad/mul_1 (3 leaves)',
      ]);
      // the CPU's rules have no rowReduce: no tree of theirs holds a reduction
      expect(trees([m.training], feeds, CPU_FUSION).some((t) => t.includes('['))).toBe(false);
    }
  });

  it('fuses reduce_sum(y_ * log(y), 1) into one group rooted at the reduction, kept dims or not', () => {
    for (const keepdims of [false, true]) {
      const { fetches, feeds } = graph(
        [
          [5, 10],
          [5, 10],
        ],
        (y_, y) => [tf.reduce_sum(y_!.mul(tf.log(y!)), { axis: 1, keepdims })],
      );
      expect(trees(fetches, feeds, GPU_FUSION)).toEqual(['Log mul [Sum] (3 leaves)']);
      expect(trees(fetches, feeds, CPU_FUSION)).toEqual([]);
    }
  });

  it('fuses each reduction kind over the last axis, by -1 or by its index, rank 1 to 3', () => {
    const kinds = [tf.reduce_sum, tf.reduce_mean, tf.reduce_max, tf.reduce_min, tf.reduce_prod];
    for (const [shape, axis] of [
      [[7], 0],
      [[2, 7], -1],
      [[2, 3, 7], 2],
    ] as const) {
      for (const f of kinds) {
        const { fetches, feeds } = graph([[...shape]], (x) => [f(tf.square(x!), axis)]);
        expect(trees(fetches, feeds, GPU_FUSION)).toHaveLength(1);
      }
    }
  });

  it('does not fuse a reduction over another axis, over more axes than the last, or by axes fed at run time', () => {
    const none = (shapes: number[][], build: (...xs: tf.Tensor[]) => tf.Tensor[]): void => {
      const { fetches, feeds } = graph(shapes, build);
      expect(trees(fetches, feeds, GPU_FUSION)).toEqual([]);
    };
    none([[4, 5]], (x) => [tf.reduce_sum(tf.square(x!), 0)]);
    none([[4, 5]], (x) => [tf.reduce_sum(tf.square(x!), [0, 1])]);
    none([[4, 5]], (x) => [tf.reduce_sum(tf.square(x!))]);
    none([[2, 4, 5]], (x) => [tf.reduce_max(tf.square(x!), 1)]);
    // a float64 reduction is not the fused kernels' float32
    none([[4, 5]], (x) => [tf.reduce_sum(tf.square(tf.cast(x!, tf.float64)), 1)]);
    const g = new tf.Graph();
    const { y, feeds } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [4, 5]);
      const axis = tf.placeholder(tf.int32, []);
      return {
        y: tf.reduce_sum(tf.square(x), axis),
        feeds: new Map<tf.Tensor, NDArray>([
          [x, zeros([4, 5])],
          [axis, new NDArray(Int32Array.of(1), [], 'int32')],
        ]),
      };
    });
    expect(trees([y], feeds, GPU_FUSION)).toEqual([]);
  });

  it('broadcasts a row result back into the tree of its input shape only with kept dims, and holds one reduction a tree', () => {
    // softmax by hand: the max's rows come back into x - max; the sum of exp would be a second reduction in that
    // tree, so exp is stored (two steps read it) and the sum's rows come back into the division
    const softmax = graph([[3, 6]], (x) => {
      const e = tf.exp(tf.subtract(x!, tf.reduce_max(x!, -1, true)));
      return [tf.divide(e, tf.reduce_sum(e, -1, true))];
    });
    expect(trees(softmax.fetches, softmax.feeds, GPU_FUSION)).toEqual(['[Max] Sub Exp (2 leaves)', '[Sum] truediv (2 leaves)']);
    // without kept dims a [4] row result broadcasts along the other axis of a [4, 4] tree: not a row's value
    const flat = graph([[4, 4]], (x) => [tf.subtract(x!, tf.reduce_sum(tf.square(x!), -1))]);
    expect(trees(flat.fetches, flat.feeds, GPU_FUSION)).toEqual(['Square [Sum] (2 leaves)']);
    // a row result that is fetched too is stored, and its tree stays rooted at the reduction
    const fetched = graph([[4, 5]], (x) => {
      const s = tf.reduce_sum(tf.square(x!), -1, true);
      return [s, tf.multiply(tf.subtract(x!, s), x!)];
    });
    expect(trees(fetched.fetches, fetched.feeds, GPU_FUSION)).toEqual(['Square [Sum] (2 leaves)', 'Sub Mul (2 leaves)']);
  });

  it('fuses Softmax and LogSoftmax with the tree that makes their input and the tree that reads their output', () => {
    for (const [f, name] of [
      [tf.nn.softmax, 'Softmax'],
      [tf.nn.log_softmax, 'LogSoftmax'],
    ] as const) {
      const { fetches, feeds } = graph([[4, 6], [6], [4, 6]], (x, b, w) => [tf.multiply(f(tf.nn.bias_add(x!, b!)), w!)]);
      expect(trees(fetches, feeds, GPU_FUSION)).toEqual([`BiasAdd [${name}] Mul (3 leaves)`]);
      expect(trees(fetches, feeds, CPU_FUSION)).toEqual([]);
    }
  });

  it('fuses a reduction over no axes as the copy it is, into an elementwise tree or a row group, but not as a row reduction', () => {
    const { fetches, feeds } = graph([[4, 5], [5]], (x, b) => [
      tf.reduce_sum(tf.reduce_sum(tf.multiply(x!, b!), []), -1),
      tf.nn.relu(tf.reduce_mean(tf.square(b!), [])),
    ]);
    expect(trees(fetches, feeds, GPU_FUSION)).toEqual(['Mul Sum [Sum_1] (4 leaves)', 'Square Mean Relu (2 leaves)']);
    expect(trees(fetches, feeds, CPU_FUSION)).toEqual([]);
  });
});
