// Behaviours of the array and state ops that TF1 shows and tf1-ts got wrong before: each test names what TF1 does.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const inGraph = <T>(fn: () => T): T => new tf.Graph().as_default(fn);

describe("Reshape's build-time errors are TF1's shape-function words", () => {
  it('a -1 that cannot divide the element count: "Dimension size must be evenly divisible by 17 but is 20677", naming the shape read', () => {
    inGraph(() => {
      const y = tf.zeros([23, 29, 31]);
      expect(() => tf.reshape(y, [17, -1])).toThrow(
        new tf.errors.ValueError(
          "Dimension size must be evenly divisible by 17 but is 20677 for 'Reshape' (op: 'Reshape') with input shapes: [23,29,31], [2] and with input tensors computed as partial shapes: input[1] = [17,?].",
        ),
      );
    });
  });

  it('a known size that differs: "Cannot reshape a tensor with 4 elements to shape [21] (21 elements)"', () => {
    inGraph(() => {
      expect(() => tf.reshape(tf.zeros([2, 2]), [21])).toThrow(
        new tf.errors.ValueError(
          "Cannot reshape a tensor with 4 elements to shape [21] (21 elements) for 'Reshape' (op: 'Reshape') with input shapes: [2,2], [1] and with input tensors computed as partial shapes: input[1] = [21].",
        ),
      );
    });
  });

  it('the run-time kernel keeps its own words: "Input to reshape is a tensor with 4 values, but the requested shape has 21"', async () => {
    const g = new tf.Graph();
    const [s, r] = g.as_default(() => {
      const s = tf.placeholder(tf.int32, [1]);
      return [s, tf.reshape(tf.zeros([2, 2]), s)] as const;
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      const e = await sess.run(r, new Map([[s, [21]]])).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e!.message).toBe('Input to reshape is a tensor with 4 values, but the requested shape has 21');
    } finally {
      sess.close();
    }
  });

  it("two -1s build with unknown dims and fail only when run, as TF1's kernel", async () => {
    const g = new tf.Graph();
    const r = g.as_default(() => tf.reshape(tf.zeros([4]), [-1, -1]));
    expect(r.shape.as_list()).toEqual([null, null]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      await expect(sess.run(r)).rejects.toThrow(/Only one input size may be -1, not both 0 and 1/);
    } finally {
      sess.close();
    }
  });

  it("a -1 beside a zero size takes the other dims' count on both backends ([0, 6] to [0, -1, 3] is [0, 2, 3])", async () => {
    const g = new tf.Graph();
    const [x, r] = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 6]);
      return [x, tf.reshape(x, [0, -1, 3])] as const;
    });
    for (const backend of ['cpu', 'webgpu'] as const) {
      const sess = new tf.Session({ graph: g, backend });
      try {
        expect([...(await sess.run(r, new Map([[x, tf.NDArray.zeros([0, 6])]]))).shape]).toEqual([0, 2, 3]);
      } finally {
        sess.close();
      }
    }
  });
});

describe("a Variable given another shape by assign(validate_shape=false) reads at its new shape, as TF1's", () => {
  for (const backend of ['cpu', 'webgpu'] as const) {
    it(`on the ${backend} backend`, async () => {
      const g = new tf.Graph();
      const [p, a] = g.as_default(() => {
        const p = tf.Variable([1]);
        return [p, tf.assign(p, tf.fill([3, 4], 7), { validate_shape: false })] as const;
      });
      const sess = new tf.Session({ graph: g, backend });
      try {
        await sess.run(a.op);
        const v = await sess.run(p.value());
        expect([...v.shape]).toEqual([3, 4]);
        expect(v.data.every((e) => e === 7)).toBe(true);
        // The static shape stays what the Variable was made with, as in TF1.
        expect(p.shape.as_list()).toEqual([1]);
      } finally {
        sess.close();
      }
    });
  }
});

describe('tf.Variable takes a function as its initial value, as TF1', () => {
  it('calls it in the Variable/Initializer scope and uses its value', async () => {
    const g = new tf.Graph();
    const v = g.as_default(() => tf.Variable(() => tf.ones([2, 3]), { name: 'w' }));
    expect(v.initial_value.op.name).toBe('w/Initializer/ones');
    expect(v.shape.as_list()).toEqual([2, 3]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      await sess.run(v.initializer);
      expect(Array.from((await sess.run(v.value())).data)).toEqual([1, 1, 1, 1, 1, 1]);
    } finally {
      sess.close();
    }
  });
});

describe('Fill refuses negative dims in its shape function, as TF1', () => {
  it('"Fill dimensions must be >= 0"; a size below -1 is "Invalid value in tensor used for shape"', () => {
    inGraph(() => {
      expect(() => tf.fill([2, -1], 7)).toThrow(/^Fill dimensions must be >= 0 for 'Fill'/);
      expect(() => tf.fill([2, -3], 7)).toThrow(new tf.errors.ValueError('Invalid value in tensor used for shape: -3'));
      expect(() =>
        tf.fill(
          [
            [0, 1],
            [2, 3],
          ],
          1,
        ),
      ).toThrow(/^Shape must be rank 1 but is rank 2 for 'Fill_\d' \(op: 'Fill'\)/);
    });
  });
});

describe("DynamicStitch checks its data shapes when built, as TF1's shape function", () => {
  it("each data shape starts with its indices' shape, and the rest agree", () => {
    inGraph(() => {
      const i = [tf.constant([0, 4, 5]), tf.constant([1, 6, 2, 3])];
      expect(() =>
        tf.dynamic_stitch(i, [
          tf.constant([[0], [40], [70]]),
          tf.constant([
            [10, 11],
            [60, 61],
            [20, 21],
            [30, 31],
          ]),
        ]),
      ).toThrow(/^Dimension 0 in both shapes must be equal, but are 1 and 2\. Shapes are \[1\] and \[2\]\. for 'DynamicStitch'/);
      expect(() => tf.dynamic_stitch(i, [tf.constant([0, 40, 70]), tf.constant([10, 60, 20])])).toThrow(/^Dimensions must be equal, but are 3 and 4/);
      expect(
        tf.dynamic_stitch([tf.placeholder(tf.int32), tf.constant([1])], [tf.placeholder(tf.float32), tf.constant([[1, 2]], tf.float32)]).shape.as_list(),
      ).toEqual([null, 2]);
    });
  });
});

describe("differentiating through a float dynamic_stitch gathers the gradient at the indices (TF1's _DynamicStitchGrads)", () => {
  it('gives each data input the gradient gathered at its indices, and the indices none', () => {
    inGraph(() => {
      const d = tf.placeholder(tf.float32, [2]);
      const i = tf.constant([1, 0]);
      const y = tf.dynamic_stitch([i], [d]);
      const [gi, gd] = tf.gradients(y, [i, d]);
      expect(gi).toBeNull();
      expect(gd!.op.type).toBe('GatherV2');
      expect(gd!.op.name).toBe('gradients/DynamicStitch_grad/GatherV2');
      expect(gd!.op.inputs[1]).toBe(i);
      // Integer stitches (shape arithmetic in other gradients) are never on a gradient path.
      const u = tf.placeholder(tf.float32, [null]);
      const s = tf.dynamic_stitch([tf.constant([0])], [tf.shape(u)]);
      expect(s.op.inputs[1]!.op.type).toBe('Shape');
      expect(tf.gradients(tf.reshape(u, s), [u])[0]).not.toBeNull();
    });
  });
});
