// DepthwiseConv2dNative and its backprops on NHWC data and [FH, FW, C, multiplier] filters, one thread per output
// element (see kernels/nn_depthwise.ts on the host). Every program takes the same uniforms: the geometry, then the
// element count.
import type { Program } from '../kernel.js';
import type { Field } from './wgsl.js';
import { flatMain, program } from './wgsl.js';

/** The uniform fields, in the order webgpu/kernels/nn_depthwise.ts writes them. */
const FIELDS: readonly Field[] = ['B', 'IH', 'IW', 'IC', 'FH', 'FW', 'DM', 'OH', 'OW', 's', 'top', 'left', 'n'].map((n) => [n, 'i32'] as const);

/** out[b, oy, ox, c·DM + m]: the sum over the window of x[.., c] · f[fy, fx, c, m]. */
export function depthwiseProgram(): Program {
  return program('depthwise_conv2d:f32', () => ({
    fields: FIELDS,
    inputs: [
      ['x', 'f32'],
      ['f', 'f32'],
    ],
    outputs: [['out', 'f32']],
    body: flatMain(
      'u32(u.n)',
      `  let j = i32(i);
  let OC = u.IC * u.DM;
  let k = j % OC;
  let c = k / u.DM;
  let ox = (j / OC) % u.OW;
  let oy = (j / (OC * u.OW)) % u.OH;
  let b = j / (OC * u.OW * u.OH);
  var s = 0.0;
  for (var fy = 0; fy < u.FH; fy = fy + 1) {
    let iy = oy * u.s + fy - u.top;
    if (iy < 0 || iy >= u.IH) { continue; }
    for (var fx = 0; fx < u.FW; fx = fx + 1) {
      let ix = ox * u.s + fx - u.left;
      if (ix < 0 || ix >= u.IW) { continue; }
      s = s + x[((b * u.IH + iy) * u.IW + ix) * u.IC + c] * f[(fy * u.FW + fx) * OC + k];
    }
  }
  out[i] = s;`,
    ),
  }));
}

/** dx[b, iy, ix, c]: the sum over the output positions whose window reads it of Σ_m f · dy. */
export function depthwiseBackpropInputProgram(): Program {
  return program('depthwise_conv2d_backprop_input:f32', () => ({
    fields: FIELDS,
    inputs: [
      ['f', 'f32'],
      ['dy', 'f32'],
    ],
    outputs: [['out', 'f32']],
    body: flatMain(
      'u32(u.n)',
      `  let j = i32(i);
  let OC = u.IC * u.DM;
  let c = j % u.IC;
  let ix = (j / u.IC) % u.IW;
  let iy = (j / (u.IC * u.IW)) % u.IH;
  let b = j / (u.IC * u.IW * u.IH);
  var s = 0.0;
  for (var fy = 0; fy < u.FH; fy = fy + 1) {
    let ty = iy + u.top - fy;
    if (ty < 0 || ty % u.s != 0 || ty / u.s >= u.OH) { continue; }
    let oy = ty / u.s;
    for (var fx = 0; fx < u.FW; fx = fx + 1) {
      let tx = ix + u.left - fx;
      if (tx < 0 || tx % u.s != 0 || tx / u.s >= u.OW) { continue; }
      let ox = tx / u.s;
      let yb = ((b * u.OH + oy) * u.OW + ox) * OC + c * u.DM;
      let fb = (fy * u.FW + fx) * OC + c * u.DM;
      for (var m = 0; m < u.DM; m = m + 1) { s = s + f[fb + m] * dy[yb + m]; }
    }
  }
  out[i] = s;`,
    ),
  }));
}

/** df[fy, fx, c, m]: the sum over batch and output positions of x[.., c] · dy[.., c·DM + m]. */
export function depthwiseBackpropFilterProgram(): Program {
  return program('depthwise_conv2d_backprop_filter:f32', () => ({
    fields: FIELDS,
    inputs: [
      ['x', 'f32'],
      ['dy', 'f32'],
    ],
    outputs: [['out', 'f32']],
    body: flatMain(
      'u32(u.n)',
      `  let j = i32(i);
  let OC = u.IC * u.DM;
  let k = j % OC;
  let c = k / u.DM;
  let fx = (j / OC) % u.FW;
  let fy = j / (OC * u.FW);
  var s = 0.0;
  for (var b = 0; b < u.B; b = b + 1) {
    for (var oy = 0; oy < u.OH; oy = oy + 1) {
      let iy = oy * u.s + fy - u.top;
      if (iy < 0 || iy >= u.IH) { continue; }
      for (var ox = 0; ox < u.OW; ox = ox + 1) {
        let ix = ox * u.s + fx - u.left;
        if (ix < 0 || ix >= u.IW) { continue; }
        s = s + x[((b * u.IH + iy) * u.IW + ix) * u.IC + c] * dy[((b * u.OH + oy) * u.OW + ox) * OC + k];
      }
    }
  }
  out[i] = s;`,
    ),
  }));
}
