import { addressOf, alloc, copyIn, f32, mark, release } from '../../../framework/memory/host.js';
import { wasm } from '../../../session/cpu/wasm/instance.js';
import type { ConvGeometry } from '../../kernels/nn_conv.js';
import { parallel } from './pool.js';
import { align16, PANEL, ranges } from './matmul_pack.js';

// The convolutions on the SIMD kernels (conv.wat): each thread takes a range of output positions and
// walks it in chunks, writing the chunk's patches, packing them and multiplying them by the filter's
// panels, so that the patches never make a round trip through memory and nothing is copied between
// kernels. Conv2DBackpropInput at stride 1 is itself such a convolution (of dy with the filter turned
// round); Conv2DBackpropFilter is the patches' transpose times dy, each thread summing its rows into
// its own partial gradient, the partials added in doubles (matmul_glue.wat's sum_partials).

/** Bytes of a chunk's patches: R rows of K floats in about this much (its packed form is as large). */
const CHUNK_BYTES = 96 * 1024;
/** Words of the geometry block conv.wat reads. */
const GEO_WORDS = 25;

/** A geometry block in scratch (conv.wat's layout) and the bytes of one thread's scratch. */
function geometryBlock(g: ConvGeometry, dense: boolean): { geo: number; scratchBytes: number } {
  const K = g.FH * g.FW * g.IC;
  const Q = Math.ceil(K / 4);
  const R = Math.max(4, Math.min(4096, Math.floor(CHUNK_BYTES / (K * 4))));
  const vals = align16(R * K * 4 + 16);
  const idx = vals + align16(R * Q * 16);
  const starts = idx + align16(R * Q * 4);
  const ends = starts + align16(R * 4);
  const panel = ends + align16(R * 4);
  const scratchBytes = panel + align16(R * PANEL * 4);
  const geo = alloc(GEO_WORDS * 4);
  const words = [g.B, g.IH, g.IW, g.IC, g.FH, g.FW, g.OC, g.OH, g.OW, g.sh, g.sw, g.dh, g.dw, g.padTop, g.padLeft, K, dense ? 1 : 0, R];
  words.push(Math.ceil(g.OC / PANEL), Q, vals, idx, starts, ends, panel);
  new Int32Array(wasm!.memory.buffer, geo, GEO_WORDS).set(words);
  return { geo, scratchBytes };
}

/** True when every element is finite: only then may the patches' zero groups be skipped (0·inf is NaN). */
function allFinite(at: number, n: number): boolean {
  return wasm!.exports.all_finite(at, n) === 1;
}

/** An operand's address: in place where it lies in the memory, else a copy in scratch. */
const placed = (a: Float32Array): number => addressOf(a) ?? copyIn(a);

/** The filter [K, N] at `b` as conv.wat's panels: ceil(N / 12) panels of Q·192 bytes, one after another. */
function panels(b: number, K: number, N: number): number {
  const Q = Math.ceil(K / 4);
  const P = Math.ceil(N / PANEL);
  const bp = alloc(P * Q * 192);
  for (let p = 0; p < P; p++) wasm!.exports.panel_rows(b, K, N, 0, p * PANEL, bp + p * Q * 192);
  return bp;
}

/** The output's address, and after the kernels its copy into `o` where `o` lies outside the memory. */
function output(o: Float32Array): [number, () => void] {
  const at = addressOf(o);
  if (at !== null) return [at, () => undefined];
  const p = alloc(o.byteLength + 16);
  return [p, () => o.set(f32(p, o.length))];
}

/** out [B·OH·OW, N] = patches(x) · b, b [K, N] at an address: conv_rows on each thread's rows. */
function convRows(g: ConvGeometry, x: number, b: number, o: Float32Array, dense: boolean): void {
  const M = g.B * g.OH * g.OW;
  const K = g.FH * g.FW * g.IC;
  const { geo, scratchBytes } = geometryBlock(g, dense);
  const bp = panels(b, K, g.OC);
  const [out, done] = output(o);
  const parts = ranges(M, M * K * g.OC);
  const scratch = parts.map(() => alloc(scratchBytes));
  parallel(
    'conv_rows',
    parts.map(([lo, hi], t) => [geo, x, bp, out, lo, hi, scratch[t]!]),
  );
  done();
}

