/** Parity cases of SpaceToBatchND, BatchToSpaceND and their legacy forms: fed block shapes, paddings and crops. */
import fc from 'fast-check';
import type { DType } from '../../../src/framework/dtypes.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { arrayOf, nd, op, shapeOf } from './harness.js';
import * as tf from '../../../src/index.js';
import { feedThrough, parity, valuesOf, type ParityCase } from './cases_math.js';

/** feedThrough with the block shape's placeholder shaped: its length must be known (TF1's shape function). */
function feedShaped(g: tf.Graph, arrays: NDArray[], type: 'SpaceToBatchND' | 'BatchToSpaceND'): ReturnType<typeof feedThrough> {
  return g.as_default(() => {
    const ph = arrays.map((a, i) => tf.placeholder(a.dtype, i === 1 ? a.shape : null));
    return { runs: [{ fetches: op(g, type, ph, {}), feeds: new Map(ph.map((p, i) => [p, arrays[i]!])) }] };
  });
}

interface Layout {
  batch: number;
  dims: number[];
  block: number[];
  starts: number[];
  ends: number[];
  rest: number[];
  dtype: DType;
}

const ints = (m: number, min: number, max: number) => fc.array(fc.integer({ min, max }), { minLength: m, maxLength: m });

/** M block dims (1 to 3; 2 for the legacy ops), their sizes (some empty), blocks, paddings and trailing dims. */
const layout = (legacy: boolean): fc.Arbitrary<Layout> =>
  (legacy ? fc.constant(2) : fc.integer({ min: 1, max: 3 })).chain((m) =>
    fc.record({
      batch: fc.integer({ min: 1, max: 2 }),
      dims: ints(m, 0, 5),
      block: legacy ? fc.integer({ min: 2, max: 3 }).map((b) => [b, b]) : ints(m, 1, 3),
      starts: ints(m, 0, 3),
      ends: ints(m, 0, 3),
      rest: legacy ? fc.integer({ min: 1, max: 3 }).map((c) => [c]) : shapeOf(2, 3, false),
      dtype: fc.constantFrom<DType>('float32', 'int32'),
    }),
  );

/** The input of SpaceToBatch and paddings that the blocks divide. */
const toBatch = (legacy: boolean) =>
  layout(legacy).chain((l) => {
    const ends = l.ends.map((e, i) => e + ((l.block[i]! - ((l.dims[i]! + l.starts[i]! + e) % l.block[i]!)) % l.block[i]!));
    const pads = l.starts.flatMap((s, i) => [s, ends[i]!]);
    return fc.tuple(arrayOf([l.batch, ...l.dims, ...l.rest], l.dtype, valuesOf(l.dtype)), fc.constant(l.block), fc.constant(pads));
  });

/** The input of BatchToSpace and crops that fit in it. */
const toSpace = (legacy: boolean) =>
  layout(legacy).chain((l) => {
    const product = l.block.reduce((a, b) => a * b, 1);
    const crops = l.dims.flatMap((d, i) => {
      const start = Math.min(l.starts[i]!, d * l.block[i]!);
      return [start, Math.min(l.ends[i]!, d * l.block[i]! - start)];
    });
    return fc.tuple(arrayOf([l.batch * product, ...l.dims, ...l.rest], l.dtype, valuesOf(l.dtype)), fc.constant(l.block), fc.constant(crops));
  });

const matrix = (v: number[]): NDArray => nd(v, [v.length / 2, 2], 'int32');

export const SPACE_BATCH_CASES: { SpaceToBatchND: ParityCase; BatchToSpaceND: ParityCase; SpaceToBatch: ParityCase; BatchToSpace: ParityCase } = {
  SpaceToBatchND: parity(toBatch(false), (g, [x, block, pads]) => feedShaped(g, [x, nd(block, [block.length], 'int32'), matrix(pads)], 'SpaceToBatchND')),
  BatchToSpaceND: parity(toSpace(false), (g, [x, block, crops]) => feedShaped(g, [x, nd(block, [block.length], 'int32'), matrix(crops)], 'BatchToSpaceND')),
  SpaceToBatch: parity(toBatch(true), (g, [x, block, pads]) => feedThrough(g, [x, matrix(pads)], (ph) => op(g, 'SpaceToBatch', ph, { block_size: block[0]! }))),
  BatchToSpace: parity(toSpace(true), (g, [x, block, crops]) =>
    feedThrough(g, [x, matrix(crops)], (ph) => op(g, 'BatchToSpace', ph, { block_size: block[0]! })),
  ),
};
