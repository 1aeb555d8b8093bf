// Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter on NHWC data and HWIO filters, as TF1's CPU kernels
// (conv_ops.cc, conv_grad_input_ops.cc, conv_grad_filter_ops.cc): the same checks and messages, NCHW refused.
// Each output element is a sum in doubles, rounded once; given the CPU backend's fast paths, float32 runs on its SIMD
// convolutions (im2col patches times the filter, summed in float32; col2im for the input's gradient at strides > 1).
import { InvalidArgumentError, UnimplementedError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import { dimIndex, type ConvAttrs } from '../../framework/ops/nn_conv.js';
import type { HostKernel } from '../kernel.js';
import { col2im } from './nn_conv_patches.js';
import { shapeStr } from './util.js';

/** Everything a convolution loop needs: batch, sizes, strides, dilations and the top/left padding. */
export interface ConvGeometry {
  B: number;
  IH: number;
  IW: number;
  IC: number;
  FH: number;
  FW: number;
  OC: number;
  OH: number;
  OW: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  padTop: number;
  padLeft: number;
}

/** TF1's GetWindowedOutputSizeVerboseV2: [output size, padding before] of one spatial dim, or TF1's error. */
function windowed(name: string, input: number, filter: number, dilation: number, stride: number, padding: ConvAttrs['padding']): [number, number] {
  const window = (filter - 1) * dilation + 1;
  let out: number;
  let before = 0;
  if (padding === 'VALID') out = Math.floor((input - window + stride) / stride);
  else {
    out = Math.floor((input + stride - 1) / stride);
    before = Math.floor(Math.max(0, (out - 1) * stride + window - input) / 2);
  }
  if (out < 0) {
    throw new InvalidArgumentError(
      `Computed output size would be negative: ${out} [input_size: ${input}, effective_filter_size: ${window}, stride: ${stride}]`,
      name,
    );
  }
  return [out, before];
}

/** The kernel constructor's attribute checks (Conv2DOp, Conv2DCustomBackprop*Op), in TF1's order. */
function checkAttrs(name: string, a: ConvAttrs, backprop: '' | 'Input' | 'Filter'): void {
  if (backprop !== '' && a.data_format !== 'NHWC') throw new InvalidArgumentError(`Conv2DCustomBackprop${backprop}Op only supports NHWC.`, name);
  if (a.dilations.length !== 4) throw new InvalidArgumentError('Sliding window dilations field must specify 4 dimensions', name);
  if (a.strides.length !== 4) throw new InvalidArgumentError('Sliding window strides field must specify 4 dimensions', name);
  const at = (v: readonly number[], d: 'N' | 'H' | 'W' | 'C') => v[dimIndex(a.data_format, d)]!;
  if (at(a.strides, 'N') !== 1 || at(a.strides, 'C') !== 1) {
    throw new InvalidArgumentError('Current implementation does not yet support strides in the batch and depth dimensions.', name);
  }
  if (backprop === '' && (at(a.strides, 'H') <= 0 || at(a.strides, 'W') <= 0))
    throw new InvalidArgumentError('Row and column strides should be larger than 0.', name);
  if (at(a.dilations, 'N') !== 1 || at(a.dilations, 'C') !== 1) {
    throw new InvalidArgumentError('Current implementation does not yet support dilations in the batch and depth dimensions.', name);
  }
  if (backprop === '' && (at(a.dilations, 'H') <= 0 || at(a.dilations, 'W') <= 0))
    throw new InvalidArgumentError('Dilated rates should be larger than 0.', name);
  if (backprop !== '' && (a.dilations[1] !== 1 || a.dilations[2] !== 1)) {
    throw new InvalidArgumentError('Current libxsmm and customized CPU implementations do not yet support dilation rates larger than 1.', name);
  }
}

/** Conv2D's geometry from its input and filter shapes (Conv2DOp::Compute's checks; NCHW is TF1's CPU Unimplemented). */
export function conv2dGeometry(name: string, input: readonly number[], filter: readonly number[], a: ConvAttrs): ConvGeometry {
  checkAttrs(name, a, '');
  if (input.length !== 4) throw new InvalidArgumentError(`input must be 4-dimensional${shapeStr(input)}`, name);
  if (filter.length !== 4) throw new InvalidArgumentError(`filter must be 4-dimensional: ${shapeStr(filter)}`, name);
  if (input[3] !== filter[2] && a.data_format === 'NHWC') {
    throw new InvalidArgumentError(`input and filter must have the same depth: ${input[3]} vs ${filter[2]}`, name);
  }
  if (a.data_format !== 'NHWC') throw new UnimplementedError('Generic conv implementation only supports NHWC tensor format for now.', name);
  return geometry(name, input, filter, a);
}

function geometry(name: string, input: readonly number[], filter: readonly number[], a: ConvAttrs): ConvGeometry {
  const [B, IH, IW, IC] = input as [number, number, number, number];
  const [FH, FW, , OC] = filter as [number, number, number, number];
  const [sh, sw, dh, dw] = [a.strides[1]!, a.strides[2]!, a.dilations[1]!, a.dilations[2]!];
  const [OH, padTop] = windowed(name, IH, FH, dh, sh, a.padding);
  const [OW, padLeft] = windowed(name, IW, FW, dw, sw, a.padding);
  return { B, IH, IW, IC, FH, FW, OC, OH, OW, sh, sw, dh, dw, padTop, padLeft };
}

/** A backprop's geometry (ConvBackpropComputeDimensionsV2's checks, with the CPU kernel's label). */
export function backpropGeometry(
  name: string,
  which: 'Input' | 'Filter',
  input: readonly number[],
  filter: readonly number[],
  outBackprop: readonly number[],
  a: ConvAttrs,
): ConvGeometry {
  checkAttrs(name, a, which);
  const label = `Conv2DCustomBackprop${which}`;
  const fail = (m: string) => new InvalidArgumentError(`${label}: ${m}`, name);
  if (input.length !== 4) throw fail('input must be 4-dimensional');
  if (filter.length !== 4) throw fail('filter must be 4-dimensional');
  if (outBackprop.length !== 4) throw fail('out_backprop must be 4-dimensional');
  if (input[0] !== outBackprop[0]) throw fail('input and out_backprop must have the same batch size');
  if (input[3] !== filter[2]) throw fail('input and filter must have the same depth');
  if (filter[3] !== outBackprop[3]) throw fail('filter and out_backprop must have the same out_depth');
  const g = geometry(name, input, filter, a);
  const check = (dim: number, computed: number, inSize: number, fSize: number, stride: number, dilation: number) => {
    if (outBackprop[dim] !== computed) {
      throw fail(
        `Size of out_backprop doesn't match computed: actual = ${outBackprop[dim]}, computed = ${computed} spatial_dim: ${dim} input: ${inSize} filter: ${fSize} output: ${outBackprop[dim]} stride: ${stride} dilation: ${dilation}`,
      );
    }
  };
  check(1, g.OH, g.IH, g.FH, g.sh, g.dh);
  check(2, g.OW, g.IW, g.FW, g.sw, g.dw);
  return g;
}

/** A 1-D int32 sizes input as a shape, with TF1's checks (the backprops' input_sizes, filter_sizes). */
export function sizesOf(name: string, t: NDArray, what: string, op: string): number[] {
  if (t.shape.length !== 1) throw new InvalidArgumentError(`${op}: ${what} input must be 1-dim, not ${t.shape.length}`, name);
  const s = Array.from(t.data);
  const bad = s.find((d) => d < 0);
  if (bad !== undefined) throw new InvalidArgumentError(`Dimension ${bad} must be >= 0`, name);
  return s;
}

/**
 * out[b, oy, ox, oc] = Σ in[b, oy·sh + fy·dh − top, ox·sw + fx·dw − left, ic] · f[fy, fx, ic, oc], summed in doubles
 * in (fy, fx, ic) order with the padding's zeros among the terms (as TF1's patches hold them: 0 · inf is NaN). The
 * CPU backend's SIMD route (`fast`) multiplies the same patches by the filter, summing in float32 as its MatMul does.
 */
export function conv2dLoop(g: ConvGeometry, x: ArrayLike<number>, f: ArrayLike<number>, o: { [i: number]: number }): void {
  const { B, IH, IW, IC, FH, FW, OC, OH, OW } = g;
  const acc = new Float64Array(OC);
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        acc.fill(0);
        for (let fy = 0; fy < FH; fy++) {
          const iy = oy * g.sh + fy * g.dh - g.padTop;
          for (let fx = 0; fx < FW; fx++) {
            const ix = ox * g.sw + fx * g.dw - g.padLeft;
            const inside = iy >= 0 && iy < IH && ix >= 0 && ix < IW;
            const xBase = ((b * IH + iy) * IW + ix) * IC;
            const fBase = (fy * FW + fx) * IC * OC;
            for (let ic = 0; ic < IC; ic++) {
              const v = inside ? x[xBase + ic]! : 0;
              const fRow = fBase + ic * OC;
              for (let oc = 0; oc < OC; oc++) acc[oc]! += v * f[fRow + oc]!;
            }
          }
        }
        const oBase = ((b * OH + oy) * OW + ox) * OC;
        for (let oc = 0; oc < OC; oc++) o[oBase + oc] = acc[oc]! + 0;
      }
    }
  }
}

