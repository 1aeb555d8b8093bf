// The pooling ops, one thread per output element (see kernels/nn_pool.ts on the host for the rules: the first
// maximum of a window in row-major order, averages over the window's in-bounds elements). MaxPoolGrad and
// AvgPoolGrad write input-shaped values: each thread sums over the output windows that contain its element.
import type { DType } from '../../../framework/dtypes.js';
import { type WgslScalar, wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, lit, program } from './wgsl.js';

/** What a pooling program computes. */
export type PoolKind = 'max' | 'avg' | 'max_grad' | 'avg_grad' | 'max_grad_grad';

/** The uniforms of every pooling program: the element count, then the geometry (as i32). */
export const POOL_FIELDS = ['N', 'H', 'W', 'C', 'OH', 'OW', 'kh', 'kw', 'sh', 'sw', 'pt', 'pl'] as const;

/** Index helpers for the data format, the window of an output element, and its first maximum. */
function helpers(nchw: boolean, withArgmax: boolean): string {
  const idx = (h: string, w: string) => (nchw ? `((n * u.C + c) * u.${h} + y) * u.${w} + x` : `((n * u.${h} + y) * u.${w} + x) * u.C + c`);
  return `fn xi(n: i32, y: i32, x: i32, c: i32) -> i32 { return ${idx('H', 'W')}; }
fn oi(n: i32, y: i32, x: i32, c: i32) -> i32 { return ${idx('OH', 'OW')}; }
fn coords(i: i32, h: i32, w: i32) -> vec4i {
${
  nchw
    ? '  let x = i % w; let y = (i / w) % h; let c = (i / (w * h)) % u.C; let n = i / (w * h * u.C);'
    : '  let c = i % u.C; let x = (i / u.C) % w; let y = (i / (u.C * w)) % h; let n = i / (u.C * w * h);'
}
  return vec4i(n, y, x, c);
}
fn window(y: i32, x: i32) -> vec4i {
  let h0 = y * u.sh - u.pt;
  let w0 = x * u.sw - u.pl;
  return vec4i(max(h0, 0), min(h0 + u.kh, u.H), max(w0, 0), min(w0 + u.kw, u.W));
}${withArgmax ? ARGMAX : ''}`;
}

const ARGMAX = `
fn argmax(n: i32, y: i32, x: i32, c: i32) -> i32 {
  let r = window(y, x);
  var best = -1;
  for (var h = r.x; h < r.y; h = h + 1) {
    for (var w = r.z; w < r.w; w = w + 1) {
      let j = xi(n, h, w, c);
      if (best < 0) { best = j; } else if (v[best] < v[j]) { best = j; }
    }
  }
  return best;
}`;

/** The range of output rows (or columns) whose windows hold input row `h`: [lo, hi]. */
const RANGE = `fn outRange(h: i32, k: i32, s: i32, p: i32, o: i32) -> vec2i {
  let a = h + p - k + 1;
  return vec2i(select((a + s - 1) / s, 0, a <= 0), min((h + p) / s, o - 1));
}`;

const BODY: Record<PoolKind, (t: WgslScalar) => string> = {
  max: () => `  let p = coords(ii, u.OH, u.OW);
  let b = argmax(p.x, p.y, p.z, p.w);
  out[i] = v[max(b, 0)];`,
  max_grad_grad: (t) => `  let p = coords(ii, u.OH, u.OW);
  let b = argmax(p.x, p.y, p.z, p.w);
  out[i] = select(${lit(t, 0)}, g[max(b, 0)], b >= 0);`,
  avg: () => `  let p = coords(ii, u.OH, u.OW);
  let r = window(p.y, p.z);
  var s = 0.0;
  for (var h = r.x; h < r.y; h = h + 1) {
    for (var w = r.z; w < r.w; w = w + 1) { s = s + v[xi(p.x, h, w, p.w)]; }
  }
  out[i] = s / f32((r.y - r.x) * (r.w - r.z));`,
  max_grad: (t) => `  let p = coords(ii, u.H, u.W);
  let ry = outRange(p.y, u.kh, u.sh, u.pt, u.OH);
  let rx = outRange(p.z, u.kw, u.sw, u.pl, u.OW);
  var s = ${lit(t, 0)};
  for (var y = ry.x; y <= ry.y; y = y + 1) {
    for (var x = rx.x; x <= rx.y; x = x + 1) {
      if (argmax(p.x, y, x, p.w) == ii) { s = s + g[oi(p.x, y, x, p.w)]; }
    }
  }
  out[i] = s;`,
  avg_grad: () => `  let p = coords(ii, u.H, u.W);
  let ry = outRange(p.y, u.kh, u.sh, u.pt, u.OH);
  let rx = outRange(p.z, u.kw, u.sw, u.pl, u.OW);
  var s = 0.0;
  for (var y = ry.x; y <= ry.y; y = y + 1) {
    for (var x = rx.x; x <= rx.y; x = x + 1) {
      let r = window(y, x);
      s = s + g[oi(p.x, y, x, p.w)] / f32((r.y - r.x) * (r.w - r.z));
    }
  }
  out[i] = s;`,
};

/**
 * A pooling program of `kind` for values of `dtype` in NHWC or NCHW. Inputs: `v` (the pooled input; none for
 * avg_grad) and `g` (the gradient, for the gradient kinds). Uniforms: n (threads), then POOL_FIELDS.
 */
export function poolProgram(kind: PoolKind, dtype: DType, nchw: boolean): Program {
  const t = wgslType(dtype);
  return program(`pool_${kind}:${t}:${nchw ? 'nchw' : 'nhwc'}`, () => ({
    fields: [['n', 'u32'], ...POOL_FIELDS.map((f) => [f, 'i32'] as const)],
    inputs: [...(kind === 'avg_grad' ? [] : [['v', t] as const]), ...(kind === 'max' || kind === 'avg' ? [] : [['g', t] as const])],
    outputs: [['out', t]],
    body: `${helpers(nchw, kind !== 'avg' && kind !== 'avg_grad')}
${RANGE}
${flatMain('u.n', `  let ii = i32(i);\n${BODY[kind](t)}`)}`,
  }));
}
