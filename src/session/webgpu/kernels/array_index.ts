// WebGPU kernels of the indexing ops. The indices (and the axis, depth, number of segments, which size the output)
// are read on the host and checked there with the CPU kernels' checks, so a bad index is TF1's InvalidArgumentError
// before anything runs (TF1's own GPU kernels do not check); the elements move on the GPU.
import { NDArray } from '../../../framework/ndarray.js';
import { checkSegmentIds, gatherLayout, linSpaceNum, linSpaceStep, oneHotLayout, segmentLayout } from '../../kernels/array_index.js';
import { InvalidArgumentError } from '../../../framework/errors.js';
import type { GpuKernel } from '../kernel.js';
import { gatherProgram, linSpaceProgram, oneHotProgram, segmentSumProgram } from '../programs/array_index.js';
import { flatGrid } from '../programs/wgsl.js';
import { STRIDED_SLICE_GPU } from './strided_slice.js';

/** GatherV2(params, indices, axis): indices and axis on the host (checked there), the rows gathered on the GPU. */
const gatherV2: GpuKernel<'GatherV2'> = {
  hostInputs: () => [1, 2],
  run({ name, inputs, host, output, dispatch, limits }) {
    const params = inputs[0]!;
    const axis = host(2);
    if (axis.shape.length !== 0) throw new InvalidArgumentError('axis must be scalar', name);
    const { shape, gathered, inner } = gatherLayout(name, params.shape, host(1), axis.data[0]!);
    const out = output(0, shape);
    if (out.size === 0) return;
    const count = inputs[1]!.size;
    dispatch({
      program: gatherProgram(out.dtype),
      inputs: [params, inputs[1]!],
      outputs: [out],
      uniforms: [out.size, count, gathered, inner],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

/** UnsortedSegmentSum: ids on the host, grouped into each segment's list of rows (in order); the sums on the GPU. */
const unsortedSegmentSum: GpuKernel<'UnsortedSegmentSum'> = {
  hostInputs: () => [1, 2],
  run({ name, inputs, host, output, upload, dispatch, limits }) {
    const data = inputs[0]!;
    const ids = host(1);
    const { num, row } = segmentLayout(name, data.shape, ids.shape, host(2));
    checkSegmentIds(name, ids, num);
    const out = output(0, [num, ...data.shape.slice(ids.shape.length)]);
    if (out.size === 0) return;
    const start = new Int32Array(num + 1);
    for (const j of ids.data) if (j >= 0) start[j + 1]!++;
    for (let s = 0; s < num; s++) start[s + 1]! += start[s]!;
    const next = start.slice(0, num);
    const rows = new Int32Array(start[num]!);
    ids.data.forEach((j, i) => {
      if (j >= 0) rows[next[j]!++] = i;
    });
    dispatch({
      program: segmentSumProgram(out.dtype),
      inputs: [data, upload(new NDArray(start, [num + 1], 'int32')), upload(new NDArray(rows, [rows.length], 'int32'))],
      outputs: [out],
      uniforms: [out.size, row],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

/** OneHot: depth and the scalars on the host, the output written on the GPU from the indices. */
const oneHot: GpuKernel<'OneHot'> = {
  hostInputs: () => [1, 2, 3],
  run({ name, inputs, attrs, host, output, dispatch, limits }) {
    const idx = inputs[0]!;
    const { shape, depth, suffix } = oneHotLayout(name, attrs.axis, idx.shape, [host(1), host(2), host(3)]);
    const out = output(0, shape);
    if (out.size === 0) return;
    dispatch({
      program: oneHotProgram(out.dtype),
      inputs: [idx],
      outputs: [out],
      uniforms: [out.size, depth, suffix, host(2).data[0]!, host(3).data[0]!],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

/** LinSpace: the scalars on the host (num sizes the output), the values computed on the GPU. */
const linSpace: GpuKernel<'LinSpace'> = {
  hostInputs: () => [0, 1, 2],
  run({ name, host, output, dispatch, limits }) {
    const ins = [host(0), host(1), host(2)];
    const num = linSpaceNum(name, ins);
    const start = ins[0]!.data[0]!;
    const out = output(0, [num]);
    dispatch({
      program: linSpaceProgram(),
      inputs: [],
      outputs: [out],
      uniforms: [num, start, linSpaceStep(start, ins[1]!.data[0]!, num, true)],
      workgroups: flatGrid(num, limits),
    });
  },
};

/** WebGPU kernels of the indexing ops, keyed by op type. */
export const ARRAY_INDEX_GPU: {
  GatherV2: GpuKernel<'GatherV2'>;
  UnsortedSegmentSum: GpuKernel<'UnsortedSegmentSum'>;
  OneHot: GpuKernel<'OneHot'>;
  StridedSlice: GpuKernel<'StridedSlice'>;
  StridedSliceGrad: GpuKernel<'StridedSliceGrad'>;
  LinSpace: GpuKernel<'LinSpace'>;
} = {
  GatherV2: gatherV2,
  UnsortedSegmentSum: unsortedSegmentSum,
  OneHot: oneHot,
  ...STRIDED_SLICE_GPU,
  LinSpace: linSpace,
};
