// TF1's tensorflow/python/kernel_tests/array_ops_test.py, the strided slice classes (StridedSliceTest,
// StridedSliceShapeTest, StridedSliceGradTest, StridedSliceGradTypeTest), ported (source read: a late-2018
// snapshot, fraudies/tensorflow). Python's `x[spec]` is `x.at(...spec)` (one argument per index, slices as
// strings); NumPy's answer comes from test/tf1/np_index.ts. tf1-ts has no complex dtypes (the int32, int64, int16,
// int8, float32, float64 runs of STRIDED_SLICE_TYPES are ported), no boolean-mask indexing and no Tensor-valued
// indices (they need tf.boolean_mask and tf.stack): NOT_PORTED.md lists those.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllEqual, inGraph, inSession, np, rejected, staticShape, thrown } from './helpers.js';
import { npIndex } from './np_index.js';

const STRIDED_SLICE_TYPES: tf.DType[] = ['int32', 'int64', 'int16', 'int8', 'float32', 'float64'];
const arange = (start: number, stop: number, shape: number[], dtype: tf.DType = 'float32'): tf.NDArray => {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = start + i;
  if (a.size !== stop - start) throw new RangeError('arange size');
  return a;
};
const REF_TENSOR = (dtype: tf.DType = 'int32') => arange(1, 19, [3, 2, 3], dtype);
const REF_TENSOR_ALIGNED = (dtype: tf.DType = 'int32') => arange(1, 97, [3, 4, 8], dtype);

/** StridedSliceChecker: `check(...spec)` compares x[spec] with NumPy's and its static shape with the value's. */
async function checker(x: tf.NDArray, specs: readonly tf.Index[][], checkTypeInfer = true): Promise<void> {
  await inSession(async (g, sess) => {
    const built = g.as_default(() => {
      const t = tf.constant(x);
      return specs.map((s) => t.at(...s));
    });
    const values = await sess.run(built);
    specs.forEach((s, i) => {
      const expected = npIndex(x, s);
      assertAllEqual(values[i]!, expected, `x[${s.map(String).join(', ')}]`);
      if (checkTypeInfer) expect(staticShape(built[i]!), `shape of x[${s.join(', ')}]`).toEqual(expected.shape);
    });
  });
}

const RAW_5D = np(
  [
    [
      [
        [
          [1, 2, 4, 5],
          [5, 6, 7, 8],
          [9, 10, 11, 12],
        ],
      ],
      [
        [
          [13, 14, 15, 16],
          [17, 18, 19, 20],
          [21, 22, 23, 24],
        ],
      ],
    ],
  ],
  'int32',
);

