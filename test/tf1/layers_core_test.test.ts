// TF1's tensorflow/python/layers/core_test.py (r1.12), ported: one `it` per TF1 test method, graph mode (tf1-ts has
// no eager mode). What cannot be ported (eager-only tests, custom getters, constraints, a Tensor `training`) is
// listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { storeOf } from '../../src/ops/variable_scope.js';
import { assertAllClose, inGraph, inSession, staticShape, thrown } from './helpers.js';

const reg = (x: tf.Tensor): tf.Tensor => tf.multiply(tf.reduce_sum(x), 1e-3);
const uniform = (shape: number[], seed = 1): tf.Tensor => tf.random_uniform(shape, { seed });

/** TF1's `_get_variable_dict_from_varstore()`: the default graph's get_variable store, by name. */
function varstore(g: tf.Graph): Map<string, tf.RefVariable> {
  return new Map([...storeOf(g).vars.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) as Map<string, tf.RefVariable>;
}

describe('core_test.DenseTest', () => {
  it('testDenseProperties', () =>
    inGraph(() => {
      let dense = new tf.layers.Dense(2, { activation: tf.nn.relu, name: 'my_dense' });
      expect(dense.units).toBe(2);
      expect(dense.activation).toBe(tf.nn.relu);
      expect(dense.kernel_regularizer).toBe(null);
      expect(dense.bias_regularizer).toBe(null);
      expect(dense.activity_regularizer).toBe(null);
      expect(dense.use_bias).toBe(true);
      // Test auto-naming
      dense = new tf.layers.Dense(2, { activation: tf.nn.relu });
      dense.apply(tf.random_uniform([5, 2]));
      expect(dense.name).toBe('dense_1');
      dense = new tf.layers.Dense(2, { activation: tf.nn.relu });
      dense.apply(tf.random_uniform([5, 2]));
      expect(dense.name).toBe('dense_2');
    }));

  it('testVariableInput', () =>
    inSession(async (g, sess) => {
      const x = g.as_default(() => {
        const v = tf.get_variable('X', { initializer: tf.zeros_initializer(), shape: [1, 1] });
        return new tf.layers.Dense(1).apply(v);
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllClose(await sess.run(x), [[0.0]]);
    }));

  it('testCall', () =>
    inGraph((g) => {
      const dense = new tf.layers.Dense(2, { activation: tf.nn.relu, name: 'my_dense' });
      const outputs = dense.apply(uniform([5, 4]));
      expect(staticShape(outputs)).toEqual([5, 2]);
      expect(dense.variables).toEqual([dense.kernel, dense.bias]);
      expect(dense.trainable_variables).toEqual([dense.kernel, dense.bias]);
      expect(dense.non_trainable_variables).toEqual([]);
      expect(g.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)).toHaveLength(2);
      expect(dense.kernel!.name).toBe('my_dense/kernel:0');
      expect(dense.bias!.name).toBe('my_dense/bias:0');
      // TF1's graph: MatMul then BiasAdd then the activation, under the layer's scope.
      expect(outputs.op.name).toBe('my_dense/Relu');
      expect(outputs.op.inputs[0]!.op.type).toBe('BiasAdd');
      expect(outputs.op.inputs[0]!.op.inputs[0]!.op.name).toBe('my_dense/MatMul');
    }));

  it('testNoEagerLeak', () =>
    inGraph((g) => {
      const inputs = uniform([5, 4]);
      new tf.layers.Dense(5).apply(inputs);
      new tf.layers.Dense(2, { activation: tf.nn.relu, name: 'my_dense' }).apply(inputs);
      expect(g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES).map((v) => (v as tf.RefVariable).name)).toEqual([
        'dense/kernel:0',
        'dense/bias:0',
        'my_dense/kernel:0',
        'my_dense/bias:0',
      ]);
    }));

  it('testCallTensorDot', () =>
    inGraph(() => {
      const dense = new tf.layers.Dense(2, { activation: tf.nn.relu, name: 'my_dense' });
      const outputs = dense.apply(uniform([5, 4, 3]));
      expect(staticShape(outputs)).toEqual([5, 4, 2]);
      expect(outputs.op.inputs[0]!.op.inputs[0]!.op.name).toBe('my_dense/Tensordot');
    }));

  it('testNoBias', () =>
    inGraph((g) => {
      const dense = new tf.layers.Dense(2, { use_bias: false, name: 'my_dense' });
      dense.apply(uniform([5, 2]));
      expect(dense.variables).toEqual([dense.kernel]);
      expect(dense.trainable_variables).toEqual([dense.kernel]);
      expect(dense.non_trainable_variables).toEqual([]);
      expect(g.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)).toHaveLength(1);
      expect(dense.kernel!.name).toBe('my_dense/kernel:0');
      expect(dense.bias).toBe(null);
    }));

  it('testNonTrainable', () =>
    inGraph((g) => {
      const dense = new tf.layers.Dense(2, { trainable: false, name: 'my_dense' });
      dense.apply(uniform([5, 2]));
      expect(dense.variables).toEqual([dense.kernel, dense.bias]);
      expect(dense.non_trainable_variables).toEqual([dense.kernel, dense.bias]);
      expect(dense.trainable_variables).toEqual([]);
      expect(g.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)).toHaveLength(0);
    }));

  it('testOutputShape', () =>
    inGraph(() => {
      const dense = new tf.layers.Dense(7, { activation: tf.nn.relu, name: 'my_dense' });
      expect(staticShape(dense.apply(uniform([5, 3])))).toEqual([5, 7]);
      expect(staticShape(dense.apply(uniform([5, 2, 3])))).toEqual([5, 2, 7]);
      expect(staticShape(dense.apply(uniform([1, 2, 4, 3])))).toEqual([1, 2, 4, 7]);
    }));

  it('testCallOnPlaceHolder', () =>
    inGraph(() => {
      const refused = (shape: (number | null)[] | null): Error => {
        const inputs = tf.placeholder(tf.float32, shape);
        return thrown(() => new tf.layers.Dense(4, { name: 'my_dense' }).apply(inputs));
      };
      expect(refused(null)).toBeInstanceOf(tf.errors.ValueError);
      const e = refused([null, null]);
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe('The last dimension of the inputs to `Dense` should be defined. Found `None`.');
      expect(refused([null, null, null])).toBeInstanceOf(tf.errors.ValueError);
      expect(staticShape(new tf.layers.Dense(4, { name: 'my_dense' }).apply(tf.placeholder(tf.float32, [null, 3])))).toEqual([null, 4]);
      expect(staticShape(new tf.layers.Dense(4, { name: 'my_dense' }).apply(tf.placeholder(tf.float32, [null, null, 3])))).toEqual([null, null, 4]);
    }));

  it('testActivation', () =>
    inGraph(() => {
      expect(new tf.layers.Dense(2, { activation: tf.nn.relu, name: 'dense1' }).apply(uniform([5, 3])).op.name).toBe('dense1/Relu');
      expect(new tf.layers.Dense(2, { name: 'dense2' }).apply(uniform([5, 3])).op.name).toBe('dense2/BiasAdd');
    }));

  for (const [method, option] of [
    ['testActivityRegularizer', 'activity_regularizer'],
    ['testKernelRegularizer', 'kernel_regularizer'],
    ['testBiasRegularizer', 'bias_regularizer'],
  ] as const) {
    it(method, () =>
      inGraph((g) => {
        const dense = new tf.layers.Dense(2, { name: 'my_dense', [option]: reg });
        dense.apply(uniform([5, 3]));
        const lossKeys = g.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES);
        expect(lossKeys).toHaveLength(1);
        expect(dense.losses).toEqual(lossKeys);
      }),
    );
  }

  it('testKernelRegularizerWithReuse', () =>
    inGraph((g) => {
      const inputs = uniform([5, 3]);
      tf.layers.dense(inputs, 2, { name: 'my_dense', kernel_regularizer: reg });
      expect(g.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)).toHaveLength(1);
      expect((g.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)[0] as tf.Tensor).name).toBe('my_dense/kernel/Regularizer/Mul:0');
      tf.layers.dense(inputs, 2, { name: 'my_dense', kernel_regularizer: reg, reuse: true });
      expect(g.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)).toHaveLength(1);
    }));

  it('testFunctionalDense', () =>
    inGraph((g) => {
      const outputs = tf.layers.dense(uniform([5, 3]), 2, { activation: tf.nn.relu, name: 'my_dense' });
      expect(g.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)).toHaveLength(2);
      expect(outputs.op.name).toBe('my_dense/Relu');
    }));

  it('testFunctionalDenseTwice', () =>
    inGraph((g) => {
      const inputs = uniform([5, 3]);
      tf.layers.dense(inputs, 2);
      const vars1 = [...varstore(g).keys()];
      tf.layers.dense(inputs, 2);
      const vars2 = [...varstore(g).keys()];
      expect(vars1).toHaveLength(2);
      expect(vars2).toHaveLength(4);
      expect(vars2).toEqual(['dense/bias', 'dense/kernel', 'dense_1/bias', 'dense_1/kernel']);
    }));

  it('testFunctionalDenseTwiceReuse', () =>
    inGraph(() => {
      const inputs = uniform([5, 3]);
      tf.layers.dense(inputs, 2, { name: 'my_dense' });
      const vars1 = tf.trainable_variables();
      const out = tf.layers.dense(inputs, 2, { name: 'my_dense', reuse: true });
      expect(tf.trainable_variables()).toEqual(vars1);
      // The ops of the second call go to a new name scope (TF1's name scopes are unique), the variables are shared.
      expect(out.op.name).toBe('my_dense_1/BiasAdd');
      // Without reuse, TF1's error.
      expect(thrown(() => tf.layers.dense(inputs, 2, { name: 'my_dense' })).message).toMatch(/^Variable my_dense\/kernel already exists, disallowed\./);
    }));

  it('testFunctionalDenseTwiceReuseFromScope', () =>
    inGraph(() => {
      const inputs = tf.variable_scope('scope', () => {
        const x = uniform([5, 3]);
        tf.layers.dense(x, 2, { name: 'my_dense' });
        return x;
      });
      const vars1 = tf.trainable_variables();
      tf.variable_scope('scope', { reuse: true }, () => tf.layers.dense(inputs, 2, { name: 'my_dense' }));
      expect(tf.trainable_variables()).toEqual(vars1);
    }));

  it('testFunctionalDenseInitializerFromScope', () =>
    inSession(async (g, sess) => {
      g.as_default(() => tf.variable_scope('scope', { initializer: tf.ones_initializer() }, () => tf.layers.dense(uniform([5, 3]), 2)));
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const weights = varstore(g);
      expect(weights.size).toBe(2);
      // The kernel initialized to ones (from the scope), the bias still to zeros.
      assertAllClose(await sess.run(weights.get('scope/dense/kernel')!.value()), [
        [1, 1],
        [1, 1],
        [1, 1],
      ]);
      assertAllClose(await sess.run(weights.get('scope/dense/bias')!.value()), [0, 0]);
    }));

  it('testFunctionalDenseInScope', () =>
    inGraph((g) => {
      tf.variable_scope('test', () => tf.layers.dense(uniform([5, 3]), 2, { name: 'my_dense' }));
      expect(varstore(g).get('test/my_dense/kernel')!.name).toBe('test/my_dense/kernel:0');
      tf.variable_scope('test1', (scope) => tf.layers.dense(uniform([5, 3]), 2, { name: scope }));
      expect(varstore(g).get('test1/kernel')!.name).toBe('test1/kernel:0');
      tf.variable_scope('test2', () => tf.layers.dense(uniform([5, 3]), 2));
      expect(varstore(g).get('test2/dense/kernel')!.name).toBe('test2/dense/kernel:0');
    }));

  it('testComputeOutputShape', () =>
    inGraph(() => {
      const dense = new tf.layers.Dense(2, { activation: tf.nn.relu, name: 'dense1' });
      expect(thrown(() => dense.compute_output_shape(new tf.TensorShape(null)))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => dense.compute_output_shape(new tf.TensorShape([])))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => dense.compute_output_shape(new tf.TensorShape([1])))).toBeInstanceOf(tf.errors.ValueError);
      expect(dense.compute_output_shape([null, 3]).as_list()).toEqual([null, 2]);
      expect(dense.compute_output_shape(new tf.TensorShape([null, 3])).as_list()).toEqual([null, 2]);
      expect(dense.compute_output_shape(new tf.TensorShape([null, 4, 3])).as_list()).toEqual([null, 4, 2]);
    }));
});

