import { InvalidArgumentError } from '../../../graph/errors.js';
import { shapeFromValues } from '../../cpu/kernels/util.js';
import { incompatible } from '../../cpu/kernels/util.js';
import type { GpuKernel } from '../kernel.js';
import { refUpdateProgram } from '../programs/elementwise.js';
import { randomKey, randomProgram, type RandomOpType } from '../programs/random.js';
import { flatGrid } from '../programs/wgsl.js';

// Ref updates write the variable's own storage (inputs[0]) in place; the executor aliases output
// 0 to it, so these kernels never call output().

function refUpdate<K extends 'AssignAdd' | 'AssignSub' | 'ApplyGradientDescent'>(op: K): GpuKernel<K> {
  return {
    run({ name, inputs, dispatch, limits }) {
      const v = inputs[0]!;
      const delta = inputs[inputs.length - 1]!;
      if (delta.size !== v.size) throw incompatible(v.shape, delta.shape, name);
      if (op === 'ApplyGradientDescent' && inputs[1]!.size !== 1) {
        throw new InvalidArgumentError(`alpha is not a scalar: [${inputs[1]!.shape.join(',')}]`, name);
      }
      if (v.size === 0) return;
      dispatch({
        program: refUpdateProgram(op, v.dtype),
        inputs: inputs.slice(1),
        outputs: [v],
        uniforms: [v.size],
        workgroups: flatGrid(v.size, limits),
      });
    },
  };
}

function random<K extends RandomOpType>(op: K): GpuKernel<K> {
  return {
    hostInputs: () => [0],
    run({ name, host, output, dispatch, limits, random: draw }) {
      const out = output(0, shapeFromValues(host(0), name));
      if (out.size === 0) return;
      const { seed, seed2, counter } = draw();
      dispatch({
        program: randomProgram(op, out.dtype),
        inputs: [],
        outputs: [out],
        uniforms: [out.size, ...randomKey(seed, seed2, counter)],
        workgroups: flatGrid(out.size, limits),
      });
    },
  };
}

/** WebGPU kernels of the in-place variable updates and the random ops, keyed by op type. */
export const STATE_GPU: {
  AssignAdd: GpuKernel<'AssignAdd'>; AssignSub: GpuKernel<'AssignSub'>; ApplyGradientDescent: GpuKernel<'ApplyGradientDescent'>;
  RandomUniform: GpuKernel<'RandomUniform'>; RandomStandardNormal: GpuKernel<'RandomStandardNormal'>; TruncatedNormal: GpuKernel<'TruncatedNormal'>;
} = {
  AssignAdd: refUpdate('AssignAdd'),
  AssignSub: refUpdate('AssignSub'),
  ApplyGradientDescent: refUpdate('ApplyGradientDescent'),
  RandomUniform: random('RandomUniform'),
  RandomStandardNormal: random('RandomStandardNormal'),
  TruncatedNormal: random('TruncatedNormal'),
};
