// TF1 r1.12's array_ops_test.py BooleanMaskTest, ported: NumPy's boolean indexing (`arr[mask]`, `arr[:, mask]`)
// computed here, the random arrays and masks from seeded generators (TF1: np.random, RandomState(42)).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, evaluate, inGraph, inSession, rand, rng, thrown } from './helpers.js';

/** NumPy's `arr[(slice(None),) * axis + (mask,)]`: the rows of the K masked dimensions where mask is true, in C order. */
function npMask(arr: tf.NDArray, mask: tf.NDArray, axis: number): tf.NDArray {
  const k = mask.shape.length;
  const outer = arr.shape.slice(0, axis).reduce((x, y) => x * y, 1);
  const masked = mask.size;
  const inner = arr.shape.slice(axis + k).reduce((x, y) => x * y, 1);
  const kept = Array.from(mask.data).flatMap((m, i) => (m ? [i] : []));
  const out = tf.NDArray.zeros([...arr.shape.slice(0, axis), kept.length, ...arr.shape.slice(axis + k)], arr.dtype);
  let at = 0;
  for (let o = 0; o < outer; o++)
    for (const r of kept) {
      out.data.set(arr.data.subarray((o * masked + r) * inner, (o * masked + r + 1) * inner), at);
      at += inner;
    }
  return out;
}

const random = rng(42);
/** `rng.randint(0, 2, size=shape).astype(bool)`. */
const randomMask = (shape: readonly number[]): tf.NDArray => {
  const m = tf.NDArray.zeros(shape, 'bool');
  for (let i = 0; i < m.size; i++) m.data[i] = random() < 0.5 ? 1 : 0;
  return m;
};

/** TF1's CheckVersusNumpy. */
async function checkVersusNumpy(ndimsMask: number, arrShape: readonly number[], makeMask = randomMask, axis: number | null = null): Promise<void> {
  const arr = rand(arrShape, 'float64');
  const ax = axis ?? 0;
  const mask = makeMask(arrShape.slice(ax, ax + ndimsMask));
  const maskedArr = npMask(arr, mask, ax);
  const out = await evaluate(() => {
    const masked = tf.boolean_mask(arr, mask, { axis });
    // Leading dimension size of masked_tensor is always unknown until runtime since we don't know how many elements will be kept.
    const leading = axis === null ? 1 : axis + 1;
    expect(masked.shape.as_list().slice(leading)).toEqual(maskedArr.shape.slice(leading));
    return masked;
  });
  assertAllClose(out, maskedArr);
}

