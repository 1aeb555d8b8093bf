// TF1's tensorflow/python/kernel_tests/init_ops_test.py: the initializer classes' cases (ConstantInitializersTest,
// Random*InitializationTest, UniformUnitScalingInitializationTest, VarianceScalingInitializationTest), ported
// (source read: r1.15, microsoft/tensorflow-directml, whose cases of these classes are r1.12's). TF1's
// invalid dtype is `string`, which tf1-ts lacks (its DType check is a TypeError): int32 is the non-float here.
// The orthogonal and identity initializers are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession, np, thrown } from './helpers.js';

type Init = tf.Initializer;

/** NumPy's `np.allclose(a, b, rtol=1e-15, atol=1e-15)`. */
const allclose = (a: tf.NDArray, b: tf.NDArray): boolean =>
  a.size === b.size && Array.from(a.data).every((x, i) => Math.abs(x - b.data[i]!) <= 1e-15 + 1e-15 * Math.abs(b.data[i]!));

/** `init(shape).eval()` in a new graph. */
const draw = (init: Init, shape: number[]): Promise<tf.NDArray> => inSession(async (g, sess) => sess.run(g.as_default(() => init(shape))));

/** TF1's identicaltest: two initializers give the same tensor to within a tiny tolerance. */
async function identical(init1: Init, init2: Init, shape = [100]): Promise<boolean> {
  return allclose(await draw(init1, shape), await draw(init2, shape));
}

/** TF1's duplicated_initializer: two tensors from one initializer in one graph with a graph seed (they should differ). */
async function duplicated(init: Init, graphSeed: number, shape = [100]): Promise<boolean> {
  return inSession(async (g, sess) => {
    const [t1, t2] = g.as_default(() => {
      tf.set_random_seed(graphSeed);
      return [init(shape), init(shape)];
    });
    return allclose(await sess.run(t1!), await sess.run(t2!));
  });
}

/** get_variable('x', shape, initializer) initialized and read. */
function variableValue(shape: number[], initializer: unknown, dtype?: tf.DType): Promise<{ v: tf.RefVariable; value: tf.NDArray }> {
  return inSession(async (g, sess) => {
    const v = g.as_default(() => tf.get_variable('x', { shape, initializer: initializer as Init, dtype: dtype ?? null }));
    await sess.run(v.initializer);
    return { v, value: await sess.run(g.as_default(() => tf.reshape(v, [-1]))) };
  });
}

describe('ConstantInitializersTest', () => {
  it('testZerosInitializer', async () => assertAllEqual((await variableValue([2, 3], tf.zeros_initializer())).value, [0, 0, 0, 0, 0, 0]));
  it('testOnesInitializer', async () => assertAllEqual((await variableValue([2, 3], tf.ones_initializer())).value, [1, 1, 1, 1, 1, 1]));
  it('testConstantZeroInitializer', async () => assertAllEqual((await variableValue([2, 3], tf.constant_initializer(0.0))).value, [0, 0, 0, 0, 0, 0]));
  it('testConstantOneInitializer', async () => assertAllEqual((await variableValue([2, 3], tf.constant_initializer(1.0))).value, [1, 1, 1, 1, 1, 1]));

  it('testConstantIntInitializer', async () => {
    const { v, value } = await variableValue([2, 3], tf.constant_initializer(7), tf.int32);
    expect(v.dtype).toBe('int32');
    assertAllEqual(value, [7, 7, 7, 7, 7, 7]);
  });

  it('testConstantTupleInitializer', async () => {
    const { v, value } = await variableValue([3], tf.constant_initializer([10, 20, 30]), tf.int32);
    expect(v.dtype).toBe('int32');
    assertAllEqual(value, [10, 20, 30]);
  });

  const values = [0, 1, 2, 3, 4, 5];
  const forms = (): unknown[] => [values, np(values, 'int64'), np([values.slice(0, 3), values.slice(3)], 'int64')];

  it('testNDimConstantInitializer', async () => {
    for (const value of forms()) {
      const { value: actual } = await variableValue([2, 3], tf.constant_initializer(value, { dtype: tf.int32 }));
      assertAllEqual(actual, values);
    }
  });

  it('testNDimConstantInitializerLessValues', async () => {
    for (const value of forms()) {
      const { value: actual } = await variableValue([2, 4], tf.constant_initializer(value, { dtype: tf.int32 }));
      assertAllEqual(actual, [...values, 5, 5]);
    }
  });

  it('testNDimConstantInitializerMoreValues', () => {
    const more = [0, 1, 2, 3, 4, 5, 6, 7];
    for (const value of [more, np(more, 'int64'), np([more.slice(0, 4), more.slice(4)], 'int64')]) {
      const init = tf.constant_initializer(value, { dtype: tf.int32 });
      const e = thrown(() => new tf.Graph().as_default(() => tf.get_variable('x', { shape: [2, 3], initializer: init })));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
    }
  });

  it('testInvalidValueTypeForConstantInitializerCausesTypeError', () => {
    new tf.Graph().as_default(() => {
      const c = tf.constant([1.0, 2.0, 3.0], tf.float32);
      let e = thrown(() => tf.constant_initializer(c as never, { dtype: tf.float32 }));
      expect(e).toBeInstanceOf(tf.errors.TypeError);
      expect(e.message).toMatch(/Invalid type for initial value: .*Tensor.*/);
      const v = tf.Variable(tf.constant([3.0, 2.0, 1.0], tf.float32));
      e = thrown(() => tf.constant_initializer(v as never, { dtype: tf.float32 }));
      expect(e.message).toMatch(/Invalid type for initial value: .*Variable.*/);
    });
  });
});