/** Conv2D: o [B, OH, OW, OC] from x [B, IH, IW, IC] and f [FH, FW, IC, OC]. */
export function wasmConv2D(g: ConvGeometry, x: Float32Array, f: Float32Array, o: Float32Array): boolean {
  const m = mark();
  try {
    const pf = placed(f);
    convRows(g, placed(x), pf, o, !allFinite(pf, f.length));
    return true;
  } finally {
    release(m);
  }
}

/**
 * Conv2DBackpropInput at stride 1 (its dilations are 1): dx [B, IH, IW, IC] is the convolution of dy [B, OH, OW, OC]
 * with the filter turned round (f'[fy, fx, oc, ic] = f[FH−1−fy, FW−1−fx, ic, oc]), padded by FH−1−padTop above and
 * FW−1−padLeft on the left. False (the caller then takes the patches' gradient and col2im) at other strides, and where
 * the filter is not all finite: the padding's zeros would meet it, where TF1's kernel sums only the windows that read.
 */
export function wasmConv2DBackpropInput(g: ConvGeometry, f: Float32Array, dy: Float32Array, o: Float32Array): boolean {
  if (g.sh !== 1 || g.sw !== 1 || g.dh !== 1 || g.dw !== 1) return false;
  const m = mark();
  try {
    const { FH, FW, IC, OC } = g;
    const turned = alloc(f.byteLength + 16);
    const t = f32(turned, f.length);
    for (let fy = 0; fy < FH; fy++) {
      for (let fx = 0; fx < FW; fx++) {
        const src = ((FH - 1 - fy) * FW + (FW - 1 - fx)) * IC * OC;
        const dst = (fy * FW + fx) * OC * IC;
        for (let ic = 0; ic < IC; ic++) for (let oc = 0; oc < OC; oc++) t[dst + oc * IC + ic] = f[src + ic * OC + oc]!;
      }
    }
    if (!allFinite(turned, f.length)) return false;
    const h: ConvGeometry = { ...g, IH: g.OH, IW: g.OW, IC: OC, OC: IC, OH: g.IH, OW: g.IW, padTop: FH - 1 - g.padTop, padLeft: FW - 1 - g.padLeft };
    convRows(h, placed(dy), turned, o, false);
    return true;
  } finally {
    release(m);
  }
}

/** Conv2DBackpropFilter: df [FH, FW, IC, OC] = patches(x)ᵀ · dy, each thread's rows into its partial, summed in doubles. */
export function wasmConv2DBackpropFilter(g: ConvGeometry, x: Float32Array, dy: Float32Array, o: Float32Array): boolean {
  const m = mark();
  try {
    const M = g.B * g.OH * g.OW;
    const K = g.FH * g.FW * g.IC;
    const Q = Math.ceil(K / 4);
    const P = Math.ceil(g.OC / PANEL);
    const pdy = placed(dy);
    const { geo, scratchBytes } = geometryBlock(g, !allFinite(pdy, dy.length));
    const [out, done] = output(o);
    const parts = ranges(M, M * K * g.OC);
    const partials = parts.map(() => alloc(P * Q * 192));
    const scratch = parts.map(() => alloc(scratchBytes));
    const px = placed(x);
    parallel(
      'conv_filter',
      parts.map(([lo, hi], t) => [geo, px, pdy, partials[t]!, lo, hi, scratch[t]!]),
    );
    const list = alloc(parts.length * 4);
    const lists = new Int32Array(wasm!.memory.buffer, list, parts.length);
    for (let p = 0; p < P; p++) {
      lists.set(partials.map((a) => a + p * Q * 192));
      wasm!.exports.sum_partials(list, parts.length, K, out, g.OC, p * PANEL, Math.min(PANEL, g.OC - p * PANEL));
    }
    done();
    return true;
  } finally {
    release(m);
  }
}