describe('BooleanMaskTest', () => {
  it('testMaskDim1ArrDim2Axis1', async () => {
    for (const arrShape of [
      [1, 1],
      [2, 2],
      [2, 5],
    ])
      await checkVersusNumpy(1, arrShape, randomMask, 1);
  });

  it('testMaskDim2ArrDim2Axis1', async () => {
    // TF1's mask for axis 1 and ndims_mask 2 is arr_shape[1:3], one dimension.
    for (const arrShape of [
      [1, 1],
      [2, 2],
      [2, 5],
    ])
      await checkVersusNumpy(2, arrShape, randomMask, 1);
  });

  it('testMaskDim1ArrDim1', async () => {
    for (const arrShape of [[1], [2], [3], [10]]) await checkVersusNumpy(1, arrShape);
  });

  it('testMaskDim1ArrDim2', async () => {
    for (const arrShape of [
      [1, 1],
      [2, 2],
      [2, 5],
    ])
      await checkVersusNumpy(1, arrShape);
  });

  it('testMaskDim2ArrDim2', async () => {
    for (const arrShape of [
      [1, 1],
      [2, 2],
      [2, 5],
    ])
      await checkVersusNumpy(2, arrShape);
  });

  it('testMaskDim2ArrDim3', async () => {
    for (const arrShape of [
      [1, 1, 1],
      [1, 2, 2],
      [2, 2, 1],
    ])
      await checkVersusNumpy(2, arrShape);
  });

  it('testEmptyInput2D', async () => {
    const mask = new tf.NDArray(Uint8Array.of(1, 0), [2], 'bool');
    const arr = tf.NDArray.zeros([2, 0], 'float32');
    const numpyResult = npMask(arr, mask, 0);
    const out = await evaluate(() => {
      const r = tf.boolean_mask(arr, mask);
      expect(r.shape.as_list().slice(1)).toEqual(numpyResult.shape.slice(1));
      return r;
    });
    assertAllClose(out, numpyResult);
  });

  it('testEmptyInput1D', async () => {
    const mask = tf.NDArray.zeros([0], 'bool');
    const arr = tf.NDArray.zeros([0], 'float32');
    const out = await evaluate(() => {
      const r = tf.boolean_mask(arr, mask);
      expect(r.shape.as_list().slice(1)).toEqual([]);
      return r;
    });
    assertAllClose(out, npMask(arr, mask, 0));
  });

  it('testEmptyOutput', async () => {
    const makeMask = (shape: readonly number[]): tf.NDArray => tf.NDArray.zeros(shape, 'bool');
    for (let ndimsMask = 1; ndimsMask < 4; ndimsMask++)
      for (let ndimsArr = ndimsMask; ndimsArr < ndimsMask + 3; ndimsArr++)
        for (let i = 0; i < 3; i++) {
          const arrShape = Array.from({ length: ndimsArr }, () => 1 + Math.floor(random() * 4));
          await checkVersusNumpy(ndimsMask, arrShape, makeMask);
        }
  });

  it('testWorksWithDimensionsEqualToNoneDuringGraphBuild', async () => {
    // The rank of the mask tensor must be specified. This is explained in the docstring as well.
    await inSession(async (g, sess) => {
      const [phTensor, phMask, masked] = g.as_default(() => {
        const phTensor = tf.placeholder(tf.int32, null);
        const phMask = tf.placeholder(tf.bool, [null]);
        return [phTensor, phMask, tf.boolean_mask(phTensor, phMask)] as const;
      });
      const feeds = new Map<tf.Tensor, tf.NDArray>([
        [phTensor, new tf.NDArray(Int32Array.of(1, 2, 3, 4), [2, 2], 'int32')],
        [phMask, new tf.NDArray(Uint8Array.of(0, 1), [2], 'bool')],
      ]);
      assertAllClose(await sess.run(masked, feeds as never), [[3, 4]]);
    });
  });

  it('testMaskDimensionsSetToNoneRaises', () => {
    inGraph(() => {
      const tensor = tf.placeholder(tf.int32, [null, 2]);
      const mask = tf.placeholder(tf.bool, null);
      const e = thrown(() => tf.boolean_mask(tensor, mask));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/dimensions must be specified/);
    });
  });

  it('testMaskHasMoreDimsThanTensorRaises', () => {
    inGraph(() => {
      const e = thrown(() =>
        tf.boolean_mask(
          [1, 2, 3, 4],
          [
            [true, true],
            [false, false],
          ],
        ),
      );
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/incompatible/);
    });
  });

  it('testMaskIsScalarRaises', () => {
    inGraph(() => {
      const e = thrown(() => tf.boolean_mask(1, true));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/mask.*scalar/);
    });
  });

  it('testMaskShapeDifferentThanFirstPartOfTensorShapeRaises', () => {
    inGraph(() => {
      const e = thrown(() =>
        tf.boolean_mask(
          [
            [1, 2],
            [3, 4],
          ],
          [true, true, true],
        ),
      );
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/incompatible/);
    });
  });
});

