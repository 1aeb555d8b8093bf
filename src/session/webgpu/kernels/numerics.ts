import { InternalError } from '../../../framework/errors.js';
import { NDArray } from '../../../framework/ndarray.js';
import type { GpuKernel } from '../kernel.js';
import { checkNumericsFlagProgram, checkNumericsProgram } from '../programs/numerics.js';
import { flatGrid } from '../programs/wgsl.js';

/**
 * CheckNumerics: the copy pass marks infinities and NaNs in a two-word scratch buffer, a one-thread pass turns
 * them into the run's error flag (one id per message TF1 can give), raised after the run.
 */
const checkNumerics: GpuKernel<'CheckNumerics'> = {
  run({ inputs, attrs, output, upload, dispatch, limits, errorFlag }) {
    const x = inputs[0]!;
    const out = output(0, x.shape);
    if (out.size === 0) return;
    const [inf, nan, both] = ['Inf', 'NaN', 'Inf and NaN'].map((s) => errorFlag(`${attrs.message} : Tensor had ${s} values`)) as [
      ReturnType<typeof errorFlag>,
      ReturnType<typeof errorFlag>,
      ReturnType<typeof errorFlag>,
    ];
    if (nan.id !== inf.id + 1 || both.id !== inf.id + 2) throw new InternalError('CheckNumerics needs consecutive error ids');
    const bits = upload(NDArray.zeros([2], 'int32'));
    dispatch({ program: checkNumericsProgram(), inputs: [x], outputs: [out, bits], uniforms: [out.size], workgroups: flatGrid(out.size, limits) });
    dispatch({ program: checkNumericsFlagProgram(), inputs: [bits], outputs: [inf.flag], uniforms: [inf.id], workgroups: [1, 1] });
  },
};

/** The WebGPU kernel of CheckNumerics. */
export const NUMERICS_GPU: { CheckNumerics: GpuKernel<'CheckNumerics'> } = { CheckNumerics: checkNumerics };
