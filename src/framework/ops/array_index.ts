// The indexing ops (tensorflow/core/ops/array_ops.cc's GatherV2 and OneHot, math_ops.cc's UnsortedSegmentSum),
// with TF1's gradients (python/ops/array_grad.py, math_grad.py). A gather along axis 0 differentiates into an
// IndexedSlices, as r1.12's _GatherV2Grad builds it; along another axis, into the dense sum.
import { TensorShape, type Dim } from '../shape.js';
import { ALL_DTYPES, DTYPES } from '../dtypes.js';
import { TypeError as TFTypeError } from '../errors.js';
import type { NoAttrs, OpDefs, ShapeCtx } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import type { Tensor } from '../../graph/tensor.js';
import type { IndexedSlices } from '../../graph/indexed_slices.js';
import type { GradKit } from '../../ops/grad_kit.js';
import { FLOATS, INDEX, NUMERIC, allowDtypes, inShape, mergeDim, one, shapeFromShapeTensor, withRank, withRankAtLeast } from '../shape_util.js';
import type { OpType } from '../op_defs.js';
import { type StridedSliceMasks, validateStridedSlice } from './strided_slice_spec.js';

/** The indexing ops' attributes. */
export interface ArrayIndexAttrs {
  GatherV2: NoAttrs;
  UnsortedSegmentSum: NoAttrs;
  OneHot: { axis: number };
  StridedSlice: StridedSliceMasks;
  StridedSliceGrad: StridedSliceMasks;
  LinSpace: NoAttrs;
}

const T = { attr: 'T', allowed: DTYPES } as const;
const index = (name: string, attr: string) => ({ name, type: { attr, allowed: INDEX } });

/** TF1's MakeDimForScalarInput: a scalar input's value as a dim (unknown when not constant). */
function dimForScalarInput<K extends OpType>(c: ShapeCtx<K>, i: number): Dim {
  withRank(inShape(c, i), 0);
  const v = c.inputs[i]!.value;
  if (!v) return null;
  const d = v.data[0]!;
  if (d < 0) throw new ShapeError(`Dimension size, given by scalar input ${i}, must be non-negative but is ${d}`);
  return d;
}

/**
 * r1.12's `_GatherV2Grad` for a constant axis 0: the gradient's rows as an IndexedSlices (values reshaped to
 * [size(indices)] + params_shape[1:], the indices flattened), dense_shape params' shape (int64 Shape cast to int32).
 */
function gatherGradSlices(tf: GradKit, params: Tensor, indices: Tensor, g: Tensor): IndexedSlices {
  const paramsShape = tf.to_int32(tf.shape(params, { out_type: 'int64' }));
  const indicesSize = tf.expand_dims(tf.size(indices), 0);
  const valuesShape = tf.concat([indicesSize, tf.getitem(paramsShape, ['1:'])], 0);
  const values = tf.reshape(g, valuesShape);
  return tf.indexed_slices(values, tf.reshape(indices, indicesSize), paramsShape);
}

/** A gather's dense gradient: a known axis tensor's value normalised against the rank, else the rank arithmetic with ops. */
function gatherGrad(tf: GradKit, params: Tensor, indices: Tensor, axisT: Tensor, g: Tensor): Tensor | IndexedSlices {
  const known = tf.constant_value(axisT);
  if (known && known.data[0] === 0) return gatherGradSlices(tf, params, indices, g);
  const pr = params.shape.ndims;
  const ir = indices.shape.ndims;
  const paramsShape = tf.shape(params);
  if (known && pr !== null && ir !== null) {
    const a = known.data[0]! < 0 ? known.data[0]! + pr : known.data[0]!;
    const numSegments = tf.gather(paramsShape, a);
    if (a === 0) return tf.unsorted_segment_sum(g, indices, numSegments);
    // The indices' dims to the front, summed into the gathered axis, which then goes back to its place.
    const n = pr + ir - 1;
    const seq = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
    const toFront = [...seq(a, a + ir), ...seq(0, a), ...seq(a + ir, n)];
    const summed = tf.unsorted_segment_sum(tf.transpose(g, toFront), indices, numSegments);
    return tf.transpose(summed, [...seq(1, a + 1), 0, ...seq(a + 1, pr)]);
  }
  // The same permutations, computed at run time (DynamicStitch concatenates the ranges).
  const pRank = tf.rank(params);
  const iRank = tf.rank(indices);
  const a = tf.mod(axisT.dtype === 'int32' ? axisT : tf.cast(axisT, 'int32'), pRank);
  const n = tf.subtract(tf.add(pRank, iRank), 1);
  const aEnd = tf.add(a, iRank);
  const toFront = tf.dynamic_stitch([tf.range(0, iRank), tf.range(iRank, aEnd), tf.range(aEnd, n)], [tf.range(a, aEnd), tf.range(0, a), tf.range(aEnd, n)]);
  const summed = tf.unsorted_segment_sum(tf.transpose(g, toFront), indices, tf.gather(paramsShape, a));
  const a1 = tf.add(a, 1);
  const back = tf.dynamic_stitch([tf.range(0, a), tf.expand_dims(a, 0), tf.range(a1, pRank)], [tf.range(1, a1), tf.constant([0]), tf.range(a1, pRank)]);
  return tf.transpose(summed, back);
}

