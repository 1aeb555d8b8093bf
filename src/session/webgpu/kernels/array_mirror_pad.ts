import { mirrorLayout } from '../../kernels/array_mirror_pad.js';
import type { GpuKernel } from '../kernel.js';
import { stridesOf } from '../programs/layout.js';
import { mirrorPadGradProgram, mirrorPadProgram } from '../programs/mirror_pad.js';
import { flatGrid } from '../programs/wgsl.js';

/** WebGPU kernels of MirrorPad and MirrorPadGrad: the paddings on the host, the elements gathered (and summed) on the GPU. */
export const MIRROR_PAD_GPU: { MirrorPad: GpuKernel<'MirrorPad'>; MirrorPadGrad: GpuKernel<'MirrorPadGrad'> } = {
  MirrorPad: {
    hostInputs: () => [1],
    run({ name, inputs, attrs, host, output, dispatch, limits }) {
      const x = inputs[0]!;
      const { pads, inner } = mirrorLayout(name, x.shape, host(1), attrs.mode, false);
      const shape = inner.map((d, i) => d + pads[i]![0] + pads[i]![1]);
      const out = output(0, shape);
      if (out.size === 0) return;
      dispatch({
        program: mirrorPadProgram(x.dtype, shape.length, attrs.mode),
        inputs: [x],
        outputs: [out],
        uniforms: [out.size, ...shape, ...x.shape, ...stridesOf(x.shape), ...pads.map(([b]) => b)],
        workgroups: flatGrid(out.size, limits),
      });
    },
  },
  MirrorPadGrad: {
    hostInputs: () => [1],
    run({ name, inputs, attrs, host, output, dispatch, limits }) {
      const g = inputs[0]!;
      const { pads, inner } = mirrorLayout(name, g.shape, host(1), attrs.mode, true);
      const out = output(0, inner);
      if (out.size === 0) return;
      dispatch({
        program: mirrorPadGradProgram(g.dtype, inner.length, attrs.mode),
        inputs: [g],
        outputs: [out],
        uniforms: [out.size, ...inner, ...g.shape, ...stridesOf(g.shape), ...pads.map(([b]) => b)],
        workgroups: flatGrid(out.size, limits),
      });
    },
  },
};
