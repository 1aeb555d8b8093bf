import type { DType } from '../../framework/dtypes.js';
import { NDArray, sizeOf } from '../../framework/ndarray.js';
import type { GpuTensor } from './kernel.js';

/**
 * Who frees a storage: the run's pool after the value's last reader (step outputs, small feed uploads), the run's
 * end (a TensorArray's elements, which any later op of the run may read), a variable, or a cache that outlives runs
 * (constants, large feeds).
 */
export type Owner = 'pool' | 'run' | 'variable' | 'cached';

/** Storage shared by a value and its views: a GPU buffer, a host copy, or both. */
export interface Storage {
  buffer: GPUBuffer | null;
  /** The elements on the host, when known without a read back (constants, feeds, shape metadata). */
  host: NDArray | null;
  /** True for values that live on the host by nature (constants, shape metadata), false for feeds and GPU results. */
  hostResident: boolean;
  owner: Owner;
}

/** One value of a run: a shape and dtype over a storage. Kernels see it as a GpuTensor. */
export interface Slot extends GpuTensor {
  readonly storage: Storage;
}

/** A slot over a storage. */
export function slot(shape: readonly number[], dtype: DType, storage: Storage): Slot {
  return { shape, dtype, size: sizeOf(shape), storage };
}

/** The host value of a slot with a host copy, in the slot's own shape. */
export function hostView(s: Slot): NDArray | null {
  const h = s.storage.host;
  if (!h) return null;
  if (h.shape.length === s.shape.length && h.shape.every((d, i) => d === s.shape[i])) return h;
  return new NDArray(h.dtype === 'string' ? h.strings : h.data, s.shape, s.dtype);
}
