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

/** Small loop bodies of elementwise ops: v the loop variable, y a loop invariant read every iteration. */
const BODIES: readonly ((v: tf.Tensor, y: tf.Tensor) => tf.Tensor)[] = [
  (v, y) => tf.multiply(tf.sin(v), y),
  (v, y) => tf.add(tf.multiply(v, y), tf.cos(y)),
  (v, y) => tf.subtract(tf.tanh(v), tf.square(y)),
];
const loopArb = fc.tuple(
  small.chain((s) => ndarrays([s, s], { min: -1, max: 1 })),
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 0, max: BODIES.length - 1 }),
  known,
);

/** A while loop of `n` iterations of body `k` (a counter i, the value v, an invariant y). */
const loopOf = (n: number, k: number, x: tf.Tensor, y: tf.Tensor): tf.Tensor =>
  (
    tf.while_loop(
      (i: tf.Tensor, _v: tf.Tensor) => tf.less(i, n),
      (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), BODIES[k]!(v, y)],
      [tf.constant(0), x],
    ) as tf.Tensor[]
  )[1]!;

/** Gradient properties of the while loop's ops: random loops of elementwise bodies, 0 to 3 iterations. */
export const loopCases: readonly OpCase[] = (['Enter', 'Exit', 'NextIteration'] as const).map((op) =>
  gradientProperty(
    op,
    'through tf.while_loop: random elementwise bodies, 0-3 iterations',
    loopArb,
    ([[x, y], n, k, kn]) => ({
      inputs: [x!, y!],
      build: ([a, b]) => loopOf(n, k, a!, b!),
      known: kn,
    }),
    8,
  ),
);

/**
 * Bodies with a tf.cond on the iteration (`i < m`, so the branch taken changes along the loop): two elementwise
 * branches; a false branch that reads only y (v's Switch gets zeros in the iterations it is not taken); a cond
 * nested in the true branch, its predicate made inside that branch (kept only in the iterations that take it).
 */
const COND_BODIES: readonly ((i: tf.Tensor, m: number, v: tf.Tensor, y: tf.Tensor) => tf.Tensor)[] = [
  (i, m, v, y) =>
    tf.cond(
      tf.less(i, m),
      () => BODIES[0]!(v, y),
      () => BODIES[1]!(v, y),
    ) as tf.Tensor,
  (i, m, v, y) =>
    tf.cond(
      tf.less(i, m),
      () => BODIES[2]!(v, y),
      () => tf.cos(y),
    ) as tf.Tensor,
  (i, m, v, y) =>
    tf.cond(
      tf.less(i, m),
      () =>
        tf.cond(
          tf.equal(tf.mod(i, 2), 0),
          () => tf.sin(v).mul(y),
          () => tf.tanh(v.add(y)),
        ) as tf.Tensor,
      () => tf.subtract(v, tf.square(y)),
    ) as tf.Tensor,
  (i, m, v, y) =>
    tf.cond(
      tf.less(i, m),
      () => loopOf(2, 0, v, y),
      () => tf.cos(v),
    ) as tf.Tensor,
];
const condLoopArb = fc.tuple(
  small.chain((s) => ndarrays([s, s], { min: -1, max: 1 })),
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 0, max: COND_BODIES.length - 1 }),
  known,
);

/** A while loop of `n` iterations of cond body `k`, its true branch taken while the counter is below `m`. */
const condLoopOf = (n: number, m: number, k: number, x: tf.Tensor, y: tf.Tensor): tf.Tensor =>
  (
    tf.while_loop(
      (i: tf.Tensor, _v: tf.Tensor) => tf.less(i, n),
      (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), COND_BODIES[k]!(i, m, v, y)],
      [tf.constant(0), x],
    ) as tf.Tensor[]
  )[1]!;

/** Gradient properties of a cond's Switch and Merge inside a while loop's body (0 to 3 iterations). */
export const condLoopCases: readonly OpCase[] = (['Switch', 'Merge'] as const).map((op) =>
  gradientProperty(
    op,
    'through a tf.cond inside a tf.while_loop body: random branches switching along the loop, 0-3 iterations',
    condLoopArb,
    ([[x, y], n, m, k, kn]) => ({
      inputs: [x!, y!],
      build: ([a, b]) => condLoopOf(n, m, k, a!, b!),
      known: kn,
    }),
    8,
  ),
);

/** `t` as a variable's storage would travel (RefIdentity): the loop builder then carries it through its Ref* ops. */
const asRef = (t: tf.Tensor): tf.Tensor => t.graph.create_op('RefIdentity', [t], {}).outputs[0]!;

/** loopOf with the value carried as a ref: RefEnter, RefMerge, RefSwitch, RefIdentity, RefNextIteration, RefExit. */
const refLoopOf = (n: number, k: number, x: tf.Tensor, y: tf.Tensor): tf.Tensor =>
  (
    tf.while_loop(
      (i: tf.Tensor, _v: tf.Tensor) => tf.less(i, n),
      (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), asRef(BODIES[k]!(v, y))],
      [tf.constant(0), asRef(x)],
    ) as tf.Tensor[]
  )[1]!;

/** Gradient properties of the Ref* twins (the gradients of their plain twins): a loop carrying its value as a ref. */
export const refLoopCases: readonly OpCase[] = (['RefIdentity', 'RefEnter', 'RefExit', 'RefNextIteration', 'RefMerge'] as const).map((op) =>
  gradientProperty(
    op,
    'through tf.while_loop carrying a ref: random elementwise bodies, 0-3 iterations',
    loopArb,
    ([[x, y], n, k, kn]) => ({
      inputs: [x!, y!],
      build: ([a, b]) => refLoopOf(n, k, a!, b!),
      known: kn,
    }),
    8,
  ),
);

/** TF1's testStopGradMultiFlows loop: v through body `k` as loopOf's, and r summing every new v (v's value feeds both). */
const sumLoopOf = (n: number, k: number, x: tf.Tensor, y: tf.Tensor): tf.Tensor =>
  (
    tf.while_loop(
      (i: tf.Tensor, _v: tf.Tensor, _r: tf.Tensor) => tf.less(i, n),
      (i: tf.Tensor, v: tf.Tensor, r: tf.Tensor) => {
        const v1 = BODIES[k]!(v, y);
        return [tf.add(i, 1), v1, tf.add(r, tf.reduce_sum(v1))];
      },
      [tf.constant(0), x, tf.zeros([], x.dtype)],
    ) as tf.Tensor[]
  )[2]!;

/**
 * The sum loop's output plus nothing of a stopped first gradient through it (TF1's testStopGradMultiFlows): the
 * second tf.gradients passes back through the first one's gradient loop, where v's gradient (a sum of two) loops
 * back with no way out but the Exit that the first call gave the Enter of v's initial value.
 */
export const secondGradientCases: readonly OpCase[] = [
  gradientProperty(
    'StopGradient',
    'of a first gradient through tf.while_loop, added times zero to the loop output',
    loopArb,
    ([[x, y], n, k, kn]) => ({
      inputs: [x!, y!],
      build: ([a, b]) => {
        const out = sumLoopOf(n, k, a!, b!);
        const first = tf.gradients(out, [b!])[0]!;
        return tf.add(out, tf.stop_gradient(tf.reduce_sum(first)).mul(0));
      },
      known: kn,
    }),
    8,
  ),
];
