import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarrays, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

const small = shape({ max_dim: 3 });
const pair = fc.tuple(
  small.chain((s) => ndarrays([s, s])),
  fc.boolean(),
  known,
);

/** A cond on a constant predicate: x·y when true, sin(x) + y when false; y also enters the true branch through its Switch. */
const condOf = (pred: boolean, x: tf.Tensor, y: tf.Tensor): tf.Tensor =>
  tf.cond(
    tf.constant(pred),
    () => tf.multiply(x, y),
    () => tf.add(tf.sin(x), y),
  );

/** A cond nested in the true branch of another, the inner one reading x from outside both. */
const nestedOf = (pred: boolean, x: tf.Tensor, y: tf.Tensor): tf.Tensor =>
  tf.cond(
    tf.constant(pred),
    () =>
      tf.cond(
        tf.constant(!pred),
        () => tf.square(x),
        () => tf.multiply(x, y),
      ),
    () => tf.cos(y),
  );

/** Gradient properties of Switch, RefSwitch and Merge: tf.cond's branches (taken or not), and a bare Switch/Merge pair. */
export const cases: readonly OpCase[] = [
  gradientProperty(
    'Switch',
    'through tf.cond, either branch taken',
    pair,
    ([[x, y], p, k]) => ({ inputs: [x!, y!], build: ([a, b]) => condOf(p, a!, b!), known: k }),
    20,
  ),
  gradientProperty(
    'Merge',
    'through tf.cond, either branch taken',
    pair,
    ([[x, y], p, k]) => ({ inputs: [x!, y!], build: ([a, b]) => condOf(p, a!, b!), known: k }),
    20,
  ),
  gradientProperty(
    'Merge',
    'through a cond nested in a branch',
    pair,
    ([[x, y], p, k]) => ({ inputs: [x!, y!], build: ([a, b]) => nestedOf(p, a!, b!), known: k }),
    20,
  ),
  // Outside a cond (no context): Switch's gradient is a Merge of Switches on the predicate, Merge's a Switch on value_index == i.
  gradientProperty(
    'RefSwitch',
    'a bare RefSwitch and Merge (the gradients outside a cond)',
    pair,
    ([[x], p, k]) => ({
      inputs: [x!],
      build: ([a]) => {
        const g = a!.graph;
        const [f, t] = g.create_op('RefSwitch', [a!, tf.constant(p)], {}).outputs as [tf.Tensor, tf.Tensor];
        return g.create_op('Merge', [tf.sin(f), tf.square(t)], {}).outputs[0]!;
      },
      known: k,
    }),
    20,
  ),
];
