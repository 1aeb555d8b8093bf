// tf.nn.with_space_to_batch, tf.nn.convolution and tf.nn.atrous_conv2d as TF1 r1.12's python/ops/nn_ops.py builds
// them (_WithSpaceToBatch, Convolution, _NonAtrousConvolution): a dilated convolution is SpaceToBatchND → a VALID
// Conv2D → BatchToSpaceND, the paddings and crops from required_space_to_batch_paddings, constants where TF1's
// are (`convolution/SpaceToBatchND/paddings`), ops where the shapes are known only at run time.
import { opt, req, tf1 } from '../framework/args.js';
import { UnimplementedError, ValueError } from '../framework/errors.js';
import { NDArray } from '../framework/ndarray.js';
import type { TensorShape } from '../framework/shape.js';
import { constantValue } from '../graph/infer.js';
import type { Tensor } from '../graph/tensor.js';
import { shape as shapeOp } from './array_ops.js';
import { concat, stack } from './array_structure_ops.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { FUNC, INT, STR, TENSOR, list } from './kinds.js';
import { floordiv } from './math_ops.js';
import { conv2d } from './nn_conv.js';
import { batch_to_space_nd, required_space_to_batch_paddings, space_to_batch_nd } from './space_batch_ops.js';

const INTS = list(INT, 'list of ints');
type Op = (input: Tensor, filter: Tensor | null) => Tensor;
type BuildOp = (numSpatialDims: number, padding: string) => Op;

const ints = (v: NDArray): number[] => Array.from(v.data as ArrayLike<number>);
const int32 = (v: readonly number[], shape: readonly number[]): NDArray => new NDArray(Int32Array.from(v), shape, 'int32');

/** TF1's _with_space_to_batch_base_paddings: half the dilated filter's extent before, the rest after. */
function basePaddings(filterShape: number[] | Tensor, n: number, rate: number[] | Tensor): NDArray | Tensor {
  if (Array.isArray(filterShape) && Array.isArray(rate)) {
    const extra = rate.map((r, i) => filterShape[i]! + (filterShape[i]! - 1) * (r - 1) - 1);
    return int32(
      extra.flatMap((e) => [Math.floor(e / 2), e - Math.floor(e / 2)]),
      [n, 2],
    );
  }
  const fs = (filterShape as Tensor).at(`:${n}`);
  const r = Array.isArray(rate) ? int32(rate, [n]) : rate;
  const dilated = fs.add(
    fs.sub(1).mul(
      Array.isArray(rate)
        ? int32(
            rate.map((x) => x - 1),
            [n],
          )
        : (r as Tensor).sub(1),
    ),
  );
  const padExtra = dilated.sub(1);
  const start = floordiv(padExtra, 2);
  const end = padExtra.sub(start);
  return stack(Array.from({ length: n }, (_, i) => [start.at(i), end.at(i)]));
}

/** TF1's _with_space_to_batch_adjust: `orig`'s rows placed at spatial_dims − 1, `fill` rows elsewhere. */
function adjust(orig: Tensor, fill: number, spatialDims: readonly number[]): NDArray | Tensor {
  const fillDims = orig.shape.as_list().slice(1) as number[];
  const width = fillDims.reduce((a, b) => a * b, 1);
  const c = constantValue(orig);
  const parts: (number[] | Tensor)[] = [];
  const rows: number[] = [];
  let prev = 0;
  for (let i = 0; i < spatialDims.length; i++) {
    const start = i;
    if (spatialDims[i]! > 1) {
      const gap = spatialDims[i]! - 1 - prev;
      parts.push(Array<number>(gap * width).fill(fill));
      rows.push(gap);
    }
    while (i + 1 < spatialDims.length && spatialDims[i + 1] === spatialDims[i]! + 1) i++;
    parts.push(c !== null ? ints(c).slice(start * width, (i + 1) * width) : orig.at(`${start}:${i + 1}`));
    rows.push(i + 1 - start);
    prev = spatialDims[i]!;
  }
  if (c !== null) {
    const flat = (parts as number[][]).flat();
    return int32(flat, [flat.length / width, ...fillDims]);
  }
  return concat(
    parts.map((p, k) => (Array.isArray(p) ? int32(p, [rows[k]!, ...fillDims]) : p)),
    0,
  );
}

