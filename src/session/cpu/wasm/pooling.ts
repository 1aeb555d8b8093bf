import { addressOf, alloc, copyIn, f32, mark, release } from '../../../framework/memory/host.js';
import { wasm } from '../../../session/cpu/wasm/instance.js';
import type { PoolGeometry } from '../../kernels/pool_geometry.js';
import { evenRanges, parallel, threadCount } from './pool.js';

// MaxPool, MaxPoolGrad, MaxPoolGradGrad, AvgPool and AvgPoolGrad on NHWC float32 in WebAssembly SIMD (pooling.wat),
// the output pixels split across the threads. Each returns false, with nothing written, where the kernel's own loop
// must run: a depth window, NCHW, a window that could be empty (explicit padding), or (MaxPoolGrad) windows that
// overlap, whose sums the loop adds in doubles (AvgPoolGrad adds in doubles itself, each thread over whole images).

/** Below this many input reads a pooling runs on one thread. */
const PARALLEL_MIN_WORK = 1 << 18;

/** True when pooling.wat covers `g`: 2-D windows on NHWC, each holding at least one element. */
function covered(g: PoolGeometry): boolean {
  if (g.kd !== 1 || g.nchw || g.N * g.oh * g.ow * g.C === 0) return false;
  return g.padTop < g.kh && g.padLeft < g.kw && (g.oh - 1) * g.sh - g.padTop < g.H && (g.ow - 1) * g.sw - g.padLeft < g.W;
}

/** The geometry block pooling.wat reads. */
function geometry(g: PoolGeometry): number {
  const geo = alloc(12 * 4);
  new Int32Array(wasm!.memory.buffer, geo, 12).set([g.N, g.H, g.W, g.C, g.oh, g.ow, g.kh, g.kw, g.sh, g.sw, g.padTop, g.padLeft]);
  return geo;
}

/** One range of output pixels per thread, each a whole number of `unit` pixels (one below PARALLEL_MIN_WORK). */
function pixelRanges(g: PoolGeometry, unit: number): [number, number][] {
  const units = (g.N * g.oh * g.ow) / unit;
  const t = g.N * g.oh * g.ow * g.kh * g.kw * g.C < PARALLEL_MIN_WORK ? 1 : Math.min(threadCount(), units);
  return evenRanges(units, t).map(([lo, hi]): [number, number] => [lo * unit, hi * unit]);
}

/**
 * Runs max_pool (mode 0 MaxPool, 1 MaxPoolGrad, 2 MaxPoolGradGrad) over every output pixel, split across the threads,
 * into `o` (copied out where it lies outside the memory).
 */
function maxPool(g: PoolGeometry, x: Float32Array, o: Float32Array, dy: Float32Array | null, mode: 0 | 1 | 2): void {
  const m = mark();
  try {
    const geo = geometry(g);
    const px = addressOf(x) ?? copyIn(x);
    const pdy = dy ? (addressOf(dy) ?? copyIn(dy)) : 0;
    const po = addressOf(o) ?? alloc(o.byteLength + 16);
    if (mode === 1) f32(po, o.length).fill(0);
    parallel(
      'max_pool',
      pixelRanges(g, 1).map(([lo, hi]) => [geo, px, po, pdy, mode, lo, hi]),
    );
    if (po !== addressOf(o)) o.set(f32(po, o.length));
  } finally {
    release(m);
  }
}

/** MaxPool: each window's first maximum into o [N, oh, ow, C]. */
export function wasmMaxPool(g: PoolGeometry, x: Float32Array, o: Float32Array): boolean {
  if (!wasm || !covered(g)) return false;
  maxPool(g, x, o, null, 0);
  return true;
}

/** MaxPoolGrad with windows that do not overlap: dy routed to each window's first maximum in x, into o (x's shape). */
export function wasmMaxPoolGrad(g: PoolGeometry, x: Float32Array, dy: Float32Array, o: Float32Array): boolean {
  if (!wasm || !covered(g) || g.sh < g.kh || g.sw < g.kw) return false;
  maxPool(g, x, o, dy, 1);
  return true;
}

/** MaxPoolGradGrad: ddx (x's shape) read at each window's first maximum in x, into o [N, oh, ow, C]. */
export function wasmMaxPoolGradGrad(g: PoolGeometry, x: Float32Array, ddx: Float32Array, o: Float32Array): boolean {
  if (!wasm || !covered(g)) return false;
  maxPool(g, x, o, ddx, 2);
  return true;
}

/** AvgPool: each window's mean (summed in doubles) into o [N, oh, ow, C]. */
export function wasmAvgPool(g: PoolGeometry, x: Float32Array, o: Float32Array): boolean {
  if (!wasm || !covered(g)) return false;
  const m = mark();
  try {
    const geo = geometry(g);
    const px = addressOf(x) ?? copyIn(x);
    const po = addressOf(o) ?? alloc(o.byteLength + 16);
    parallel(
      'avg_pool',
      pixelRanges(g, 1).map(([lo, hi]) => [geo, px, po, 0, 0, lo, hi]),
    );
    if (po !== addressOf(o)) o.set(f32(po, o.length));
    return true;
  } finally {
    release(m);
  }
}

/** AvgPoolGrad: each dy divided by its window's count and summed in doubles over the windows, into o (the input's shape). */
export function wasmAvgPoolGrad(g: PoolGeometry, dy: Float32Array, o: Float32Array): boolean {
  if (!wasm || !covered(g)) return false;
  const m = mark();
  try {
    const geo = geometry(g);
    const pdy = addressOf(dy) ?? copyIn(dy);
    const acc = alloc(o.length * 8 + 16);
    const sums = new Float64Array(wasm.memory.buffer, acc, o.length);
    sums.fill(0);
    // threads take whole images: an image's windows only touch its own input
    parallel(
      'avg_pool',
      pixelRanges(g, g.oh * g.ow).map(([lo, hi]) => [geo, pdy, 0, acc, 1, lo, hi]),
    );
    o.set(sums);
    return true;
  } finally {
    release(m);
  }
}
