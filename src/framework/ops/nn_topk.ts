// TopKV2 and InTopKV2 (tensorflow/core/ops/nn_ops.cc), with TF1 r1.12's gradient of TopKV2 (python/ops/nn_grad.py).
import { TensorShape } from '../shape.js';
import type { NoAttrs, OpDefs } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';
import { INDEX, NUMERIC, allowDtypes, inShape, mergeDim, withRank, withRankAtLeast } from '../shape_util.js';

/** The attributes of TopKV2 and InTopKV2. */
export interface NnTopKAttrs {
  TopKV2: { sorted: boolean };
  InTopKV2: NoAttrs;
}

/** The last entry of an int32 shape vector, as a scalar: sum(shape * onehot(size - 1)) (TF1 gathers it). */
function lastOf(tf: GradKit, shape: Tensor): Tensor {
  const n = tf.size(shape);
  return tf.reduce_sum(tf.mul(shape, tf.cast(tf.equal(tf.range(n), tf.sub(n, 1)), 'int32')));
}

/**
 * TF1's `_TopKGrad`: the values' gradient put back at the positions the indices name, zeros elsewhere, in the
 * input's shape. TF1 flattens the indices to rows (stack, gather), adds each row's offset and scatters with
 * scatter_nd; here the offset of flat position p is `(p // k) * in_last`, and since one row's indices are
 * distinct, DynamicStitch of (zeros at every position, then the gradient at those positions) is that scatter.
 */
function topKGrad(tf: GradKit, input: Tensor, indices: Tensor, grad: Tensor): Tensor {
  const inShapeT = tf.shape(input);
  const k = lastOf(tf, tf.shape(indices));
  const inLast = lastOf(tf, inShapeT);
  const flat = tf.reshape(indices, [-1]);
  const rows = tf.floordiv(tf.range(tf.size(flat)), tf.maximum(k, 1));
  const ind = tf.plus(flat, tf.mul(rows, inLast));
  const total = tf.reduce_prod(inShapeT);
  const zeros = tf.fill(tf.reshape(total, [1]), tf.constant(0, grad.dtype));
  const scattered = tf.dynamic_stitch([tf.range(total), ind], [zeros, tf.reshape(grad, [-1])]);
  return tf.reshape(scattered, inShapeT);
}

/** Definitions of TopKV2 and InTopKV2. */
export const NN_TOPK_OPS: OpDefs<NnTopKAttrs> = {
  TopKV2: {
    inputs: [
      { name: 'input', type: { attr: 'T', allowed: NUMERIC } },
      { name: 'k', type: 'int32' },
    ],
    attrs: { sorted: 'bool' },
    flags: { valueInputs: [1] },
    // TF1's TopKShapeFn: the input's shape with its last dim replaced by k, for both outputs.
    shape: (c) => {
      allowDtypes(c, 0, 'T', NUMERIC);
      const input = inShape(c, 0);
      withRankAtLeast(input, 1);
      withRank(inShape(c, 1), 0);
      let k: number | null = null;
      if (c.inputs[1]!.value) {
        const v = c.inputs[1]!.value.data[0]!;
        if (v < 0) throw new ShapeError(`Dimension size, given by scalar input 1, must be non-negative but is ${v}`);
        k = v;
      }
      if (input.dims === null)
        return [
          { dtype: c.inputs[0]!.dtype, shape: TensorShape.unknown() },
          { dtype: 'int32', shape: TensorShape.unknown() },
        ];
      const last = input.dims[input.dims.length - 1]!;
      if (last !== null && k !== null && last < k) throw new ShapeError(`input must have last dimension >= k = ${k} but is ${last}`);
      const s = new TensorShape([...input.dims.slice(0, -1), k]);
      return [
        { dtype: c.inputs[0]!.dtype, shape: s },
        { dtype: 'int32', shape: s },
      ];
    },
    grad: (op, [g], tf) => [g ? topKGrad(tf, op.inputs[0]!, op.outputs[1]!, g) : null, tf.zeros([], 'int32')],
  },
  InTopKV2: {
    inputs: [
      { name: 'predictions', type: 'float32' },
      { name: 'targets', type: { attr: 'T', allowed: INDEX } },
      { name: 'k', type: { attr: 'T', allowed: INDEX } },
    ],
    attrs: {},
    // predictions [batch, classes], targets [batch]: a bool per row.
    shape: (c) => {
      allowDtypes(c, 1, 'T', INDEX);
      const p = withRank(inShape(c, 0), 2);
      const t = withRank(inShape(c, 1), 1);
      return [{ dtype: 'bool', shape: new TensorShape([mergeDim(p.dims![0]!, t.dims![0]!)]) }];
    },
    grad: 'none',
  },
};