describe('boolean_mask as TF1 r1.12 builds it', () => {
  it('the scope boolean_mask: Prod of the masked dims, a Reshape, then Where, Squeeze and GatherV2; its gradient', async () => {
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [3, null, 4], 'x');
      const m = tf.placeholder(tf.bool, [3, 5], 'm');
      const y = tf.boolean_mask(x, m);
      expect([y.op.name, y.shape.as_list()]).toEqual(['boolean_mask/GatherV2', [null, 4]]);
      const names = g.get_operations().map((o) => `${o.name}:${o.type}`);
      for (const want of [
        'boolean_mask/Prod:Prod',
        'boolean_mask/concat/values_1:Pack',
        'boolean_mask/Reshape:Reshape',
        'boolean_mask/Where:Where',
        'boolean_mask/Squeeze:Squeeze',
      ])
        expect(names).toContain(want);
      expect(tf.boolean_mask(x, tf.placeholder(tf.bool, [4]), { axis: 2, name: 'bm' }).shape.as_list()).toEqual([3, null, null]);
    });
    const [gx] = await inSession(async (g, sess) => {
      const gr = g.as_default(() => {
        const x = tf.constant([1, 2, 3], tf.float32);
        return tf.gradients(tf.reduce_sum(tf.boolean_mask(x, [true, false, true]).mul(tf.constant([2, 3], tf.float32))), x) as tf.Tensor[];
      });
      return sess.run(gr);
    });
    assertAllClose(gx!, [2, 0, 3]);
  });
});

// TF1 >= 1.14's StridedSliceTest.testMasks: `x[mask]` with a bool mask, which its _slice_helper hands to
// boolean_mask. r1.12's indexing has no such case (nor has Tensor.at), so the masks are given to tf.boolean_mask.
describe('StridedSliceTest.testMasks (its mask parts, through tf.boolean_mask)', () => {
  it('testMasks', async () => {
    const ref = new tf.NDArray(
      Float32Array.from({ length: 18 }, (_, i) => i + 1),
      [3, 2, 3],
      'float32',
    );
    const raw = new tf.NDArray(
      Int32Array.from([1, 2, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]),
      [1, 2, 1, 3, 4],
      'int32',
    );
    const raw1 = new tf.NDArray(Int32Array.from([1, 2, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12]), [3, 4], 'int32');
    const maskOf = (a: tf.NDArray, f: (v: number) => boolean): tf.NDArray =>
      new tf.NDArray(
        Uint8Array.from(a.data, (v) => Number(f(v))),
        [...a.shape],
        'bool',
      );
    const cases: [tf.NDArray, (x: tf.Tensor) => tf.Tensor | tf.NDArray, tf.NDArray][] = [
      // Test tensor type mask
      [ref, (x) => tf.greater(x, 2), maskOf(ref, (v) => v > 2)],
      [ref, (x) => tf.less_equal(x, 5), maskOf(ref, (v) => v <= 5)],
      // Test numpy array type mask
      [raw, () => maskOf(raw, (v) => v >= 4), maskOf(raw, (v) => v >= 4)],
      [raw, () => maskOf(raw, (v) => v < 19), maskOf(raw, (v) => v < 19)],
      // Test boolean and non boolean cases
      [raw1, () => new tf.NDArray(Uint8Array.of(1, 0, 1), [3], 'bool'), new tf.NDArray(Uint8Array.of(1, 0, 1), [3], 'bool')],
      [raw1, () => tf.constant([true, false, true]), new tf.NDArray(Uint8Array.of(1, 0, 1), [3], 'bool')],
    ];
    for (const [x, mask, npMaskValue] of cases) {
      const out = await evaluate(() => {
        const t = tf.constant(x);
        return tf.boolean_mask(t, mask(t));
      });
      expect(out.dtype).toBe(x.dtype);
      assertAllClose(out, npMask(x, npMaskValue, 0));
    }
    // checker1[scalar]: NumPy's 0-d integer index, x[0].
    const first = await evaluate(() => tf.constant(raw).at(0));
    expect(first.shape).toEqual([2, 1, 3, 4]);
    assertAllClose(first, new tf.NDArray(raw.data, [2, 1, 3, 4], 'int32'));
  });
});
