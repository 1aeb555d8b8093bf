// DepthwiseConv2dNative and its backprops on NHWC data and [FH, FW, C, multiplier] filters, as TF1 r1.12's CPU
// kernels (depthwise_conv_op.cc, depthwise_conv_grad_op.cc): the same checks and messages, one stride for rows and
// columns, the dilations never read, NCHW refused (after an empty output, which the kernels return at once). A float32
// forward op with one input channel is TF1's Conv2D (its launcher, its NHWC message), here on the SIMD matmul route.
// Each output element is a sum in doubles, rounded once; scratch is kept between runs, nothing is allocated per element.
import { InvalidArgumentError, UnimplementedError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { DepthwiseAttrs } from '../../framework/ops/nn_depthwise.js';
import { dimIndex } from '../../framework/ops/nn_conv.js';
import type { HostKernel } from '../kernel.js';
import { conv2dLoop, type ConvGeometry } from './nn_conv.js';
import { windowed } from './pool_geometry.js';
import { shapeStr } from './util.js';

/** A depthwise convolution's sizes: OC = IC·DM output channels, one stride `s`, the top/left padding. */
export interface DepthwiseGeometry {
  B: number;
  IH: number;
  IW: number;
  IC: number;
  FH: number;
  FW: number;
  DM: number;
  OC: number;
  OH: number;
  OW: number;
  s: number;
  padTop: number;
  padLeft: number;
}

/** The kernels' constructor checks (4 strides, equal row and column strides, none across batch or depth). */
function checkStrides(name: string, a: DepthwiseAttrs): number {
  if (a.strides.length !== 4) throw new InvalidArgumentError('Sliding window strides field must specify 4 dimensions', name);
  const at = (d: 'N' | 'H' | 'W' | 'C') => a.strides[dimIndex(a.data_format, d)]!;
  if (at('H') !== at('W')) {
    throw new InvalidArgumentError('Current implementation only supports equal length strides in the row and column dimensions.', name);
  }
  if (at('N') !== 1 || at('C') !== 1) {
    throw new InvalidArgumentError('Current implementation does not yet support strides in the batch and depth dimensions.', name);
  }
  return at('H');
}

/** The [H, W, C] of a 4-D shape in the format. */
const hwc = (s: readonly number[], a: DepthwiseAttrs): [number, number, number] => [
  s[dimIndex(a.data_format, 'H')]!,
  s[dimIndex(a.data_format, 'W')]!,
  s[dimIndex(a.data_format, 'C')]!,
];

function sized(name: string, B: number, input: readonly number[], filter: readonly number[], s: number, a: DepthwiseAttrs): DepthwiseGeometry {
  const [IH, IW, IC] = hwc(input, a);
  const [FH, FW, , DM] = filter as [number, number, number, number];
  const [OH, padTop] = windowed(name, IH, FH, s, a.padding);
  const [OW, padLeft] = windowed(name, IW, FW, s, a.padding);
  return { B, IH, IW, IC, FH, FW, DM, OC: IC * DM, OH, OW, s, padTop, padLeft };
}

/** DepthwiseConv2dNativeOp::Compute's checks and geometry. */
export function depthwiseGeometry(name: string, input: readonly number[], filter: readonly number[], a: DepthwiseAttrs): DepthwiseGeometry {
  const s = checkStrides(name, a);
  if (input.length !== 4) throw new InvalidArgumentError(`input must be 4-dimensional${shapeStr(input)}`, name);
  if (filter.length !== 4) throw new InvalidArgumentError(`filter must be 4-dimensional: ${shapeStr(filter)}`, name);
  const IC = hwc(input, a)[2];
  if (IC !== filter[2]) throw new InvalidArgumentError(`input and filter must have the same depth: ${IC} vs ${filter[2]}`, name);
  return sized(name, input[0]!, input, filter, s, a);
}

/** A 4-D shape of the format from its N, H, W, C. */
export const formatShape = (a: DepthwiseAttrs, n: number, h: number, w: number, c: number): number[] =>
  a.data_format === 'NCHW' ? [n, c, h, w] : [n, h, w, c];

/** EXTRACT_AND_VERIFY_DIMENSIONS of depthwise_conv_grad_op.cc, `label` naming the backprop. */
export function depthwiseBackpropGeometry(
  name: string,
  label: 'DepthwiseConv2DBackpropInput' | 'DepthwiseConv2DBackpropFilter',
  input: readonly number[],
  filter: readonly number[],
  outBackprop: readonly number[],
  a: DepthwiseAttrs,
): DepthwiseGeometry {
  const s = checkStrides(name, a);
  const fail = (m: string) => new InvalidArgumentError(`${label}: ${m}`, name);
  if (input.length !== 4) throw fail('input must be 4-dimensional');
  if (filter.length !== 4) throw fail('filter must be 4-dimensional');
  if (outBackprop.length !== 4) throw fail('out_backprop must be 4-dimensional');
  if (input[0] !== outBackprop[0]) throw fail('input and out_backprop must have the same batch size');
  const [outRows, outCols, outDepth] = hwc(outBackprop, a);
  if (hwc(input, a)[2] !== filter[2]) throw fail('input and filter must have the same in_depth');
  if (filter[3]! * filter[2]! !== outDepth) throw fail('depth_multiplier * in_depth not equal to out_depth');
  const g = sized(name, input[0]!, input, filter, s, a);
  if (outRows !== g.OH) throw fail(`Number of rows of out_backprop doesn't match computed: actual = ${outRows}, computed = ${g.OH}`);
  if (outCols !== g.OW) throw fail(`Number of cols of out_backprop doesn't match computed: actual = ${outCols}, computed = ${g.OW}`);
  return g;
}

/** The backprops' sizes input: a vector of non-negative sizes, with the CPU kernels' messages. */
export function depthwiseSizes(name: string, t: NDArray, which: 'input_sizes' | 'filter_sizes'): number[] {
  const op = which === 'input_sizes' ? 'Conv2DBackpropInput' : 'Conv2DBackpropFilter';
  if (t.shape.length !== 1) throw new InvalidArgumentError(`${op}: ${which} input must be 1-dim, not ${t.shape.length}`, name);
  const s = Array.from(t.data);
  s.forEach((d, i) => {
    if (d < 0) throw new InvalidArgumentError(`Dimension ${i} of ${which} must be >= 0`, name);
  });
  return s;
}

/** The CPU launchers' refusal of NCHW. */
function nhwcOnly(name: string, a: DepthwiseAttrs): void {
  if (a.data_format !== 'NHWC') throw new UnimplementedError('Depthwise convolution on CPU is only supported for NHWC format', name);
}

// Accumulators in doubles, grown as needed and kept (training runs the same shapes thousands of times).
let scratch = new Float64Array(0);
function zeroed(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n);
  const s = scratch.subarray(0, n);
  s.fill(0);
  return s;
}

