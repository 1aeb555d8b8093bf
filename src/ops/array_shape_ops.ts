// The shape ops and views of tf.* (reshape, identity, shape/size/rank, tile, range, expand_dims, dynamic_stitch), in
// TF1's calling convention; array_ops.ts re-exports them.
import type { DType } from '../framework/dtypes.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError, TypeError as TFTypeError } from '../framework/errors.js';
import { toNDArray } from '../framework/from_js.js';
import { apply1 } from './apply.js';
import { constOp, toTensor, graphOf, type TensorLike } from './convert.js';
import { DTYPE, STR, TENSOR, kind, list } from './kinds.js';

/** `tf.reshape(tensor, shape, name)`; one entry of `shape` may be -1. */
export const reshape = tf1('reshape', [req('tensor', TENSOR), req('shape', TENSOR), opt('name', STR)], (a) =>
  apply1({
    type: 'Reshape',
    name: a.name ?? undefined,
    defaultName: 'Reshape',
    inputs: [
      ['tensor', a.tensor],
      ['shape', a.shape],
    ],
    shared: ['tensor'],
    attrs: {},
  }),
);

/** `tf.identity(input, name)`. */
export const identity = tf1('identity', [req('input', TENSOR), opt('name', STR)], (a) =>
  apply1({ type: 'Identity', name: a.name ?? undefined, defaultName: 'Identity', inputs: [['input', a.input]], attrs: {} }),
);

/** `tf.stop_gradient(input, name)`: the value, with no gradient flowing back. */
export const stop_gradient = tf1('stop_gradient', [req('input', TENSOR), opt('name', STR)], (a) =>
  apply1({ type: 'StopGradient', name: a.name ?? undefined, defaultName: 'StopGradient', inputs: [['input', a.input]], attrs: {} }),
);

const INDEX_DTYPE = kind<'int32' | 'int64'>('int32 or int64', (v) => v === 'int32' || v === 'int64');

/** `tf.shape(input, name, out_type)`: a Const when the static shape is fully known (as TF1 optimises), else a Shape op. */
export const shape = tf1('shape', [req('input', TENSOR), opt('name', STR), opt('out_type', INDEX_DTYPE)], (a) => {
  const t = toTensor(a.input, { graph: graphOf([a.input]) });
  const outType = a.out_type ?? 'int32';
  if (t.shape.is_fully_defined()) {
    return t.graph.name_scope(a.name ?? 'Shape', (scope) => constOp(t.graph, toNDArray(t.shape.as_list() as number[], outType), scope));
  }
  return apply1({ type: 'Shape', name: a.name ?? undefined, defaultName: 'Shape', inputs: [['input', t]], attrs: { out_type: outType } });
});

/** `tf.size(input, name, out_type)`: number of elements (a Const when known). */
export const size = tf1('size', [req('input', TENSOR), opt('name', STR), opt('out_type', INDEX_DTYPE)], (a) => {
  const t = toTensor(a.input, { graph: graphOf([a.input]) });
  const outType = a.out_type ?? 'int32';
  const n = t.shape.num_elements();
  if (n !== null) return t.graph.name_scope(a.name ?? 'Size', (scope) => constOp(t.graph, toNDArray(n, outType), scope));
  return apply1({ type: 'Size', name: a.name ?? undefined, defaultName: 'Size', inputs: [['input', t]], attrs: { out_type: outType } });
});

/** `tf.rank(input, name)`: number of dimensions (a Const when known). */
export const rank = tf1('rank', [req('input', TENSOR), opt('name', STR)], (a) => {
  const t = toTensor(a.input, { graph: graphOf([a.input]) });
  const r = t.shape.ndims;
  if (r !== null) return t.graph.name_scope(a.name ?? 'Rank', (scope) => constOp(t.graph, toNDArray(r, 'int32'), scope));
  return apply1({ type: 'Rank', name: a.name ?? undefined, defaultName: 'Rank', inputs: [['input', t]], attrs: {} });
});

/** `tf.tile(input, multiples, name)`. */
export const tile = tf1('tile', [req('input', TENSOR), req('multiples', TENSOR), opt('name', STR)], (a) =>
  apply1({
    type: 'Tile',
    name: a.name ?? undefined,
    defaultName: 'Tile',
    inputs: [
      ['input', a.input],
      ['multiples', a.multiples],
    ],
    shared: ['input'],
    attrs: {},
  }),
);

