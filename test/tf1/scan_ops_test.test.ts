// Port of TF1 r1.12's tensorflow/python/kernel_tests/scan_ops_test.py (CumsumTest, CumprodTest): one `it` per TF1
// test method, for the dtypes tf1-ts has among TF1's valid_dtypes (int32, int64, float32, float64; float16 and the
// complex types are in NOT_PORTED.md). `use_gpu=True` sessions run on the CPU here, as the rest of these ports.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, computeGradient, evaluate, rejected } from './helpers.js';

const VALID_DTYPES: tf.DType[] = ['int32', 'int64', 'float32', 'float64'];

/** `np.arange(start, stop).reshape(shape).astype(dtype)`. */
function arange(start: number, stop: number, shape: number[], dtype: tf.DType): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = start + i;
  expect(a.size).toBe(stop - start);
  return a;
}

/** handle_options: NumPy's cumsum/cumprod along `axis` with TF's exclusive and reverse, in float64. */
function handleOptions(prod: boolean, x: tf.NDArray, axis: number, exclusive: boolean, reverse: boolean): tf.NDArray {
  const rank = x.shape.length;
  const ax = axis < 0 ? axis + rank : axis;
  const out = tf.NDArray.zeros(x.shape, 'float64');
  const len = x.shape[ax]!;
  const inner = x.shape.slice(ax + 1).reduce((p, d) => p * d, 1);
  const outer = x.size / Math.max(1, len * inner);
  for (let p = 0; p < outer; p++) {
    for (let q = 0; q < inner; q++) {
      let acc = prod ? 1 : 0;
      for (let k = 0; k < len; k++) {
        const pos = p * len * inner + q + (reverse ? len - 1 - k : k) * inner;
        if (exclusive) out.data[pos] = acc;
        acc = prod ? acc * x.data[pos]! : acc + x.data[pos]!;
        if (!exclusive) out.data[pos] = acc;
      }
    }
  }
  return out;
}

function scanTests(prod: boolean) {
  const scan = prod ? tf.cumprod : tf.cumsum;
  const compare = async (x: tf.NDArray, axis: number, exclusive: boolean, reverse: boolean) => {
    const npOut = handleOptions(prod, x, axis, exclusive, reverse);
    const tfOut = await evaluate(() => scan(tf.constant(x), axis, exclusive, reverse));
    // assertAllClose (Cumsum) and assertAllCloseAccordingToType (Cumprod): 1e-6 for these dtypes.
    assertAllClose(tfOut, npOut);
  };
  const compareAll = async (x: tf.NDArray, axis: number) => {
    for (const exclusive of [true, false]) for (const reverse of [true, false]) await compare(x, axis, exclusive, reverse);
  };

  it('testEmpty', async () => {
    for (const dtype of VALID_DTYPES) for (const axis of [-1, 0]) await compareAll(tf.NDArray.zeros([0], dtype), axis);
  });

  it('testAxisType', async () => {
    for (const dtype of VALID_DTYPES) {
      const x = arange(1, 6, [5], dtype);
      for (const axisDtype of [tf.int64, tf.int32]) {
        const out = await evaluate(() => scan(tf.constant(x), tf.constant(0, axisDtype)));
        expect(out.dtype).toBe(dtype);
      }
    }
  });

  it('test1D', async () => {
    for (const dtype of VALID_DTYPES) for (const axis of [-1, 0]) await compareAll(arange(1, 6, [5], dtype), axis);
  });

  it('test2D', async () => {
    const [lo, hi] = prod ? [1, 11] : [0, 10];
    for (const dtype of VALID_DTYPES) for (const axis of [-2, -1, 0, 1]) await compareAll(arange(lo, hi, [2, 5], dtype), axis);
  });

  it('test3D', async () => {
    const [lo, hi] = prod ? [1, 21] : [0, 20];
    for (const dtype of VALID_DTYPES) for (const axis of [-3, -2, -1, 0, 1, 2]) await compareAll(arange(lo, hi, [2, 2, 5], dtype), axis);
  });

  it('test6D', async () => {
    for (const dtype of VALID_DTYPES) for (const axis of [-6, -3, 0, 3]) await compareAll(arange(1, 145, [2, 2, 3, 3, 2, 2], dtype), axis);
  });

  if (!prod) {
    it('testLarge', async () => {
      // np.ones(..., dtype) / 1024 is float64 for the integer dtypes: float32 and float64 here.
      for (const dtype of ['float32', 'float64'] as const) {
        const x = tf.NDArray.zeros([1000000], dtype);
        x.data.fill(1 / 1024);
        await compareAll(x, 0);
      }
    });
  }

  it('testInvalidAxis', async () => {
    const x = arange(0, 10, [2, 5], 'float32');
    for (const [axis, message] of [
      [-3, 'Expected scan axis in the range [-2, 2)'],
      [2, 'Expected scan axis in the range [-2, 2)'],
      [[0], 'axis must be a scalar'],
    ] as const) {
      const err = await rejected(evaluate(() => scan(tf.constant(x), axis as number)));
      expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(err.message).toContain(message);
    }
  });

  const compareGradient = async (shape: number[], axis: number, exclusive: boolean, reverse: boolean) => {
    const x = prod ? arange(1, 9, shape, 'float64') : arange(0, 50, shape, 'float64');
    const [jacobT, jacobN] = await computeGradient(
      () => {
        const t = tf.constant(x);
        return { x: t, y: scan(t, axis, exclusive, reverse) };
      },
      x,
      shape,
      1,
    );
    assertAllClose(jacobT, jacobN, { rtol: 1e-8, atol: 1e-8 });
  };
  const n = prod ? 8 : 50;
  it('testGradient', async () => {
    for (const axis of [-1, 0]) await compareGradient([n], axis, false, false);
  });
  it('testGradientReverse', async () => {
    for (const axis of [-1, 0]) await compareGradient([n], axis, false, true);
  });
  it('testGradientExclusive', async () => {
    for (const axis of [-1, 0]) await compareGradient([n], axis, true, false);
  });
  it('testGradientExclusiveReverse', async () => {
    for (const axis of [-1, 0]) await compareGradient([n], axis, true, true);
  });
  it('testGradient2D', async () => {
    const [shape, axes] = prod
      ? [
          [2, 4],
          [-2, -1, 0, 1],
        ]
      : [
          [5, 10],
          [-1, 0, 1],
        ];
    for (const axis of axes) for (const exclusive of [true, false]) for (const reverse of [true, false]) await compareGradient(shape, axis, exclusive, reverse);
  });
}

describe('CumsumTest', () => scanTests(false));
describe('CumprodTest', () => scanTests(true));

describe('cumsum and cumprod', () => {
  it('build the nodes as TF1 names them, and their gradients', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [3], 'x');
      const s = tf.cumsum(x, { exclusive: true });
      expect([s.op.name, s.op.inputs[1]!.op.name, s.op.get_attr('exclusive'), s.op.get_attr('reverse')]).toEqual(['Cumsum', 'Cumsum/axis', true, false]);
      const p = tf.cumprod(x, 0, false, true, 'p');
      expect([p.op.name, p.op.type]).toEqual(['p', 'Cumprod']);
      const [ds] = tf.gradients(s, [x]);
      expect(ds!.op.name).toBe('gradients/Cumsum_grad/Cumsum');
      expect(ds!.op.get_attr('reverse')).toBe(true);
      const [dp] = tf.gradients(p, [x]);
      expect(dp!.op.name).toBe('gradients_1/p_grad/truediv');
      expect(g.get_operation_by_name('gradients_1/p_grad/Cumsum').get_attr('reverse')).toBe(false);
    });
  });
});