describe('StridedSliceTest', () => {
  it('test_basic_slice', async () => {
    for (const dtype of STRIDED_SLICE_TYPES) {
      await checker(REF_TENSOR(dtype), [
        [':', ':', ':'],
        // Various ways of representing identity slice
        ['::', '::', '::'],
        ['::1', '::1', '::1'],
        // Not zero slice
        ['::1', '::5', '::2'],
        // Reverse in each dimension independently
        ['::-1', ':', ':'],
        [':', '::-1', ':'],
        [':', ':', '::-1'],
        // negative index tests i.e. n-2 in first component
        ['-2::-1', ':', '::1'],
        // negative index tests i.e. n-2 in first component, non-unit stride
        ['-2::-1', ':', '::2'],
      ]);
      // Check rank-0 examples
      await checker(np(5, dtype), [[null], ['...'], []]);
    }
  });

  it('testDegenerateSlices', async () => {
    // degenerate by offering a forward interval with a negative stride; a reverse interval with a positive
    // stride; an empty interval in every dimension
    await checker(REF_TENSOR(), [
      ['0:-1:-1', ':', ':'],
      ['-1:0', ':', ':'],
      ['-1:0', '2:2', '2:3:-1'],
    ]);
    // empty first dimension only (used to break for aligned tensors).
    await checker(REF_TENSOR_ALIGNED(), [['1:0']]);
  });

  it('testEllipsis', async () => {
    const raw = np(
      [
        [
          [
            [
              [1, 2],
              [3, 4],
              [5, 6],
            ],
          ],
          [
            [
              [7, 8],
              [9, 10],
              [11, 12],
            ],
          ],
        ],
      ],
      'int32',
    );
    await checker(raw, [['0:'], ['0:', '...'], ['...'], ['0:1', '...'], ['...', '0:1'], ['0:1', '...', '0:1']]);
    // multiple ellipses not allowed
    const e = inGraph(() => thrown(() => tf.constant(raw).at('...', ':', '...')));
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toContain('Multiple ellipses');
  });

  it('testShrink', async () => {
    await checker(RAW_5D, [
      [':', ':', ':', ':', 3],
      ['...', 3],
      [':', 0],
      [':', ':', 0],
    ]);
  });

  it('testBothNewAxisAndShrink', async () => {
    await inSession(async (g, sess) => {
      const { ones, t } = g.as_default(() => {
        const ones = tf.placeholder(tf.int32, [2, 2]);
        return { ones, t: ones.at(tf.newaxis, ':', 0) };
      });
      assertAllEqual(
        await sess.run(
          t,
          new Map([
            [
              ones,
              np(
                [
                  [1, 1],
                  [1, 1],
                ],
                'int32',
              ),
            ],
          ]),
        ),
        [[1, 1]],
      );
    });
  });

  it('testTensorIndexingTypeError (the indices TypeScript lets through at run time)', () => {
    inGraph(() => {
      const x = tf.constant(REF_TENSOR());
      // @ts-expect-error: not a Python slice, so not an Index: refused while typing, and at run time
      expect(thrown(() => x.at('1:x'))).toBeInstanceOf(tf.errors.TypeError);
      for (const bad of ['foo', 0.5, [2.1, -0.7, 1.5]]) {
        const e = thrown(() => x.at(bad as unknown as tf.Index));
        expect(e).toBeInstanceOf(tf.errors.TypeError);
        expect(e.message).toContain(
          'Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices',
        );
      }
    });
  });

  it('testExpand', async () => {
    await checker(RAW_5D, [
      // new axis (followed by implicit ellipsis)
      [null],
      // newaxis after ellipsis
      ['...', null],
      // newaxis in between ellipsis and explicit range
      ['...', null, ':'],
      [':', '...', null, ':', ':'],
      // Reverse final dimension with new axis
      [':', ':', null, ':', '2::-1'],
      // Ellipsis in middle of two newaxis
      [null, '...', null],
    ]);
  });

  it('testExpandVariable', async () => {
    await inSession(async (g, sess) => {
      const { x, y } = g.as_default(() => {
        const x = new tf.Variable(7, { dtype: tf.int32 });
        return { x, y: x.at(null) };
      });
      await sess.run(x.initializer);
      const v = await sess.run(y);
      expect(v.shape).toEqual([1]);
      assertAllEqual(v, [7]);
    });
  });

  it('testOptimizedCases', async () => {
    await checker(REF_TENSOR_ALIGNED(), [[':'], ['...'], [null, '...', null], ['1:'], [null, '1:']]);
  });

  it("builds TF1's nodes: strided_slice with its stack, stack_1, stack_2 constants and masks", () => {
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [5, 3, 7], 'x');
      const y = x.at('1:4', '...', 2);
      expect(y.op.name).toBe('strided_slice');
      expect(y.op.inputs.map((t) => t.name)).toEqual(['x:0', 'strided_slice/stack:0', 'strided_slice/stack_1:0', 'strided_slice/stack_2:0']);
      expect(y.op.attrs).toMatchObject({ begin_mask: 0, end_mask: 0, ellipsis_mask: 2, new_axis_mask: 0, shrink_axis_mask: 4 });
      expect(g.get_operation_by_name('strided_slice/stack_1').type).toBe('Const');
      expect(staticShape(y)).toEqual([3, 3]);
    });
  });
});

