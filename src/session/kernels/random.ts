import type { HostArray } from '../../framework/dtypes.js';
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel, RandomStream } from '../kernel.js';
import { shapeFromValues, shapeStr } from './util.js';

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
const randomStandardNormal: HostKernel<'RandomStandardNormal'> = ({ name, inputs, output, random }) => {
  normals(output(0, shapeFromValues(inputs[0]!, name)).data, random(), 0);
};

/** TruncatedNormal(shape): values beyond two standard deviations are drawn again, as in TF1. */
const truncatedNormal: HostKernel<'TruncatedNormal'> = ({ name, inputs, output, random }) => {
  normals(output(0, shapeFromValues(inputs[0]!, name)).data, random(), 2);
};

// The largest float32 below 1: rounding a double near 1 to float32 can land on 1 itself.
const BELOW_ONE_F32 = 1 - 2 ** -24;

/** RandomUniform(shape) in [0, 1), kept below 1 after float32 rounding. */
const randomUniform: HostKernel<'RandomUniform'> = ({ name, inputs, output, random }) => {
  const o = output(0, shapeFromValues(inputs[0]!, name)).data;
  const rng = random();
  for (let i = 0; i < o.length; i++) o[i] = rng.next();
  if (o instanceof Float32Array) for (let i = 0; i < o.length; i++) if (o[i]! >= 1) o[i] = BELOW_ONE_F32;
};

/** RandomUniformInt's run-time checks, as TF1's kernel makes them: scalar bounds, and minval < maxval unless nothing is drawn. */
export function uniformIntBounds(name: string, lo: NDArray, hi: NDArray, size: number): [number, number] | null {
  if (lo.shape.length !== 0) throw new InvalidArgumentError(`minval must be 0-D, got shape ${shapeStr(lo.shape)}`, name);
  if (hi.shape.length !== 0) throw new InvalidArgumentError(`maxval must be 0-D, got shape ${shapeStr(hi.shape)}`, name);
  if (size === 0) return null;
  const l = lo.data[0]!;
  const h = hi.data[0]!;
  if (!(l < h)) throw new InvalidArgumentError(`Need minval < maxval: ${l} >= ${h}`, name);
  return [l, h];
}

const TWO_32 = 2 ** 32;

/**
 * RandomUniformInt(shape, minval, maxval): integers in [minval, maxval) as TF1 draws them,
 * `lo + bits % (hi - lo)` with 32 random bits for int32 and 64 for int64.
 */
const randomUniformInt: HostKernel<'RandomUniformInt'> = ({ name, inputs, output, random }) => {
  const o = output(0, shapeFromValues(inputs[0]!, name)).data;
  const bounds = uniformIntBounds(name, inputs[1]!, inputs[2]!, o.length);
  if (!bounds) return;
  const [lo, hi] = bounds;
  const range = hi - lo;
  const rng = random();
  // The stream's uniforms are k / 2^32 for a 32-bit k, so scaling back gives the bits exactly.
  const bits = (): number => rng.next() * TWO_32;
  if (o instanceof Int32Array) {
    for (let i = 0; i < o.length; i++) o[i] = lo + (bits() % range);
  } else if (range <= 2 ** 21) {
    // (a·2^32 + b) mod r in doubles: every partial result stays below 2^53.
    const shift = TWO_32 % range;
    for (let i = 0; i < o.length; i++) o[i] = lo + (((bits() % range) * shift + bits()) % range);
  } else {
    const r = BigInt(range);
    for (let i = 0; i < o.length; i++) o[i] = lo + Number(((BigInt(bits()) << 32n) | BigInt(bits())) % r);
  }
};

/** Kernels of the random ops, keyed by op type. */
export const RANDOM_KERNELS: {
  RandomStandardNormal: HostKernel<'RandomStandardNormal'>;
  TruncatedNormal: HostKernel<'TruncatedNormal'>;
  RandomUniform: HostKernel<'RandomUniform'>;
  RandomUniformInt: HostKernel<'RandomUniformInt'>;
} = {
  RandomStandardNormal: randomStandardNormal,
  TruncatedNormal: truncatedNormal,
  RandomUniform: randomUniform,
  RandomUniformInt: randomUniformInt,
};
