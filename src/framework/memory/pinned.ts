import { pinnedFloat32 } from './host.js';
import { checkAllocation, NDArray, sizeOf } from '../ndarray.js';
import { kind, req, tf1 } from '../args.js';

/**
 * A zero-filled float32 NDArray in pinned memory: where the CPU backend's WebAssembly kernels run
 * on a shared memory (Node), they read it in place when it is fed, instead of copying and checking
 * it at every run as they must do for an ordinary array. Elsewhere, and where that memory (4 GiB
 * at most) is full, it is an ordinary array, fed the same way (the kernels copy it when they need to).
 * Fill it, feed it as often as you like, change it between runs: every run reads its current
 * values, as for any feed. (Not a TF1 API: TF1 copies every feed.)
 */
export const pinned_zeros = tf1(
  'pinned_zeros',
  [
    req(
      'shape',
      kind<readonly number[]>('list of ints', (v) => Array.isArray(v) && v.every((d) => typeof d === 'number')),
    ),
  ],
  (a) => {
    const shape = [...a.shape];
    checkAllocation(shape, 'float32');
    return new NDArray(pinnedFloat32(sizeOf(shape)), shape, 'float32');
  },
);