describe('core_test.DropoutTest', () => {
  it('testDropoutProperties', () =>
    inGraph(() => {
      const dp = new tf.layers.Dropout(0.5, { name: 'dropout' });
      expect(dp.rate).toBe(0.5);
      expect(dp.noise_shape).toBe(null);
      dp.apply(tf.ones([]));
      expect(dp.name).toBe('dropout');
    }));

  it('testBooleanLearningPhase', () =>
    inSession(async (g, sess) => {
      const [train, test] = g.as_default(() => {
        const dp = new tf.layers.Dropout(0.5);
        const inputs = tf.ones([5, 3]);
        return [dp.apply(inputs, { training: true }), dp.apply(inputs, { training: false })];
      });
      const out = await sess.run(train);
      expect(Math.min(...out.data)).toBeCloseTo(0, 7);
      assertAllClose(await sess.run(test), new Array(5).fill([1, 1, 1]));
      expect(test.op.type).toBe('Identity');
    }));

  it('testDynamicLearningPhase', () =>
    inSession(async (g, sess) => {
      const { dropped, training } = g.as_default(() => {
        const dp = new tf.layers.Dropout(0.5, { seed: 1 });
        const inputs = tf.ones([5, 5]);
        const training = tf.placeholder('bool');
        return { dropped: dp.apply(inputs, { training }), training };
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      const feed = (b: boolean) => new Map([[training, new tf.NDArray(Uint8Array.of(b ? 1 : 0), [], 'bool')]]);
      expect(Math.min(...(await sess.run(dropped, feed(true))).data)).toBeCloseTo(0, 7);
      assertAllClose(await sess.run(dropped, feed(false)), new Array(5).fill([1, 1, 1, 1, 1]));
      expect(dropped.op.type).toBe('Merge');
    }));

  it('testDynamicNoiseShape', () =>
    inSession(async (g, sess) => {
      const dropped = g.as_default(() => new tf.layers.Dropout(0.5, { noise_shape: [null, 1, null], seed: 1 }).apply(tf.ones([5, 3, 2]), { training: true }));
      const out = await sess.run(dropped);
      expect(Math.min(...out.data)).toBeCloseTo(0, 7);
      for (let i = 0; i < 5; i++) for (let k = 0; k < 2; k++) expect(out.data[i * 6 + k]).toBe(out.data[i * 6 + 2 + k]);
    }));

  it('testCustomNoiseShape', () =>
    inSession(async (g, sess) => {
      const dropped = g.as_default(() => new tf.layers.Dropout(0.5, { noise_shape: [5, 1, 2], seed: 1 }).apply(tf.ones([5, 3, 2]), { training: true }));
      const out = await sess.run(dropped);
      expect(Math.min(...out.data)).toBeCloseTo(0, 7);
      for (let i = 0; i < 5; i++) for (let k = 0; k < 2; k++) expect(out.data[i * 6 + k]).toBe(out.data[i * 6 + 2 + k]);
    }));

  it('testFunctionalDropout', () =>
    inSession(async (g, sess) => {
      const [train, test] = g.as_default(() => {
        const inputs = tf.ones([5, 5]);
        return [tf.layers.dropout(inputs, 0.5, { training: true, seed: 1 }), tf.layers.dropout(inputs, 0.5, { training: false, seed: 1 })];
      });
      expect(Math.min(...(await sess.run(train)).data)).toBeCloseTo(0, 7);
      assertAllClose(await sess.run(test), new Array(5).fill([1, 1, 1, 1, 1]));
      expect(train.op.name).toBe('dropout/dropout/mul');
      expect(test.op.name).toBe('dropout_1/Identity');
    }));

  it('testDynamicRate', () =>
    inSession(async (g, sess) => {
      const [rate, dropped] = g.as_default(() => {
        const r = tf.placeholder('float32', { name: 'rate' });
        return [r, new tf.layers.Dropout(r, { name: 'dropout' }).apply(tf.ones([5, 5]), { training: true })] as const;
      });
      expect(Math.min(...(await sess.run(dropped, new Map([[rate, 0.5]]) as never)).data)).toBeCloseTo(0, 7);
      assertAllClose(await sess.run(dropped, new Map([[rate, 0.0]]) as never), new Array(5).fill([1, 1, 1, 1, 1]));
    }));
});

describe('core_test.FlattenTest', () => {
  it('testCreateFlatten', () =>
    inSession(async (g, sess) => {
      const [x, y] = g.as_default(() => {
        const p = tf.placeholder('float32', [null, 2, 3]);
        return [p, new tf.layers.Flatten().apply(p)] as const;
      });
      expect((await sess.run(y, new Map([[x, tf.NDArray.zeros([3, 2, 3], 'float32')]]) as never)).shape).toEqual([3, 6]);
      expect(staticShape(y)).toEqual([null, 6]);
      const [x2, y2] = g.as_default(() => {
        const p = tf.placeholder('float32', [1, 2, 3, 2]);
        return [p, new tf.layers.Flatten().apply(p)] as const;
      });
      expect((await sess.run(y2, new Map([[x2, tf.NDArray.zeros([1, 2, 3, 2], 'float32')]]) as never)).shape).toEqual([1, 12]);
      expect(staticShape(y2)).toEqual([1, 12]);
    }));

  it('testComputeShape', () =>
    inGraph(() => {
      expect(new tf.layers.Flatten().compute_output_shape([1, 2, 3, 2]).as_list()).toEqual([1, 12]);
      expect(new tf.layers.Flatten().compute_output_shape([null, 3, 2]).as_list()).toEqual([null, 6]);
      expect(new tf.layers.Flatten().compute_output_shape([null, 3, null]).as_list()).toEqual([null, null]);
    }));

  it('testFunctionalFlatten', () =>
    inGraph(() => {
      const y = tf.layers.flatten(tf.placeholder('float32', [null, 2, 3]), { name: 'flatten' });
      expect(staticShape(y)).toEqual([null, 6]);
      expect(y.op.name).toBe('flatten/Reshape');
    }));

  it('testFlattenValueError', () =>
    inGraph(() => {
      const e = thrown(() => new tf.layers.Flatten().apply(tf.placeholder('float32', [null])));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe('Input 0 of layer flatten_1 is incompatible with the layer: expected min_ndim=2, found ndim=1. Full shape received: [None]');
    }));

  it('testFlattenUnknownAxes', () =>
    inSession(async (g, sess) => {
      for (const [shape, fed] of [
        [
          [5, null, null],
          [5, 2, 3],
        ],
        [
          [5, null, 2],
          [5, 3, 2],
        ],
      ] as const) {
        const [x, y] = g.as_default(() => {
          const p = tf.placeholder('float32', [...shape]);
          return [p, new tf.layers.Flatten().apply(p)] as const;
        });
        expect((await sess.run(y, new Map([[x, tf.NDArray.zeros([...fed], 'float32')]]) as never)).shape).toEqual([5, 6]);
        expect(staticShape(y)).toEqual([5, null]);
      }
    }));
});