/** TF1's _WithSpaceToBatch: the checks at construction, then the call that wraps `buildOp`'s VALID op. */
function withSpaceToBatchOp(
  inputShape: TensorShape,
  dilationRate: TensorLike,
  padding: string,
  buildOp: BuildOp,
  filterShape: TensorLike | null,
  spatialDimsArg: readonly number[] | null,
  dataFormat: string | null,
): Op {
  const graph = graphOf([dilationRate]);
  const rate = toTensor(dilationRate, { dtype: 'int32', name: 'dilation_rate', graph });
  if (rate.shape.ndims !== null && rate.shape.ndims !== 1) throw new ValueError('rate must be rank 1');
  if (!rate.shape.is_fully_defined()) throw new ValueError('rate must have known shape');
  const n = rate.shape.dims![0]!;
  const nc = dataFormat?.startsWith('NC') ?? false;
  const first = nc ? 2 : 1;
  const orig = spatialDimsArg ?? Array.from({ length: n }, (_, i) => first + i);
  const spatialDims = [...new Set(orig.map((x) => Math.trunc(x)))].sort((a, b) => a - b);
  if (spatialDims.join() !== orig.join() || spatialDims.some((x) => x < 1))
    throw new ValueError('spatial_dims must be a montonically increasing sequence of positive integers');
  const expectedRank = nc ? spatialDims.at(-1)! : spatialDims.at(-1)! + 1;
  if (inputShape.ndims !== null && inputShape.ndims < expectedRank) throw new ValueError(`input tensor must have rank ${expectedRank} at least`);
  const constRate = constantValue(rate);
  const rateValue = constRate === null ? null : ints(constRate);
  if (rateValue !== null) {
    if (rateValue.some((r) => r < 1)) throw new ValueError('dilation_rate must be positive');
    if (rateValue.every((r) => r === 1)) return buildOp(n, padding);
  }
  let base: NDArray | Tensor | null;
  if (padding === 'SAME') {
    if (filterShape === null) throw new ValueError('filter_shape must be specified for SAME padding');
    const fs = toTensor(filterShape, { name: 'filter_shape', graph });
    const constFs = constantValue(fs);
    base = constFs === null ? null : basePaddings(ints(constFs), n, rateValue ?? rate);
  } else if (padding === 'VALID') base = int32(Array(2 * n).fill(0), [n, 2]);
  else throw new ValueError(`Invalid padding method '${padding}'`);
  const op = buildOp(n, 'VALID');
  return (inp, filter) => {
    const dims = inputShape.dims;
    let spatial: TensorLike | null = dims === null ? null : spatialDims.map((i) => dims[i]!);
    if (spatial === null || (spatial as (number | null)[]).includes(null)) {
      const s = shapeOp(inp);
      spatial = stack(spatialDims.map((i) => s.at(i)));
    }
    const b = base ?? basePaddings(shapeOp(filter!), n, rateValue ?? rate);
    const [paddings, crops] = required_space_to_batch_paddings({ input_shape: spatial, base_paddings: b, block_shape: rate });
    const block = adjust(rate, 1, spatialDims);
    const converted = space_to_batch_nd({ input: inp, block_shape: block, paddings: adjust(paddings, 0, spatialDims) });
    const result = op(converted, filter);
    const out = batch_to_space_nd({ input: result, block_shape: block, crops: adjust(crops, 0, spatialDims) });
    if (nc && out.shape.dims !== null && out.shape.dims[1] === null && filter !== null) {
      const s = [...out.shape.dims];
      s[1] = filter.shape.dims?.at(-1) ?? null;
      out.set_shape(s);
    }
    return out;
  };
}

/**
 * `tf.nn.with_space_to_batch(input, dilation_rate, padding, op, filter_shape, spatial_dims, data_format)`: `op(input,
 * num_spatial_dims, padding)` on the space-to-batch form of `input` (TF1's with_space_to_batch).
 */
export const with_space_to_batch = tf1(
  'nn.with_space_to_batch',
  [
    req('input', TENSOR),
    req('dilation_rate', TENSOR),
    req('padding', STR),
    req('op', FUNC),
    opt('filter_shape', TENSOR),
    opt('spatial_dims', INTS),
    opt('data_format', STR),
  ],
  (a): Tensor => {
    const input = toTensor(a.input, { name: 'input', graph: graphOf([a.input]) });
    const fn = a.op as (input: Tensor, numSpatialDims: number, padding: string) => Tensor;
    const call = withSpaceToBatchOp(
      input.shape,
      a.dilation_rate,
      a.padding,
      (n, padding) => (inp) => fn(inp, n, padding),
      a.filter_shape ?? null,
      a.spatial_dims ?? null,
      a.data_format ?? null,
    );
    return call(input, null);
  },
);

const dimStr = (d: number | null | undefined): string => (d === null || d === undefined ? '?' : String(d));

/** TF1's _NonAtrousConvolution: the rank and format checks, then a Conv2D (1-D and 3-D need conv1d and Conv3D). */
function nonAtrous(inputShape: TensorShape, filterShape: TensorShape, padding: string, dataFormat: string | null, strides: number[], name: string | null): Op {
  const rank = filterShape.ndims ?? inputShape.ndims;
  if (filterShape.ndims !== null && inputShape.ndims !== null && filterShape.ndims !== inputShape.ndims)
    throw new ValueError(`Shape ${filterShape} must have rank ${inputShape.ndims}`);
  if (rank === null) throw new ValueError('Rank of convolution must be known');
  if (rank < 3 || rank > 5) throw new ValueError('`input` and `filter` must have rank at least 3 and at most 5');
  const convDims = rank - 2;
  if (strides.length !== convDims) throw new ValueError(`len(strides)=${strides.length}, but should be ${convDims}`);
  if (convDims !== 2)
    throw new UnimplementedError(`tf.nn.convolution of ${convDims}-D inputs needs ${convDims === 1 ? 'conv1d' : 'Conv3D'}, which tf1-ts lacks`);
  let full: number[];
  if (dataFormat === null || dataFormat === 'NHWC') full = [1, ...strides, 1];
  else if (dataFormat === 'NCHW') full = [1, 1, ...strides];
  else throw new ValueError('data_format must be "NHWC" or "NCHW".');
  const format = dataFormat ?? 'NHWC';
  return (inp, filter) => conv2d({ input: inp, filter: filter!, strides: full, padding, data_format: format, name });
}

