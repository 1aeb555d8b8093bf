// ReverseSequence (TF1 r1.12's core/ops/array_ops.cc): reverses the first seq_lengths[i] slices along seq_dim of
// each slice i along batch_dim. Its gradient is ReverseSequence of the gradient (array_grad.py's
// _ReverseSequenceGrad); the lengths get none.
import { ALL_DTYPES } from '../dtypes.js';
import { type OpDefs, ShapeError } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { inShape, mergeDim, withRank } from '../shape_util.js';

/** The attributes of ReverseSequence (beyond the inferred `T` and `Tlen`). */
export interface ReverseSequenceAttrs {
  ReverseSequence: { seq_dim: number; batch_dim: number };
}

/** Definition of ReverseSequence. */
export const REVERSE_SEQUENCE_OPS: OpDefs<ReverseSequenceAttrs> = {
  ReverseSequence: {
    inputs: [
      { name: 'input', type: { attr: 'T', allowed: ALL_DTYPES } },
      { name: 'seq_lengths', type: { attr: 'Tlen', allowed: ['int32', 'int64'] } },
    ],
    attrs: { seq_dim: 'int', batch_dim: 'int' },
    flags: { valueChecked: true },
    shape: (c) => {
      const input = inShape(c, 0);
      const lens = withRank(inShape(c, 1), 1);
      const { seq_dim, batch_dim } = c.attrs;
      const dtype = c.inputs[0]!.dtype;
      if (input.dims === null) return [{ dtype, shape: TensorShape.unknown() }];
      const rank = input.dims.length;
      if (batch_dim >= rank) throw new ShapeError(`batch_dim must be < input rank: ${batch_dim} vs. ${rank}`);
      if (seq_dim >= rank) throw new ShapeError(`seq_dim must be < input rank: ${seq_dim} vs. ${rank}`);
      const dims = [...input.dims];
      dims[batch_dim] = mergeDim(dims[batch_dim]!, lens.dims![0]!);
      return [{ dtype, shape: new TensorShape(dims) }];
    },
    grad: (op, [g], tf) => [tf.reverse_sequence(g!, op.inputs[1]!, { seq_axis: op.attrs.seq_dim, batch_axis: op.attrs.batch_dim }), null],
  },
};
