// The optimizers' SparseApply* ops on the CPU backend, beyond TF1's training_ops_test.py (test/tf1/
// training_ops_test_sparse.test.ts): each op updates the indexed rows as its dense twin updates a whole variable; a
// repeated index updates its row again, in order; TF1's shape-function errors at build time and its kernels'
// run-time errors, in their words, leaving the variable and its slots unchanged.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { OpType } from '../../src/framework/op_defs.js';
import { SPARSE_APPLY_INPUTS, SPARSE_APPLY_REFS, type SparseApplyType } from '../../src/framework/ops/training_sparse.js';
import { checkSparseApply } from '../../src/session/kernels/training_sparse_checks.js';
import { assertAllClose, np, rejected, rng, thrown } from '../tf1/helpers.js';

const TYPES = Object.keys(SPARSE_APPLY_INPUTS) as SparseApplyType[];

/** Valid hyperparameters, by input name (V2's lr_power takes the pow branch). */
const SCALARS: Record<string, number> = {
  lr: 0.5,
  alpha: 0.5,
  momentum: 0.75,
  l1: 0.125,
  l2: 0.25,
  rho: 0.875,
  epsilon: 0.0625,
  l2_shrinkage: 0.0625,
  lr_power: -0.5,
};
const scalarOf = (type: SparseApplyType, name: string): number => (type === 'SparseApplyFtrlV2' && name === 'lr_power' ? -0.75 : SCALARS[name]!);
/** The op's attributes; `alt` turns off its flag (Momentum's use_nesterov, Adagrad's update_slots). */
const attrsOf = (type: string, alt = false): Record<string, boolean> => ({
  use_locking: false,
  ...(type.endsWith('Momentum') ? { use_nesterov: !alt } : {}),
  ...(hasFlag(type) && type.endsWith('Adagrad') ? { update_slots: !alt } : {}),
});
const hasFlag = (type: string): boolean => type === 'SparseApplyMomentum' || type === 'SparseApplyAdagrad';

/** A float64 array of `shape` holding `values`. */
function shaped(values: ArrayLike<number>, shape: readonly number[]): tf.NDArray {
  const a = tf.NDArray.zeros(shape, 'float64');
  a.data.set(Array.from(values));
  return a;
}

/** Random starting values of a variable (input 0) or slot of `shape`: slots positive, mg small, as the updates need. */
function start(name: string, shape: number[], next: () => number): tf.NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, () => (name === 'var' ? 2 * next() - 1 : name === 'mg' ? 0.1 * next() : 0.5 + next()));
  return shaped(values, shape);
}

interface Built {
  sess: tf.Session;
  refs: tf.RefVariable[];
  op: tf.Tensor;
}

/**
 * `type` (a SparseApply* op, or with `dense` its Apply* twin) on variables starting from `inits`, with gradient
 * `grad` and, for a sparse op, `indices`; scalars of `overrides` replace the valid ones. Inputs in `fed` are
 * placeholders of unknown shape, fed at run time (where the kernel, not the shape function, checks them).
 */
