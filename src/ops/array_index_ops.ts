// tf.gather, tf.unsorted_segment_sum, tf.one_hot and tf.nn.embedding_lookup (one params tensor), in TF1's calling
// convention (python/ops/array_ops.py, math_ops.py, embedding_ops.py).
import type { DType } from '../framework/dtypes.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { apply1 } from './apply.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { identity, ones_like } from './array_ops.js';
import { ANY, BOOL, DTYPE, FLOAT, INT, STR, TENSOR, isVariable, kind, oneOf } from './kinds.js';
import { Tensor as TensorClass } from '../graph/tensor.js';
import { NDArray } from '../framework/ndarray.js';

/**
 * `tf.gather(params, indices, validate_indices, name, axis)`: a GatherV2 op (validate_indices is ignored, as in
 * TF1). Its gradient is the dense sum TF1's IndexedSlices converts to (see the definition).
 */
export const gather = tf1(
  'gather',
  [req('params', TENSOR), req('indices', TENSOR), opt('validate_indices', BOOL), opt('name', STR), opt('axis', TENSOR)],
  (a) =>
    apply1({
      type: 'GatherV2',
      name: a.name ?? undefined,
      defaultName: 'GatherV2',
      inputs: [
        ['params', a.params],
        ['indices', a.indices],
        ['axis', a.axis ?? 0],
      ],
      shared: ['params'],
      attrs: {},
    }),
);

/** `tf.unsorted_segment_sum(data, segment_ids, num_segments, name)`: rows of data summed by segment id (negative ids dropped). */
export const unsorted_segment_sum = tf1(
  'unsorted_segment_sum',
  [req('data', TENSOR), req('segment_ids', TENSOR), req('num_segments', TENSOR), opt('name', STR)],
  (a) =>
    apply1({
      type: 'UnsortedSegmentSum',
      name: a.name ?? undefined,
      defaultName: 'UnsortedSegmentSum',
      inputs: [
        ['data', a.data],
        ['segment_ids', a.segment_ids],
        ['num_segments', a.num_segments],
      ],
      shared: ['data'],
      attrs: {},
    }),
);

const dtypeOfValue = (v: TensorLike, graph: import('../graph/graph.js').Graph): DType => toTensor(v, { graph, name: 'Const' }).dtype;

/**
 * `tf.one_hot(indices, depth, on_value, off_value, axis, dtype, name)`: on_value (default 1) where the index equals
 * the position along the new axis (last by default), off_value (default 0) elsewhere; dtype float32 unless given or
 * taken from on_value/off_value. A plain JS number for on_value/off_value takes `dtype` when one is given (JavaScript
 * has no float literal to tell TF1's `1.0` from `1`).
 */
export const one_hot = tf1(
  'one_hot',
  [req('indices', TENSOR), req('depth', TENSOR), opt('on_value', TENSOR), opt('off_value', TENSOR), opt('axis', INT), opt('dtype', DTYPE), opt('name', STR)],
  (a) => {
    const graph = graphOf([a.indices, a.depth, a.on_value, a.off_value]);
    return graph.name_scope(a.name ?? 'one_hot', (scope) => {
      const given = a.dtype ?? undefined;
      // As TF1: on_value and off_value converted on their own (a Const each) to learn their dtypes.
      const typed = (v: TensorLike | null | undefined): TensorLike | undefined =>
        v == null ? undefined : given && (typeof v === 'number' || typeof v === 'boolean') ? toTensor(v, { graph, dtype: given, name: 'Const' }) : v;
      const on = typed(a.on_value);
      const off = typed(a.off_value);
      const onDtype = on === undefined ? undefined : dtypeOfValue(on, graph);
      const offDtype = off === undefined ? undefined : dtypeOfValue(off, graph);
      let dtype: DType;
      if (onDtype || offDtype) {
        if (given) {
          if (onDtype && onDtype !== given) throw new TFTypeError(`dtype ${onDtype} of on_value does not match dtype parameter ${given}`);
          if (offDtype && offDtype !== given) throw new TFTypeError(`dtype ${offDtype} of off_value does not match dtype parameter ${given}`);
          dtype = given;
        } else dtype = (onDtype ?? offDtype)!;
      } else dtype = given ?? 'float32';
      const onT = on ?? toTensor(1, { graph, dtype, name: 'on_value' });
      const offT = off ?? toTensor(0, { graph, dtype, name: 'off_value' });
      const onD = onDtype ?? dtype;
      const offD = offDtype ?? dtype;
      if (onD !== offD) throw new TFTypeError(`dtype ${onD} of on_value does not match dtype ${offD} of off_value`);
      return apply1({
        type: 'OneHot',
        name: scope,
        defaultName: 'OneHot',
        inputs: [
          ['indices', a.indices],
          ['depth', a.depth],
          ['on_value', onT],
          ['off_value', offT],
        ],
        shared: ['on_value', 'off_value'],
        attrs: { axis: a.axis ?? -1 },
      });
    });
  },
);

