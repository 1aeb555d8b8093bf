// A loop plan's float32 outputs live in the SIMD kernels' memory, as a compiled plan's buffers do, so a product in
// a loop body reads its operands in place instead of copying them in at every iteration. A loop plan has no arena
// of its own (an op runs once per iteration, its values' number unknown), so each output gets a fresh block, and
// the block is freed as soon as nothing can read it: loop_exec.ts holds a value each time it is stored in a frame
// and drops it when that store's readers have run; a stack push holds it until its pop hands it to the popping op's
// store. What is still held when the run ends (a fetched value, one read from a deeper frame, a stack never popped)
// is left to the collector, which frees the blocks of views it collects. TensorArrays copy what they are written and read.
import type { DType } from '../../framework/dtypes.js';
import { checkAllocation, NDArray, sizeOf } from '../../framework/ndarray.js';
import { addressOf, hostFloat32Unset, hostFree } from '../../framework/memory/host.js';

/** The float32 storage of `v`, the key of its block (other dtypes, a string array's above all, have none). */
const storage = (v: NDArray): Float32Array | null => (v.dtype === 'float32' ? (v.data as Float32Array) : null);

/** The blocks one loop run made, counted by how many stores (and stacks) hold each. */
export class LoopArena {
  private readonly holds = new Map<Float32Array, number>();

  /**
   * A kernel's output array: float32 in the kernels' memory where it has room, its contents left as the block held
   * them (a kernel writes its outputs whole, as it does a compiled plan's reused buffers); other dtypes zeroed.
   */
  output(shape: readonly number[], dtype: DType): NDArray {
    if (dtype !== 'float32') return NDArray.zeros(shape, dtype);
    checkAllocation(shape, dtype);
    const data = hostFloat32Unset(sizeOf(shape));
    if (addressOf(data) !== null) this.holds.set(data, 0);
    return new NDArray(data, shape, dtype);
  }

  /** One more store (or stack) holds `v`. */
  hold(v: NDArray): void {
    const data = storage(v);
    const n = data ? this.holds.get(data) : undefined;
    if (n !== undefined) this.holds.set(data!, n + 1);
  }

  /** A store of `v` has no reader left: its block is freed when it was the last hold. */
  drop(v: NDArray): void {
    const data = storage(v);
    const n = data ? this.holds.get(data) : undefined;
    if (n === undefined) return;
    if (n > 1) this.holds.set(data!, n - 1);
    else {
      this.holds.delete(data!);
      hostFree(data!);
    }
  }

  /** A stack popped `v`: its hold passes to the popping op's store, which holds it next (so nothing is freed here). */
  release(v: NDArray): void {
    const data = storage(v);
    const n = data ? this.holds.get(data) : undefined;
    if (n !== undefined && n > 0) this.holds.set(data!, n - 1);
  }
}
