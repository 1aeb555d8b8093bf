import { linear } from '../../../framework/memory/linear.js';
import { KERNELS_PLAIN, KERNELS_SHARED, type KernelExports } from './binary.js';

/** The kernels' exports, typed from their WAT by build.mjs (addresses are byte offsets in the memory). */
export type { KernelExports };

export { CONTROL_BYTES, SLACK } from '../../../framework/memory/linear.js';

/** Kernel names in a fixed order: the thread pool sends a kernel to its workers by index (the matmul's, the convolutions', the pools' and softmax run on workers). */
export const KERNEL_NAMES = [
  'pack',
  'mm_nn',
  'mm_tn',
  'verify',
  'mm_nn_verify',
  'conv_rows',
  'conv_filter',
  'max_pool',
  'mm_nn_cols',
  'mm_tn_cols',
  'mm_tn_reg_cols',
  'avg_pool',
  'softmax',
] as const satisfies readonly (keyof KernelExports)[];

function decode(base64: string): Uint8Array {
  const s = atob(base64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The compiled kernels and the one memory they work in. */
export interface WasmKernels {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly exports: KernelExports;
  /** True when the memory is a SharedArrayBuffer (so worker threads can share the work). */
  readonly shared: boolean;
}

/**
 * Instantiates the kernels on the host memory (framework/memory/linear.ts): the variant for a shared
 * memory where it is one (so worker threads can share the work), else the plain one. Null where
 * WebAssembly SIMD is missing; the CPU backend then runs its JavaScript kernels. The module is a few
 * KB, so compiling it synchronously is allowed even on a browser's main thread.
 */
function instantiate(): WasmKernels | null {
  if (linear === null) return null;
  const { memory, shared } = linear;
  try {
    const module = new WebAssembly.Module(decode(shared ? KERNELS_SHARED : KERNELS_PLAIN) as Uint8Array<ArrayBuffer>);
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    return { module, memory, exports: instance.exports as unknown as KernelExports, shared };
  } catch {
    return null; // no SIMD here
  }
}

/** The kernels, or null where this platform cannot run them. */
export const wasm: WasmKernels | null = instantiate();
