import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray, ndarrays, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

const dim = fc.integer({ min: 1, max: 4 });
const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

/** a and b for matmul(a, b, { transpose_a, transpose_b }) of an m×k by k×n product. */
const matmulInputs = (ta: boolean, tb: boolean) => ndarrays(fc.tuple(dim, dim, dim).map(([m, k, n]) => [ta ? [k, m] : [m, k], tb ? [n, k] : [k, n]]));

const matmul = TRANSPOSES.map(([transpose_a, transpose_b]) =>
  gradientProperty(
    'MatMul',
    `transpose_a ${transpose_a}, transpose_b ${transpose_b}`,
    fc.tuple(matmulInputs(transpose_a, transpose_b), known),
    ([[a, b], k]) => ({ inputs: [a!, b!], build: ([x, y]) => tf.matmul(x!, y!, { transpose_a, transpose_b }), known: k }),
    25,
  ),
);

/** An array of rank 1 to 3 and one of its axes, written as i or i - rank. */
const withAxis = shape({ min_rank: 1, max_dim: 3 }).chain((s) => fc.tuple(ndarray(s), fc.integer({ min: -s.length, max: s.length - 1 })));

/** y times distinct weights 1..n, so a gradient routed to the wrong element shows (a softmax's entries sum to 1). */
const weighted = (y: tf.Tensor, dims: readonly number[]): tf.Tensor =>
  y.mul(
    tf.constant(
      Float64Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => i + 1),
      { shape: [...dims] },
    ),
  );

const softmax: OpCase[] = [
  gradientProperty(
    'Softmax',
    'over the last axis, rank 1 to 3',
    fc.tuple(ndarray(shape({ min_rank: 1, max_dim: 3 })), known),
    ([x, k]) => ({ inputs: [x], build: ([t]) => tf.nn.softmax(t!), known: k }),
    40,
  ),
  gradientProperty(
    'LogSoftmax',
    'over the last axis, rank 1 to 3',
    fc.tuple(ndarray(shape({ min_rank: 1, max_dim: 3 })), known),
    ([x, k]) => ({ inputs: [x], build: ([t]) => tf.nn.log_softmax(t!), known: k }),
    40,
  ),
  gradientProperty(
    'Softmax',
    'along any axis (swapped to the end and back by Transposes)',
    fc.tuple(withAxis, known),
    ([[x, axis], k]) => ({ inputs: [x], build: ([t]) => weighted(tf.nn.softmax(t!, { axis }), x.shape), known: k }),
    40,
  ),
  gradientProperty(
    'LogSoftmax',
    'along any axis (swapped to the end and back by Transposes)',
    fc.tuple(withAxis, known),
    ([[x, axis], k]) => ({ inputs: [x], build: ([t]) => weighted(tf.nn.log_softmax(t!, { axis }), x.shape), known: k }),
    40,
  ),
];

/** Labels as TF1 requires them: each row a probability distribution (the rule assumes rows sum to 1). */
const distributions = (b: number, c: number) =>
  ndarray([b, c], { min: 0.05, max: 1 }).map((a) => {
    const d = a.data.slice();
    for (let r = 0; r < b; r++) {
      let sum = 0;
      for (let j = 0; j < c; j++) sum += d[r * c + j]!;
      for (let j = 0; j < c; j++) d[r * c + j]! /= sum;
    }
    return new tf.NDArray(d, a.shape, a.dtype);
  });

const batch = fc.tuple(dim, dim).chain(([b, c]) => fc.tuple(ndarray([b, c]), distributions(b, c)));

/** Logits of rank 1 to 3, values of the same shape for the labels, and a class axis. */
const anyRank = shape({ min_rank: 1, max_dim: 3 }).chain((s) => fc.tuple(ndarray(s), ndarray(s), fc.integer({ min: -s.length, max: s.length - 1 })));

const xent: OpCase[] = [
  gradientProperty(
    'SoftmaxCrossEntropyWithLogits',
    'v2: by logits and labels',
    fc.tuple(batch, known),
    ([[logits, labels], k]) => ({
      inputs: [logits!, labels!],
      build: ([x, y]) => tf.nn.softmax_cross_entropy_with_logits_v2({ logits: x!, labels: y! }),
      known: k,
    }),
    40,
  ),
  gradientProperty(
    'SoftmaxCrossEntropyWithLogits',
    'v1: by logits, labels held constant',
    fc.tuple(batch, known),
    ([[logits, labels], k]) => ({
      inputs: [logits!],
      build: ([x]) => tf.nn.softmax_cross_entropy_with_logits({ logits: x!, labels: tf.constant(labels!) }),
      known: k,
    }),
    40,
  ),
  gradientProperty(
    'SoftmaxCrossEntropyWithLogits',
    'v2 of any rank along any dim (moved to the end, flattened to 2-D and back): by logits and labels',
    fc.tuple(anyRank, known),
    // The labels a distribution along dim, as the rule assumes: a softmax of the second input along it.
    ([[logits, labels, dim], k]) => ({
      inputs: [logits, labels],
      build: ([x, y]) => tf.nn.softmax_cross_entropy_with_logits_v2({ logits: x!, labels: tf.nn.softmax(y!, { axis: dim }), dim }),
      known: k,
    }),
    40,
  ),
  gradientProperty(
    'SoftmaxCrossEntropyWithLogits',
    'second order: the gradient by logits, differentiated again (backprop output)',
    batch,
    ([logits, labels]) => ({
      inputs: [logits!],
      build: ([x]) => tf.nn.softmax_cross_entropy_with_logits_v2({ logits: x!, labels: tf.constant(labels!) }),
      order: 2,
    }),
    40,
  ),
  gradientProperty(
    'SoftmaxCrossEntropyWithLogits',
    'second order, labels computed from the inputs (the gradient into backprop reaches the labels)',
    ndarrays(
      fc.tuple(dim, dim).map(([b, c]) => [
        [b, c],
        [b, c],
      ]),
    ),
    ([logits, other]) => ({
      inputs: [logits!, other!],
      build: ([x, z]) => tf.nn.softmax_cross_entropy_with_logits_v2({ logits: x!, labels: tf.nn.softmax(z!.mul(x!)) }),
      order: 2,
    }),
    40,
  ),
  gradientProperty(
    'SoftmaxCrossEntropyWithLogits',
    'as the tutorial uses it: reduce_mean of the loss of softmax(x @ W)',
    fc.tuple(dim, dim, dim).chain(([b, i, c]) => fc.tuple(ndarray([b, i]), ndarray([i, c]), distributions(b, c))),
    ([x, w, labels]) => ({
      inputs: [w!, x!],
      build: ([W, X]) => tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ labels: tf.constant(labels!), logits: tf.matmul(X!, W!) })),
    }),
    20,
  ),
];

/** matmul with both transposes, softmax, log_softmax and softmax cross entropy. */
export const cases: OpCase[] = [...matmul, ...softmax, ...xent];