async function build(
  type: SparseApplyType,
  inits: tf.NDArray[],
  grad: tf.NDArray,
  indices: tf.NDArray | null,
  overrides: Record<string, tf.NDArray> = {},
  alt = false,
): Promise<Built & { feeds: Map<tf.Tensor, tf.NDArray> }> {
  const g = new tf.Graph();
  const names = SPARSE_APPLY_INPUTS[type];
  const feeds = new Map<tf.Tensor, tf.NDArray>();
  const { refs, op, init } = g.as_default(() => {
    const refs = inits.map((a, i) => tf.Variable(tf.constant(a), { name: names[i]!, validate_shape: false }));
    const fed = (a: tf.NDArray): tf.Tensor => {
      const p = tf.placeholder(a.dtype);
      feeds.set(p, a);
      return p;
    };
    const inputs = names.flatMap((name, i): tf.Tensor[] => {
      if (i < inits.length) return [refs[i]!._ref()];
      if (name === 'indices') return indices ? [fed(indices)] : [];
      if (name === 'grad') return [fed(grad)];
      return [overrides[name] ? fed(overrides[name]) : tf.constant(scalarOf(type, name), tf.float64)];
    });
    const opType = (indices ? type : type.replace('Sparse', '')) as OpType;
    const op = g.create_op(opType, inputs, attrsOf(type, alt) as never, opType).outputs[0]!;
    return { refs, op, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  await sess.run(init);
  return { sess, refs, op, feeds };
}

const values = async (b: Built): Promise<tf.NDArray[]> => b.sess.run(b.refs.map((v) => v.value()));

/** Inits for `type`'s refs of `shape`, a gradient of `gradShape`, from a seeded stream. */
function inputs(type: SparseApplyType, shape: number[], gradShape: number[], seed: number): { inits: tf.NDArray[]; grad: tf.NDArray } {
  const next = rng(seed);
  const inits = SPARSE_APPLY_INPUTS[type].slice(0, SPARSE_APPLY_REFS[type]).map((name) => start(name, shape, next));
  return { inits, grad: start('var', gradShape, next) };
}

describe('SparseApply* ops update the indexed rows as their dense twins update the whole variable', () => {
  for (const type of TYPES) {
    for (const [shape, alt] of [[[3, 2], false], [[4], false], [[2, 1], false], ...(hasFlag(type) ? [[[3, 2], true] as const] : [])] as const) {
      it(`${type}${alt ? ` (${type.endsWith('Momentum') ? 'use_nesterov' : 'update_slots'} false)` : ''} on [${shape}], every row indexed once, out of order, equals ${type.replace('Sparse', '')}`, async () => {
        const { inits, grad } = inputs(type, [...shape], [...shape], 7);
        const dense = await build(type, inits, grad, null, {}, alt);
        await dense.sess.run(dense.op, dense.feeds);
        // rows in the order [last, ..., 0]: grad's rows permuted to match
        const rows = shape[0]!;
        const order = Array.from({ length: rows }, (_, i) => rows - 1 - i);
        const inner = grad.size / rows;
        const permuted = shaped(
          order.flatMap((r) => Array.from(grad.data.subarray(r * inner, (r + 1) * inner))),
          grad.shape,
        );
        const sparse = await build(type, inits, permuted, np(order, 'int64'), {}, alt);
        await sparse.sess.run(sparse.op, sparse.feeds);
        const [want, got] = [await values(dense), await values(sparse)];
        want.forEach((w, i) => assertAllClose(got[i]!, w, { rtol: 1e-12, atol: 1e-12, msg: `${type} ref ${i}` }));
      });
    }

    it(`${type}: a repeated index updates its row again from what the first left, and other rows not at all`, async () => {
      const { inits, grad } = inputs(type, [3, 2], [1, 2], 11);
      const twice = await build(type, inits, shaped([...grad.data, ...grad.data], [2, 2]), np([1, 1], 'int32'));
      await twice.sess.run(twice.op, twice.feeds);
      const once = await build(type, inits, grad, np([1], 'int32'));
      await once.sess.run(once.op, once.feeds);
      await once.sess.run(once.op, once.feeds);
      const [a, b] = [await values(twice), await values(once)];
      a.forEach((x, i) => {
        expect(Array.from(x.data), `ref ${i}`).toEqual(Array.from(b[i]!.data));
        for (const r of [0, 2]) expect(Array.from(x.data.subarray(2 * r, 2 * r + 2))).toEqual(Array.from(inits[i]!.data.subarray(2 * r, 2 * r + 2)));
      });
    });
  }
});

describe("SparseApply* ops' shape functions (TF1's HandleGradAndIndicesInputs)", () => {
  const shapeError = (grad: number[], indices: number[], lr: number[] = []): Error =>
    thrown(() =>
      new tf.Graph().as_default(() => {
        const v = tf.Variable(tf.zeros([3, 2]), { name: 'v' });
        const a = tf.Variable(tf.zeros([3, 2]), { name: 'a' });
        return tf
          .get_default_graph()
          .create_op(
            'SparseApplyAdagrad',
            [v._ref(), a._ref(), tf.zeros(lr), tf.zeros(grad), tf.zeros(indices, tf.int32)],
            { use_locking: false, update_slots: true },
            'SparseApplyAdagrad',
          );
      }),
    );
  const suffix = (shapes: string) => ` for 'SparseApplyAdagrad' (op: 'SparseApplyAdagrad') with input shapes: ${shapes}.`;

  it('infers the variable shape, and refuses a non-vector indices, a count mismatch, other inner dimensions, a non-scalar lr', () => {
    const out = new tf.Graph().as_default(() => {
      const v = tf.Variable(tf.zeros([3, 2]));
      const a = tf.Variable(tf.zeros([3, 2]));
      const g = tf.placeholder(tf.float32, [null, null]);
      return tf
        .get_default_graph()
        .create_op('SparseApplyAdagrad', [v._ref(), a._ref(), tf.constant(0.5), g, tf.placeholder(tf.int64)], { use_locking: false, update_slots: true }, 'S')
        .outputs[0]!;
    });
    expect(out.shape.as_list()).toEqual([3, 2]);
    let e = shapeError([2, 2], [2, 1]);
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toBe(`Shape must be rank 1 but is rank 2${suffix('[3,2], [3,2], [], [2,2], [2,1]')}`);
    e = shapeError([3, 2], [2]);
    expect(e.message).toBe(`Dimensions must be equal, but are 2 and 3${suffix('[3,2], [3,2], [], [3,2], [2]')}`);
    e = shapeError([2, 5], [2]);
    expect(e.message).toBe(`Dimension 1 in both shapes must be equal, but are 2 and 5. Shapes are [3,2] and [?,5].${suffix('[3,2], [3,2], [], [2,5], [2]')}`);
    e = shapeError([2, 2], [2], [1]);
    expect(e.message).toBe(`Shape must be rank 0 but is rank 1${suffix('[3,2], [3,2], [1], [2,2], [2]')}`);
  });
});

describe("SparseApply* ops' run-time checks: TF1's kernels' errors, before anything is written", () => {
  /** Runs `type` with these inputs fed, expecting InvalidArgumentError `message` and every ref unchanged. */
  async function expectError(type: SparseApplyType, message: string, grad: tf.NDArray, indices: tf.NDArray, overrides: Record<string, tf.NDArray> = {}) {
    const { inits } = inputs(type, [3, 2], [2, 2], 3);
    const b = await build(type, inits, grad, indices, overrides);
    const e = await rejected(b.sess.run(b.op, b.feeds));
    expect(e, type).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message, type).toContain(message);
    const after = await values(b);
    after.forEach((a, i) => expect(Array.from(a.data), `${type} ref ${i}`).toEqual(Array.from(inits[i]!.data)));
  }
  const grad = np(
    [
      [1, 2],
      [3, 4],
    ],
    'float64',
  );

  for (const type of TYPES) {
    it(`${type}: an index out of range (after a good one, or negative), grad's columns not var's`, async () => {
      await expectError(type, 'Index 3 at offset 1 in indices is out of range', grad, np([0, 3], 'int32'));
      await expectError(type, 'Index -1 at offset 0 in indices is out of range', grad, np([-1, 0], 'int64'));
      // the variables' shapes are unknown to the plan (validate_shape=false): the kernel compares them
      await expectError(type, 'var and grad must match in dimension 1', np([[1, 2, 3]], 'float64'), np([0], 'int32'));
      // fed shapes the shape function refuses, before any kernel runs
      await expectError(type, 'Shape must be rank 1 but is rank 2', grad, np([[0, 1]], 'int32'));
      await expectError(type, 'Dimensions must be equal, but are 3 and 2', grad, np([0, 1, 2], 'int32'));
    });
  }

  it("checks each op's hyperparameters' values as r1.12 does", async () => {
    const idx = np([0, 1], 'int32');
    await expectError('SparseApplyProximalAdagrad', 'lr is not a positive scalar: []', grad, idx, { lr: np(0, 'float64') });
    await expectError('SparseApplyProximalAdagrad', 'l1 regularization strength is not a non-negative scalar: []', grad, idx, { l1: np(-1, 'float64') });
    await expectError('SparseApplyProximalAdagrad', 'l2 regularization strength is not a non-negative scalar: []', grad, idx, { l2: np(-1, 'float64') });
    await expectError('SparseApplyFtrl', 'lr is not a positive scalar: []', grad, idx, { lr: np(-1, 'float64') });
    await expectError('SparseApplyFtrl', 'lr_power is not a non-positive scalar: []', grad, idx, { lr_power: np(0.5, 'float64') });
    await expectError('SparseApplyFtrlV2', 'l2 shrinkage regularization strength is not a non-negative scalar: []', grad, idx, {
      l2_shrinkage: np(-0.5, 'float64'),
    });
    // TF1's order: Ftrl checks lr before an index
    await expectError('SparseApplyFtrl', 'lr is not a positive scalar: []', grad, np([0, 7], 'int32'), { lr: np(-1, 'float64') });
  });

  it("words the checks the plan makes first (fed shapes) as r1.12's kernels do, in their order", () => {
    const message = (type: SparseApplyType, at: Record<string, number[]>, v: (i: number) => number = () => 0.5): string => {
      const shapes = SPARSE_APPLY_INPUTS[type].map(
        (name, i) => at[name] ?? (i < SPARSE_APPLY_REFS[type] || name === 'grad' ? [3, 2] : name === 'indices' ? [3] : []),
      );
      return thrown(() => checkSparseApply(type, 'op', shapes, v)).message;
    };
    expect(message('SparseApplyMomentum', { lr: [1] })).toBe('lr is not a scalar : [1]');
    expect(message('SparseApplyMomentum', { momentum: [1] })).toBe('momentum is not a scalar: [1]');
    expect(message('SparseApplyAdagrad', { lr: [1] })).toBe('lr is not a scalar: [1]');
    expect(message('SparseApplyProximalGradientDescent', { alpha: [1] })).toBe('lr is not a scalar: [1]');
    expect(message('SparseApplyProximalGradientDescent', { l2: [2] })).toBe('l2 regularization strength is not a scalar: [2]');
    expect(message('SparseApplyProximalAdagrad', { lr: [1] }, () => 1)).toBe('lr is not a positive scalar: [1]');
    expect(message('SparseApplyRMSProp', { rho: [1] })).toBe('rho is not a scalar: [1]');
    expect(message('SparseApplyCenteredRMSProp', { epsilon: [1] })).toBe('epsilon is not a scalar: [1]');
    expect(message('SparseApplyAdadelta', { rho: [1] })).toBe('rho is not a scalar: [1]');
    expect(message('SparseApplyAdagrad', { var: [], accum: [] })).toBe('var must be at least 1 dimensional');
    expect(message('SparseApplyAdagrad', { indices: [3, 1] })).toBe('indices must be one-dimensional');
    expect(message('SparseApplyAdagrad', { indices: [2] })).toBe('grad must be the same size as indices in the first dimension.');
    expect(message('SparseApplyAdadelta', { accum: [3] })).toBe('var and accum_grad do not have the same shape[3,2] [3]');
    expect(message('SparseApplyCenteredRMSProp', { mg: [3] })).toBe('var and mg do not have the same shape[3,2] [3]');
    // r1.12's order: RMSProp's scalars before its slots; Ftrl's indices before lr, its shrinkage after grad
    expect(message('SparseApplyRMSProp', { lr: [1], ms: [3] })).toBe('lr is not a scalar: [1]');
    expect(message('SparseApplyFtrl', { indices: [3, 1], lr: [1] })).toBe('indices must be one-dimensional');
    expect(message('SparseApplyFtrlV2', { l2_shrinkage: [1], grad: [3, 4] }, (i) => (i === 9 ? -0.5 : 0.5))).toBe('var and grad must match in dimension 1');
    expect(thrown(() => checkSparseApply('SparseApplyAdagrad', 'op', [[3], [3], [], [3], [3, 1]], () => 1))).toBeInstanceOf(tf.errors.InvalidArgumentError);
  });

  it("refuses a slot whose shape is no longer the variable's, naming it as r1.12 does (Adadelta's accum is accum_grad)", async () => {
    for (const [type, slot, what] of [
      ['SparseApplyAdagrad', 1, 'accum'],
      ['SparseApplyAdadelta', 1, 'accum_grad'],
      ['SparseApplyRMSProp', 2, 'mom'],
      ['SparseApplyFtrl', 2, 'linear'],
    ] as const) {
      const { inits } = inputs(type, [3, 2], [2, 2], 5);
      const b = await build(type, inits, grad, np([0, 1], 'int32'));
      await b.sess.run(b.sess.graph.as_default(() => tf.assign(b.refs[slot]!, tf.zeros([2], tf.float64), { validate_shape: false })));
      const e = await rejected(b.sess.run(b.op, b.feeds));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toContain(`var and ${what} do not have the same shape[3,2] [2]`);
      expect(Array.from((await values(b))[0]!.data)).toEqual(Array.from(inits[0]!.data));
    }
  });
});
