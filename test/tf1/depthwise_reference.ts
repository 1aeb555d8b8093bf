// A plain reference of the depthwise convolution and its two backprops (NHWC, one stride, SAME/VALID), summed in
// doubles: the other implementation TF1's depthwise_conv_op_test compares its CPU kernels with (there the GPU's).
import * as tf from '../../src/index.js';

/** The sizes of one convolution. */
export interface Dw {
  input: readonly number[];
  filter: readonly number[];
  stride: number;
  padding: 'SAME' | 'VALID';
}

/** [output rows, output cols, top pad, left pad] as TF1's GetWindowedOutputSize computes them. */
export function outSize({ input, filter, stride, padding }: Dw): [number, number, number, number] {
  const one = (n: number, k: number): [number, number] => {
    if (padding === 'VALID') return [Math.floor((n - k + stride) / stride), 0];
    const out = Math.floor((n + stride - 1) / stride);
    return [out, Math.floor(Math.max(0, (out - 1) * stride + k - n) / 2)];
  };
  const [oh, top] = one(input[1]!, filter[0]!);
  const [ow, left] = one(input[2]!, filter[1]!);
  return [oh, ow, top, left];
}

/** Calls `each(b, oy, ox, fy, fx, iy, ix)` for every in-bounds tap, in TF1's (fy, fx) order per output position. */
function taps(d: Dw, each: (xAt: number, fAt: number, yAt: number) => void): void {
  const [B, H, W, C] = d.input as [number, number, number, number];
  const [FH, FW, , M] = d.filter as [number, number, number, number];
  const [OH, OW, top, left] = outSize(d);
  for (let b = 0; b < B; b++)
    for (let oy = 0; oy < OH; oy++)
      for (let ox = 0; ox < OW; ox++)
        for (let fy = 0; fy < FH; fy++)
          for (let fx = 0; fx < FW; fx++) {
            const [iy, ix] = [oy * d.stride + fy - top, ox * d.stride + fx - left];
            if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
            for (let c = 0; c < C; c++)
              for (let m = 0; m < M; m++)
                each(((b * H + iy) * W + ix) * C + c, ((fy * FW + fx) * C + c) * M + m, ((b * OH + oy) * OW + ox) * C * M + c * M + m);
          }
}

/** The forward op's output values. */
export function forward(d: Dw, x: ArrayLike<number>, f: ArrayLike<number>): Float64Array {
  const [OH, OW] = outSize(d);
  const out = new Float64Array(d.input[0]! * OH * OW * d.input[3]! * d.filter[3]!);
  taps(d, (xi, fi, yi) => (out[yi]! += x[xi]! * f[fi]!));
  return out;
}

/** The input's gradient for out_backprop `dy`. */
export function backpropInput(d: Dw, f: ArrayLike<number>, dy: ArrayLike<number>): Float64Array {
  const out = new Float64Array(d.input.reduce((a, b) => a * b, 1));
  taps(d, (xi, fi, yi) => (out[xi]! += f[fi]! * dy[yi]!));
  return out;
}

/** The filter's gradient for out_backprop `dy`. */
export function backpropFilter(d: Dw, x: ArrayLike<number>, dy: ArrayLike<number>): Float64Array {
  const out = new Float64Array(d.filter.reduce((a, b) => a * b, 1));
  taps(d, (xi, fi, yi) => (out[fi]! += x[xi]! * dy[yi]!));
  return out;
}

/** Values rounded to `dtype` (what a float32 kernel's inputs hold). */
export const asDtype = (v: readonly number[], shape: readonly number[], dtype: tf.DType): tf.NDArray => {
  const a = tf.NDArray.zeros(shape, dtype);
  a.data.set(v);
  return a;
};
