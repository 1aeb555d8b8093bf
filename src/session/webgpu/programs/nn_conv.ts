// Conv2D and its backprops on NHWC data and HWIO filters, one thread per output element (see kernels/nn_conv.ts on
// the host). Every program takes the same uniforms: the geometry, then the element count.
import type { Program } from '../kernel.js';
import type { Field } from './wgsl.js';
import { flatMain, program } from './wgsl.js';

/** The uniform fields, in the order `geometryUniforms` (webgpu/kernels/nn_conv.ts) writes them. */
const FIELDS: readonly Field[] = ['B', 'IH', 'IW', 'IC', 'FH', 'FW', 'OC', 'OH', 'OW', 'sh', 'sw', 'dh', 'dw', 'top', 'left', 'n'].map(
  (n) => [n, 'i32'] as const,
);

/** out[b, oy, ox, oc]: the sum over the window of x · f. */
export function conv2dProgram(): Program {
  return program('conv2d:f32', () => ({
    fields: FIELDS,
    inputs: [
      ['x', 'f32'],
      ['f', 'f32'],
    ],
    outputs: [['out', 'f32']],
    body: flatMain(
      'u32(u.n)',
      `  let j = i32(i);
  let oc = j % u.OC;
  let ox = (j / u.OC) % u.OW;
  let oy = (j / (u.OC * u.OW)) % u.OH;
  let b = j / (u.OC * u.OW * u.OH);
  var s = 0.0;
  for (var fy = 0; fy < u.FH; fy = fy + 1) {
    let iy = oy * u.sh + fy * u.dh - u.top;
    if (iy < 0 || iy >= u.IH) { continue; }
    for (var fx = 0; fx < u.FW; fx = fx + 1) {
      let ix = ox * u.sw + fx * u.dw - u.left;
      if (ix < 0 || ix >= u.IW) { continue; }
      let xb = ((b * u.IH + iy) * u.IW + ix) * u.IC;
      let fb = (fy * u.FW + fx) * u.IC * u.OC + oc;
      for (var ic = 0; ic < u.IC; ic = ic + 1) { s = s + x[xb + ic] * f[fb + ic * u.OC]; }
    }
  }
  out[i] = s;`,
    ),
  }));
}

/** dx[b, iy, ix, ic]: the sum over the output positions whose window reads it of f · dy. */
export function conv2dBackpropInputProgram(): Program {
  return program('conv2d_backprop_input:f32', () => ({
    fields: FIELDS,
    inputs: [
      ['f', 'f32'],
      ['dy', 'f32'],
    ],
    outputs: [['out', 'f32']],
    body: flatMain(
      'u32(u.n)',
      `  let j = i32(i);
  let ic = j % u.IC;
  let ix = (j / u.IC) % u.IW;
  let iy = (j / (u.IC * u.IW)) % u.IH;
  let b = j / (u.IC * u.IW * u.IH);
  var s = 0.0;
  for (var fy = 0; fy < u.FH; fy = fy + 1) {
    let ty = iy + u.top - fy * u.dh;
    if (ty < 0 || ty % u.sh != 0 || ty / u.sh >= u.OH) { continue; }
    let oy = ty / u.sh;
    for (var fx = 0; fx < u.FW; fx = fx + 1) {
      let tx = ix + u.left - fx * u.dw;
      if (tx < 0 || tx % u.sw != 0 || tx / u.sw >= u.OW) { continue; }
      let ox = tx / u.sw;
      let yb = ((b * u.OH + oy) * u.OW + ox) * u.OC;
      let fb = ((fy * u.FW + fx) * u.IC + ic) * u.OC;
      for (var oc = 0; oc < u.OC; oc = oc + 1) { s = s + f[fb + oc] * dy[yb + oc]; }
    }
  }
  out[i] = s;`,
    ),
  }));
}

/** df[fy, fx, ic, oc]: the sum over batch and output positions of x · dy. */
export function conv2dBackpropFilterProgram(): Program {
  return program('conv2d_backprop_filter:f32', () => ({
    fields: FIELDS,
    inputs: [
      ['x', 'f32'],
      ['dy', 'f32'],
    ],
    outputs: [['out', 'f32']],
    body: flatMain(
      'u32(u.n)',
      `  let j = i32(i);
  let oc = j % u.OC;
  let ic = (j / u.OC) % u.IC;
  let fx = (j / (u.OC * u.IC)) % u.FW;
  let fy = j / (u.OC * u.IC * u.FW);
  var s = 0.0;
  for (var b = 0; b < u.B; b = b + 1) {
    for (var oy = 0; oy < u.OH; oy = oy + 1) {
      let iy = oy * u.sh + fy * u.dh - u.top;
      if (iy < 0 || iy >= u.IH) { continue; }
      for (var ox = 0; ox < u.OW; ox = ox + 1) {
        let ix = ox * u.sw + fx * u.dw - u.left;
        if (ix < 0 || ix >= u.IW) { continue; }
        s = s + x[((b * u.IH + iy) * u.IW + ix) * u.IC + ic] * dy[((b * u.OH + oy) * u.OW + ox) * u.OC + oc];
      }
    }
  }
  out[i] = s;`,
    ),
  }));
}
