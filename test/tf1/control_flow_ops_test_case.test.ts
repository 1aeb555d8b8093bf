// TF1 r1.12's python/ops/control_flow_ops_test.py: DataTypesTest (what tf.cond and tf.case return for each kind of
// branch result: numbers, ops, variables, tensors, lists, nested lists, singletons), CaseTest (exclusive=True and
// the missing default checked by tf.Assert ops) and AssertTest. One `it` per TF1 test method; Python's tuples and namedtuples have no JavaScript counterpart
// (arrays stand for both lists and tuples, plain objects for dicts), see NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inSession, rejected, staticShape, thrown } from './helpers.js';

type Fn = () => unknown;
type Shape = (number | null)[] | null;

/** _GetNestedShape/_RawNestedShape of a result: each tensor's static shape as a list. */
const shapesOf = (v: unknown): unknown => (v instanceof tf.Tensor ? staticShape(v) : Array.isArray(v) ? v.map(shapesOf) : v);

/** _testShape: cond's and case's static output shapes. */
function testShape(fnTrue: Fn, fnFalse: Fn, expected: unknown, strict = false): void {
  const g = new tf.Graph();
  g.as_default(() => {
    const condition = tf.placeholder(tf.bool);
    const outCond = tf.cond(condition, { true_fn: fnTrue, false_fn: fnFalse, strict });
    expect(shapesOf(outCond)).toEqual(expected);
    const outCase = tf.case([[condition, fnTrue]], fnFalse, { strict });
    expect(shapesOf(outCase)).toEqual(expected);
  });
}

/** The fetched values as plain numbers (nested). */
const valuesOf = (v: unknown): unknown =>
  v instanceof tf.NDArray ? (v.dtype === 'bool' ? v.item() === 1 : v.shape.length === 0 ? v.item() : v.tolist()) : Array.isArray(v) ? v.map(valuesOf) : v;

/** _testReturnValues: cond's and case's values with the condition fed true, then false. */
async function testReturnValues(fnTrue: Fn, fnFalse: Fn, whenTrue: unknown, whenFalse: unknown, strict = false, checkCond = true): Promise<void> {
  const g = new tf.Graph();
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    const { condition, outCond, outCase, init } = g.as_default(() => {
      const condition = tf.placeholder(tf.bool);
      const outCond = tf.cond(condition, { true_fn: fnTrue, false_fn: fnFalse, strict });
      const outCase = tf.case([[condition, fnTrue]], fnFalse, { strict });
      return { condition, outCond, outCase, init: tf.global_variables_initializer() };
    });
    await sess.run(init);
    for (const [c, expected] of [
      [true, whenTrue],
      [false, whenFalse],
    ] as const) {
      const feeds = new Map([[condition, new tf.NDArray(Uint8Array.of(c ? 1 : 0), [], 'bool')]]);
      const [rc, rs] = (await sess.run([outCond, outCase] as never, feeds)) as unknown as [unknown, unknown];
      expect(valuesOf(rc)).toEqual(expected);
      if (checkCond) expect(valuesOf(rs)).toEqual(expected);
    }
  } finally {
    sess.close();
  }
}

const SCALAR: Shape = [];

