// The input's gradient at strides > 1 on the SIMD route (kernels/nn_conv.ts): col2im adds the patches' gradient, one
// row of [B·OH·OW, FH·FW·IC] per output position, back where each window read the input. (The patches themselves are
// written by the CPU backend's conv.wat, fused with the product.)
import type { ConvGeometry } from './nn_conv.js';

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
