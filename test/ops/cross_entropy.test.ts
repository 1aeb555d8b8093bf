// softmax_cross_entropy_with_logits (and _v2) as TF1 r1.12 has them: any rank >= 1 and any class axis (the
// outer dims flattened to the op's 2-D batch and the loss reshaped back), TF1's errors, and the op's own
// broadcasting of labels against logits.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { xentAlong } from '../helpers/softmax_reference.js';

/** The cross entropy of logits `x` against labels `y` (broadcast to x's shape) along `axis`, in double precision. */
const reference = (x: tf.NDArray, y: tf.NDArray, axis: number): number[] => Array.from(xentAlong(x, y, axis).loss);

async function run(g: tf.Graph, t: tf.Tensor | tf.Tensor[], feeds?: Map<tf.Tensor, tf.NDArray>): Promise<tf.NDArray[]> {
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    return await sess.run([t].flat(), feeds);
  } finally {
    sess.close();
  }
}

const nd = (shape: number[], f: (i: number) => number, dtype: 'float32' | 'float64' = 'float64'): tf.NDArray => {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = f(i);
  return a;
};

const XENTS = { v1: tf.nn.softmax_cross_entropy_with_logits, v2: tf.nn.softmax_cross_entropy_with_logits_v2 };

describe('the cross entropies take logits of any rank >= 1 and any class axis', () => {
  const shapes: [number[], number[]][] = [
    [[5], [0, -1]],
    [
      [3, 4],
      [0, 1, -1, -2],
    ],
    [
      [2, 3, 4],
      [0, 1, 2, -1, -2, -3],
    ],
    [
      [2, 1, 3, 2],
      [0, 2, -1],
    ],
  ];
  for (const [which, f] of Object.entries(XENTS)) {
    for (const [shape, dims] of shapes) {
      it(`${which}: logits ${JSON.stringify(shape)} along ${JSON.stringify(dims)}, shapes known and unknown`, async () => {
        const x = nd(shape, (i) => Math.cos(i * 1.3) * 4);
        const y = nd(shape, (i) => (i % 3) / 2);
        for (const dim of dims) {
          const g = new tf.Graph();
          const { loss, pl, px, py } = g.as_default(() => {
            const px = tf.placeholder(tf.float64);
            const py = tf.placeholder(
              tf.float64,
              shape.map(() => null),
            );
            return { loss: f({ labels: y, logits: x, dim }), pl: f({ labels: py, logits: px, dim }), px, py };
          });
          const outShape = shape.filter((_, i) => i !== (dim < 0 ? dim + shape.length : dim));
          expect(loss.shape.as_list()).toEqual(outShape);
          const want = reference(x, y, dim);
          for (const [out] of [
            await run(g, loss),
            await run(
              g,
              pl,
              new Map([
                [px, x],
                [py, y],
              ]),
            ),
          ]) {
            expect(out!.shape).toEqual(outShape);
            Array.from(out!.data).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
          }
        }
      });
    }
  }

  it('gives an empty loss for an empty batch, along any axis the batch does not empty', async () => {
    const g = new tf.Graph();
    const z = tf.NDArray.zeros([0, 2, 4], 'float32');
    const p = g.as_default(() => tf.placeholder(tf.float32, [null, 2, 4]));
    const losses = g.as_default(() =>
      [-1, 1].flatMap((dim) => [
        tf.nn.softmax_cross_entropy_with_logits({ labels: z, logits: z, dim }),
        tf.nn.softmax_cross_entropy_with_logits_v2({ labels: p, logits: p, dim }),
      ]),
    );
    const outs = await run(g, losses, new Map([[p, z]]));
    expect(outs.map((o) => o.shape)).toEqual([
      [0, 2],
      [0, 2],
      [0, 4],
      [0, 4],
    ]);
  });

  it("refuses scalar logits with a ValueError, and names its ops as TF1 (the loss is the scope's Reshape_2)", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      expect(() => tf.nn.softmax_cross_entropy_with_logits_v2({ labels: 1, logits: 2 })).toThrow(tf.errors.ValueError);
      const v1 = tf.nn.softmax_cross_entropy_with_logits({ labels: tf.zeros([2, 3]), logits: tf.zeros([2, 3]) });
      expect(v1.name).toBe('softmax_cross_entropy_with_logits_sg/Reshape_2:0');
      expect(g.get_operation_by_name('softmax_cross_entropy_with_logits_sg').type).toBe('SoftmaxCrossEntropyWithLogits');
      const v2 = tf.nn.softmax_cross_entropy_with_logits_v2({ labels: tf.zeros([2, 3]), logits: tf.zeros([2, 3]), name: 'xent' });
      expect(v2.name).toBe('xent/Reshape_2:0');
      expect(g.get_operation_by_name('xent').type).toBe('SoftmaxCrossEntropyWithLogits');
    });
  });
});