/** Whether every value is finite (then a padding tap, 0 · f, adds nothing and can be skipped). */
function allFinite(f: ArrayLike<number>): boolean {
  for (let i = 0; i < f.length; i++) if (!Number.isFinite(f[i]!)) return false;
  return true;
}

/** acc[k] += v(c) · f[fBase + k] for one tap, k = c·DM + m; v(c) is x[xBase + c], or 0 for a padding tap. */
function tap(acc: Float64Array, x: ArrayLike<number>, xBase: number, f: ArrayLike<number>, fBase: number, IC: number, DM: number, inside: boolean): void {
  if (DM === 1) {
    if (inside) for (let c = 0; c < IC; c++) acc[c]! += x[xBase + c]! * f[fBase + c]!;
    else for (let c = 0; c < IC; c++) acc[c]! += 0 * f[fBase + c]!;
    return;
  }
  for (let c = 0, k = 0; c < IC; c++) {
    const v = inside ? x[xBase + c]! : 0;
    for (let m = 0; m < DM; m++, k++) acc[k]! += v * f[fBase + k]!;
  }
}

/**
 * out[b, oy, ox, c·DM + m] = Σ over the window of in[b, iy, ix, c] · f[fy, fx, c, m], in doubles, with the padding's
 * zeros among the terms (TF1's kernel multiplies a zero-padded copy of the input: 0 · inf is NaN); they are skipped
 * when the filter is finite, where they add nothing.
 */
