import { NDArray } from '../../../framework/ndarray.js';
import type { TrainingMoreAttrs } from '../../../framework/ops/training_more.js';
import { checkFtrl } from '../../kernels/training_more.js';
import type { GpuKernel } from '../kernel.js';
import { applyBodyProgram } from '../programs/training.js';
import { flatGrid } from '../programs/wgsl.js';
import { applyKernelOf } from './training.js';

// WGSL of more Apply* ops (TF1's training_ops.cc), in place, as training.ts's: `gi` is grad[i], s[k] the k-th
// scalar input, the operations TF1's in its order.

/** ApplyAdadelta's element update; s: lr, rho, epsilon. */
export const ADADELTA = `  let a = accum[i] * s[1] + gi * gi * (1.0 - s[1]);
  accum[i] = a;
  let update = sqrt(accum_update[i] + s[2]) * (1.0 / sqrt(a + s[2])) * gi;
  w[i] = w[i] - update * s[0];
  accum_update[i] = accum_update[i] * s[1] + update * update * (1.0 - s[1]);`;

/** ApplyProximalAdagrad's element update; s: lr, l1, l2. */
export const PROXIMAL_ADAGRAD = `  let a = accum[i] + gi * gi;
  accum[i] = a;
  let rate = s[0] * (1.0 / sqrt(a));
  let prox = w[i] - gi * rate;
  let denom = 1.0 + s[2] * rate;
  w[i] = select(prox / denom, sign(prox) * max(abs(prox) - rate * s[1], 0.0) / denom, s[1] > 0.0);`;

/** ApplyProximalGradientDescent's element update; s: alpha, l1, l2 (gi is delta[i]). */
export const PROXIMAL_GD = `  let prox = w[i] - gi * s[0];
  let denom = 1.0 + s[2] * s[0];
  w[i] = select(prox / denom, sign(prox) * max(abs(prox) - s[0] * s[1], 0.0) / denom, s[1] > 0.0);`;

/**
 * The body of ApplyFtrl (s: lr, l1, l2, lr_power) or ApplyFtrlV2 (s: lr, l1, l2, l2_shrinkage, lr_power): TF1's
 * functor, p(a) = √a when lr_power is −0.5 (`sqrt`), else a^(−lr_power) (1 for a zero power, 0 for a zero base,
 * where WGSL's pow is undefined).
 */
export function ftrlBody(v2: boolean, sqrt: boolean): string {
  const k = v2 ? 4 : 3;
  const p = (a: string) => (sqrt ? `sqrt(${a})` : `select(select(pow(${a}, -s[${k}]), 0.0, ${a} == 0.0), 1.0, s[${k}] == 0.0)`);
  return `  let wi = w[i];
  let gs = ${v2 ? 'gi + 2.0 * s[3] * wi' : 'gi'};
  let a = accum[i];
  let na = a + gi * gi;
  let pn = ${p('na')};
  let lin = linear[i] + (gs - (pn - ${p('a')}) / s[0] * wi);
  linear[i] = lin;
  w[i] = select(0.0, (s[1] * sign(lin) - lin) / (pn / s[0] + 2.0 * s[2]), abs(lin) > s[1]);
  accum[i] = na;`;
}

/**
 * ApplyFtrl(V2): the scalar inputs are read on the host, where TF1's value checks run and the branch on lr_power is
 * taken, then uploaded together for the update on the GPU.
 */
function ftrlKernel<K extends 'ApplyFtrl' | 'ApplyFtrlV2'>(op: K): GpuKernel<K> {
  const v2 = op === 'ApplyFtrlV2';
  const scalars = v2 ? [4, 5, 6, 7, 8] : [4, 5, 6, 7];
  return {
    hostInputs: () => scalars,
    run({ name, inputs, host, upload, dispatch, limits }) {
      const s = scalars.map((i) => host(i).data[0]!);
      checkFtrl(name, s);
      const w = inputs[0]!;
      if (w.size === 0) return;
      const values = upload(new NDArray(Float32Array.from(s), [s.length], w.dtype));
      dispatch({
        program: applyBodyProgram(op, ['w', 'accum', 'linear'], ftrlBody(v2, s[s.length - 1] === -0.5), w.dtype),
        inputs: [values, inputs[3]!],
        outputs: inputs.slice(0, 3),
        uniforms: [w.size],
        workgroups: flatGrid(w.size, limits),
      });
    },
  };
}

/** WebGPU kernels of these update ops, keyed by op type. */
export const TRAINING_MORE_GPU: { [K in keyof TrainingMoreAttrs]: GpuKernel<K> } = {
  ApplyAdadelta: applyKernelOf('ApplyAdadelta', 3, (_, dtype) => applyBodyProgram('ApplyAdadelta', ['w', 'accum', 'accum_update'], ADADELTA, dtype)),
  ApplyProximalAdagrad: applyKernelOf('ApplyProximalAdagrad', 2, (_, dtype) =>
    applyBodyProgram('ApplyProximalAdagrad', ['w', 'accum'], PROXIMAL_ADAGRAD, dtype),
  ),
  ApplyProximalGradientDescent: applyKernelOf('ApplyProximalGradientDescent', 1, (_, dtype) =>
    applyBodyProgram('ApplyProximalGradientDescent', ['w'], PROXIMAL_GD, dtype),
  ),
  ApplyFtrl: ftrlKernel('ApplyFtrl'),
  ApplyFtrlV2: ftrlKernel('ApplyFtrlV2'),
};
