// The narrow integer dtypes on the CPU backend, as TF1 r1.12 has them: tf.uint8, tf.int8, tf.int16, tf.uint16, their
// wrapping arithmetic, truediv's float32 for them (TF1's _TRUEDIV_TABLE), C's float-to-integer casts, reduce_mean
// accumulating in the type, conversion errors, printing, the NodeDef's tensor, and checkpoints.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { evaluate, inGraph, thrown } from '../tf1/helpers.js';

const values = (a: tf.NDArray): number[] => Array.from(a.data);

describe('the narrow integer dtypes', () => {
  it('are tf.uint8, tf.int8, tf.int16 and tf.uint16, with TF1 names', () => {
    expect([tf.uint8, tf.int8, tf.int16, tf.uint16]).toEqual(['uint8', 'int8', 'int16', 'uint16']);
    inGraph(() => {
      expect(String(tf.placeholder(tf.uint8, [null, 28, 28]))).toBe('Tensor("Placeholder:0", shape=(?, 28, 28), dtype=uint8)');
      expect(tf.as_dtype('int16')).toBe('int16');
    });
  });

  it('wrap as their C types do: add, subtract, multiply', async () => {
    expect(values(await evaluate(() => tf.add(tf.constant([250, 10], tf.uint8), tf.constant([10, 10], tf.uint8))))).toEqual([4, 20]);
    expect(values(await evaluate(() => tf.subtract(tf.constant([0, 5], tf.uint8), tf.constant([1, 3], tf.uint8))))).toEqual([255, 2]);
    expect(values(await evaluate(() => tf.multiply(tf.constant([100, -100], tf.int8), tf.constant([2, 2], tf.int8))))).toEqual([-56, 56]);
    expect(values(await evaluate(() => tf.multiply(tf.constant([300], tf.int16), tf.constant([300], tf.int16))))).toEqual([24464]);
  });

  it("divide in float32 with truediv, as TF1's _TRUEDIV_TABLE has it (int32 in float64)", () => {
    inGraph(() => {
      expect(tf.truediv(tf.constant([7], tf.uint8), tf.constant([2], tf.uint8)).dtype).toBe('float32');
      expect(tf.truediv(tf.constant([7], tf.int16), tf.constant([2], tf.int16)).dtype).toBe('float32');
      expect(tf.truediv(tf.constant([7], tf.int32), tf.constant([2], tf.int32)).dtype).toBe('float64');
    });
  });

  it("cast from floats through int32 as x86 does, then wrap; reduce_mean accumulates in the type (TF1's Eigen MeanReducer)", async () => {
    const f = (): tf.Tensor => tf.constant([300.5, -1.5, 255.9, Number.NaN], tf.float32);
    expect(values(await evaluate(() => tf.cast(f(), tf.uint8)))).toEqual([44, 255, 255, 0]);
    expect(values(await evaluate(() => tf.cast(f(), tf.int8)))).toEqual([44, -1, -1, 0]);
    expect(values(await evaluate(() => tf.reduce_mean(tf.constant([200, 200], tf.uint8))))).toEqual([72]);
    expect(values(await evaluate(() => tf.reduce_sum(tf.constant([200, 200], tf.uint8))))).toEqual([144]);
    expect(values(await evaluate(() => tf.reduce_max(tf.zeros([0], tf.int8))))).toEqual([-128]);
  });

  it("refuse Python ints out of their range, as NumPy 2 does, and fractions with TF1's TypeError", () => {
    inGraph(() => {
      expect(thrown(() => tf.constant(300, tf.uint8)).message).toMatch(/Python integer 300 out of bounds for uint8/);
      expect(thrown(() => tf.constant(-1, tf.uint16)).message).toMatch(/Python integer -1 out of bounds for uint16/);
      const e = thrown(() => tf.constant(1.5, tf.int8));
      expect(e).toBeInstanceOf(tf.errors.TypeError);
      expect(e.message).toBe("Expected int8, got 1.5 of type 'float' instead.");
    });
  });

  it('print as NumPy does, go into a NodeDef as TF1 writes it, and import back', async () => {
    const c = inGraph(() =>
      tf.constant(
        [
          [1, 2],
          [3, 255],
        ],
        tf.uint8,
      ),
    );
    expect(
      String(
        await evaluate(() =>
          tf.constant(
            [
              [1, 2],
              [3, 255],
            ],
            tf.uint8,
          ),
        ),
      ),
    ).toBe('[[  1   2]\n [  3 255]]');
    expect(String(c.op)).toContain('dtype: DT_UINT8');
    expect(String(c.op)).toContain('tensor_content: "\\001\\002\\003\\377"');
    const one = inGraph(() => tf.constant(7, tf.int16));
    expect(String(one.op)).toContain('dtype: DT_INT16');
    expect(String(one.op)).toContain('int_val: 7');
    // and back through the GraphDef's JSON form
    const g = new tf.Graph();
    g.as_default(() => tf.import_graph_def(c.graph.as_graph_def(), { name: '' }));
    expect(g.get_tensor_by_name('Const:0').dtype).toBe('uint8');
  });

  it('save and restore in a checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf1ts-narrow-'));
    try {
      for (const dtype of [tf.uint8, tf.int8, tf.int16, tf.uint16]) {
        const g = new tf.Graph();
        const { v, saver, zero } = g.as_default(() => {
          const v = tf.Variable(tf.constant([1, 2, 127], dtype), { name: 'v' });
          return { v, saver: new tf.train.Saver(), zero: tf.assign(v, tf.zeros([3], dtype)) };
        });
        const sess = new tf.Session({ graph: g, backend: 'cpu' });
        await sess.run(v.initializer);
        const path = await saver.save(sess, join(dir, dtype));
        await sess.run(zero);
        await saver.restore(sess, path);
        const back = (await sess.run(v.value())) as tf.NDArray;
        expect(back.dtype).toBe(dtype);
        expect(values(back)).toEqual([1, 2, 127]);
        sess.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