const RANGE_ORDER: readonly DType[] = ['int32', 'int64', 'float32', 'float64'];

/**
 * `tf.range(start, limit, delta, dtype, name)`: `tf.range(5)` counts from 0; without a dtype the arguments
 * take the widest of their dtypes (int32 < int64 < float32 < float64), so `tf.range(0, 2, 0.5)` is float32.
 */
export const range = tf1('range', [req('start', TENSOR), opt('limit', TENSOR), opt('delta', TENSOR), opt('dtype', DTYPE), opt('name', STR)], (a) => {
  let start = a.start;
  let limit = a.limit;
  if (limit === undefined || limit === null) [start, limit] = [0, start];
  const delta = a.delta ?? 1;
  const graph = graphOf([start, limit, delta]);
  return graph.name_scope(a.name ?? 'range', (scope) => {
    const dtype = a.dtype ?? undefined;
    let ts = (
      [
        ['start', start],
        ['limit', limit],
        ['delta', delta],
      ] as const
    ).map(([n, v]) => toTensor(v, { dtype, name: n, graph }));
    if (!dtype) {
      const bad = ts.find((t) => !RANGE_ORDER.includes(t.dtype));
      if (bad) throw new TFTypeError(`Value passed to parameter 'start' has DataType ${bad.dtype} not in list of allowed values: ${RANGE_ORDER.join(', ')}`);
      const widest = RANGE_ORDER[Math.max(...ts.map((t) => RANGE_ORDER.indexOf(t.dtype)))]!;
      ts = ts.map((t) => (t.dtype === widest ? t : graph.create_op('Cast', [t], { DstT: widest }, 'Cast').outputs[0]!));
    }
    return graph.create_op('Range', ts, {}, scope).outputs[0]!;
  });
});

/** `tf.expand_dims(input, axis, name, dim)`: `dim` is TF1's deprecated name for `axis`. */
export const expand_dims = tf1('expand_dims', [req('input', TENSOR), opt('axis', TENSOR), opt('name', STR), opt('dim', TENSOR)], (a) => {
  if (a.axis != null && a.dim != null) throw new ValueError("Cannot specify both 'axis' and 'dim'");
  const axis = a.axis ?? a.dim;
  if (axis == null) throw new ValueError('None values not supported.');
  return apply1({
    type: 'ExpandDims',
    name: a.name ?? undefined,
    defaultName: 'ExpandDims',
    inputs: [
      ['input', a.input],
      ['dim', axis],
    ],
    shared: ['input'],
    attrs: {},
  });
});

/** `tf.dynamic_stitch(indices, data, name)`: interleaves `data` by `indices` (gradients use it for shapes). */
export const dynamic_stitch = tf1('dynamic_stitch', [req('indices', list(TENSOR)), req('data', list(TENSOR)), opt('name', STR)], (a) => {
  const { indices, data } = a;
  if (indices.length !== data.length)
    throw new ValueError(`List argument 'indices' to 'DynamicStitch' Op with length ${indices.length} must match length ${data.length} of argument 'data'.`);
  const ins: [string, TensorLike][] = [
    ...indices.map((v, i) => [`indices_${i}`, v] as [string, TensorLike]),
    ...data.map((v, i) => [`data_${i}`, v] as [string, TensorLike]),
  ];
  return apply1({
    type: 'DynamicStitch',
    name: a.name ?? undefined,
    defaultName: 'DynamicStitch',
    inputs: ins,
    shared: data.map((_, i) => `data_${i}`),
    attrs: {},
  });
});

/** TF1's `broadcast_gradient_args(s0, s1)`: the axes each side was broadcast along (internal, for gradients). */
export function broadcast_gradient_args(s0: Tensor, s1: Tensor, name?: string): [Tensor, Tensor] {
  const g = s0.graph;
  return g.name_scope(name ?? 'BroadcastGradientArgs', (scope) => {
    const op = g.create_op('BroadcastGradientArgs', [s0, s1], {}, scope);
    return [op.outputs[0]!, op.outputs[1]!];
  });
}
