// tf.concat, tf.stack, tf.unstack, tf.shape_n, tf.slice and tf.pad in TF1's calling convention (array_ops.py).
import { Tensor } from '../graph/tensor.js';
import { MISMATCH, opt, req, tf1 } from '../framework/args.js';
import { ValueError, TypeError as TFTypeError } from '../framework/errors.js';
import { applyOp, apply1 } from './apply.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { INT, STR, TENSOR, kind, list } from './kinds.js';
import { autopack, holdsTensor, nestedDtype, PACKABLE, packedArg, type Packable } from './autopack.js';

export { PACKABLE, packedArg, type Packable } from './autopack.js';

/** A list of values, or one Tensor-like value (TF1 wraps it in a list). */
const VALUES = kind<Packable>('a list of Tensors', (v) => TENSOR.parse(v) !== MISMATCH, { refuse: TENSOR.refuse });
const INDEX_DTYPE = kind<'int32' | 'int64'>('int32 or int64', (v) => v === 'int32' || v === 'int64');
const named = (prefix: string, values: readonly TensorLike[]): [string, TensorLike][] => values.map((v, i) => [`${prefix}_${i}`, v]);

/** TF1's op-def check of a list input's length. */
function checkLength(arg: string, type: string, n: number, min: number): void {
  if (n < min) throw new ValueError(`List argument '${arg}' to '${type}' Op with length ${n} shorter than minimum length ${min}.`);
}

/**
 * `tf.concat(values, axis, name)`: a ConcatV2 op; a single value (or a list of one) is returned through an
 * Identity named after the scope, with the axis still checked to be an int32 scalar (TF1's degenerate case).
 */
export const concat = tf1('concat', [req('values', VALUES), req('axis', TENSOR), opt('name', STR)], (a): Tensor => {
  const values = (Array.isArray(a.values) ? a.values : [a.values]) as TensorLike[];
  if (values.length === 1) {
    const graph = graphOf([values[0], a.axis]);
    return graph.name_scope(a.name ?? 'concat', (scope) => {
      toTensor(a.axis, { name: 'concat_dim', dtype: 'int32', graph }).shape.assert_is_compatible_with([]);
      const v = toTensor(values[0]!, { graph, name: 'input' });
      return graph.create_op('Identity', [v], {}, scope).outputs[0]!;
    });
  }
  checkLength('values', 'ConcatV2', values.length, 2);
  const inputs = named('values', values);
  return apply1({
    type: 'ConcatV2',
    name: a.name ?? undefined,
    defaultName: 'concat',
    inputs: [...inputs, ['axis', a.axis]],
    shared: inputs.map(([n]) => n),
    attrs: {},
  });
});

/**
 * `tf.stack(values, axis, name)`: along axis 0, a list of plain values is one Const and a list holding Tensors
 * is packed as TF1's conversion packs it; along another axis, a Pack op after TF1's check of the axis.
 */
export const stack = tf1('stack', [req('values', VALUES), opt('axis', INT), opt('name', STR)], (a): Tensor => {
  const axis = a.axis ?? 0;
  const name = a.name ?? 'stack';
  // An array value (TF1: a NumPy array) converts whole along axis 0; op_def_library refuses it as Pack's list.
  if (!Array.isArray(a.values)) {
    if (axis === 0) return toTensor(a.values as TensorLike, { name, graph: graphOf([a.values]) });
    throw new TFTypeError(`Expected list for 'values' argument to 'Pack' Op, not ${String(a.values)}.`);
  }
  const values = a.values as readonly TensorLike[];
  if (axis === 0) {
    if (!holdsTensor(values)) {
      try {
        return toTensor(values as TensorLike, { name, graph: graphOf(values) });
      } catch (e) {
        if (!(e instanceof ValueError) && !(e instanceof TFTypeError)) throw e;
      }
    } else {
      const packed = autopack(values, nestedDtype(values)!, name);
      if (packed instanceof Tensor) return packed;
    }
  }
  checkLength('values', 'Pack', values.length, 1);
  const first = toTensor(values[0]!, { name, graph: graphOf(values) });
  if (first.shape.dims !== null) {
    const n = first.shape.dims.length + 1;
    if (axis < -n || axis >= n) throw new ValueError(`axis = ${axis} not in [${-n}, ${n})`);
  }
  const inputs = named('values', values);
  return apply1({ type: 'Pack', name, defaultName: 'stack', inputs, shared: inputs.map(([n]) => n), attrs: { axis } });
});

