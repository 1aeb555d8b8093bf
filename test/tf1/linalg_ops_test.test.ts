// TF1 r1.12's tensorflow/python/kernel_tests/linalg_ops_test.py: EyeTest, ported (its parameterized cases as loops;
// placeholder_with_default(2, shape=None) as a placeholder of unknown shape, which is what the shape tests read).
// The other classes (cholesky_solve, logdet, slogdet, adjoint) are in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inGraph, inSession } from './helpers.js';

/** `np.tile(np.eye(num_rows, M=num_columns), batch_shape + [1, 1])` as nested numbers. */
function npEye(rows: number, cols: number | null, batch: readonly number[] | null): tf.NDArray {
  const c = cols ?? rows;
  const b = batch ?? [];
  const out = tf.NDArray.zeros([...b, rows, c], 'float64');
  const n = b.reduce((x, y) => x * y, 1);
  for (let k = 0; k < n; k++) for (let i = 0; i < Math.min(rows, c); i++) out.data[(k * rows + i) * c + i] = 1;
  return out;
}

const DTYPES = ['int32', 'int64', 'float32', 'float64'] as const;

describe('EyeTest', () => {
  it('testShapeInferenceNoBatch', () => {
    inGraph(() => {
      expect(tf.eye({ num_rows: 2 }).shape.as_list()).toEqual([2, 2]);
      expect(tf.eye({ num_rows: 2, num_columns: 3 }).shape.as_list()).toEqual([2, 3]);
    });
  });

  it('testShapeInferenceStaticBatch', () => {
    inGraph(() => {
      const batch_shape = [2, 3];
      expect(tf.eye({ num_rows: 2, batch_shape }).shape.as_list()).toEqual([2, 3, 2, 2]);
      expect(tf.eye({ num_rows: 2, num_columns: 3, batch_shape }).shape.as_list()).toEqual([2, 3, 2, 3]);
    });
  });

  for (const [name, rowsFn, colsFn] of [
    ['DynamicRow', () => tf.placeholder(tf.int32), () => null],
    ['DynamicRowStaticColumn', () => tf.placeholder(tf.int32), () => 3],
    ['StaticRowDynamicColumn', () => 2, () => tf.placeholder(tf.int32)],
    ['DynamicRowDynamicColumn', () => tf.placeholder(tf.int32), () => tf.placeholder(tf.int32)],
  ] as const) {
    it(`testShapeInferenceStaticBatchWith${name}`, () => {
      inGraph(() => {
        const num_rows = rowsFn();
        const num_columns = colsFn();
        const identity = tf.eye({ num_rows, num_columns, batch_shape: [2, 3] });
        expect(identity.shape.ndims).toBe(4);
        expect(identity.shape.as_list().slice(0, 2)).toEqual([2, 3]);
        if (!(num_rows instanceof tf.Tensor)) expect(identity.shape.as_list()[2]).toBe(2);
        if (num_columns !== null && !(num_columns instanceof tf.Tensor)) expect(identity.shape.as_list()[3]).toBe(3);
      });
    });
  }

  it('test_eye_no_placeholder', async () => {
    for (const num_rows of [0, 1, 2, 5])
      for (const num_columns of [null, 0, 1, 2, 5])
        for (const batch_shape of [null, [], [2], [2, 3]])
          await inSession(async (g, sess) => {
            const eyes = g.as_default(() => DTYPES.map((dtype) => tf.eye(num_rows, { num_columns, batch_shape, dtype })));
            const got = await sess.run(eyes);
            got.forEach((v, i) => {
              expect(v.dtype).toBe(DTYPES[i]);
              assertAllEqual(v, npEye(num_rows, num_columns, batch_shape), `eye(${num_rows}, ${num_columns}, [${batch_shape}])`);
            });
          });
  });

  it('test_eye_with_placeholder', async () => {
    await inSession(async (g, sess) => {
      const [r, c, b, eyes] = g.as_default(() => {
        const r = tf.placeholder(tf.int32, null, 'num_rows');
        const c = tf.placeholder(tf.int32, null, 'num_columns');
        const b = tf.placeholder(tf.int32, null, 'batch_shape');
        return [r, c, b, DTYPES.map((dtype) => tf.eye(r, { num_columns: c, batch_shape: b, dtype }))] as const;
      });
      for (const num_rows of [0, 1, 2, 5])
        for (const num_columns of [0, 1, 2, 5])
          for (const batch_shape of [[], [2], [2, 3]]) {
            const feeds = new Map<tf.Tensor, tf.NDArray>([
              [r, new tf.NDArray(Int32Array.of(num_rows), [], 'int32')],
              [c, new tf.NDArray(Int32Array.of(num_columns), [], 'int32')],
              [b, new tf.NDArray(Int32Array.from(batch_shape), [batch_shape.length], 'int32')],
            ]);
            const got = await sess.run(eyes, feeds as never);
            for (const v of got) assertAllEqual(v, npEye(num_rows, num_columns, batch_shape));
          }
    });
  });
});

describe('eye as TF1 r1.12 builds it', () => {
  it('square: MatrixDiag of ones; rectangular: MatrixSetDiag on zeros; Tensor sizes through Minimum and concat', () => {
    inGraph((g) => {
      expect(tf.eye(3).op.name).toBe('eye/MatrixDiag');
      expect(tf.eye(2, 3, { name: 'I' }).op.name).toBe('I/MatrixSetDiag');
      expect(tf.eye(3, 3).op.type).toBe('MatrixDiag');
      const n = tf.placeholder(tf.int32, [], 'n');
      const e = tf.eye(n, 4, [2]);
      expect(e.shape.as_list()).toEqual([2, null, 4]);
      expect(e.op.name).toBe('eye_2/MatrixSetDiag');
      const names = g.get_operations().map((o) => o.name);
      for (const want of ['Minimum', 'shape', 'concat/values_1', 'concat', 'concat_1/values_1', 'concat_1/values_1/1', 'ones', 'zeros'])
        expect(names).toContain(`eye_2/${want}`);
      expect(() => tf.eye(2.5)).toThrow(tf.errors.TypeError);
      expect(() => tf.eye(2.5)).toThrow('num_rows and num_columns must be positive integer values.');
    });
  });
});
