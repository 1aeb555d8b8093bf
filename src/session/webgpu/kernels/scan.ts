import type { GpuKernel } from '../kernel.js';
import { scanAxis } from '../../kernels/scan.js';
import { scanProgram } from '../programs/scan.js';
import { flatGrid } from '../programs/wgsl.js';

/** Cumsum or Cumprod: the axis on the host (checked as TF1's kernel checks it), one thread per line. */
function scan<K extends 'Cumsum' | 'Cumprod'>(prod: boolean): GpuKernel<K> {
  return {
    hostInputs: () => [1],
    run({ name, inputs, host, attrs, output, dispatch, limits }) {
      const x = inputs[0]!;
      const axis = scanAxis(x.shape, host(1), name);
      const out = output(0, x.shape);
      if (out.size === 0) return;
      const len = x.shape[axis]!;
      const inner = x.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
      const lines = out.size / len;
      dispatch({
        program: scanProgram(prod, x.dtype),
        inputs: [x],
        outputs: [out],
        uniforms: [lines, len, inner, attrs.exclusive ? 1 : 0, attrs.reverse ? 1 : 0],
        workgroups: flatGrid(lines, limits),
      });
    },
  };
}

/** WebGPU kernels of Cumsum and Cumprod. */
export const SCAN_GPU: { Cumsum: GpuKernel<'Cumsum'>; Cumprod: GpuKernel<'Cumprod'> } = {
  Cumsum: scan<'Cumsum'>(false),
  Cumprod: scan<'Cumprod'>(true),
};
