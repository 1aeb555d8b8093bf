// Host kernels of the indexing ops: GatherV2, UnsortedSegmentSum, OneHot, with TF1's CPU kernels' checks and words
// (tensorflow/core/kernels/gather_op.cc, segment_reduction_ops.cc, one_hot_op.cc). The WebGPU kernels run the same
// checks on the host (layouts below), so both backends refuse the same values with the same message.
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';
import { prodOf, shapeStr } from './util.js';
import { STRIDED_SLICE_KERNELS } from './strided_slice.js';

/** TF1's SliceDebugString: the coordinates of flat element `flat` of `shape` (`[0,1]`; nothing for a scalar). */
export function sliceDebugString(shape: readonly number[], flat: number): string {
  if (shape.length === 0) return '';
  const coords: number[] = [];
  let left = flat;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    coords.unshift(d === 0 ? 0 : left % d);
    left = d === 0 ? 0 : Math.floor(left / d);
  }
  return `[${coords.join(',')}]`;
}

/** A gather's layout: output shape and the [outer, gathered, inner] sizes of params. */
export interface GatherLayout {
  shape: number[];
  outer: number;
  gathered: number;
  inner: number;
}

/** GatherV2's run-time checks (params rank, axis range, every index in range, before anything is written) and layout. */
export function gatherLayout(name: string, params: readonly number[], indices: NDArray, axisValue: number): GatherLayout {
  const r = params.length;
  if (r < 1) throw new InvalidArgumentError('params must be at least 1 dimensional', name);
  if (!(axisValue >= -r && axisValue < r)) throw new InvalidArgumentError(`Expected axis in the range [${-r}, ${r}), but got ${axisValue}`, name);
  const axis = axisValue < 0 ? axisValue + r : axisValue;
  const gathered = params[axis]!;
  const d = indices.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (!(v >= 0 && v < gathered)) {
      throw new InvalidArgumentError(`indices${sliceDebugString(indices.shape, i)} = ${v} is not in [0, ${gathered})`, name);
    }
  }
  return {
    shape: [...params.slice(0, axis), ...indices.shape, ...params.slice(axis + 1)],
    outer: prodOf(params, 0, axis),
    gathered,
    inner: prodOf(params, axis + 1),
  };
}

/** GatherV2(params, indices, axis): out[o, i, p] = params[o, indices[i], p]. */
const gatherV2: HostKernel<'GatherV2'> = ({ name, inputs, output }) => {
  const [params, indices, axis] = inputs as [NDArray, NDArray, NDArray];
  if (axis.shape.length !== 0) throw new InvalidArgumentError('axis must be scalar', name);
  const { shape, outer, gathered, inner } = gatherLayout(name, params.shape, indices, axis.data[0]!);
  const o = output(0, shape).data;
  const src = params.data;
  const idx = indices.data;
  const n = idx.length;
  for (let a = 0; a < outer; a++) {
    for (let i = 0; i < n; i++) {
      const from = (a * gathered + idx[i]!) * inner;
      o.set(src.subarray(from, from + inner), (a * n + i) * inner);
    }
  }
};

/** UnsortedSegmentSum's run-time checks; returns the number of segments and the elements per row. */
export function segmentLayout(name: string, data: readonly number[], ids: readonly number[], numSegments: NDArray): { num: number; row: number } {
  if (numSegments.size !== 1) throw new InvalidArgumentError(`num_segments should be a scalar, not shape ${shapeStr(numSegments.shape)}`, name);
  if (ids.length > data.length || ids.some((d, i) => d !== data[i])) {
    throw new InvalidArgumentError(`data.shape = ${shapeStr(data)} does not start with segment_ids.shape = ${shapeStr(ids)}`, name);
  }
  const num = numSegments.data[0]!;
  if (num < 0) throw new InvalidArgumentError(`Dimension ${num} must be >= 0`, name);
  return { num, row: prodOf(data, ids.length) };
}

/** TF1's error for a segment id at or past num_segments (negative ids are dropped, as TF1 r1.12 does). */
export function checkSegmentIds(name: string, ids: NDArray, num: number): void {
  const d = ids.data;
  for (let i = 0; i < d.length; i++) {
    if (d[i]! >= num) throw new InvalidArgumentError(`segment_ids${sliceDebugString(ids.shape, i)} = ${d[i]} is out of range [0, ${num})`, name);
  }
}

/** UnsortedSegmentSum(data, segment_ids, num_segments): each row added, in order, into its segment's row. */
const unsortedSegmentSum: HostKernel<'UnsortedSegmentSum'> = ({ name, inputs, output }) => {
  const [data, ids, numSegments] = inputs as [NDArray, NDArray, NDArray];
  const { num, row } = segmentLayout(name, data.shape, ids.shape, numSegments);
  checkSegmentIds(name, ids, num);
  const o = output(0, [num, ...data.shape.slice(ids.shape.length)]).data;
  o.fill(0);
  const src = data.data;
  const id = ids.data;
  for (let i = 0; i < id.length; i++) {
    const j = id[i]!;
    if (j < 0) continue;
    for (let p = 0; p < row; p++) o[j * row + p] = o[j * row + p]! + src[i * row + p]!;
  }
};

