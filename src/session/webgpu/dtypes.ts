// How each dtype lives in GPU memory. WGSL has 32-bit scalars only, so every element is 4 bytes:
// float32 as f32, int32 and the narrow integers as i32, bool as u32 (0 or 1; WGSL's `bool` is not host-shareable), and
// int64 emulated as i32. The emulation is exact while every int64 value fits in 32 bits, which
// holds for what int64 carries in these graphs (shapes, indices, ArgMax results); a value outside
// that range is rejected on upload with an error rather than silently wrapped, and arithmetic
// that overflows 32 bits on the GPU wraps as int32 does. float64 has no WGSL type at all, and the narrow
// integers (uint8, int8, int16, uint16) none whose arithmetic wraps as theirs must: a plan that computes on
// them fails before anything runs (see checkPlanDtypes in plan_info.ts).
import { allocHost, type DType } from '../../framework/dtypes.js';
import { InvalidArgumentError } from '../../framework/errors.js';
import { NDArray } from '../../framework/ndarray.js';

/** The WGSL scalar types a tensor element can have on the GPU. */
export type WgslScalar = 'f32' | 'i32' | 'u32';

/** Bytes per element on the GPU, for every dtype the backend stores. */
export const GPU_ELEMENT_BYTES = 4;

/** The WGSL element type of a dtype (int64 is emulated as i32); float64 has none. */
export function wgslType(dtype: DType): WgslScalar {
  switch (dtype) {
    case 'float32':
      return 'f32';
    case 'int32':
    case 'int64':
    case 'uint8':
    case 'int8':
    case 'int16':
    case 'uint16':
      return 'i32';
    case 'bool':
      return 'u32';
    default:
      throw new Error(`${dtype} has no WGSL type`);
  }
}

/** Byte size of a tensor's GPU storage, at least 4 so a binding never has size zero. */
export function gpuBytes(size: number): number {
  return Math.max(GPU_ELEMENT_BYTES, size * GPU_ELEMENT_BYTES);
}

const I32_MIN = -(2 ** 31);
const I32_MAX = 2 ** 31 - 1;

/** A host array's elements as the 32-bit words the GPU stores; int64 values must fit in int32. */
export function toGpuWords(a: NDArray, name: string | null): ArrayBufferView<ArrayBuffer> {
  switch (a.dtype) {
    // a pinned array (tf.pinned_zeros, the MNIST loader's) lies in a SharedArrayBuffer, which
    // Dawn's Node binding cannot upload from: a plain copy goes instead
    case 'float32':
      return a.data.buffer instanceof ArrayBuffer ? (a.data as Float32Array<ArrayBuffer>) : (a.data as Float32Array).slice();
    case 'int32':
      return a.data as Int32Array<ArrayBuffer>;
    case 'bool':
      return Uint32Array.from(a.data);
    case 'uint8':
    case 'int8':
    case 'int16':
    case 'uint16':
      return Int32Array.from(a.data);
    case 'int64': {
      const d = a.data;
      for (let i = 0; i < d.length; i++) {
        const v = d[i]!;
        if (v < I32_MIN || v > I32_MAX) {
          throw new InvalidArgumentError(
            `int64 value ${v} does not fit in 32 bits: the WebGPU backend stores int64 as int32 (WGSL has no 64-bit integers); use the CPU backend for this graph`,
            name,
          );
        }
      }
      return Int32Array.from(d);
    }
    default:
      throw new Error(`${a.dtype} has no WGSL type`);
  }
}

/** An NDArray from 32-bit words read back from the GPU. */
export function fromGpuWords(bytes: ArrayBuffer, shape: readonly number[], dtype: DType): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  switch (dtype) {
    case 'float32':
      return new NDArray(new Float32Array(bytes, 0, n).slice(), shape, dtype);
    case 'int32':
      return new NDArray(new Int32Array(bytes, 0, n).slice(), shape, dtype);
    case 'int64':
      return new NDArray(Float64Array.from(new Int32Array(bytes, 0, n)), shape, dtype);
    case 'bool':
      return new NDArray(Uint8Array.from(new Uint32Array(bytes, 0, n)), shape, dtype);
    case 'uint8':
    case 'int8':
    case 'int16':
    case 'uint16': {
      const out = allocHost(dtype, n);
      out.set(new Int32Array(bytes, 0, n));
      return new NDArray(out, shape, dtype);
    }
    default:
      throw new Error(`${dtype} has no WGSL type`);
  }
}