/** `tf.unstack(value, num, axis, name)`: the Unpack op's outputs; `num` comes from the static shape when not given. */
export const unstack = tf1('unstack', [req('value', TENSOR), opt('num', INT), opt('axis', INT), opt('name', STR)], (a): Tensor[] => {
  const axis = a.axis ?? 0;
  let num = a.num ?? null;
  let value = a.value;
  if (num === null) {
    const t = toTensor(value, { graph: graphOf([value]) });
    value = t;
    const s = t.shape;
    if (s.dims !== null) {
      const r = s.dims.length;
      if (axis < -r || axis >= r) throw new ValueError(`axis = ${axis} not in [${-r}, ${r})`);
      num = s.dims[axis < 0 ? axis + r : axis]!;
    }
    if (num === null) throw new ValueError(`Cannot infer num from shape ${s}`);
  }
  return applyOp({ type: 'Unpack', name: a.name ?? 'unstack', defaultName: 'unstack', inputs: [['value', value]], attrs: { num, axis } }).outputs.slice();
});

/** `tf.shape_n(input, out_type, name)`: the shapes of a list of tensors, one ShapeN op. */
export const shape_n = tf1('shape_n', [req('input', list(TENSOR, 'list of Tensors')), opt('out_type', INDEX_DTYPE), opt('name', STR)], (a): Tensor[] => {
  checkLength('input', 'ShapeN', a.input.length, 1);
  const inputs = named('input', a.input);
  return applyOp({
    type: 'ShapeN',
    name: a.name ?? undefined,
    defaultName: 'ShapeN',
    inputs,
    shared: inputs.map(([n]) => n),
    attrs: { out_type: a.out_type ?? 'int32' },
  }).outputs.slice();
});

/** TF1's gen_array_ops.concat_offset(concat_dim, shape): where each input of a concatenation starts (gradients use it). */
export function concat_offset(concat_dim: TensorLike, shape: readonly TensorLike[], name?: string): Tensor[] {
  checkLength('shape', 'ConcatOffset', shape.length, 2);
  return applyOp({
    type: 'ConcatOffset',
    name,
    defaultName: 'ConcatOffset',
    inputs: [['concat_dim', concat_dim], ...named('shape', shape)],
    attrs: {},
  }).outputs.slice();
}

/** `tf.slice(input_, begin, size, name)`: `size[i]` of -1 takes the rest of dimension i. */
export const slice = tf1('slice', [req('input_', TENSOR), req('begin', PACKABLE), req('size', PACKABLE), opt('name', STR)], (a) => {
  const graph = graphOf([a.input_, a.begin, a.size]);
  return graph.name_scope(a.name ?? 'Slice', (scope) =>
    apply1({
      type: 'Slice',
      name: scope,
      defaultName: 'Slice',
      inputs: [
        ['input', a.input_],
        ['begin', packedArg(a.begin, 'begin')],
        ['size', packedArg(a.size, 'size')],
      ],
      shared: ['begin', 'size'],
      attrs: {},
    }),
  );
});

const MODE = kind<string>('str', (v) => typeof v === 'string');

/**
 * `tf.pad(tensor, paddings, mode, name, constant_values)`: a Pad op, or PadV2 when `constant_values` is not 0; a
 * MirrorPad op in the modes REFLECT and SYMMETRIC (any case).
 */
export const pad = tf1(
  'pad',
  [req('tensor', TENSOR), req('paddings', PACKABLE), opt('mode', MODE), opt('name', STR), opt('constant_values', TENSOR)],
  (a): Tensor => {
    const mode = (a.mode ?? 'CONSTANT').toUpperCase();
    if (mode === 'REFLECT' || mode === 'SYMMETRIC') {
      const graph = graphOf([a.tensor, a.paddings]);
      return graph.name_scope(a.name ?? 'MirrorPad', (scope) =>
        apply1({
          type: 'MirrorPad',
          name: scope,
          defaultName: 'MirrorPad',
          inputs: [
            ['input', a.tensor],
            ['paddings', packedArg(a.paddings, 'paddings')],
          ],
          shared: ['input'],
          attrs: { mode },
        }),
      );
    }
    if (mode !== 'CONSTANT') throw new ValueError(`Unknown padding mode: ${mode}`);
    const cv = a.constant_values ?? 0;
    const type = cv !== 0 ? 'PadV2' : 'Pad';
    const graph = graphOf([a.tensor, a.paddings, cv]);
    return graph.name_scope(a.name ?? type, (scope) => {
      const ins: [string, TensorLike][] = [
        ['input', a.tensor],
        ['paddings', packedArg(a.paddings, 'paddings')],
      ];
      if (type === 'PadV2')
        return apply1({ type, name: scope, defaultName: type, inputs: [...ins, ['constant_values', cv]], shared: ['input', 'constant_values'], attrs: {} });
      return apply1({ type, name: scope, defaultName: type, inputs: ins, shared: ['input'], attrs: {} });
    });
  },
);

