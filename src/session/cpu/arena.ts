// The CPU backend's buffers: float32 values in the SIMD kernels' memory (so those kernels work in place), and the
// arena of a compiled plan, one buffer per storage slot, shared by values whose lifetimes do not overlap.
import { checkAllocation, NDArray, sizeOf } from '../../framework/ndarray.js';
import type { DType } from '../../framework/dtypes.js';
import { hostFloat32, hostFree } from '../../framework/memory/host.js';
import { wasm } from './wasm/instance.js';
import { markConstant } from './wasm/resident.js';
import type { FusedPlan } from '../fusion.js';

/**
 * A zeroed array for a value that outlives a kernel (a plan's buffer, a variable): float32 ones live
 * in the SIMD kernels' memory where it is shared (see hostFloat32), so those kernels work in place.
 */
export function hostZeros(shape: readonly number[], dtype: DType): NDArray {
  if (dtype !== 'float32') return NDArray.zeros(shape, dtype);
  checkAllocation(shape, dtype);
  return new NDArray(hostFloat32(sizeOf(shape)), shape, dtype);
}

/** The same storage in another shape of as many elements (a string array's byte strings, or the typed array). */
export const reshaped = (a: NDArray, shape: readonly number[]): NDArray => new NDArray(a.dtype === 'string' ? a.strings : a.data, shape, a.dtype);

/** Frees an array made by hostZeros now (the collector would free it later). */
export function hostDrop(a: NDArray | null | undefined): void {
  if (a?.dtype === 'float32' && a.data instanceof Float32Array) hostFree(a.data);
}

/** Buffers a plan reuses across runs: one per storage slot, shared by values whose lifetimes do not overlap. */
export function buildArena(plan: FusedPlan): (NDArray | null)[] {
  const arena: (NDArray | null)[] = plan.values.map(() => null);
  const free = new Map<string, NDArray[]>();
  const dying = new Map<number, number[]>();
  plan.values.forEach((v, id) => {
    if (v.root === id && v.kind === 'step' && !v.external) (dying.get(v.lastUse) ?? dying.set(v.lastUse, []).get(v.lastUse)!).push(id);
  });
  // folded float32 constants (a gradient's tiled ones) get a copy in the kernels' memory, once
  plan.values.forEach((v, id) => {
    const c = v.constValue;
    if (c?.dtype === 'float32' && c.data instanceof Float32Array && c.size >= 64 && wasm?.shared) {
      arena[id] = hostZeros(c.shape, c.dtype);
      arena[id]!.data.set(c.data);
      // no step writes it (steps' buffers come from the free lists below): kernels may keep what they prepare from it
      markConstant(arena[id]!.data as Float32Array);
    }
  });
  plan.steps.forEach((s, i) => {
    for (const id of s.outputs) {
      const v = plan.values[id]!;
      if (v.root !== id || v.external || !v.shape) continue;
      const key = `${v.tensor.dtype}:${v.shape.reduce((a, b) => a * b, 1)}`;
      const reuse = free.get(key)?.pop();
      arena[id] = reuse ? reshaped(reuse, v.shape) : hostZeros(v.shape, v.tensor.dtype);
    }
    for (const id of [...(dying.get(i) ?? []), ...(dying.get(-1) ?? []).filter((d) => s.outputs.includes(d))]) {
      const a = arena[id];
      if (!a) continue;
      const key = `${a.dtype}:${a.size}`;
      (free.get(key) ?? free.set(key, []).get(key)!).push(a);
    }
  });
  return arena;
}
