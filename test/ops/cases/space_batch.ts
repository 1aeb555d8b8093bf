import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** y times distinct weights 1..n, so a gradient routed to the wrong element shows. */
const weighted = (y: tf.Tensor, dims: readonly number[]): tf.Tensor =>
  y.mul(
    tf.constant(
      Float64Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => i + 1),
      { shape: [...dims] },
    ),
  );

const prod = (v: readonly number[]): number => v.reduce((a, b) => a * b, 1);
/** SpaceToBatchND's output shape. */
const batchSide = (s: readonly number[], block: readonly number[], pads: readonly number[]): number[] => [
  s[0]! * prod(block),
  ...block.map((k, i) => (s[i + 1]! + pads[2 * i]! + pads[2 * i + 1]!) / k),
  ...s.slice(block.length + 1),
];
/** BatchToSpaceND's output shape. */
const spaceSide = (s: readonly number[], block: readonly number[], crops: readonly number[]): number[] => [
  s[0]! / prod(block),
  ...block.map((k, i) => s[i + 1]! * k - crops[2 * i]! - crops[2 * i + 1]!),
  ...s.slice(block.length + 1),
];

const matrix = (v: readonly number[]): tf.NDArray => new tf.NDArray(Int32Array.from(v), [v.length / 2, 2], 'int32');

/** 1 or 2 block dims with blocks 1 to 3, their sizes, paddings the blocks divide, a trailing dim, batch 1 or 2. */
const toBatchParts = fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })).chain(([m, batch, depth]) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), {
        minLength: m,
        maxLength: m,
      }),
      fc.constant([batch, depth] as const),
    )
    .chain(([dims, [b, d]]) => {
      const block = dims.map(([, k]) => k);
      const pads = dims.flatMap(([n, k, s, e]) => [s, e + ((k - ((n + s + e) % k)) % k)]);
      return fc.tuple(ndarray([b, ...dims.map(([n]) => n), d]), fc.constant(block), fc.constant(pads));
    }),
);

/** The same layouts from the batch side: an array BatchToSpaceND takes, and crops that fit. */
const toSpaceParts = toBatchParts.map(([x, block, pads]) => {
  const shape = batchSide(x.shape, block, pads);
  const y = new tf.NDArray(
    Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i + 1)),
    shape,
    'float64',
  );
  return [y, block, pads] as const;
});

export const cases: OpCase[] = [
  gradientProperty(
    'SpaceToBatchND',
    '1 or 2 block dims, blocks 1 to 3, with paddings',
    fc.tuple(toBatchParts, known),
    ([[x, block, pads], k]) => ({
      inputs: [x],
      build: ([t]) => weighted(tf.space_to_batch_nd(t!, block, matrix(pads)), batchSide(x.shape, block, pads)),
      known: k,
    }),
    30,
  ),
  gradientProperty(
    'BatchToSpaceND',
    '1 or 2 block dims, blocks 1 to 3, with crops',
    fc.tuple(toSpaceParts, known),
    ([[x, block, crops], k]) => ({
      inputs: [x],
      build: ([t]) => weighted(tf.batch_to_space_nd(t!, block, matrix(crops)), spaceSide(x.shape, block, crops)),
      known: k,
    }),
    30,
  ),
  gradientProperty(
    'SpaceToBatch',
    'the legacy op, block 2 or 3, with paddings',
    fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 2 }), known),
    ([b, n, p, k]) => {
      const x = new tf.NDArray(
        Float64Array.from({ length: n * b * 2 * b * 2 }, (_, i) => Math.cos(i)),
        [1, n * b, b * 2, 2],
        'float64',
      );
      const pads = [p, (b - ((n * b + p) % b)) % b, 0, 0];
      return {
        inputs: [x],
        build: ([t]) =>
          weighted(
            tf.get_default_graph().create_op('SpaceToBatch', [t!, tf.constant(matrix(pads))], { block_size: b }).outputs[0]!,
            batchSide(x.shape, [b, b], pads),
          ),
        known: k,
      };
    },
    10,
  ),
  gradientProperty(
    'BatchToSpace',
    'the legacy op, block 2 or 3, with crops',
    fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 2 }), known),
    ([b, n, c, k]) => {
      const x = new tf.NDArray(
        Float64Array.from({ length: b * b * n * 2 * 2 }, (_, i) => Math.cos(i)),
        [b * b, n, 2, 2],
        'float64',
      );
      const crops = [0, Math.min(c, n * b - 1), c, 0];
      return {
        inputs: [x],
        build: ([t]) =>
          weighted(
            tf.get_default_graph().create_op('BatchToSpace', [t!, tf.constant(matrix(crops))], { block_size: b }).outputs[0]!,
            spaceSide(x.shape, [b, b], crops),
          ),
        known: k,
      };
    },
    10,
  ),
];
