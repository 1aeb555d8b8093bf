import { reversedAxes, splitSizes, splitVSizes, squeezedShape } from '../../kernels/array_structure_split.js';
import { prodOf } from '../../kernels/util.js';
import type { GpuKernel, GpuKernelArgs, GpuTensor } from '../kernel.js';
import { copyRowsProgram, reverseProgram } from '../programs/array_structure.js';
import { stridesOf } from '../programs/layout.js';
import { flatGrid } from '../programs/wgsl.js';

/** Writes the parts of `x` along `axis` of the given sizes into outputs 0.., one row copy each. */
function splitInto(a: GpuKernelArgs<'Split' | 'SplitV'>, x: GpuTensor, axis: number, sizes: readonly number[]): void {
  const outer = prodOf(x.shape, 0, axis);
  const row = prodOf(x.shape, axis);
  const tail = prodOf(x.shape, axis + 1);
  let off = 0;
  sizes.forEach((k, i) => {
    const out = a.output(
      i,
      x.shape.map((d, j) => (j === axis ? k : d)),
    );
    const n = outer * k * tail;
    if (n > 0) {
      a.dispatch({
        program: copyRowsProgram(x.dtype),
        inputs: [x],
        outputs: [out],
        uniforms: [n, k * tail, row, off, k * tail, 0],
        workgroups: flatGrid(n, a.limits),
      });
    }
    off += k * tail;
  });
}

/** WebGPU kernels of Split, SplitV, Squeeze and ReverseV2: axes and sizes on the host, the elements moved on the GPU. */
export const ARRAY_SPLIT_GPU: {
  Split: GpuKernel<'Split'>;
  SplitV: GpuKernel<'SplitV'>;
  Squeeze: GpuKernel<'Squeeze'>;
  ReverseV2: GpuKernel<'ReverseV2'>;
} = {
  Split: {
    hostInputs: () => [0],
    run(a) {
      const x = a.inputs[1]!;
      const { axis, sizes } = splitSizes(a.name, x.shape, a.host(0).data[0]!, a.attrs.num_split);
      splitInto(a as GpuKernelArgs<'Split'>, x, axis, sizes);
    },
  },
  SplitV: {
    hostInputs: () => [1, 2],
    run(a) {
      const x = a.inputs[0]!;
      const { axis, sizes } = splitVSizes(a.name, x.shape, a.host(1), a.host(2).data[0]!, a.attrs.num_split);
      splitInto(a as GpuKernelArgs<'SplitV'>, x, axis, sizes);
    },
  },
  Squeeze: {
    run({ name, inputs, attrs, output, dispatch, limits }) {
      const x = inputs[0]!;
      const out = output(0, squeezedShape(name, x.shape, attrs.squeeze_dims));
      if (out.size === 0) return;
      dispatch({
        program: copyRowsProgram(x.dtype),
        inputs: [x],
        outputs: [out],
        uniforms: [out.size, out.size, 0, 0, 0, 0],
        workgroups: flatGrid(out.size, limits),
      });
    },
  },
  ReverseV2: {
    hostInputs: () => [1],
    run({ name, inputs, host, output, dispatch, limits }) {
      const x = inputs[0]!;
      const flags = reversedAxes(name, x.shape.length, host(1));
      const out = output(0, x.shape);
      if (out.size === 0) return;
      dispatch({
        program: reverseProgram(x.dtype, x.shape.length),
        inputs: [x],
        outputs: [out],
        uniforms: [out.size, ...x.shape, ...stridesOf(x.shape), ...flags.map(Number)],
        workgroups: flatGrid(out.size, limits),
      });
    },
  },
};
