import fc from 'fast-check';
import { expect } from 'vitest';
import * as tf from '../../../src/index.js';
import { ndarray, ndarrays, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

const dim = fc.integer({ min: 1, max: 4 });

/** Logits of rank 1 to 3 and labels of the outer shape, each a class index. */
const sparse = fc
  .tuple(fc.array(dim, { minLength: 0, maxLength: 2 }), dim)
  .chain(([outer, C]) =>
    fc.tuple(
      ndarray([...outer, C]),
      fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: outer.reduce((a, b) => a * b, 1), maxLength: outer.reduce((a, b) => a * b, 1) }),
      fc.constant(outer),
    ),
  );

/** PreventGradient's property: the forward pass is its input, and asking for its gradient is TF1's LookupError with the reason. */
const preventGradient: OpCase = {
  op: 'PreventGradient',
  name: 'an identity whose gradient is a LookupError naming the reason',
  numRuns: 10,
  property: () =>
    fc.asyncProperty(ndarray(fc.array(dim, { maxLength: 3 })) as fc.Arbitrary<unknown>, async (v) => {
      const a = v as tf.NDArray;
      const g = new tf.Graph();
      const [x, y] = g.as_default(() => {
        const x = tf.constant(a);
        return [x, g.create_op('PreventGradient', [x], { message: 'no reason' }, 'PreventGradient').outputs[0]!];
      });
      expect(Array.from((await new tf.Session({ graph: g, backend: 'cpu' }).run(y!)).data)).toEqual(Array.from(a.data));
      expect(() => g.as_default(() => tf.gradients(y!, [x!]))).toThrow(new tf.LookupError('Gradient explicitly disabled. Reason: no reason'));
    }),
  run: () => fc.assert(preventGradient.property(), { numRuns: preventGradient.numRuns }),
};

const small = shape({ max_dim: 3 });
/** Values away from Elu's and Selu's kink at 0 (Selu's derivative jumps there). */
const offKink = { avoid: [0], gap: 0.05 };

/** Elu and Selu, their helpers by both inputs, and the helpers differentiated as a second derivative. */
const activations: OpCase[] = (['Elu', 'Selu'] as const).flatMap((op) => {
  const f = op === 'Elu' ? tf.nn.elu : tf.nn.selu;
  const helper = op === 'Elu' ? 'EluGrad' : 'SeluGrad';
  return [
    gradientProperty(
      op,
      'of any shape, away from the kink',
      fc.tuple(ndarray(small, offKink), known),
      ([x, k]) => ({ inputs: [x], build: ([t]) => f(t!), known: k }),
      40,
    ),
    gradientProperty(
      helper,
      'the op itself, by both inputs (outputs away from 0)',
      fc.tuple(
        small.chain((s) => fc.tuple(ndarray(s), ndarray(s, offKink))),
        known,
      ),
      ([[dy, y], k]) => ({ inputs: [dy, y], build: ([a, b]) => a!.graph.create_op(helper, [a!, b!], {}, helper).outputs[0]!, known: k }),
      40,
    ),
    gradientProperty(
      helper,
      'second order: the gradient of a gradient',
      fc.tuple(
        ndarrays(
          small.map((s) => [s, s]),
          offKink,
        ),
        known,
      ),
      ([[x, w], k]) => ({ inputs: [x!, w!], build: ([t, v]) => tf.multiply(f(t!), v!), order: 2, known: k }),
      40,
    ),
  ];
});

export const cases: OpCase[] = [
  ...activations,
  gradientProperty(
    'SparseSoftmaxCrossEntropyWithLogits',
    'by logits of any rank (flattened to 2-D and the loss reshaped back), int32 labels',
    fc.tuple(sparse, known),
    ([[logits, labels, outer], k]) => ({
      inputs: [logits],
      build: ([x]) => tf.nn.sparse_softmax_cross_entropy_with_logits({ logits: x!, labels: tf.constant(Int32Array.from(labels), { shape: outer }) }),
      known: k,
    }),
    40,
  ),
  gradientProperty(
    'SparseSoftmaxCrossEntropyWithLogits',
    'as a classifier uses it: reduce_mean of the loss of x @ W, int64 labels',
    fc
      .tuple(dim, dim, dim)
      .chain(([b, i, c]) => fc.tuple(ndarray([b, i]), ndarray([i, c]), fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: b, maxLength: b }))),
    ([x, w, labels]) => ({
      inputs: [w, x],
      build: ([W, X]) =>
        tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: tf.constant(labels, { dtype: tf.int64 }), logits: tf.matmul(X!, W!) })),
    }),
    20,
  ),
  gradientProperty(
    'L2Loss',
    'of any shape',
    fc.tuple(ndarray(fc.array(dim, { maxLength: 3 })), known),
    ([x, k]) => ({ inputs: [x], build: ([t]) => tf.nn.l2_loss(t!), known: k }),
    30,
  ),
  preventGradient,
];
