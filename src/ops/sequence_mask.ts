// tf.sequence_mask (python/ops/array_ops.py), built from other ops as TF1 builds it: a Range row compared with the
// lengths as a column, under the scope SequenceMask.
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { constant, expand_dims } from './array_ops.js';
import { maximum, reduce_max } from './math_ops.js';
import type { DType } from '../framework/dtypes.js';
import { apply1 } from './apply.js';
import { graphOf, toTensor } from './convert.js';
import { DTYPE, STR, TENSOR } from './kinds.js';

/**
 * `tf.sequence_mask(lengths, maxlen, dtype, name)`: mask[i..., j] = j < lengths[i...], for j below maxlen (by default
 * max(0, max(lengths))); bool unless dtype says otherwise.
 */
export const sequence_mask = tf1('sequence_mask', [req('lengths', TENSOR), opt('maxlen', TENSOR), opt('dtype', DTYPE), opt('name', STR)], (a) => {
  const graph = graphOf([a.lengths, a.maxlen]);
  return graph.name_scope(a.name ?? 'SequenceMask', () => {
    const lengths = toTensor(a.lengths, { graph });
    let maxlen: Tensor;
    if (a.maxlen == null) {
      const r = lengths.shape.ndims;
      const all = r !== null ? Array.from({ length: r }, (_, i) => i) : null;
      maxlen = reduce_max(lengths, all ?? undefined);
      maxlen = maximum(constant(0, maxlen.dtype), maxlen);
    } else maxlen = toTensor(a.maxlen, { graph });
    if (maxlen.shape.ndims !== null && maxlen.shape.ndims !== 0) throw new ValueError('maxlen must be scalar for sequence_mask');
    // The basic idea is to compare a range row vector of size maxlen, [0, 1, 2, 3, 4], to the lengths as a matrix with
    // one column, [[1], [3], [2]]: broadcasting gives a matrix of size (len(lengths), maxlen).
    const rowVector = apply1({
      type: 'Range',
      defaultName: 'Range',
      inputs: [
        ['start', constant(0, maxlen.dtype)],
        ['limit', maxlen],
        ['delta', constant(1, maxlen.dtype)],
      ],
      attrs: {},
    });
    // Since maxlen >= max(lengths), maxlen's dtype holds the lengths.
    // TF1 calls gen_math_ops.cast: a Cast node even when the dtype is already the one asked for.
    const castOp = (t: Tensor, dtype: DType): Tensor => graph.create_op('Cast', [t], { DstT: dtype }, 'Cast').outputs[0]!;
    const matrix = castOp(expand_dims(lengths, -1), maxlen.dtype);
    const result = rowVector.lt(matrix);
    const dtype = a.dtype ?? 'bool';
    return dtype === 'bool' ? result : castOp(result, dtype);
  });
});