export function depthwiseLoop(g: DepthwiseGeometry, x: ArrayLike<number>, f: ArrayLike<number>, o: { [i: number]: number }): void {
  const { B, IH, IW, IC, FH, FW, DM, OC, OH, OW, s } = g;
  const acc = zeroed(OC);
  const skipPadding = allFinite(f);
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        acc.fill(0);
        for (let fy = 0; fy < FH; fy++) {
          const iy = oy * s + fy - g.padTop;
          const rowInside = iy >= 0 && iy < IH;
          if (!rowInside && skipPadding) continue;
          for (let fx = 0; fx < FW; fx++) {
            const ix = ox * s + fx - g.padLeft;
            const inside = rowInside && ix >= 0 && ix < IW;
            if (!inside && skipPadding) continue;
            tap(acc, x, ((b * IH + iy) * IW + ix) * IC, f, (fy * FW + fx) * OC, IC, DM, inside);
          }
        }
        const oBase = ((b * OH + oy) * OW + ox) * OC;
        for (let k = 0; k < OC; k++) o[oBase + k] = acc[k]! + 0;
      }
    }
  }
}

/** The geometry as Conv2D's (one input channel: the multiplier is the output depth). */
const asConv = (g: DepthwiseGeometry): ConvGeometry => ({ ...g, OC: g.DM, sh: g.s, sw: g.s, dh: 1, dw: 1 });

const forward: HostKernel<'DepthwiseConv2dNative'> = ({ name, inputs, attrs, output, fast }) => {
  const [x, f] = [inputs[0]!, inputs[1]!];
  const g = depthwiseGeometry(name, x.shape, f.shape, attrs);
  const o = output(0, formatShape(attrs, g.B, g.OH, g.OW, g.OC));
  if (o.size === 0) return;
  if (g.IC === 1 && o.dtype === 'float32') {
    // TF1 runs Conv2D's launcher here (for float only), with its own message for NCHW.
    if (attrs.data_format !== 'NHWC') throw new UnimplementedError('Generic conv implementation only supports NHWC tensor format for now.', name);
    const c = asConv(g);
    if (fast && x.data instanceof Float32Array && f.data instanceof Float32Array && o.data instanceof Float32Array) {
      const direct = c.FH === 1 && c.FW === 1 && c.sh === 1;
      if (direct ? fast.matmul(x.data, false, f.data, false, o.data, c.B * c.OH * c.OW, c.OC, c.FH * c.FW) : fast.conv2d(c, x.data, f.data, o.data)) return;
    }
    return conv2dLoop(c, x.data, f.data, o.data);
  }
  nhwcOnly(name, attrs);
  depthwiseLoop(g, x.data, f.data, o.data);
};