/**
 * `tf.split(value, num_or_size_splits, axis, num, name)`: an integer splits into that many equal parts (Split),
 * a vector of sizes into parts of those sizes (SplitV, `num` of them: the vector's length when not given).
 * As TF1, `num_or_size_splits` is converted to a tensor first (a Const outside the op's scope).
 */
export const split = tf1(
  'split',
  [req('value', TENSOR), req('num_or_size_splits', PACKABLE), opt('axis', TENSOR), opt('num', INT), opt('name', STR)],
  (a): Tensor[] => {
    const axis = a.axis ?? 0;
    const name = a.name ?? 'split';
    const sizeSplits = toTensor(packedArg(a.num_or_size_splits, 'packed'), { graph: graphOf([a.value, a.num_or_size_splits, axis]) });
    if (sizeSplits.shape.ndims === 0 && (sizeSplits.dtype === 'int32' || sizeSplits.dtype === 'int64')) {
      if (typeof a.num_or_size_splits !== 'number') {
        throw new TFTypeError(`Expected int for argument 'num_split' not ${String(a.num_or_size_splits)}.`);
      }
      const inputs: [string, TensorLike][] = [
        ['split_dim', axis],
        ['value', a.value],
      ];
      return applyOp({ type: 'Split', name, defaultName: 'split', inputs, shared: ['value'], attrs: { num_split: a.num_or_size_splits } }).outputs.slice();
    }
    let num = a.num ?? null;
    if (num === null) {
      num = sizeSplits.shape.dims?.[0] ?? null;
      if (num === null) throw new ValueError(`Cannot infer num from shape ${String(a.num_or_size_splits)}`);
    }
    const inputs: [string, TensorLike][] = [
      ['value', a.value],
      ['size_splits', sizeSplits],
      ['split_dim', axis],
    ];
    return applyOp({ type: 'SplitV', name, defaultName: 'split', inputs, shared: ['value'], attrs: { num_split: num } }).outputs.slice();
  },
);

const AXES = kind<number | readonly number[]>(
  'int or list of ints',
  (v) => Number.isSafeInteger(v) || (Array.isArray(v) && v.every((d) => Number.isSafeInteger(d))),
);

/** `tf.squeeze(input, axis, name, squeeze_dims)`: the dims of size 1 removed (those in `axis`, else all); `squeeze_dims` is TF1's deprecated name. */
export const squeeze = tf1('squeeze', [req('input', TENSOR), opt('axis', AXES), opt('name', STR), opt('squeeze_dims', AXES)], (a): Tensor => {
  if (a.axis != null && a.squeeze_dims != null) throw new ValueError("Cannot specify both 'axis' and 'squeeze_dims'");
  const axis = a.axis ?? a.squeeze_dims ?? [];
  const dims = typeof axis === 'number' ? [axis] : [...axis];
  return apply1({ type: 'Squeeze', name: a.name ?? undefined, defaultName: 'Squeeze', inputs: [['input', a.input]], attrs: { squeeze_dims: dims } });
});

/** `tf.reverse(tensor, axis, name)` (also `tf.reverse_v2`): the dims listed in `axis` reversed (a ReverseV2 op). */
function reverseOp(name: string) {
  return tf1(
    name,
    [req('tensor', TENSOR), req('axis', TENSOR), opt('name', STR)],
    (a): Tensor =>
      apply1({
        type: 'ReverseV2',
        name: a.name ?? undefined,
        defaultName: 'ReverseV2',
        inputs: [
          ['tensor', a.tensor],
          ['axis', a.axis],
        ],
        shared: ['tensor'],
        attrs: {},
      }),
  );
}
/** `tf.reverse(tensor, axis, name)`. */
export const reverse = reverseOp('reverse');
/** `tf.reverse_v2(tensor, axis, name)`, TF1's other name of tf.reverse. */
export const reverse_v2 = reverseOp('reverse_v2');