describe("SoftmaxCrossEntropyWithLogits broadcasts labels against logits, as TF1 r1.12's kernel", () => {
  const raw = (g: tf.Graph, f: tf.Tensor, l: tf.Tensor): tf.Tensor[] => [...g.create_op('SoftmaxCrossEntropyWithLogits', [f, l], {}, 'xent').outputs];
  const features = nd([2, 4], (i) => [1, 1, 1, 1, 1, 2, 3, 4][i]!, 'float32');

  // TF1's testFeatureBroadcast, whose float16 inputs tf1-ts has not, in float32.
  for (const [what, labels] of [
    ['labels [1, 4]', nd([1, 4], (i) => [0, 0, 0, 1][i]!, 'float32')],
    ['labels [2, 1]', nd([2, 1], (i) => [0, 2][i]!, 'float32')],
  ] as const) {
    it(`features [2, 4], ${what}, fed through placeholders: loss and backprop as NumPy broadcasts them`, async () => {
      const g = new tf.Graph();
      const { fp, lp, outs } = g.as_default(() => {
        const fp = tf.placeholder(tf.float32);
        const lp = tf.placeholder(tf.float32);
        return { fp, lp, outs: raw(g, fp, lp) };
      });
      const [loss, back] = await run(
        g,
        outs,
        new Map([
          [fp, features],
          [lp, labels],
        ]),
      );
      const full = nd([2, 4], (i) => labels.data[labels.shape[0] === 1 ? i % 4 : Math.floor(i / 4)]!, 'float32');
      const want = reference(features, full, -1);
      expect(loss!.shape).toEqual([2]);
      Array.from(loss!.data).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
      for (let r = 0; r < 2; r++) {
        const row = Array.from(features.data.subarray(r * 4, r * 4 + 4));
        const m = Math.max(...row);
        const s = row.reduce((a, v) => a + Math.exp(v - m), 0);
        row.forEach((v, j) => expect(back!.data[r * 4 + j]).toBeCloseTo(Math.exp(v - m) / s - full.data[r * 4 + j]!, 6));
      }
    });
  }

  it('infers the broadcast shapes while building, as its TF1 shape function', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const [loss, back] = raw(g, tf.placeholder(tf.float32, [1, 4]), tf.placeholder(tf.float32, [2, 4]));
      expect(loss!.shape.as_list()).toEqual([2]);
      expect(back!.shape.as_list()).toEqual([2, 4]);
      const [l2] = raw(g, tf.placeholder(tf.float32, [2, 4]), tf.placeholder(tf.float32, [null, 1]));
      expect(l2!.shape.as_list()).toEqual([2]);
      const [l3, b3] = raw(g, tf.placeholder(tf.float32), tf.placeholder(tf.float32));
      expect(l3!.shape.as_list()).toEqual([null]);
      expect(b3!.shape.as_list()).toEqual([null, null]);
    });
  });

  it("raises TF1's errors: not rank 2 once broadcast, and shapes that do not broadcast", async () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const f =
        (a: number[] | null, b: number[] | null): (() => unknown) =>
        () =>
          raw(g, tf.placeholder(tf.float32, a), tf.placeholder(tf.float32, b));
      expect(f([2, 1, 4], [2, 1, 4])).toThrow(
        /^Shape must be broadcasted with rank 2, but is rank 3 for 'xent(_\d+)?' \(op: 'SoftmaxCrossEntropyWithLogits'\) with input shapes: \[2,1,4\], \[2,1,4\]\.$/,
      );
      expect(f([4], [4])).toThrow(/^Shape must be broadcasted with rank 2, but is rank 1 for/);
      expect(f(null, [1, 2, 3])).toThrow(/^Shape must be broadcasted with rank 2, but is rank is unknown\. for/);
      expect(f([2, 2], [2, 3])).toThrow(/^Dimensions must be equal, but are 2 and 3 for/);
    });
    // Fed shapes are checked when the run is planned: an InvalidArgumentError naming the op.
    const { fp, lp, outs } = g.as_default(() => {
      const fp = tf.placeholder(tf.float32);
      const lp = tf.placeholder(tf.float32);
      return { fp, lp, outs: raw(g, fp, lp) };
    });
    const err = await run(
      g,
      outs,
      new Map([
        [fp, tf.NDArray.zeros([2, 2], 'float32')],
        [lp, tf.NDArray.zeros([2, 3], 'float32')],
      ]),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect((err as Error).message).toMatch(/^Dimensions must be equal, but are 2 and 3 for 'xent_\d+'/);
  });
});