const MASK_ATTRS = { begin_mask: 'int', end_mask: 'int', ellipsis_mask: 'int', new_axis_mask: 'int', shrink_axis_mask: 'int' } as const;
const sliceIndex = (name: string) => ({ name, type: { attr: 'Index', allowed: INDEX } });

/** The masks of a StridedSlice or StridedSliceGrad op, for the builder of its gradient. */
const masksOf = (a: StridedSliceMasks): StridedSliceMasks => ({
  begin_mask: a.begin_mask,
  end_mask: a.end_mask,
  ellipsis_mask: a.ellipsis_mask,
  new_axis_mask: a.new_axis_mask,
  shrink_axis_mask: a.shrink_axis_mask,
});

/** TF1's StridedSlice shape function: known when the input's rank, the spec's length and the strides are. */
function stridedSliceShape(c: ShapeCtx<'StridedSlice'>): TensorShape {
  for (let i = 1; i <= 3; i++) allowDtypes(c, i, 'Index', INDEX);
  let n: Dim = null;
  for (let i = 1; i <= 3; i++) n = mergeDim(n, withRank(inShape(c, i), 1).dims![0]!);
  const input = inShape(c, 0);
  const strides = c.inputs[3]!.value;
  if (input.dims === null || n === null || !strides) return TensorShape.unknown();
  const values = (i: number) => (c.inputs[i]!.value ? Array.from(c.inputs[i]!.value!.data) : null);
  const spec = validateStridedSlice(
    input.dims.map((d) => d ?? -1),
    values(1),
    values(2),
    Array.from(strides.data),
    c.attrs,
  );
  return new TensorShape(spec.final.map((d) => (d < 0 ? null : d)));
}

