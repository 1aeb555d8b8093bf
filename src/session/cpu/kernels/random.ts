import type { HostArray } from '../../../graph/dtypes.js';
import type { CpuKernel, RandomStream } from '../kernel.js';
import { shapeFromValues } from './util.js';

/** Fills `o` with standard normals by Box–Muller, two per pair of uniforms; `bound` > 0 redraws values with |z| >= bound. */
function normals(o: HostArray, rng: RandomStream, bound: number): void {
  let i = 0;
  while (i < o.length) {
    // 1 - u lies in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const t = 2 * Math.PI * rng.next();
    const z0 = r * Math.cos(t);
    const z1 = r * Math.sin(t);
    // Test the stored value, so float32 rounding cannot push one onto the bound.
    o[i] = z0;
    if (bound === 0 || Math.abs(o[i]!) < bound) i++;
    if (i === o.length) break;
    o[i] = z1;
    if (bound === 0 || Math.abs(o[i]!) < bound) i++;
  }
}

/** RandomStandardNormal(shape). */
const randomStandardNormal: CpuKernel<'RandomStandardNormal'> = ({ name, inputs, output, random }) => {
  normals(output(0, shapeFromValues(inputs[0]!, name)).data, random(), 0);
};

/** TruncatedNormal(shape): values beyond two standard deviations are drawn again, as in TF1. */
const truncatedNormal: CpuKernel<'TruncatedNormal'> = ({ name, inputs, output, random }) => {
  normals(output(0, shapeFromValues(inputs[0]!, name)).data, random(), 2);
};

// The largest float32 below 1: rounding a double near 1 to float32 can land on 1 itself.
const BELOW_ONE_F32 = 1 - 2 ** -24;

/** RandomUniform(shape) in [0, 1), kept below 1 after float32 rounding. */
const randomUniform: CpuKernel<'RandomUniform'> = ({ name, inputs, output, random }) => {
  const o = output(0, shapeFromValues(inputs[0]!, name)).data;
  const rng = random();
  for (let i = 0; i < o.length; i++) o[i] = rng.next();
  if (o instanceof Float32Array) for (let i = 0; i < o.length; i++) if (o[i]! >= 1) o[i] = BELOW_ONE_F32;
};

/** Kernels of the random ops, keyed by op type. */
export const RANDOM_KERNELS: {
  RandomStandardNormal: CpuKernel<'RandomStandardNormal'>; TruncatedNormal: CpuKernel<'TruncatedNormal'>;
  RandomUniform: CpuKernel<'RandomUniform'>;
} = {
  RandomStandardNormal: randomStandardNormal,
  TruncatedNormal: truncatedNormal,
  RandomUniform: randomUniform,
};
