// Host kernels of StridedSlice and StridedSliceGrad (tensorflow/core/kernels/strided_slice_op.cc): the spec validated
// against the concrete shape (framework/ops/strided_slice_spec.ts, TF1's ValidateStridedSliceOp, whose errors are
// InvalidArgumentError here), then one walk over the processing shape, reading (or, for the gradient, writing) the
// input element each position names.
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import { ShapeError } from '../../framework/op_def.js';
import { type StridedSliceMasks, type StridedSliceSpec, validateStridedSlice } from '../../framework/ops/strided_slice_spec.js';
import type { HostKernel } from '../kernel.js';
import { prodOf, sameShape, shapeFromValues, shapeStr } from './util.js';

/** The validated spec of a slice of `input` by the begin, end and strides values, TF1's errors as InvalidArgumentError. */
export function sliceSpec(name: string, input: readonly number[], begin: NDArray, end: NDArray, strides: NDArray, masks: StridedSliceMasks): StridedSliceSpec {
  if (begin.shape.length !== 1 || end.shape.length !== 1 || strides.shape.length !== 1) {
    throw new InvalidArgumentError(
      `Expected begin, end, and strides to be 1D equal size tensors, but got shapes ${shapeStr(begin.shape)}, ${shapeStr(end.shape)}, and ${shapeStr(strides.shape)} instead.`,
      name,
    );
  }
  try {
    return validateStridedSlice(input, Array.from(begin.data), Array.from(end.data), Array.from(strides.data), masks);
  } catch (e) {
    if (e instanceof ShapeError) throw new InvalidArgumentError(e.message, name);
    throw e;
  }
}

/** The flat offset into the input of each position of the processing shape, in row-major order. */
export function sliceOffsets(input: readonly number[], spec: StridedSliceSpec): Int32Array {
  const dims = spec.processing;
  const count = prodOf(dims);
  const out = new Int32Array(count);
  if (count === 0) return out;
  const r = dims.length;
  const stride = input.map((_, i) => prodOf(input, i + 1));
  const coord = new Array<number>(r).fill(0);
  let base = 0;
  for (let k = 0; k < r; k++) base += spec.begin[k]! * stride[k]!;
  let off = base;
  for (let i = 0; i < count; i++) {
    out[i] = off;
    // Advance the innermost coordinate, carrying outwards.
    for (let k = r - 1; k >= 0; k--) {
      coord[k]!++;
      off += spec.strides[k]! * stride[k]!;
      if (coord[k]! < dims[k]!) break;
      off -= coord[k]! * spec.strides[k]! * stride[k]!;
      coord[k] = 0;
    }
  }
  return out;
}

/** StridedSlice(input, begin, end, strides). */
const stridedSlice: HostKernel<'StridedSlice'> = ({ name, inputs, attrs, output }) => {
  const [x, begin, end, strides] = inputs as [NDArray, NDArray, NDArray, NDArray];
  const spec = sliceSpec(name, x.shape, begin, end, strides, attrs);
  const o = output(0, spec.final).data;
  const offsets = sliceOffsets(x.shape, spec);
  const src = x.data;
  for (let i = 0; i < offsets.length; i++) o[i] = src[offsets[i]!]!;
};

/** StridedSliceGrad(shape, begin, end, strides, dy): zeros of `shape` with dy written where the slice read. */
const stridedSliceGrad: HostKernel<'StridedSliceGrad'> = ({ name, inputs, attrs, output }) => {
  const [shapeT, begin, end, strides, dy] = inputs as [NDArray, NDArray, NDArray, NDArray, NDArray];
  const shape = shapeFromValues(shapeT, name);
  const spec = sliceSpec(name, shape, begin, end, strides, attrs);
  if (!sameShape(spec.final, dy.shape)) throw new InvalidArgumentError(`shape of dy was ${shapeStr(dy.shape)} instead of ${shapeStr(spec.final)}`, name);
  const o = output(0, shape).data;
  o.fill(0);
  const offsets = sliceOffsets(shape, spec);
  const src = dy.data;
  for (let i = 0; i < offsets.length; i++) o[offsets[i]!] = src[i]!;
};

/** Kernels of the strided slices, keyed by op type. */
export const STRIDED_SLICE_KERNELS: {
  StridedSlice: HostKernel<'StridedSlice'>;
  StridedSliceGrad: HostKernel<'StridedSliceGrad'>;
} = {
  StridedSlice: stridedSlice,
  StridedSliceGrad: stridedSliceGrad,
};