describe('StridedSliceShapeTest', () => {
  it('testUnknown', () => {
    inGraph(() => {
      expect(staticShape(tf.placeholder(tf.float32).at('...'))).toBeNull();
    });
  });

  it('testTensorShapeUncertain', () => {
    inGraph(() => {
      const a = tf.placeholder(tf.float32, [5, null, 7]);
      expect(staticShape(a.at('3:5'))).toEqual([2, null, 7]);
      expect(staticShape(a.at('3:5', ':', 4))).toEqual([2, null]);
      expect(staticShape(a.at('3:5', '3:4', 4))).toEqual([2, null]);
      expect(staticShape(a.at('3:5', ':', '5:10'))).toEqual([2, null, 2]);
      expect(staticShape(a.at('3:5', ':', '50:3'))).toEqual([2, null, 0]);
      expect(staticShape(a.at('3:5', ':', tf.newaxis, '50:3'))).toEqual([2, null, 1, 0]);
      expect(staticShape(a.at('1:5:2', ':', tf.newaxis, '50:3'))).toEqual([2, null, 1, 0]);
      expect(staticShape(a.at(':5:3', ':', tf.newaxis, '50:3'))).toEqual([2, null, 1, 0]);
      expect(staticShape(a.at(':2:3', ':', tf.newaxis, '50:3'))).toEqual([1, null, 1, 0]);
      expect(staticShape(a.at('::-1', ':', tf.newaxis, '::-2'))).toEqual([5, null, 1, 4]);
    });
  });

  it('testTensorValuedIndexShape (indices fed to tf.strided_slice, as the Pack of them would be)', () => {
    inGraph(() => {
      const a = tf.placeholder(tf.float32, [5, 3, 7]);
      const begin = tf.placeholder(tf.int32, [1]);
      // a[index_value]: a shrink with unknown begin and end.
      expect(staticShape(tf.strided_slice(a, begin, begin.add(1), [1], { shrink_axis_mask: 1 }))).toEqual([3, 7]);
      const b2 = tf.placeholder(tf.int32, [2]);
      // a[index_value, ::-1] and a[index_value, ::-2]
      expect(staticShape(tf.strided_slice(a, b2, b2, [1, -1], { shrink_axis_mask: 1, begin_mask: 2, end_mask: 2 }))).toEqual([3, 7]);
      expect(staticShape(tf.strided_slice(a, b2, b2, [1, -2], { shrink_axis_mask: 1, begin_mask: 2, end_mask: 2 }))).toEqual([2, 7]);
      // a[index_value, other_scalar:2]
      expect(staticShape(tf.strided_slice(a, b2, b2, [1, 1], { shrink_axis_mask: 1 }))).toEqual([null, 7]);
    });
  });
});