/** dx[b, iy, ix, c] = Σ over the windows that read it of Σ_m f[fy, fx, c, m] · dy[b, oy, ox, c·DM + m]. */
export function depthwiseInputLoop(g: DepthwiseGeometry, f: ArrayLike<number>, dy: ArrayLike<number>, o: { [i: number]: number }): void {
  const { B, IH, IW, IC, FH, FW, DM, OC, OH, OW, s } = g;
  const acc = zeroed(B * IH * IW * IC);
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const dyBase = ((b * OH + oy) * OW + ox) * OC;
        for (let fy = 0; fy < FH; fy++) {
          const iy = oy * s + fy - g.padTop;
          if (iy < 0 || iy >= IH) continue;
          for (let fx = 0; fx < FW; fx++) {
            const ix = ox * s + fx - g.padLeft;
            if (ix < 0 || ix >= IW) continue;
            const xBase = ((b * IH + iy) * IW + ix) * IC;
            const fBase = (fy * FW + fx) * OC;
            if (DM === 1) {
              for (let c = 0; c < IC; c++) acc[xBase + c]! += f[fBase + c]! * dy[dyBase + c]!;
              continue;
            }
            for (let c = 0, k = 0; c < IC; c++) {
              let sum = 0;
              for (let m = 0; m < DM; m++, k++) sum += f[fBase + k]! * dy[dyBase + k]!;
              acc[xBase + c]! += sum;
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) o[i] = acc[i]! + 0;
}

/** df[fy, fx, c, m] = Σ over batch and output positions of x[b, iy, ix, c] · dy[b, oy, ox, c·DM + m]. */
export function depthwiseFilterLoop(g: DepthwiseGeometry, x: ArrayLike<number>, dy: ArrayLike<number>, o: { [i: number]: number }): void {
  const { B, IH, IW, IC, FH, FW, DM, OC, OH, OW, s } = g;
  const acc = zeroed(FH * FW * OC);
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const dyBase = ((b * OH + oy) * OW + ox) * OC;
        for (let fy = 0; fy < FH; fy++) {
          const iy = oy * s + fy - g.padTop;
          if (iy < 0 || iy >= IH) continue;
          for (let fx = 0; fx < FW; fx++) {
            const ix = ox * s + fx - g.padLeft;
            if (ix < 0 || ix >= IW) continue;
            const xBase = ((b * IH + iy) * IW + ix) * IC;
            const fBase = (fy * FW + fx) * OC;
            if (DM === 1) {
              for (let c = 0; c < IC; c++) acc[fBase + c]! += x[xBase + c]! * dy[dyBase + c]!;
              continue;
            }
            for (let c = 0, k = 0; c < IC; c++) {
              const v = x[xBase + c]!;
              for (let m = 0; m < DM; m++, k++) acc[fBase + k]! += v * dy[dyBase + k]!;
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) o[i] = acc[i]! + 0;
}

const backpropInput: HostKernel<'DepthwiseConv2dNativeBackpropInput'> = ({ name, inputs, attrs, output }) => {
  const [f, dy] = [inputs[1]!, inputs[2]!];
  const sizes = depthwiseSizes(name, inputs[0]!, 'input_sizes');
  const g = depthwiseBackpropGeometry(name, 'DepthwiseConv2DBackpropInput', sizes, f.shape, dy.shape, attrs);
  const o = output(0, sizes);
  if (o.size === 0) return;
  nhwcOnly(name, attrs);
  depthwiseInputLoop(g, f.data, dy.data, o.data);
};

const backpropFilter: HostKernel<'DepthwiseConv2dNativeBackpropFilter'> = ({ name, inputs, attrs, output }) => {
  const [x, dy] = [inputs[0]!, inputs[2]!];
  const sizes = depthwiseSizes(name, inputs[1]!, 'filter_sizes');
  const g = depthwiseBackpropGeometry(name, 'DepthwiseConv2DBackpropFilter', x.shape, sizes, dy.shape, attrs);
  const o = output(0, sizes);
  // TF1 returns when out_backprop is empty (leaving the gradient unwritten; here it is zeros).
  if (dy.size === 0 || o.size === 0) {
    o.data.fill(0);
    return;
  }
  nhwcOnly(name, attrs);
  depthwiseFilterLoop(g, x.data, dy.data, o.data);
};

/** Kernels of DepthwiseConv2dNative and its backprops. */
export const NN_DEPTHWISE_KERNELS: {
  DepthwiseConv2dNative: HostKernel<'DepthwiseConv2dNative'>;
  DepthwiseConv2dNativeBackpropInput: HostKernel<'DepthwiseConv2dNativeBackpropInput'>;
  DepthwiseConv2dNativeBackpropFilter: HostKernel<'DepthwiseConv2dNativeBackpropFilter'>;
} = {
  DepthwiseConv2dNative: forward,
  DepthwiseConv2dNativeBackpropInput: backpropInput,
  DepthwiseConv2dNativeBackpropFilter: backpropFilter,
};
