// The windows of the pooling ops, checked as TF1 r1.12's kernels check them (pooling_ops_common.cc's
// PoolParameters, the ops' constructors in maxpooling_op.cc and avgpooling_op.cc). Both backends use it.
import { InvalidArgumentError, UnimplementedError } from '../../framework/errors.js';
import type { Padding, PoolAttrs } from '../../framework/ops/nn_pool.js';
import { dimIndex } from '../../framework/ops/nn_pool.js';
import { shapeStr } from './util.js';

/** The pooling op types. */
export type PoolOp = 'MaxPool' | 'AvgPool' | 'MaxPoolGrad' | 'AvgPoolGrad' | 'MaxPoolGradGrad';

/** TF1's kernel class of each op (named in its NHWC-only message). */
const CLASS: Record<PoolOp, string> = {
  MaxPool: 'MaxPoolingOp',
  AvgPool: 'AvgPoolingOp',
  MaxPoolGrad: 'MaxPoolingGradOp',
  AvgPoolGrad: 'AvgPoolingGradOp',
  MaxPoolGradGrad: 'MaxPoolingGradGradOp',
};

/** One pooling window geometry: the input's sizes, the window, strides, output sizes and leading pads. */
export interface PoolGeometry {
  N: number;
  H: number;
  W: number;
  C: number;
  kh: number;
  kw: number;
  kd: number;
  sh: number;
  sw: number;
  sd: number;
  oh: number;
  ow: number;
  od: number;
  padTop: number;
  padLeft: number;
  /** The input's and the output's shapes, in the data format's order. */
  inShape: number[];
  outShape: number[];
  /** Element strides of N, H, W, C in the input (and, with the output's sizes, the output) for the format. */
  nchw: boolean;
}

/** TF1's GetWindowedOutputSize (stride 1 dilation): the output size and the padding before, for one dimension. */
export function windowed(name: string, input: number, k: number, stride: number, padding: Padding): [number, number] {
  if (stride <= 0) throw new InvalidArgumentError(`Stride must be > 0, but got ${stride}`, name);
  if (padding === 'VALID') {
    const out = Math.floor((input - k + stride) / stride);
    if (out < 0) {
      throw new InvalidArgumentError(
        `Computed output size would be negative: ${out} [input_size: ${input}, effective_filter_size: ${k}, stride: ${stride}]`,
        name,
      );
    }
    return [out, 0];
  }
  const out = Math.floor((input + stride - 1) / stride);
  const needed = Math.max(0, (out - 1) * stride + k - input);
  return [out, Math.floor(needed / 2)];
}

/**
 * The geometry of a pooling op on an input of `shape`, with TF1's checks: 4 sizes and strides, no pooling across
 * the batch, only NHWC on the CPU, and pooling either across depth (MaxPool only) or across height and width.
 */
export function poolGeometry(name: string, op: PoolOp, shape: readonly number[], a: PoolAttrs, device: 'CPU' | 'GPU'): PoolGeometry {
  const f = a.data_format;
  if (device === 'CPU' && f !== 'NHWC') throw new InvalidArgumentError(`Default ${CLASS[op]} only supports NHWC on device type CPU`, name);
  if (a.ksize.length !== 4) throw new InvalidArgumentError('Sliding window ksize field must specify 4 dimensions', name);
  // TF1's forward kernels say "stride field", the gradients' "strides field".
  const field = op === 'MaxPool' || op === 'AvgPool' ? 'stride' : 'strides';
  if (a.strides.length !== 4) throw new InvalidArgumentError(`Sliding window ${field} field must specify 4 dimensions`, name);
  const [n, h, w, c] = (['N', 'H', 'W', 'C'] as const).map((d) => dimIndex(f, d)) as [number, number, number, number];
  if (a.ksize[n] !== 1 || a.strides[n] !== 1) throw new UnimplementedError('Pooling is not yet supported on the batch dimension.', name);
  if ((op === 'MaxPoolGrad' || op === 'MaxPoolGradGrad') && (a.ksize[c] !== 1 || a.strides[c] !== 1)) {
    throw new UnimplementedError(`${op === 'MaxPoolGrad' ? 'MaxPoolingGrad' : 'MaxPoolingGradGrad'} is not yet supported on the depth dimension.`, name);
  }
  if (shape.length !== 4) throw new InvalidArgumentError('tensor_in must be 4-dimensional', name);
  const [kh, kw, kd] = [a.ksize[h]!, a.ksize[w]!, a.ksize[c]!];
  const [sh, sw, sd] = [a.strides[h]!, a.strides[w]!, a.strides[c]!];
  const [N, H, W, C] = [shape[n]!, shape[h]!, shape[w]!, shape[c]!];
  let od = C;
  let [oh, padTop, ow, padLeft] = [H, 0, W, 0];
  if (kd !== 1 && (kh !== 1 || kw !== 1)) {
    throw new UnimplementedError('MaxPooling supports exactly one of pooling across depth or pooling across width/height.', name);
  }
  if (kd === 1) {
    [oh, padTop] = windowed(name, H, kh, sh, a.padding);
    [ow, padLeft] = windowed(name, W, kw, sw, a.padding);
  } else {
    if (op === 'AvgPool' || op === 'AvgPoolGrad') throw new UnimplementedError('Non-spatial pooling is not yet supported. Volunteers? :)', name);
    if (C % kd !== 0) throw new UnimplementedError('Depthwise max pooling requires the depth window to evenly divide the input depth', name);
    if (sd !== kd) throw new UnimplementedError('Depthwise max pooling requires the depth window to equal the depth stride', name);
    if (device !== 'CPU') throw new UnimplementedError('Depthwise max pooling is currently only implemented for CPU devices.', name);
    od = C / kd;
  }
  const outShape = [0, 0, 0, 0];
  [outShape[n], outShape[h], outShape[w], outShape[c]] = [N, oh, ow, od];
  return { N, H, W, C, kh, kw, kd, sh, sw, sd, oh, ow, od, padTop, padLeft, inShape: [...shape], outShape, nchw: f === 'NCHW' };
}

/** TF1's check of a gradient op's value against the forward output's shape. */
export function expectShape(name: string, what: string, got: readonly number[], want: readonly number[]): void {
  if (got.length !== want.length || got.some((d, i) => d !== want[i])) {
    throw new InvalidArgumentError(`Expected ${what} shape to be ${shapeStr(want)}, but got ${shapeStr(got)}`, name);
  }
}