describe('StridedSliceGradTest', () => {
  /** GradSliceChecker: d(var²)[spec]/dvar against NumPy, and the gradient of that gradient with respect to dy. */
  async function gradChecker(sess: tf.Session, g: tf.Graph, v: tf.RefVariable, raw: tf.NDArray, spec: tf.Index[]): Promise<void> {
    const built = g.as_default(() => {
      const val = v.value().mul(v.value());
      const sliceVar = v.at(...spec);
      const sliceVal = val.at(...spec);
      const analyticGrad2 = sliceVal.mul(2);
      const dy = new tf.Variable(tf.ones_like(sliceVar, { dtype: tf.float32 }));
      const assign = dy.assign(sliceVar);
      const [grad] = denseGradients(sliceVal, v, dy);
      const [grad2] = denseGradients(grad!, dy, v);
      return { dy, assign, grad: grad!, grad2: grad2!, analyticGrad2 };
    });
    await sess.run(built.dy.initializer);
    await sess.run(built.assign);
    const [gv, g2] = await sess.run([built.grad, built.grad2]);
    assertAllEqual(g2!, await sess.run(built.analyticGrad2));
    // The analytic gradient of the slice: 2·var² where the slice reads, 0 elsewhere.
    const full = tf.NDArray.zeros(raw.shape, 'float64');
    const positions = npIndex(arange(0, raw.size, [...raw.shape], 'float64'), spec);
    for (const p of positions.data) full.data[p] = 2 * raw.data[p]! * raw.data[p]!;
    assertAllEqual(gv!, full);
  }

  it('testGradient', async () => {
    await inSession(async (g, sess) => {
      const v = g.as_default(() => new tf.Variable(tf.reshape(tf.range(1, 97, 1, tf.float32), [6, 4, 4])));
      await sess.run(v.initializer);
      const raw = arange(1, 97, [6, 4, 4], 'float64');
      for (const spec of [
        ['2:6:2', '1:3', '1:3'],
        ['3:0:-2', '1:3', '1:3'],
        ['3:0:-2', null, '1:3', 2, null],
        ['3:0:-2', '1:3', 2],
        [':', -1, ':'],
        [':', -2, ':'],
      ] as tf.Index[][]) {
        await gradChecker(sess, g, v, raw, spec);
      }
      for (const bad of [-200, 200]) {
        const e = g.as_default(() => thrown(() => v.at(':', bad, ':')));
        expect(e).toBeInstanceOf(tf.errors.ValueError);
        expect(e.message).toContain('out of bounds');
      }
    });
  });

  it('testGradientZero', async () => {
    await inSession(async (g, sess) => {
      const v = g.as_default(() => new tf.Variable(8, { dtype: tf.float32 }));
      await sess.run(v.initializer);
      await gradChecker(sess, g, v, np(8), []);
    });
  });

  it('testInt64Indices', async () => {
    await inSession(async (g, sess) => {
      const grad = g.as_default(() => {
        const a = tf.range(3, { dtype: tf.float32 });
        const index = tf.constant([1], tf.int64);
        const b = tf.strided_slice(a, index, index.add(1), tf.constant([1], tf.int64), { shrink_axis_mask: 1 }).mul(2);
        return denseGradients(b, a)[0]!;
      });
      assertAllEqual(await sess.run(grad), [0, 2, 0]);
    });
  });
});

describe('StridedSliceGradTypeTest', () => {
  /** strided_slice_grad(shape, [0,0,0], [4,1,1], [1,1,1], dy) with the given index dtypes. */
  const sliceGrad = (shapeDtype: tf.DType, beginDtype: tf.DType) => {
    const dy = tf.reshape(tf.cast(tf.range(1, 5, 1), tf.float32), [4, 1, 1]);
    const shape = tf.constant([6, 4, 4], shapeDtype);
    const idx = (v: number[], d: tf.DType) => tf.constant(v, d);
    // TF1's array_ops.strided_slice_grad is the generated op wrapper: the op itself.
    return tf
      .get_default_graph()
      .create_op(
        'StridedSliceGrad',
        [shape, idx([0, 0, 0], beginDtype), idx([4, 1, 1], shapeDtype), idx([1, 1, 1], shapeDtype), dy],
        { begin_mask: 0, end_mask: 0, ellipsis_mask: 0, new_axis_mask: 0, shrink_axis_mask: 0 },
        'StridedSliceGrad',
      ).outputs[0]!;
  };

  it('testHostVsDevice and testInt64Shape', async () => {
    for (const d of ['int32', 'int64'] as const) {
      await inSession(async (g, sess) => {
        const dx = g.as_default(() => sliceGrad(d, d));
        const v = await sess.run(dx);
        expect(v.shape).toEqual([6, 4, 4]);
        expect([v.data[0], v.data[16], v.data[32], v.data[48], v.data[64]]).toEqual([1, 2, 3, 4, 0]);
      });
    }
  });

  it('testMixedIndexTypes', () => {
    const e = inGraph(() => thrown(() => sliceGrad('int64', 'int32')));
    expect(e).toBeInstanceOf(tf.errors.TypeError);
    expect(e.message).toContain("Input 'begin' of 'StridedSliceGrad' Op has type int32 that does not match type int64 of argument 'shape'");
  });

  it('a slice index out of bounds at run time is InvalidArgumentError, before any kernel runs', async () => {
    await inSession(async (g, sess) => {
      const { x, y } = g.as_default(() => {
        const x = tf.placeholder(tf.float32, [null]);
        return { x, y: x.at(5) };
      });
      const e = await rejected(sess.run(y, new Map([[x, np([1, 2, 3], 'float32')]])));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toContain('slice index 5 of dimension 0 out of bounds.');
    });
  });
});
