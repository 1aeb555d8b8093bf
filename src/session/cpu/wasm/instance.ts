import { KERNELS_PLAIN, KERNELS_SHARED, type KernelExports } from './binary.js';

/** The kernels' exports, typed from their WAT by build.mjs (addresses are byte offsets in the memory). */
export type { KernelExports };

/** Kernel names in a fixed order: the thread pool sends a kernel to its workers by index (only the matmul's run on workers). */
export const KERNEL_NAMES = ['pack', 'mm_nn', 'mm_tn', 'verify', 'mm_nn_verify'] as const satisfies readonly (keyof KernelExports)[];

/** Bytes a kernel may read past the end of its A operand (a partial group of four floats). */
export const SLACK = 16;

/** Bytes at the start of memory reserved for the thread pool's control block. */
export const CONTROL_BYTES = 1024;

/** Bytes in a WebAssembly page, the unit the memory grows by. */
export const PAGE = 65536;

/** The memory's maximum in pages: 65536, 4 GiB, all a 32-bit address reaches. */
export const MAX_PAGES = 65536;

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
 * Instantiates the kernels, with a shared memory where the platform allows one (Node; a browser
 * page that is cross-origin isolated), else a plain one. Null where WebAssembly SIMD is missing;
 * the CPU backend then runs its JavaScript kernels. The module is a few KB, so compiling it
 * synchronously is allowed even on a browser's main thread.
 */
function instantiate(): WasmKernels | null {
  if (typeof WebAssembly === 'undefined') return null;
  for (const shared of [true, false]) {
    try {
      const memory = new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared });
      const module = new WebAssembly.Module(decode(shared ? KERNELS_SHARED : KERNELS_PLAIN) as Uint8Array<ArrayBuffer>);
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      return { module, memory, exports: instance.exports as unknown as KernelExports, shared };
    } catch {
      // no shared memory here (or no SIMD): try the plain variant, then give up
    }
  }
  return null;
}

/** The kernels, or null where this platform cannot run them. */
export const wasm: WasmKernels | null = instantiate();