/** The seed cases shared by the random initializers: same seed identical, other seed different, two draws in one graph different. */
function seedCases(make: (seed: number | null, dtype: tf.DType) => Init, dtypes: { identical: tf.DType[]; different: tf.DType[] }): void {
  it('testInitializerIdentical', async () => {
    for (const dtype of dtypes.identical) expect(await identical(make(1, dtype), make(1, dtype))).toBe(true);
  });
  it('testInitializerDifferent', async () => {
    for (const dtype of dtypes.different) expect(await identical(make(1, dtype), make(2, dtype))).toBe(false);
  });
  it('testDuplicatedInitializer', async () => {
    expect(await duplicated(make(null, 'float32'), 1)).toBe(false);
  });
}

const floats: tf.DType[] = ['float32', 'float64'];

describe('RandomNormalInitializationTest', () => {
  seedCases((seed, dtype) => tf.random_normal_initializer(0.0, 1.0, { seed, dtype }), { identical: floats, different: floats });
  it('testInvalidDataType', () => expect(thrown(() => tf.random_normal_initializer(0.0, 1.0, { dtype: tf.int32 }))).toBeInstanceOf(tf.errors.ValueError));
});

describe('TruncatedNormalInitializationTest', () => {
  seedCases((seed, dtype) => tf.truncated_normal_initializer(0.0, 1.0, { seed, dtype }), { identical: floats, different: floats });
  it('testInvalidDataType', () => expect(thrown(() => tf.truncated_normal_initializer(0.0, 1.0, { dtype: tf.int32 }))).toBeInstanceOf(tf.errors.ValueError));
});

describe('RandomUniformInitializationTest', () => {
  seedCases((seed, dtype) => tf.random_uniform_initializer(0, 7, { seed, dtype }), {
    identical: ['float32', 'float64', 'int64'],
    different: ['float32', 'float64', 'int32', 'int64'],
  });
});

describe('UniformUnitScalingInitializationTest', () => {
  it('testInitializerIdentical', async () => {
    for (const dtype of floats) {
      expect(await identical(tf.uniform_unit_scaling_initializer({ seed: 1, dtype }), tf.uniform_unit_scaling_initializer({ seed: 1, dtype }))).toBe(true);
      expect(await identical(tf.uniform_unit_scaling_initializer(1.5, { seed: 1, dtype }), tf.uniform_unit_scaling_initializer(1.5, { seed: 1, dtype }))).toBe(
        true,
      );
    }
  });

  it('testInitializerDifferent', async () => {
    for (const dtype of floats) {
      const init1 = tf.uniform_unit_scaling_initializer({ seed: 1, dtype });
      const init2 = tf.uniform_unit_scaling_initializer({ seed: 2, dtype });
      const init3 = tf.uniform_unit_scaling_initializer(1.5, { seed: 1, dtype });
      expect(await identical(init1, init2)).toBe(false);
      expect(await identical(init1, init3)).toBe(false);
      expect(await identical(init2, init3)).toBe(false);
    }
  });

  it('testZeroSize', async () => {
    await inSession(async (g, sess) => {
      const x = g.as_default(() => tf.get_variable('x', { shape: [0, 2], initializer: tf.uniform_unit_scaling_initializer() }));
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      expect([...(await sess.run(x.value())).shape]).toEqual([0, 2]);
    });
  });

  it('testDuplicatedInitializer', async () => expect(await duplicated(tf.uniform_unit_scaling_initializer(), 1)).toBe(false));

  it('testInvalidDataType', () => expect(thrown(() => tf.uniform_unit_scaling_initializer({ dtype: tf.int32 }))).toBeInstanceOf(tf.errors.ValueError));
});

describe('VarianceScalingInitializationTest', () => {
  const mean = (x: tf.NDArray): number => Array.from(x.data).reduce((a, b) => a + b, 0) / x.size;
  const variance = (x: tf.NDArray): number => {
    const m = mean(x);
    return Array.from(x.data).reduce((a, b) => a + (b - m) ** 2, 0) / x.size;
  };

  /** TF1 mocks the random op to see it called; here the graph shows which random op the initializer made. */
  async function check(distribution: string, randomOp: string | null): Promise<void> {
    const shape = [100, 100];
    const init = tf.variance_scaling_initializer({ distribution });
    await inSession(async (g, sess) => {
      const t = g.as_default(() => init(shape));
      if (randomOp) expect(g.get_operations().map((o) => o.type)).toContain(randomOp);
      const x = await sess.run(t);
      expect(Math.abs(mean(x) - 0)).toBeLessThanOrEqual(1e-2);
      expect(Math.abs(variance(x) - 1 / shape[0]!)).toBeLessThanOrEqual(1e-2);
    });
  }

  it('testTruncatedNormalDistribution', () => check('truncated_normal', 'TruncatedNormal'));
  it('testNormalDistribution', () => check('normal', 'TruncatedNormal'));
  it('testUntruncatedNormalDistribution', () => check('untruncated_normal', 'RandomStandardNormal'));
  it('testUniformDistribution', () => check('uniform', null));
});