describe('DataTypesTest', () => {
  it('test_int', async () => {
    testShape(
      () => 1,
      () => 2,
      SCALAR,
    );
    await testReturnValues(
      () => 1,
      () => 2,
      1,
      2,
    );
    testShape(
      () => 1,
      () => 2,
      SCALAR,
      true,
    );
    await testReturnValues(
      () => 1,
      () => 2,
      1,
      2,
      true,
    );
  });

  it('test_float', async () => {
    testShape(
      () => 1.5,
      () => 2.5,
      SCALAR,
    );
    await testReturnValues(
      () => 1.5,
      () => 2.5,
      1.5,
      2.5,
    );
  });

  it('test_noop', async () => {
    testShape(
      () => tf.no_op(),
      () => tf.no_op(),
      null,
    );
    await testReturnValues(
      () => tf.no_op(),
      () => tf.no_op(),
      true,
      false,
      false,
      false,
    );
  });

  it('test_variable', async () => {
    testShape(
      () => tf.Variable(3.0),
      () => tf.Variable(4.0),
      SCALAR,
    );
    await testReturnValues(
      () => tf.Variable(3.0),
      () => tf.Variable(4.0),
      3.0,
      4.0,
    );
  });

  it('test_none', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const fnNone = () => null;
      const fnTensor = () => tf.constant(1);
      expect(thrown(() => tf.cond(tf.constant(true), { true_fn: fnNone, false_fn: fnTensor }))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.cond(tf.constant(true), { true_fn: fnTensor, false_fn: fnNone }))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('test_tensors', async () => {
    for (const dtype of ['int8', 'int32', 'uint8'] as const) {
      const fnTrue = () => [tf.zeros([2, 2], dtype), tf.ones([3, 3], dtype)];
      const fnFalse = () => [tf.ones([2, 2], dtype), tf.zeros([3, 3], dtype)];
      testShape(fnTrue, fnFalse, [
        [2, 2],
        [3, 3],
      ]);
      const z2 = [
        [0, 0],
        [0, 0],
      ];
      const o2 = [
        [1, 1],
        [1, 1],
      ];
      const z3 = [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ];
      const o3 = [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ];
      await testReturnValues(fnTrue, fnFalse, [z2, o3], [o2, z3]);
    }
  });

  it('test_list', async () => {
    const fnTrue = () => [tf.constant(1), 2, tf.Variable(3.0)];
    const fnFalse = () => [tf.constant(3), 4, tf.Variable(5.0)];
    testShape(fnTrue, fnFalse, [SCALAR, SCALAR, SCALAR]);
    await testReturnValues(fnTrue, fnFalse, [1, 2, 3.0], [3, 4, 5.0]);
  });

  it('test_non_strict', async () => {
    const fnTensor = () => tf.constant(1);
    const fnList = () => [tf.constant(2)];
    testShape(fnTensor, fnList, SCALAR);
    await testReturnValues(fnTensor, fnList, 1, 2);
  });

  it('test_singleton_strict', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const fnTensor = () => tf.constant(1);
      const fnList = () => [tf.constant(2)];
      expect(thrown(() => tf.cond(tf.constant(true), { true_fn: fnTensor, false_fn: fnList, strict: true }))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.case([[tf.constant(true), fnTensor]], fnList, { strict: true }))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('test_singleton_list', async () => {
    const fnTrue = () => [tf.constant(1)];
    const fnFalse = () => [tf.constant(3)];
    testShape(fnTrue, fnFalse, SCALAR);
    await testReturnValues(fnTrue, fnFalse, 1, 3);
    testShape(fnTrue, fnFalse, [SCALAR], true);
    await testReturnValues(fnTrue, fnFalse, [1], [3], true);
  });

  it('test_nested', async () => {
    const fnTrue = () => [tf.constant(1), [tf.constant(2), [3, 4]], tf.zeros([5, 5]), 6];
    const fnFalse = () => [tf.constant(11), [tf.constant(12), [13, 14]], tf.ones([5, 5]), 16];
    testShape(fnTrue, fnFalse, [SCALAR, [SCALAR, [SCALAR, SCALAR]], [5, 5], SCALAR]);
    const zeros = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    const ones = Array.from({ length: 5 }, () => [1, 1, 1, 1, 1]);
    await testReturnValues(fnTrue, fnFalse, [1, [2, [3, 4]], zeros, 6], [11, [12, [13, 14]], ones, 16]);
  });
});

describe('CaseTest', () => {
  it('testCase_multiple_matches_non_exclusive', async () => {
    const g = new tf.Graph();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const { x, output } = g.as_default(() => {
      const x = tf.placeholder(tf.int32, []);
      const conditions: [tf.Tensor, () => tf.Tensor][] = [
        [tf.equal(x, 1), () => tf.constant(2)],
        [tf.equal(x, 2), () => tf.constant(4)],
        [tf.equal(x, 2), () => tf.constant(6)],
      ];
      return { x, output: tf.case(conditions, () => tf.constant(8), { exclusive: false }) };
    });
    const run = async (v: number) => (await sess.run(output, new Map([[x, new tf.NDArray(Int32Array.of(v), [], 'int32')]]))).item();
    expect(await run(1)).toBe(2);
    expect(await run(2)).toBe(4);
    expect(await run(3)).toBe(8);
    sess.close();
  });

  it('testCase_withDefault', async () => {
    await caseRun(
      (x) => [
        [tf.equal(x, 1), () => tf.constant(2)],
        [tf.equal(x, 2), () => tf.constant(4)],
      ],
      () => tf.constant(6),
      async (run) => {
        expect(await run(1)).toBe(2);
        expect(await run(2)).toBe(4);
        expect(await run(3)).toBe(6);
      },
    );
  });

  it('testCase_multiple_matches_exclusive', async () => {
    await caseRun(
      (x) => [
        [tf.equal(x, 1), () => tf.constant(2)],
        [tf.equal(x, 2), () => tf.constant(4)],
        [tf.equal(x, 2), () => tf.constant(6)],
      ],
      () => tf.constant(8),
      async (run) => {
        expect(await run(1)).toBe(2);
        expect(await run(3)).toBe(8);
        const e = await rejected(run(2));
        expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect(e.message).toMatch('Input error:');
      },
    );
  });

  it('testCase_withoutDefault', async () => {
    await caseRun(
      (x) => [
        [tf.equal(x, 1), () => tf.constant(2)],
        [tf.equal(x, 2), () => tf.constant(4)],
        [tf.equal(x, 3), () => tf.constant(6)],
      ],
      null,
      async (run) => {
        expect(await run(1)).toBe(2);
        expect(await run(2)).toBe(4);
        expect(await run(3)).toBe(6);
        const e = await rejected(run(4));
        expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect(e.message).toMatch('Input error:');
      },
    );
  });

  it('testCase_withoutDefault_oneCondition', async () => {
    await caseRun(
      (x) => [[tf.equal(x, 1), () => tf.constant(2)]],
      null,
      async (run) => {
        expect(await run(1)).toBe(2);
        const e = await rejected(run(4));
        expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect(e.message).toMatch('Input error:');
      },
    );
  });

  it('testCase_dict', async () => {
    await inSession(async (g, sess) => {
      const output = g.as_default(() => {
        const x = tf.constant(2);
        const conditions = new Map<tf.Tensor, () => tf.Tensor>([
          [tf.equal(x, 1), () => tf.constant(2)],
          [tf.equal(x, 2), () => tf.constant(4)],
        ]);
        return tf.case(conditions, { exclusive: true }) as tf.Tensor;
      });
      expect((await sess.run(output)).item()).toBe(4);
    });
  });
});

describe('AssertTest', () => {
  it('testAssert', async () => {
    await inSession(async (g, sess) => {
      const [ok, bad] = g.as_default(() => {
        const check = (i: tf.Tensor) => tf.Assert(tf.less(i, 10), [i, [10], [tf.add(i, 1)]]);
        return [check(tf.constant(0)), check(tf.constant(10))];
      });
      await sess.run(ok);
      expect(await rejected(sess.run(bad))).toBeInstanceOf(tf.errors.InvalidArgumentError);
    });
  });
});

/** CaseTest's shape: an int32 placeholder x, `case(conditions(x), default, exclusive=True)`, runs fed x. */
async function caseRun(
  conditions: (x: tf.Tensor) => [tf.Tensor, () => tf.Tensor][],
  default_: (() => tf.Tensor) | null,
  check: (run: (v: number) => Promise<number>) => Promise<void>,
): Promise<void> {
  await inSession(async (g, sess) => {
    const { x, output } = g.as_default(() => {
      const x = tf.placeholder(tf.int32, []);
      return { x, output: tf.case(conditions(x), default_, { exclusive: true }) as tf.Tensor };
    });
    await check(async (v) => (await sess.run(output, new Map([[x, new tf.NDArray(Int32Array.of(v), [], 'int32')]]))).item() as number);
  });
}