/** TF1's _get_strides_and_dilation_rate. */
function stridesAndRates(n: number, strides: readonly number[] | null, rates: readonly number[] | null): [number[], number[]] {
  if (rates !== null && rates.length !== n) throw new ValueError(`len(dilation_rate)=${rates.length} but should be ${n}`);
  const r = rates === null ? Array<number>(n).fill(1) : [...rates];
  if (r.some((x) => x < 1)) throw new ValueError('all values of dilation_rate must be positive');
  if (strides !== null && strides.length !== n) throw new ValueError(`len(strides)=${strides.length} but should be ${n}`);
  const s = strides === null ? Array<number>(n).fill(1) : [...strides];
  if (s.some((x) => x < 1)) throw new ValueError('all values of strides must be positive');
  if (s.some((x) => x > 1) && r.some((x) => x > 1)) throw new ValueError('strides > 1 not supported in conjunction with dilation_rate > 1');
  return [s, r];
}

/** TF1's Convolution: the checks, then _WithSpaceToBatch around _NonAtrousConvolution. */
function convolutionOp(
  inputShape: TensorShape,
  filterShape: TensorShape,
  padding: string,
  strides: readonly number[] | null,
  rates: readonly number[] | null,
  name: string | null,
  dataFormat: string | null,
): Op {
  const total = filterShape.ndims ?? inputShape.ndims;
  if (total === null) throw new ValueError('rank of input or filter must be known');
  const n = total - 2;
  if (inputShape.ndims !== null && inputShape.ndims !== n + 2) throw new ValueError(`input tensor must have rank ${n + 2}`);
  if (filterShape.ndims !== null && filterShape.ndims !== n + 2) throw new ValueError(`filter tensor must have rank ${n + 2}`);
  const nc = dataFormat?.startsWith('NC') ?? false;
  const channels = inputShape.dims === null ? null : inputShape.dims[nc ? 1 : n + 1]!;
  const filterIn = filterShape.dims === null ? null : filterShape.dims[n]!;
  if (channels !== null && filterIn !== null && channels !== filterIn)
    throw new ValueError(`number of input channels does not match corresponding dimension of filter, ${dimStr(channels)} != ${dimStr(filterIn)}`);
  const [s, r] = stridesAndRates(n, strides, rates);
  const spatialDims = Array.from({ length: n }, (_, i) => i + (nc ? 2 : 1));
  return withSpaceToBatchOp(
    inputShape,
    int32(r, [n]),
    padding,
    (_, p) => nonAtrous(inputShape, filterShape, p, dataFormat, s, name),
    filterShape,
    spatialDims,
    dataFormat,
  );
}

/** `tf.nn.convolution(input, filter, padding, strides, dilation_rate, name, data_format)`: N-D convolution, atrous by SpaceToBatchND. */
export const convolution = tf1(
  'nn.convolution',
  [
    req('input', TENSOR),
    req('filter', TENSOR),
    req('padding', STR),
    opt('strides', INTS),
    opt('dilation_rate', INTS),
    opt('name', STR),
    opt('data_format', STR),
  ],
  (a): Tensor => {
    const graph = graphOf([a.input, a.filter]);
    return graph.name_scope(a.name ?? 'convolution', (scope) => {
      const input = toTensor(a.input, { name: 'input', graph });
      const filter = toTensor(a.filter, { name: 'filter', graph });
      const op = convolutionOp(input.shape, filter.shape, a.padding, a.strides ?? null, a.dilation_rate ?? null, scope, a.data_format ?? null);
      return op(input, filter);
    });
  },
);

/** `tf.nn.atrous_conv2d(value, filters, rate, padding, name)`: tf.nn.convolution with dilation_rate [rate, rate]. */
export const atrous_conv2d = tf1(
  'nn.atrous_conv2d',
  [req('value', TENSOR), req('filters', TENSOR), req('rate', INT), req('padding', STR), opt('name', STR)],
  (a): Tensor => convolution({ input: a.value, filter: a.filters, padding: a.padding, dilation_rate: [a.rate, a.rate], name: a.name ?? null }),
);

/** The layers' Convolution (tf.layers.Conv2D builds it in build() and calls it in call()). */
export { convolutionOp };
