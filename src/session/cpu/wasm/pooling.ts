import { addressOf, alloc, copyIn, f32, mark, release } from '../../../framework/memory/host.js';
import { wasm } from '../../../session/cpu/wasm/instance.js';
import type { PoolGeometry } from '../../kernels/pool_geometry.js';
import { parallel, threadCount } from './pool.js';

// MaxPool and MaxPoolGrad on NHWC float32 in WebAssembly SIMD (pooling.wat), the output pixels split across the
// threads. Each returns false, with nothing written, where the kernel's own loop must run: a depth window, NCHW, a
// window that could be empty (explicit padding), or (the gradient) windows that overlap, whose sums the loop adds in
// doubles.

/** Below this many input reads a pooling runs on one thread. */
const PARALLEL_MIN_WORK = 1 << 18;

/** True when pooling.wat covers `g`: 2-D windows on NHWC, each holding at least one element. */
function covered(g: PoolGeometry): boolean {
  if (g.kd !== 1 || g.nchw || g.N * g.oh * g.ow * g.C === 0) return false;
  return g.padTop < g.kh && g.padLeft < g.kw && (g.oh - 1) * g.sh - g.padTop < g.H && (g.ow - 1) * g.sw - g.padLeft < g.W;
}

/** Runs max_pool over every output pixel, split across the threads, into `o` (copied out where it lies outside the memory). */
function maxPool(g: PoolGeometry, x: Float32Array, o: Float32Array, dy: Float32Array | null): void {
  const m = mark();
  try {
    const geo = alloc(12 * 4);
    new Int32Array(wasm!.memory.buffer, geo, 12).set([g.N, g.H, g.W, g.C, g.oh, g.ow, g.kh, g.kw, g.sh, g.sw, g.padTop, g.padLeft]);
    const px = addressOf(x) ?? copyIn(x);
    const pdy = dy ? (addressOf(dy) ?? copyIn(dy)) : 0;
    const po = addressOf(o) ?? alloc(o.byteLength + 16);
    if (dy) f32(po, o.length).fill(0);
    const pixels = g.N * g.oh * g.ow;
    const t = pixels * g.kh * g.kw * g.C < PARALLEL_MIN_WORK ? 1 : Math.min(threadCount(), pixels);
    const parts: number[][] = [];
    for (let i = 0, lo = 0; i < t; i++) {
      const hi = i === t - 1 ? pixels : Math.round((pixels * (i + 1)) / t);
      if (hi > lo) parts.push([geo, px, po, pdy, dy ? 1 : 0, lo, hi]);
      lo = hi;
    }
    parallel('max_pool', parts);
    if (po !== addressOf(o)) o.set(f32(po, o.length));
  } finally {
    release(m);
  }
}

/** MaxPool: each window's first maximum into o [N, oh, ow, C]. */
export function wasmMaxPool(g: PoolGeometry, x: Float32Array, o: Float32Array): boolean {
  if (!wasm || !covered(g)) return false;
  maxPool(g, x, o, null);
  return true;
}

/** MaxPoolGrad with windows that do not overlap: dy routed to each window's first maximum in x, into o (x's shape). */
export function wasmMaxPoolGrad(g: PoolGeometry, x: Float32Array, dy: Float32Array, o: Float32Array): boolean {
  if (!wasm || !covered(g) || g.sh < g.kh || g.sw < g.kw) return false;
  maxPool(g, x, o, dy);
  return true;
}