const PARAMS = kind<TensorLike | readonly TensorLike[]>('a Tensor or a list of Tensors', (v) => v !== null && v !== undefined);
const PARTITION = kind<'mod' | 'div'>("'mod' or 'div'", (v) => v === 'mod' || v === 'div');

/**
 * `tf.nn.embedding_lookup(params, ids, partition_strategy, name, validate_indices, max_norm)`: the rows of params
 * the ids name, as TF1 builds it for one params tensor (or a list of one): a gather named after the scope, then an
 * Identity. tf1-ts has no DynamicPartition, so more than one partition, and max_norm (clip_by_norm), are refused.
 */
export const embedding_lookup = tf1(
  'nn.embedding_lookup',
  [
    req('params', PARAMS),
    req('ids', TENSOR),
    opt('partition_strategy', PARTITION),
    opt('name', STR),
    opt('validate_indices', BOOL),
    opt('max_norm', oneOf('float or Tensor', FLOAT, TENSOR)),
  ],
  (a) => {
    // A list of Tensors, Variables or NDArrays is TF1's list of partitions; any other JS array is one value.
    const isPart = (p: unknown): boolean => p instanceof TensorClass || isVariable(p) || p instanceof NDArray;
    const list = Array.isArray(a.params) && a.params.every(isPart) ? (a.params as readonly TensorLike[]) : [a.params as TensorLike];
    if (list.length === 0) throw new ValueError('Need at least one param');
    if (list.length > 1) {
      throw new ValueError(
        `embedding_lookup over ${list.length} partitioned params needs DynamicPartition, which tf1-ts does not have: pass one params tensor`,
      );
    }
    if (a.max_norm != null) throw new ValueError('embedding_lookup: max_norm needs clip_by_norm, which tf1-ts does not have');
    const graph = graphOf([list[0], a.ids]);
    return graph.name_scope(a.name ?? 'embedding_lookup', (scope) => {
      const params = toTensor(list[0]!, { graph, name: 'params_0' });
      const ids = toTensor(a.ids, { graph, name: 'ids' });
      const result: Tensor = gather(params, ids, { name: scope });
      return identity(result);
    });
  },
);

const MASK = kind<number>('int', (v) => typeof v === 'number' && Number.isSafeInteger(v));

/**
 * `tf.strided_slice(input_, begin, end, strides, begin_mask, end_mask, ellipsis_mask, new_axis_mask,
 * shrink_axis_mask, var, name)`: a StridedSlice op; strides default to ones_like(begin). `var` (TF1's variable whose
 * slice can be assigned) is accepted and unused: tf1-ts's slices have no `assign`.
 */
export const strided_slice = tf1(
  'strided_slice',
  [
    req('input_', TENSOR),
    req('begin', TENSOR),
    req('end', TENSOR),
    opt('strides', TENSOR),
    opt('begin_mask', MASK),
    opt('end_mask', MASK),
    opt('ellipsis_mask', MASK),
    opt('new_axis_mask', MASK),
    opt('shrink_axis_mask', MASK),
    opt('var', ANY),
    opt('name', STR),
  ],
  (a) => {
    const strides = a.strides ?? ones_like(a.begin);
    return apply1({
      type: 'StridedSlice',
      name: a.name ?? undefined,
      defaultName: 'StridedSlice',
      inputs: [
        ['input', a.input_],
        ['begin', a.begin],
        ['end', a.end],
        ['strides', strides],
      ],
      shared: ['begin', 'end', 'strides'],
      attrs: {
        begin_mask: a.begin_mask ?? 0,
        end_mask: a.end_mask ?? 0,
        ellipsis_mask: a.ellipsis_mask ?? 0,
        new_axis_mask: a.new_axis_mask ?? 0,
        shrink_axis_mask: a.shrink_axis_mask ?? 0,
      },
    });
  },
);

/** `tf.linspace(start, stop, num, name)` (also `tf.lin_space`): a LinSpace op; JS numbers for start and stop are float32. */
export const linspace = tf1('linspace', [req('start', TENSOR), req('stop', TENSOR), req('num', TENSOR), opt('name', STR)], (a) =>
  apply1({
    type: 'LinSpace',
    name: a.name ?? undefined,
    defaultName: 'LinSpace',
    inputs: [
      ['start', a.start],
      ['stop', a.stop],
      ['num', a.num],
    ],
    shared: ['start', 'stop'],
    fallback: 'float32',
    attrs: {},
  }),
);
/** `tf.lin_space`: TF1's other name of `tf.linspace`. */
export const lin_space = tf1('lin_space', [req('start', TENSOR), req('stop', TENSOR), req('num', TENSOR), opt('name', STR)], (a) =>
  linspace(a.start, a.stop, a.num, { name: a.name ?? null }),
);
