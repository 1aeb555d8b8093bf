// TF1 r1.12's tensorflow/python/training/training_ops_test.py, its dense cases ported: testApplyGradientDescent,
// testApplyAdagrad, testApplyFtrl and testApplyAdam (through _testTypes, _testTypesForAdagrad, _testTypesForFtrl,
// _testTypesForAdam), with TF1's inputs and NumPy references; float16 is left out (tf1-ts has none) and TF1's
// use_gpu=True runs are CPU runs here. The sparse cases are in training_ops_test_sparse.test.ts. TF1's
// training_ops.apply_* wrappers are not public API: Graph.create_op builds the same nodes.
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertShapeEqual } from './helpers.js';
import { closeByType, FLOAT_DTYPES } from './optimizer_helpers.js';

/** `np.arange(from, to)` as a plain array. */
const arange = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * TF1's pattern: variables from `vars` (by their values), the op `type` on their refs and the other inputs (numbers
 * or arrays, constants of `dtype`), its attributes; the op's output after one run, and the variables' values then.
 */
async function applyOnce(
  type: 'ApplyGradientDescent' | 'ApplyAdagrad' | 'ApplyFtrl' | 'ApplyAdam',
  dtype: tf.DType,
  vars: number[][],
  rest: (number | number[])[],
  attrs: Record<string, boolean>,
  scalarVars: number[] = [],
): Promise<{ out: tf.NDArray; values: tf.NDArray[] }> {
  const g = new tf.Graph();
  const { op, vs, init } = g.as_default(() => {
    const vs = vars.map((x) => tf.Variable(tf.constant(x, dtype)));
    // Adam's beta powers are variables too (TF1's beta1_power_t, beta2_power_t), read by value
    const powers = scalarVars.map((x) => tf.Variable(tf.constant(x, dtype)).value());
    const consts = rest.map((x) => tf.constant(x, dtype));
    const inputs = type === 'ApplyAdam' ? [...vs.map((v) => v._ref()), ...powers, ...consts] : [...vs.map((v) => v._ref()), ...consts];
    if (type === 'ApplyFtrl') inputs.splice(3, 0, inputs.pop()!);
    const op = g.create_op(type, inputs, attrs as never, type).outputs[0]!;
    return { op, vs, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  await sess.run(init);
  closeByType(await sess.run(vs[0]!.value()), vars[0]!);
  const out = await sess.run(op);
  assertShapeEqual(out, op);
  const values = await sess.run(vs.map((v) => v.value()));
  sess.close();
  return { out, values: values as tf.NDArray[] };
}

describe('TrainingOpsTest', () => {
  it('testApplyGradientDescent', async () => {
    for (const dtype of FLOAT_DTYPES) {
      for (const _use_gpu of [false, true]) {
        const [x, alpha, delta] = [arange(0, 100), 2.0, arange(0, 100)];
        const { out } = await applyOnce('ApplyGradientDescent', dtype, [x], [alpha, delta], { use_locking: false });
        closeByType(
          out,
          x.map((v, i) => v - alpha * delta[i]!),
        );
      }
    }
  });

  it('testApplyAdagrad', async () => {
    for (const dtype of FLOAT_DTYPES) {
      for (const _use_gpu of [false, true]) {
        const [x, y, lr, grad] = [arange(0, 100), arange(1, 101), 2.0, arange(0, 100)];
        const { out, values } = await applyOnce('ApplyAdagrad', dtype, [x, y], [lr, grad], { use_locking: false, update_slots: true });
        closeByType(
          out,
          x.map((v, i) => v - lr * grad[i]! * (y[i]! + grad[i]! * grad[i]!) ** -0.5),
        );
        closeByType(
          values[1]!,
          y.map((v, i) => v + grad[i]! * grad[i]!),
        );
      }
    }
  });

  it('testApplyFtrl', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const [x, y, z, lr, l1, l2, grad, lrPower] = [arange(0, 100), arange(1, 101), arange(102, 202), 2.0, 3.0, 4.0, arange(0, 100), -0.5];
      // TF1's argument order: var, accum, linear, grad, lr, l1, l2, lr_power (grad moved into place by applyOnce)
      const { out, values } = await applyOnce('ApplyFtrl', dtype, [x, y, z], [lr, l1, l2, lrPower, grad], { use_locking: false });
      const accumUpdate = y.map((v, i) => v + grad[i]! * grad[i]!);
      const linearUpdate = z.map((v, i) => v + grad[i]! - ((accumUpdate[i]! ** -lrPower - y[i]! ** -lrPower) / lr) * x[i]!);
      const quadratic = accumUpdate.map((a) => 1.0 / (a ** lrPower * lr) + 2 * l2);
      const expected = linearUpdate.map((l, i) => (Math.abs(l) > l1 ? (Math.sign(l) * l1 - l) / quadratic[i]! : 0.0));
      closeByType(values[1]!, accumUpdate);
      // The calculations here not sufficiently precise in float32.
      assertAllClose(values[2]!, linearUpdate, { rtol: 1e-5, atol: 1e-5 });
      assertAllClose(out, expected, { rtol: 1e-5, atol: 1e-5 });
    }
  });

  it('testApplyAdam', async () => {
    for (const dtype of FLOAT_DTYPES) {
      for (const _use_gpu of [false, true]) {
        const [v0, m, v, grad] = [arange(0, 100), arange(1, 101), arange(101, 201), arange(0, 100)];
        const t = 1;
        const [beta1, beta2, lr, epsilon] = [0.9, 0.999, 0.001, 1e-8];
        // TF1's _adamUpdateNumpy
        const alphaT = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
        const mT = m.map((x, i) => beta1 * x + (1 - beta1) * grad[i]!);
        const vT = v.map((x, i) => beta2 * x + (1 - beta2) * grad[i]! * grad[i]!);
        const newVar = v0.map((p, i) => p - (alphaT * mT[i]!) / (Math.sqrt(vT[i]!) + epsilon));
        const { out } = await applyOnce('ApplyAdam', dtype, [v0, m, v], [lr, beta1, beta2, epsilon, grad], { use_locking: false, use_nesterov: false }, [
          beta1 ** t,
          beta2 ** t,
        ]);
        closeByType(out, newVar);
      }
    }
  });
});