/** OneHot's run-time checks and layout: output shape and the [prefix, depth, suffix] sizes around the new axis. */
export function oneHotLayout(
  name: string,
  axisAttr: number,
  indices: readonly number[],
  [depthT, on, off]: readonly [NDArray, NDArray, NDArray],
): { shape: number[]; prefix: number; depth: number; suffix: number } {
  const outDims = indices.length + 1;
  if (!(axisAttr === -1 || (axisAttr >= 0 && axisAttr < outDims))) {
    throw new InvalidArgumentError(`Expected axis to be -1 or between [0, ${outDims}).  But received: ${axisAttr}`, name);
  }
  if (depthT.shape.length !== 0) throw new InvalidArgumentError(`depth must be a scalar, but got: ${shapeStr(depthT.shape)}`, name);
  if (on.shape.length !== 0) throw new InvalidArgumentError(`on_value must be a scalar, but got: ${shapeStr(on.shape)}`, name);
  if (off.shape.length !== 0) throw new InvalidArgumentError(`off_value must be a scalar, but got: ${shapeStr(off.shape)}`, name);
  const axis = axisAttr === -1 ? indices.length : axisAttr;
  const depth = depthT.data[0]!;
  if (depth < 0) throw new InvalidArgumentError(`depth must be non-negative, got: ${depth}`, name);
  return {
    shape: [...indices.slice(0, axis), depth, ...indices.slice(axis)],
    prefix: prodOf(indices, 0, axis),
    depth,
    suffix: prodOf(indices, axis),
  };
}

/** OneHot(indices, depth, on_value, off_value): on where the index equals the position along the new axis. */
const oneHot: HostKernel<'OneHot'> = ({ name, inputs, attrs, output }) => {
  const { shape, prefix, depth, suffix } = oneHotLayout(name, attrs.axis, inputs[0]!.shape, inputs.slice(1) as [NDArray, NDArray, NDArray]);
  const o = output(0, shape).data;
  const idx = inputs[0]!.data;
  const on = inputs[2]!.data[0]!;
  const off = inputs[3]!.data[0]!;
  for (let a = 0; a < prefix; a++) {
    for (let d = 0; d < depth; d++) {
      for (let s = 0; s < suffix; s++) o[(a * depth + d) * suffix + s] = idx[a * suffix + s] === d ? on : off;
    }
  }
};

/** LinSpace's run-time checks (scalars, num > 0); returns num. */
export function linSpaceNum(name: string, [start, stop, num]: readonly NDArray[]): number {
  if (start!.shape.length !== 0) throw new InvalidArgumentError(`start must be a scalar, not shape ${shapeStr(start!.shape)}`, name);
  if (stop!.shape.length !== 0) throw new InvalidArgumentError(`stop must be a scalar, not shape ${shapeStr(stop!.shape)}`, name);
  if (num!.shape.length !== 0) throw new InvalidArgumentError(`num must be a scalar, not shape ${shapeStr(num!.shape)}`, name);
  const n = num!.data[0]!;
  if (n <= 0) throw new InvalidArgumentError(`Requires num > 0: ${n}`, name);
  return n;
}

/** LinSpace's step in the output dtype, as TF1 computes it: (stop - start) / (num - 1), rounded at each step for float32. */
export function linSpaceStep(start: number, stop: number, num: number, f32: boolean): number {
  const r = f32 ? Math.fround : (x: number) => x;
  return num === 1 ? 0 : r(r(stop - start) / (num - 1));
}

/** LinSpace(start, stop, num): start + step·i, as TF1's kernel (`start + step * i` in the dtype; start alone when num is 1). */
const linSpace: HostKernel<'LinSpace'> = ({ name, inputs, output }) => {
  const num = linSpaceNum(name, inputs);
  const start = inputs[0]!.data[0]!;
  const f32 = inputs[0]!.dtype === 'float32';
  const step = linSpaceStep(start, inputs[1]!.data[0]!, num, f32);
  const o = output(0, [num]).data;
  if (num === 1) o[0] = start;
  else for (let i = 0; i < num; i++) o[i] = start + (f32 ? Math.fround(step * i) : step * i);
};

/** Kernels of the indexing ops, keyed by op type. */
export const ARRAY_INDEX_KERNELS: {
  GatherV2: HostKernel<'GatherV2'>;
  UnsortedSegmentSum: HostKernel<'UnsortedSegmentSum'>;
  OneHot: HostKernel<'OneHot'>;
  StridedSlice: HostKernel<'StridedSlice'>;
  StridedSliceGrad: HostKernel<'StridedSliceGrad'>;
  LinSpace: HostKernel<'LinSpace'>;
} = {
  GatherV2: gatherV2,
  UnsortedSegmentSum: unsortedSegmentSum,
  OneHot: oneHot,
  ...STRIDED_SLICE_KERNELS,
  LinSpace: linSpace,
};
