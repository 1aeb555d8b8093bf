import { InvalidArgumentError } from '../../../framework/errors.js';
import { shapeFromValues } from '../../kernels/util.js';
import type { GpuKernel } from '../kernel.js';
import { refUpdateProgram } from '../programs/elementwise.js';
import { randomIntProgram, randomKey, randomProgram, type RandomOpType } from '../programs/random.js';
import { uniformIntBounds } from '../../kernels/random.js';
import { flatGrid } from '../programs/wgsl.js';

// Ref updates write the variable's own storage (inputs[0]) in place; the executor checks the update's shape
// (steps.ts) and aliases output 0 to the storage, so these kernels never call output().

function refUpdate<K extends 'AssignAdd' | 'AssignSub' | 'ApplyGradientDescent'>(op: K): GpuKernel<K> {
  return {
    run({ name, inputs, dispatch, limits }) {
      const v = inputs[0]!;
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

const I32_MIN = -(2 ** 31);
const I32_MAX = 2 ** 31 - 1;

/** RandomUniformInt: the bounds checked on the host (as the CPU kernel checks them), the integers drawn on the GPU. */
const randomUniformInt: GpuKernel<'RandomUniformInt'> = {
  hostInputs: () => [0, 1, 2],
  run({ name, host, output, dispatch, limits, random: draw }) {
    const shape = shapeFromValues(host(0), name);
    const bounds = uniformIntBounds(
      name,
      host(1),
      host(2),
      shape.reduce((a, b) => a * b, 1),
    );
    const out = output(0, shape);
    if (!bounds) return;
    const [lo, hi] = bounds;
    // int64 lives in 32 bits on the GPU (dtypes.ts), so its bounds must too.
    for (const v of bounds) {
      if (v < I32_MIN || v > I32_MAX)
        throw new InvalidArgumentError(
          `int64 value ${v} does not fit in 32 bits: the WebGPU backend stores int64 as int32 (WGSL has no 64-bit integers); use the CPU backend for this graph`,
          name,
        );
    }
    const { seed, seed2, counter } = draw();
    dispatch({
      program: randomIntProgram(),
      inputs: [],
      outputs: [out],
      uniforms: [out.size, ...randomKey(seed, seed2, counter), lo, hi - lo],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

/** WebGPU kernels of the in-place variable updates and the random ops, keyed by op type. */
export const STATE_GPU: {
  AssignAdd: GpuKernel<'AssignAdd'>;
  AssignSub: GpuKernel<'AssignSub'>;
  ApplyGradientDescent: GpuKernel<'ApplyGradientDescent'>;
  RandomUniform: GpuKernel<'RandomUniform'>;
  RandomUniformInt: GpuKernel<'RandomUniformInt'>;
  RandomStandardNormal: GpuKernel<'RandomStandardNormal'>;
  TruncatedNormal: GpuKernel<'TruncatedNormal'>;
} = {
  AssignAdd: refUpdate('AssignAdd'),
  AssignSub: refUpdate('AssignSub'),
  ApplyGradientDescent: refUpdate('ApplyGradientDescent'),
  RandomUniform: random('RandomUniform'),
  RandomUniformInt: randomUniformInt,
  RandomStandardNormal: random('RandomStandardNormal'),
  TruncatedNormal: random('TruncatedNormal'),
};
