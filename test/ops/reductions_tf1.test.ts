// Reductions where tf1-ts used to differ from TF1 r1.12: the static shape of a full reduction of an input of
// unknown rank, axes of rank 2, and reduce_prod's gradient at zeros.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';

const REDUCTIONS = { reduce_sum: tf.reduce_sum, reduce_mean: tf.reduce_mean, reduce_max: tf.reduce_max, reduce_prod: tf.reduce_prod };

describe("a full reduction of an input of unknown rank has shape () (TF1's _may_reduce_to_scalar)", () => {
  for (const [name, f] of Object.entries(REDUCTIONS)) {
    it(`${name}: axis None gives (), and runs to a scalar`, async () => {
      const g = new tf.Graph();
      const { x, y, keep, axis } = g.as_default(() => {
        const x = tf.placeholder(tf.float32);
        return { x, y: f(x), keep: f(x, { keepdims: true }), axis: f(x, [0]) };
      });
      expect(String(y.shape)).toBe('()');
      // Only without keepdims and without axes: those leave the shape unknown, as in TF1.
      expect(keep.shape.dims).toBeNull();
      expect(axis.shape.dims).toBeNull();
      const sess = new tf.Session({ graph: g, backend: 'cpu' });
      const out = await sess.run(y, new Map([[x, new tf.NDArray(Float32Array.of(1, 2, 3, 4), [2, 2], 'float32')]]));
      expect(out.shape).toEqual([]);
      sess.close();
    });
  }
});

describe('axes of rank 2 are refused as TF1 refuses them', () => {
  it("raises ValueError 'Shape must be at most rank 1 but is rank 2' naming the op and the input shapes", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32);
      expect(() => tf.reduce_sum(x, [[1], [2]] as never)).toThrow(
        new tf.errors.ValueError("Shape must be at most rank 1 but is rank 2 for 'Sum' (op: 'Sum') with input shapes: ?, [2,1]."),
      );
      expect(() => tf.reduce_mean(tf.zeros([2, 3]), { axis: tf.constant([[0, 1]]) })).toThrow(/^Shape must be at most rank 1 but is rank 2 for 'Mean'/);
    });
  });
});

describe("reduce_prod's gradient is the product of the other elements, zeros included (as TF1's cumprods give it)", () => {
  const grad = async (value: number[] | number[][], axis?: number, dtype: 'float32' | 'float64' = 'float32'): Promise<unknown> => {
    const g = new tf.Graph();
    const { x, dx } = g.as_default(() => {
      // A placeholder of unknown shape: the rule's shapes all come from the run.
      const x = tf.placeholder(dtype);
      return { x, dx: denseGradients(axis === undefined ? tf.reduce_prod(x) : tf.reduce_prod(x, axis), [x])[0]! };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const out = (await sess.run(dx, new Map([[x, value]]))).tolist();
    sess.close();
    return out;
  };

  it('[0, 2, 3] gives [6, 0, 0] (NaN before)', async () => {
    expect(await grad([0, 2, 3])).toEqual([6, 0, 0]);
    expect(await grad([0, 2, 3], undefined, 'float64')).toEqual([6, 0, 0]);
  });

  it('a group with two zeros gives zeros; one without gives prod / x', async () => {
    expect(await grad([0, 0, 3])).toEqual([0, 0, 0]);
    expect(await grad([1, 2, 3])).toEqual([6, 3, 2]);
  });

  it('each group counts its own zeros', async () => {
    expect(
      await grad(
        [
          [0, 2, 5],
          [3, 4, 5],
          [0, 0, 1],
        ],
        1,
      ),
    ).toEqual([
      [10, 0, 0],
      [20, 15, 12],
      [0, 0, 0],
    ]);
    expect(
      await grad(
        [
          [0, 2],
          [3, 0],
        ],
        0,
      ),
    ).toEqual([
      [3, 0],
      [0, 2],
    ]);
  });
});
