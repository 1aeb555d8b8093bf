// WebGPU kernels of StridedSlice and StridedSliceGrad: the spec (begin, end, strides, and the gradient's shape) read
// and validated on the host with the CPU kernel's checks; the elements gathered (or scattered into zeros) on the GPU.
import { InvalidArgumentError } from '../../../framework/errors.js';
import type { StridedSliceSpec } from '../../../framework/ops/strided_slice_spec.js';
import { sliceSpec } from '../../kernels/strided_slice.js';
import { prodOf, sameShape, shapeFromValues, shapeStr } from '../../kernels/util.js';
import type { GpuKernel } from '../kernel.js';
import { stridedSliceProgram } from '../programs/array_index.js';
import { fillProgram } from '../programs/elementwise.js';
import { flatGrid } from '../programs/wgsl.js';

/** The uniforms after n: the base offset, the processing dims and each dim's step in the input. */
function layout(input: readonly number[], spec: StridedSliceSpec): number[] {
  const strides = input.map((_, i) => prodOf(input, i + 1));
  let base = 0;
  for (let k = 0; k < input.length; k++) base += spec.begin[k]! * strides[k]!;
  return [base, ...spec.processing, ...spec.strides.map((s, k) => s * strides[k]!)];
}

const stridedSlice: GpuKernel<'StridedSlice'> = {
  hostInputs: () => [1, 2, 3],
  run({ name, inputs, attrs, host, output, dispatch, limits }) {
    const x = inputs[0]!;
    const spec = sliceSpec(name, x.shape, host(1), host(2), host(3), attrs);
    const out = output(0, spec.final);
    if (out.size === 0) return;
    dispatch({
      program: stridedSliceProgram(x.dtype, x.shape.length, false),
      inputs: [x],
      outputs: [out],
      uniforms: [out.size, ...layout(x.shape, spec)],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

const stridedSliceGrad: GpuKernel<'StridedSliceGrad'> = {
  hostInputs: () => [0, 1, 2, 3],
  run({ name, inputs, attrs, host, output, dispatch, limits }) {
    const dy = inputs[4]!;
    const shape = shapeFromValues(host(0), name);
    const spec = sliceSpec(name, shape, host(1), host(2), host(3), attrs);
    if (!sameShape(spec.final, dy.shape)) throw new InvalidArgumentError(`shape of dy was ${shapeStr(dy.shape)} instead of ${shapeStr(spec.final)}`, name);
    const out = output(0, shape);
    if (out.size === 0) return;
    dispatch({ program: fillProgram(out.dtype, 0), inputs: [], outputs: [out], uniforms: [out.size], workgroups: flatGrid(out.size, limits) });
    if (dy.size === 0) return;
    dispatch({
      program: stridedSliceProgram(dy.dtype, shape.length, true),
      inputs: [dy],
      outputs: [out],
      uniforms: [dy.size, ...layout(shape, spec)],
      workgroups: flatGrid(dy.size, limits),
    });
  },
};

/** WebGPU kernels of the strided slices, keyed by op type. */
export const STRIDED_SLICE_GPU: {
  StridedSlice: GpuKernel<'StridedSlice'>;
  StridedSliceGrad: GpuKernel<'StridedSliceGrad'>;
} = {
  StridedSlice: stridedSlice,
  StridedSliceGrad: stridedSliceGrad,
};