const conv2d: HostKernel<'Conv2D'> = ({ name, inputs, attrs, output, fast }) => {
  const [x, f] = [inputs[0]!, inputs[1]!];
  const g = conv2dGeometry(name, x.shape, f.shape, attrs);
  const o = output(0, [g.B, g.OH, g.OW, g.OC]);
  const M = g.B * g.OH * g.OW;
  const K = g.FH * g.FW * g.IC;
  if (fast && x.data instanceof Float32Array && f.data instanceof Float32Array && o.data instanceof Float32Array && M * K * g.OC > 0) {
    // A 1×1 filter at stride 1 reads the input itself as the patches.
    if (g.FH === 1 && g.FW === 1 && g.sh === 1 && g.sw === 1 && g.dh === 1 && g.dw === 1) {
      if (fast.matmul(x.data, false, f.data, false, o.data, M, g.OC, K)) return;
    } else if (fast.conv2d(g, x.data, f.data, o.data)) return;
  }
  conv2dLoop(g, x.data, f.data, o.data);
};

/** dx[b, iy, ix, ic] = Σ over the windows that read it of f[fy, fx, ic, oc] · dy[b, oy, ox, oc]. */
const backpropInput: HostKernel<'Conv2DBackpropInput'> = ({ name, inputs, attrs, output, fast }) => {
  const [f, dy] = [inputs[1]!, inputs[2]!];
  const sizes = sizesOf(name, inputs[0]!, 'input_sizes', 'Conv2DBackpropInput');
  const g = backpropGeometry(name, 'Input', sizes, f.shape, dy.shape, attrs);
  const { B, IH, IW, IC, FH, FW, OC, OH, OW } = g;
  const o = output(0, sizes).data;
  const [M, K] = [B * OH * OW, FH * FW * IC];
  if (fast && f.data instanceof Float32Array && dy.data instanceof Float32Array && o instanceof Float32Array && M * K * OC > 0) {
    if (fast.conv2dBackpropInput(g, f.data, dy.data, o)) return;
    // The patches' gradient dy · fᵀ [M, K], then each patch entry added back where it was read (col2im).
    const dp = new Float32Array(M * K);
    if (fast.matmul(dy.data, false, f.data, true, dp, M, K, OC)) {
      col2im(g, dp, o);
      return;
    }
  }
  const acc = new Float64Array(B * IH * IW * IC);
  const [fd, dyd] = [f.data, dy.data];
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const dyBase = ((b * OH + oy) * OW + ox) * OC;
        for (let fy = 0; fy < FH; fy++) {
          const iy = oy * g.sh + fy * g.dh - g.padTop;
          if (iy < 0 || iy >= IH) continue;
          for (let fx = 0; fx < FW; fx++) {
            const ix = ox * g.sw + fx * g.dw - g.padLeft;
            if (ix < 0 || ix >= IW) continue;
            const xBase = ((b * IH + iy) * IW + ix) * IC;
            const fBase = (fy * FW + fx) * IC * OC;
            for (let ic = 0; ic < IC; ic++) {
              let s = 0;
              const fRow = fBase + ic * OC;
              for (let oc = 0; oc < OC; oc++) s += fd[fRow + oc]! * dyd[dyBase + oc]!;
              acc[xBase + ic]! += s;
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) o[i] = acc[i]! + 0;
};

/** df[fy, fx, ic, oc] = Σ over batch and output positions of x[b, iy, ix, ic] · dy[b, oy, ox, oc]. */
const backpropFilter: HostKernel<'Conv2DBackpropFilter'> = ({ name, inputs, attrs, output, fast }) => {
  const [x, dy] = [inputs[0]!, inputs[2]!];
  const sizes = sizesOf(name, inputs[1]!, 'filter_sizes', 'Conv2DBackpropFilter');
  const g = backpropGeometry(name, 'Filter', x.shape, sizes, dy.shape, attrs);
  const { B, IH, IW, IC, FH, FW, OC, OH, OW } = g;
  const o = output(0, sizes).data;
  const [M, K] = [B * OH * OW, FH * FW * IC];
  // The patches' transpose times dy: [K, M] · [M, OC] is the filter's [FH, FW, IC, OC].
  if (fast && x.data instanceof Float32Array && dy.data instanceof Float32Array && o instanceof Float32Array && M * K * OC > 0) {
    if (fast.conv2dBackpropFilter(g, x.data, dy.data, o)) return;
  }
  const acc = new Float64Array(FH * FW * IC * OC);
  const [xd, dyd] = [x.data, dy.data];
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const dyBase = ((b * OH + oy) * OW + ox) * OC;
        for (let fy = 0; fy < FH; fy++) {
          const iy = oy * g.sh + fy * g.dh - g.padTop;
          if (iy < 0 || iy >= IH) continue;
          for (let fx = 0; fx < FW; fx++) {
            const ix = ox * g.sw + fx * g.dw - g.padLeft;
            if (ix < 0 || ix >= IW) continue;
            const xBase = ((b * IH + iy) * IW + ix) * IC;
            const fBase = (fy * FW + fx) * IC * OC;
            for (let ic = 0; ic < IC; ic++) {
              const v = xd[xBase + ic]!;
              const fRow = fBase + ic * OC;
              for (let oc = 0; oc < OC; oc++) acc[fRow + oc]! += v * dyd[dyBase + oc]!;
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) o[i] = acc[i]! + 0;
};

/** Kernels of Conv2D and its backprops. */
export const NN_CONV_KERNELS: {
  Conv2D: HostKernel<'Conv2D'>;
  Conv2DBackpropInput: HostKernel<'Conv2DBackpropInput'>;
  Conv2DBackpropFilter: HostKernel<'Conv2DBackpropFilter'>;
} = {
  Conv2D: conv2d,
  Conv2DBackpropInput: backpropInput,
  Conv2DBackpropFilter: backpropFilter,
};
