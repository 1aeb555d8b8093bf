// tf.nn.softmax / log_softmax along any axis, as TF1 r1.12 builds them: the axis swapped to the end with a
// Transpose, the op, and the result swapped back; empty batches; extreme values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { softmaxAlong } from '../helpers/softmax_reference.js';

/** Softmax (or log softmax) of `x` along `axis`, in double precision. */
const reference = (x: tf.NDArray, axis: number, log: boolean): number[] => Array.from(softmaxAlong(x, axis, log));

async function run(g: tf.Graph, t: tf.Tensor, feeds?: Map<tf.Tensor, tf.NDArray>): Promise<tf.NDArray> {
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    return await sess.run(t, feeds);
  } finally {
    sess.close();
  }
}

const X = new tf.NDArray(
  Float64Array.from({ length: 24 }, (_, i) => Math.sin(i) * 3),
  [2, 3, 4],
  'float64',
);

describe('softmax and log_softmax along any axis (TF1 r1.12 swaps it to the end with a Transpose)', () => {
  for (const [name, f, log] of [
    ['softmax', tf.nn.softmax, false],
    ['log_softmax', tf.nn.log_softmax, true],
  ] as const) {
    for (const axis of [0, 1, 2, -1, -2, -3]) {
      it(`${name}, axis ${axis}, of a known shape and of an unknown rank`, async () => {
        const g = new tf.Graph();
        const { y, p, z } = g.as_default(() => {
          const p = tf.placeholder(tf.float64);
          return { y: f(X, { axis }), p, z: f(p, { dim: axis }) };
        });
        expect(y.shape.as_list()).toEqual([2, 3, 4]);
        const want = reference(X, axis, log);
        for (const out of [await run(g, y), await run(g, z, new Map([[p, X]]))]) {
          expect(out.shape).toEqual([2, 3, 4]);
          Array.from(out.data).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
        }
      });
    }
  }

  it("names the ops as TF1: 'transpose', then the op, then the swap back named `name` (else 'transpose_1')", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const y = tf.nn.softmax(tf.zeros([2, 3]), { axis: 0 });
      expect(y.name).toBe('transpose_1:0');
      expect(y.op.inputs[0]!.op.name).toBe('Softmax');
      expect(y.op.inputs[0]!.op.inputs[0]!.op.name).toBe('transpose');
      expect(tf.nn.log_softmax(tf.zeros([2, 3]), { axis: 0, name: 'lsm' }).name).toBe('lsm:0');
      // the last axis, however written, is the op alone, named `name`
      expect(tf.nn.softmax(tf.zeros([2, 3]), { axis: 1, name: 'sm' }).op.type).toBe('Softmax');
    });
  });

  it("raises TF1's InvalidArgumentError for an axis outside the known rank, while building", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const msg = 'Dimension (2) must be in the range [-2, 2) where 2 is the number of dimensions in the input.';
      expect(() => tf.nn.softmax(tf.ones([2, 3]), { axis: 2 })).toThrow(tf.errors.InvalidArgumentError);
      expect(() => tf.nn.softmax(tf.ones([2, 3]), { axis: 2 })).toThrow(msg);
      expect(() => tf.nn.log_softmax(tf.ones([2, 3]), { dim: -3 })).toThrow('Dimension (-3) must be in the range [-2, 2)');
      expect(() => tf.nn.softmax(tf.ones([2, 3]), { axis: 0, dim: 0 })).toThrow(new tf.errors.ValueError("Cannot specify both 'axis' and 'dim'"));
    });
  });

  it('works on an empty batch along every axis (a 0-sized batch gives an empty result of the same shape)', async () => {
    for (const shape of [
      [0, 3],
      [3, 0],
      [0, 0],
      [2, 0, 3],
    ]) {
      for (let axis = -shape.length; axis < shape.length; axis++) {
        const g = new tf.Graph();
        const { p, y, z } = g.as_default(() => {
          const p = tf.placeholder(tf.float32, shape);
          return { p, y: tf.nn.softmax(p, { axis }), z: tf.nn.log_softmax(p, { axis }) };
        });
        const feeds = new Map([[p, tf.NDArray.zeros(shape, 'float32')]]);
        expect((await run(g, y, feeds)).shape).toEqual(shape);
        expect((await run(g, z, feeds)).shape).toEqual(shape);
      }
    }
  });
});

describe('softmax of extreme logits is exact, as TF1 (no NaN)', () => {
  const M = Number.MAX_VALUE;
  const F = 3.4028234663852886e38;
  const cases: [string, 'float32' | 'float64', number[]][] = [
    ['float64 [0, -max, -max, -max]', 'float64', [0, -M, -M, -M]],
    ['float64 [max, 1, 2, 3]', 'float64', [M, 1, 2, 3]],
    ['float32 [0, -max, -max, -max]', 'float32', [0, -F, -F, -F]],
    ['float32 [max, 1, 2, 3]', 'float32', [F, 1, 2, 3]],
  ];
  for (const [what, dtype, v] of cases) {
    it(`${what}: softmax [1, 0, 0, 0] along the last axis and along axis 0 of its transpose`, async () => {
      const g = new tf.Graph();
      const x = new tf.NDArray(dtype === 'float32' ? Float32Array.from(v) : Float64Array.from(v), [4], dtype);
      const { a, b, c } = g.as_default(() => ({
        a: tf.nn.softmax(x),
        b: tf.nn.softmax(tf.reshape(x, [4, 1]), { axis: 0 }),
        c: tf.nn.log_softmax(x),
      }));
      expect((await run(g, a)).tolist()).toEqual([1, 0, 0, 0]);
      expect((await run(g, b)).tolist()).toEqual([[1], [0], [0], [0]]);
      const top = v[0]!;
      expect((await run(g, c)).tolist()).toEqual(v.map((e) => e - top));
    });
  }
});
