// tf.space_to_batch_nd, tf.batch_to_space_nd, tf.space_to_batch, tf.batch_to_space and
// tf.required_space_to_batch_paddings, as TF1 r1.12's python/ops/array_ops.py builds them.
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { NDArray } from '../framework/ndarray.js';
import { constantValue } from '../graph/infer.js';
import type { Tensor } from '../graph/tensor.js';
import { apply1 } from './apply.js';
import { zeros } from './array_ops.js';
import { stack } from './array_structure_ops.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { INT, STR, TENSOR } from './kinds.js';

/** `tf.space_to_batch_nd(input, block_shape, paddings, name)`: one SpaceToBatchND op. */
export const space_to_batch_nd = tf1(
  'space_to_batch_nd',
  [req('input', TENSOR), req('block_shape', TENSOR), req('paddings', TENSOR), opt('name', STR)],
  (a): Tensor =>
    apply1({
      type: 'SpaceToBatchND',
      name: a.name ?? undefined,
      defaultName: 'SpaceToBatchND',
      inputs: [
        ['input', a.input],
        ['block_shape', a.block_shape],
        ['paddings', a.paddings],
      ],
      shared: ['input'],
      attrs: {},
    }),
);

/** `tf.batch_to_space_nd(input, block_shape, crops, name)`: one BatchToSpaceND op. */
export const batch_to_space_nd = tf1(
  'batch_to_space_nd',
  [req('input', TENSOR), req('block_shape', TENSOR), req('crops', TENSOR), opt('name', STR)],
  (a): Tensor =>
    apply1({
      type: 'BatchToSpaceND',
      name: a.name ?? undefined,
      defaultName: 'BatchToSpaceND',
      inputs: [
        ['input', a.input],
        ['block_shape', a.block_shape],
        ['crops', a.crops],
      ],
      shared: ['input'],
      attrs: {},
    }),
);

/** TF1's `np.array([block_size, block_size], dtype=np.int64)`. */
const squareBlock = (blockSize: number): NDArray => new NDArray(new Float64Array([blockSize, blockSize]), [2], 'int64');

/** `tf.space_to_batch(input, paddings, block_size, name)`: TF1 builds SpaceToBatchND on an int64 block [b, b], rank 4. */
export const space_to_batch = tf1('space_to_batch', [req('input', TENSOR), req('paddings', TENSOR), req('block_size', INT), opt('name', STR)], (a): Tensor => {
  const result = space_to_batch_nd(a.input, squareBlock(a.block_size), a.paddings, { name: a.name ?? null });
  result.set_shape(result.get_shape().with_rank(4));
  return result;
});

/** `tf.batch_to_space(input, crops, block_size, name)`: TF1 builds BatchToSpaceND on an int64 block [b, b], rank 4. */
export const batch_to_space = tf1('batch_to_space', [req('input', TENSOR), req('crops', TENSOR), req('block_size', INT), opt('name', STR)], (a): Tensor => {
  const result = batch_to_space_nd(a.input, squareBlock(a.block_size), a.crops, { name: a.name ?? null });
  result.set_shape(result.get_shape().with_rank(4));
  return result;
});

/** A small int tensor's constant value as numbers, or null. */
const valuesOf = (t: Tensor): number[] | null => {
  const v = constantValue(t);
  return v === null ? null : Array.from(v.data as ArrayLike<number>);
};

/**
 * `tf.required_space_to_batch_paddings(input_shape, block_shape, base_paddings, name)`: [paddings, crops] making
 * block_shape divide input_shape, computed at build time when every input is constant (Consts `paddings` and
 * `crops`), else as TF1's expression of ops.
 */
export const required_space_to_batch_paddings = tf1(
  'required_space_to_batch_paddings',
  [req('input_shape', TENSOR), req('block_shape', TENSOR), opt('base_paddings', TENSOR), opt('name', STR)],
  (a): [Tensor, Tensor] => {
    const graph = graphOf([a.input_shape, a.block_shape, a.base_paddings]);
    return graph.name_scope(a.name ?? 'required_space_to_batch_paddings', () => {
      const inputShape = toTensor(a.input_shape, { dtype: 'int32', name: 'input_shape', graph });
      const blockShape = toTensor(a.block_shape, { dtype: 'int32', name: 'block_shape', graph });
      const bs = blockShape.get_shape();
      if (!bs.is_fully_defined()) throw new ValueError(`Shape ${bs} is not fully defined`);
      bs.assert_has_rank(1);
      const m = bs.dims![0]!;
      if (m === 0) return [zeros([0, 2], 'int32'), zeros([0, 2], 'int32')];
      inputShape.get_shape().assert_is_compatible_with([m]);
      let base: Tensor;
      if (a.base_paddings !== null && a.base_paddings !== undefined) {
        base = toTensor(a.base_paddings, { dtype: 'int32', name: 'base_paddings', graph });
        base.get_shape().assert_is_compatible_with([m, 2]);
      } else base = zeros([m, 2], 'int32');
      const [cb, ci, cp] = [valuesOf(blockShape), valuesOf(inputShape), valuesOf(base)];
      if (cb !== null && ci !== null && cp !== null) {
        const padStart = cb.map((_, i) => cp[2 * i]!);
        const extra = cb.map((b, i) => {
          const full = ci[i]! + cp[2 * i]! + cp[2 * i + 1]!;
          return (((b - (((full % b) + b) % b)) % b) + b) % b;
        });
        const padEnd = cb.map((_, i) => cp[2 * i + 1]! + extra[i]!);
        return [
          stack(
            padStart.map((s, i) => [s, padEnd[i]!]),
            { name: 'paddings' },
          ),
          stack(
            extra.map((e) => [0, e]),
            { name: 'crops' },
          ),
        ];
      }
      const padStart = base.at(':', 0);
      const origPadEnd = base.at(':', 1);
      const full = inputShape.add(padStart).add(origPadEnd);
      const extra = blockShape.sub(full.mod(blockShape)).mod(blockShape);
      const padEnd = origPadEnd.add(extra);
      const range = Array.from({ length: m }, (_, i) => i);
      const paddings = stack(
        range.map((i) => [padStart.at(i), padEnd.at(i)] as TensorLike[]),
        { name: 'paddings' },
      );
      const crops = stack(
        range.map((i) => [0, extra.at(i)] as TensorLike[]),
        { name: 'crops' },
      );
      return [paddings, crops];
    });
  },
);
