// The convolutions' patches for the SIMD route (kernels/nn_conv.ts): im2col writes each output position's window
// as one row of [B·OH·OW, FH·FW·IC] (zeros where it leaves the input), col2im adds such rows back into the input.
import type { ConvGeometry } from './nn_conv.js';

// The patches' scratch, grown as needed and kept (training runs the same shapes thousands of times).
let scratch = new Float32Array(0);
/** A float32 scratch of `n` zeros. */
function zeroed(n: number): Float32Array {
  if (scratch.length < n) scratch = new Float32Array(n);
  const s = scratch.subarray(0, n);
  s.fill(0);
  return s;
}

/** The patches [B·OH·OW, FH·FW·IC] of a float32 input (im2col), zeros where the window leaves the input. */
export function im2col(g: ConvGeometry, x: Float32Array): Float32Array {
  const { B, IH, IW, IC, FH, FW, OH, OW } = g;
  const K = FH * FW * IC;
  const out = zeroed(B * OH * OW * K);
  let p = 0;
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        for (let fy = 0; fy < FH; fy++) {
          const iy = oy * g.sh + fy * g.dh - g.padTop;
          for (let fx = 0; fx < FW; fx++, p += IC) {
            const ix = ox * g.sw + fx * g.dw - g.padLeft;
            if (iy < 0 || iy >= IH || ix < 0 || ix >= IW) continue;
            const at = ((b * IH + iy) * IW + ix) * IC;
            out.set(x.subarray(at, at + IC), p);
          }
        }
      }
    }
  }
  return out;
}

/** The input's gradient from the patches' gradient dp [B·OH·OW, FH·FW·IC]: each entry summed (in doubles) where its patch read. */
export function col2im(g: ConvGeometry, dp: Float32Array, o: Float32Array): void {
  const { B, IH, IW, IC, FH, FW, OH, OW } = g;
  const acc = new Float64Array(B * IH * IW * IC);
  let p = 0;
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        for (let fy = 0; fy < FH; fy++) {
          const iy = oy * g.sh + fy * g.dh - g.padTop;
          for (let fx = 0; fx < FW; fx++, p += IC) {
            const ix = ox * g.sw + fx * g.dw - g.padLeft;
            if (iy < 0 || iy >= IH || ix < 0 || ix >= IW) continue;
            const at = ((b * IH + iy) * IW + ix) * IC;
            for (let ic = 0; ic < IC; ic++) acc[at + ic]! += dp[p + ic]!;
          }
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) o[i] = acc[i]! + 0;
}
