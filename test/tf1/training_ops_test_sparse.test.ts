// TF1 r1.12's tensorflow/python/training/training_ops_test.py, its sparse cases ported: testSparseApplyAdagrad,
// testSparseApplyAdagradDim1 and testSparseApplyFtrlDim1 (through _testTypesForSparseAdagrad and
// _testTypesForSparseFtrl), with TF1's inputs and NumPy reference values; float16 is left out (tf1-ts has none), the
// dense cases are NOT_PORTED. training_ops.sparse_apply_* are TF1's generated wrappers, not public API: here
// Graph.create_op builds the same nodes.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertShapeEqual, np as array } from './helpers.js';
import { closeByType, FLOAT_DTYPES } from './optimizer_helpers.js';

/** What an op built by `sparseOp` reads: a variable (by its ref), or a value made a constant of the variable's dtype. */
type Arg = tf.RefVariable | tf.NDArray | number;

/** TF1's `training_ops.<op>(...)`: the node of `type` on these inputs, variables by their refs, the rest constants of `dtype`. */
function sparseOp(type: 'SparseApplyAdagrad' | 'SparseApplyFtrl', dtype: tf.DType, args: Arg[], indices: tf.NDArray): tf.Tensor {
  const g = tf.get_default_graph();
  const inputs = args.map((a) => (a instanceof tf.NDArray || typeof a === 'number' ? tf.constant(a, dtype) : a._ref()));
  // indices follow grad (input 3 of both ops)
  inputs.splice(4, 0, tf.constant(indices));
  const attrs = type === 'SparseApplyAdagrad' ? { use_locking: false, update_slots: true } : { use_locking: false };
  return g.create_op(type, inputs, attrs as never, type).outputs[0]!;
}

/** A 2-D array of `dtype` from rows. */
const mat = (rows: number[][], dtype: tf.DType): tf.NDArray => {
  const a = tf.NDArray.zeros([rows.length, rows[0]!.length], dtype);
  a.data.set(rows.flat());
  return a;
};
const arange = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const row = (a: tf.NDArray, i: number): number[] => Array.from(a.data.subarray(i * a.shape[1]!, (i + 1) * a.shape[1]!));

/** TF1's _testTypesForSparseAdagrad: one sparse Adagrad step, then var and accum at each index against NumPy's. */
async function testTypesForSparseAdagrad(x: tf.NDArray, y: tf.NDArray, lr: number, grad: tf.NDArray, indices: tf.NDArray): Promise<void> {
  const g = new tf.Graph();
  const { v, accum, op, init } = g.as_default(() => {
    const v = tf.Variable(tf.constant(x));
    const accum = tf.Variable(tf.constant(y));
    const op = sparseOp('SparseApplyAdagrad', x.dtype, [v, accum, lr, grad], indices);
    return { v, accum, op, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  await sess.run(init);
  closeByType(await sess.run(v.value()), x);
  const out = await sess.run(op);
  assertShapeEqual(out, op);
  const [vNow, accumNow] = await sess.run([v.value(), accum.value()]);
  for (let i = 0; i < indices.size; i++) {
    const index = indices.data[i]!;
    const [xr, yr, gr] = [row(x, index), row(y, index), row(grad, i)];
    closeByType(
      array(row(vNow!, index)),
      xr.map((xv, j) => xv - lr * gr[j]! * (yr[j]! + gr[j]! * gr[j]!) ** -0.5),
    );
    closeByType(
      array(row(accumNow!, index)),
      yr.map((yv, j) => yv + gr[j]! * gr[j]!),
    );
  }
  sess.close();
}

/** TF1's _testTypesForSparseFtrl (l1 = l2 = 0, lr_power −0.5): var at each index against NumPy's, and accum. */
async function testTypesForSparseFtrl(x: tf.NDArray, y: tf.NDArray, z: tf.NDArray, lr: number, grad: tf.NDArray, indices: tf.NDArray): Promise<void> {
  const lrPower = -0.5;
  const g = new tf.Graph();
  const { v, accum, op, init } = g.as_default(() => {
    const v = tf.Variable(tf.constant(x));
    const accum = tf.Variable(tf.constant(y));
    const linear = tf.Variable(tf.constant(z));
    const op = sparseOp('SparseApplyFtrl', x.dtype, [v, accum, linear, grad, lr, 0, 0, lrPower], indices);
    return { v, accum, op, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  await sess.run(init);
  closeByType(await sess.run(v.value()), x);
  const out = await sess.run(op);
  assertShapeEqual(out, op);
  const [vNow, accumNow] = await sess.run([v.value(), accum.value()]);
  for (let i = 0; i < indices.size; i++) {
    const index = indices.data[i]!;
    const [xr, yr, gr] = [row(x, index), row(y, index), row(grad, i)];
    closeByType(
      array(row(vNow!, index)),
      xr.map((xv, j) => xv - lr * gr[j]! * (yr[j]! + gr[j]! * gr[j]!) ** lrPower),
    );
    closeByType(
      array(row(accumNow!, index)),
      yr.map((yv, j) => yv + gr[j]! * gr[j]!),
    );
  }
  sess.close();
}

/** TF1's itertools.product of the float dtypes and the index dtypes. */
const PRODUCT = FLOAT_DTYPES.flatMap((dtype) => (['int32', 'int64'] as const).map((index) => [dtype, index] as const));

describe('TrainingOpsTest (sparse)', () => {
  it('testSparseApplyAdagrad', async () => {
    for (const [dtype, indexType] of PRODUCT) {
      const x = mat([arange(0, 10), arange(10, 20), arange(20, 30)], dtype);
      const y = mat([arange(1, 11), arange(11, 21), arange(21, 31)], dtype);
      const grad = mat([arange(0, 10), arange(0, 10)], dtype);
      await testTypesForSparseAdagrad(x, y, 2.0, grad, array([0, 2], indexType));
    }
  });

  it('testSparseApplyAdagradDim1', async () => {
    for (const [dtype, indexType] of PRODUCT) {
      const x = mat([[1.0], [2.0], [3.0]], dtype);
      const y = mat([[4.0], [5.0], [6.0]], dtype);
      const grad = mat([[1.5], [2.5]], dtype);
      await testTypesForSparseAdagrad(x, y, 2.0, grad, array([0, 2], indexType));
    }
  });

  it('testSparseApplyFtrlDim1', async () => {
    for (const [dtype, indexType] of PRODUCT) {
      const x = mat([[0.0], [0.0], [0.0]], dtype);
      const y = mat([[4.0], [5.0], [6.0]], dtype);
      const z = mat([[0.0], [0.0], [0.0]], dtype);
      const grad = mat([[1.5], [2.5]], dtype);
      await testTypesForSparseFtrl(x, y, z, 2.0, grad, array([0, 2], indexType));
    }
  });

  it('the rows no index names are unchanged (beyond TF1: its test reads only the indexed rows)', async () => {
    const x = mat([arange(0, 4), arange(4, 8), arange(8, 12)], 'float32');
    const g = new tf.Graph();
    const { v, op, init } = g.as_default(() => {
      const v = tf.Variable(tf.constant(x));
      const accum = tf.Variable(tf.ones([3, 4]));
      const op = sparseOp('SparseApplyAdagrad', 'float32', [v, accum, 2.0, mat([[1, 1, 1, 1]], 'float32')], array([2], 'int32'));
      return { v, op, init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    await sess.run(op);
    const after = await sess.run(v.value());
    expect(row(after, 0)).toEqual(row(x, 0));
    expect(row(after, 1)).toEqual(row(x, 1));
    expect(row(after, 2)).not.toEqual(row(x, 2));
    sess.close();
  });
});