/** Definitions of the indexing ops. */
export const ARRAY_INDEX_OPS: OpDefs<ArrayIndexAttrs> = {
  GatherV2: {
    inputs: [{ name: 'params', type: { attr: 'Tparams', allowed: ALL_DTYPES } }, index('indices', 'Tindices'), index('axis', 'Taxis')],
    attrs: {},
    flags: { valueChecked: true, valueInputs: [2] },
    // TF1's GatherV2 shape function: params[:axis] + indices + params[axis + 1:].
    shape: (c) => {
      allowDtypes(c, 1, 'Tindices', INDEX);
      allowDtypes(c, 2, 'Taxis', INDEX);
      const dtype = c.inputs[0]!.dtype;
      const params = inShape(c, 0);
      const indices = inShape(c, 1);
      withRankAtLeast(params, 1);
      withRank(inShape(c, 2), 0);
      const axisV = c.inputs[2]!.value;
      if (!axisV) {
        if (params.dims === null || indices.dims === null) return one(dtype, TensorShape.unknown());
        return one(dtype, new TensorShape(Array<Dim>(params.dims.length + indices.dims.length - 1).fill(null)));
      }
      const axis = axisV.data[0]!;
      withRankAtLeast(params, axis < 0 ? -axis : axis + 1);
      if (params.dims === null || indices.dims === null) return one(dtype, TensorShape.unknown());
      const r = params.dims.length;
      const at = axis < 0 ? axis + r : axis;
      return one(dtype, new TensorShape([...params.dims.slice(0, at), ...indices.dims, ...params.dims.slice(at + 1)]));
    },
    grad: (op, [g], tf) => [gatherGrad(tf, op.inputs[0]!, op.inputs[1]!, op.inputs[2]!, g!), null, null],
  },
  UnsortedSegmentSum: {
    inputs: [{ name: 'data', type: { attr: 'T', allowed: NUMERIC } }, index('segment_ids', 'Tindices'), index('num_segments', 'Tnumsegments')],
    attrs: {},
    flags: { valueChecked: true, valueInputs: [2] },
    // TF1's UnsortedSegmentReductionShapeFn: [num_segments] + data[rank(segment_ids):].
    shape: (c) => {
      allowDtypes(c, 0, 'T', NUMERIC);
      allowDtypes(c, 1, 'Tindices', INDEX);
      allowDtypes(c, 2, 'Tnumsegments', INDEX);
      const dtype = c.inputs[0]!.dtype;
      withRank(inShape(c, 2), 0);
      const data = inShape(c, 0);
      const ids = inShape(c, 1);
      if (ids.dims === null) return one(dtype, TensorShape.unknown());
      withRankAtLeast(data, ids.dims.length);
      if (data.dims !== null) ids.dims.forEach((d, k) => mergeDim(data.dims![k]!, d));
      const num = dimForScalarInput(c, 2);
      if (data.dims === null) return one(dtype, TensorShape.unknown());
      return one(dtype, new TensorShape([num, ...data.dims.slice(ids.dims.length)]));
    },
    /**
     * TF1's _UnsortedSegmentSumGrad: the gradient gathered at the ids, zero where an id is negative (the forward
     * op dropped those rows). TF1 zeroes them with tf.where; tf1-ts multiplies by the 0/1 mask.
     */
    grad: (op, [g], tf) => {
      const ids = op.inputs[1]!;
      const gathered = tf.gather(g!, tf.maximum(ids, tf.zeros_like(ids)));
      let isPositive = tf.cast(tf.greater_equal(ids, 0), g!.dtype);
      const gr = gathered.shape.ndims;
      const ir = ids.shape.ndims;
      if (gr !== null && ir !== null) {
        for (let k = 0; k < gr - ir; k++) isPositive = tf.expand_dims(isPositive, -1);
      } else {
        // Ranks known only at run time (TF1 needs them while building): the mask reshaped to ids' shape + 1s.
        const idsRank = tf.rank(ids);
        const rank = tf.rank(gathered);
        const ones = tf.fill(tf.expand_dims(tf.subtract(rank, idsRank), 0), 1);
        isPositive = tf.reshape(isPositive, tf.dynamic_stitch([tf.range(0, idsRank), tf.range(idsRank, rank)], [tf.shape(ids), ones]));
      }
      return [tf.multiply(gathered, isPositive), null, null];
    },
  },
  OneHot: {
    inputs: [
      { name: 'indices', type: { attr: 'TI', allowed: INDEX } },
      { name: 'depth', type: 'int32' },
      { name: 'on_value', type: T },
      { name: 'off_value', type: T },
    ],
    attrs: { axis: 'int' },
    flags: { valueChecked: true, valueInputs: [1] },
    // TF1's OneHot shape function: indices[:axis] + [depth] + indices[axis:], axis -1 the end.
    shape: (c) => {
      allowDtypes(c, 0, 'TI', INDEX);
      const axis = c.attrs.axis;
      if (axis < -1) throw new ShapeError('axis must be >= -1');
      if (c.inputs[2]!.dtype !== c.inputs[3]!.dtype) {
        throw new TFTypeError(
          `Input 'off_value' of 'OneHot' Op has type ${c.inputs[3]!.dtype} that does not match type ${c.inputs[2]!.dtype} of argument 'on_value'.`,
        );
      }
      const depth = dimForScalarInput(c, 1);
      const dtype = c.inputs[2]!.dtype;
      const indices = inShape(c, 0);
      if (indices.dims === null) return one(dtype, TensorShape.unknown());
      const newRank = indices.dims.length + 1;
      const at = (axis + newRank) % newRank;
      return one(dtype, new TensorShape([...indices.dims.slice(0, at), depth, ...indices.dims.slice(at)]));
    },
    grad: 'none',
  },
  StridedSlice: {
    inputs: [{ name: 'input', type: T }, sliceIndex('begin'), sliceIndex('end'), sliceIndex('strides')],
    attrs: MASK_ATTRS,
    flags: { valueChecked: true, valueInputs: [1, 2, 3] },
    shape: (c) => {
      if (c.inputs[2]!.dtype !== c.inputs[1]!.dtype || c.inputs[3]!.dtype !== c.inputs[1]!.dtype) {
        const [i, arg] = c.inputs[2]!.dtype !== c.inputs[1]!.dtype ? [2, 'end'] : [3, 'strides'];
        throw new TFTypeError(
          `Input '${arg}' of 'StridedSlice' Op has type ${c.inputs[i]!.dtype} that does not match type ${c.inputs[1]!.dtype} of argument 'begin'.`,
        );
      }
      return one(c.inputs[0]!.dtype, stridedSliceShape(c));
    },
    // TF1's _StridedSliceGrad: StridedSliceGrad of the input's shape (in begin's dtype) with the same spec.
    grad: (op, [g], tf) => {
      const [x, begin, end, strides] = op.inputs as [Tensor, Tensor, Tensor, Tensor];
      const shape = tf.shape(x, { out_type: begin.dtype as 'int32' | 'int64' });
      return [tf.op('StridedSliceGrad', [shape, begin, end, strides, g!], masksOf(op.attrs)), null, null, null];
    },
  },
  StridedSliceGrad: {
    inputs: [sliceIndex('shape'), sliceIndex('begin'), sliceIndex('end'), sliceIndex('strides'), { name: 'dy', type: T }],
    attrs: MASK_ATTRS,
    flags: { valueChecked: true, valueInputs: [0] },
    shape: (c) => {
      for (let i = 1; i <= 3; i++) {
        if (c.inputs[i]!.dtype !== c.inputs[0]!.dtype) {
          const arg = ['shape', 'begin', 'end', 'strides'][i]!;
          throw new TFTypeError(
            `Input '${arg}' of 'StridedSliceGrad' Op has type ${c.inputs[i]!.dtype} that does not match type ${c.inputs[0]!.dtype} of argument 'shape'.`,
          );
        }
      }
      allowDtypes(c, 0, 'Index', INDEX);
      return one(c.inputs[4]!.dtype, shapeFromShapeTensor(c.inputs[0]!));
    },
    // TF1's _StridedSliceGradGrad: the incoming gradient sliced as the forward op sliced.
    grad: (op, [g], tf) => {
      const [, begin, end, strides] = op.inputs as [Tensor, Tensor, Tensor, Tensor];
      return [null, null, null, null, tf.strided_slice(g!, begin, end, strides, masksOf(op.attrs))];
    },
  },
  // math_ops.cc's LinSpace: num evenly spaced values from start to stop.
  LinSpace: {
    inputs: [{ name: 'start', type: { attr: 'T', allowed: FLOATS } }, { name: 'stop', type: { attr: 'T', allowed: FLOATS } }, index('num', 'Tidx')],
    attrs: {},
    flags: { valueChecked: true, valueInputs: [2] },
    shape: (c) => {
      allowDtypes(c, 0, 'T', FLOATS);
      allowDtypes(c, 2, 'Tidx', INDEX);
      if (c.inputs[1]!.dtype !== c.inputs[0]!.dtype) {
        throw new TFTypeError(
          `Input 'stop' of 'LinSpace' Op has type ${c.inputs[1]!.dtype} that does not match type ${c.inputs[0]!.dtype} of argument 'start'.`,
        );
      }
      for (let i = 0; i < 3; i++) withRank(inShape(c, i), 0);
      const num = c.inputs[2]!.value?.data[0];
      if (num === undefined) return one(c.inputs[0]!.dtype, new TensorShape([null]));
      if (num <= 0) throw new ShapeError(`Requires num > 0: ${num}`);
      return one(c.inputs[0]!.dtype, new TensorShape([num]));
    },
    grad: 'none',
  },
};
