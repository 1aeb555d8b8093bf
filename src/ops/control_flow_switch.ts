// TF1's Switch and Merge builders (control_flow_ops.py's switch, merge, _SwitchRefOrTensor) and the zeros a
// Switch's untaken output gets in a gradient (ZerosLikeOutsideLoop).
import { Tensor } from '../graph/tensor.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { ValueError } from '../framework/errors.js';
import { asIndexedSlicesList } from './indexed_slices_ops.js';
import { isRefOutput } from '../framework/op_defs.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import { applyOp } from './apply.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { name_scope } from './scopes.js';
import * as A from './array_ops.js';
import type { Operation } from '../graph/operation.js';

/** True for a tensor TF1 gives a `_ref` dtype (a variable's storage), which goes through RefSwitch. */
export const isRefTensor = (t: Tensor): boolean => isRefOutput(t.op.type, t.value_index);

/** The one Switch op of a switch: (output_false, output_true), named `name`. */
function switchOp(d: Tensor, p: Tensor, name: string): [Tensor, Tensor] {
  const inputs: [string, Tensor][] = [
    ['data', d],
    ['pred', p],
  ];
  const op = applyOp({ type: 'Switch', name, defaultName: 'Switch', inputs, attrs: {} });
  return [op.outputs[0]!, op.outputs[1]!];
}

/**
 * TF1's `switch(data, pred, dtype, name)`: (output_false, output_true); `data` goes to output_true when `pred` is
 * true, else to output_false, and the other output is dead. The op is named after its scope (`Switch`). An
 * IndexedSlices is switched part by part (its indices by `<scope>/indices`, its dense_shape by `<scope>/dense_shape`).
 */
export function switch_(data: IndexedSlices, pred: TensorLike, name?: string | null): [IndexedSlices, IndexedSlices];
export function switch_(data: Exclude<TensorLike, IndexedSlices>, pred: TensorLike, name?: string | null): [Tensor, Tensor];
export function switch_(data: TensorLike, pred: TensorLike, name?: string | null): [Tensor, Tensor] | [IndexedSlices, IndexedSlices];
export function switch_(data: TensorLike, pred: TensorLike, name?: string | null): [Tensor, Tensor] | [IndexedSlices, IndexedSlices] {
  const g = graphOf([data, pred]);
  return g.as_default(() =>
    name_scope(name ?? null, 'Switch', [data, pred], (scope): [Tensor, Tensor] | [IndexedSlices, IndexedSlices] => {
      const d = data instanceof IndexedSlices ? data : toTensor(data, { name: 'data', graph: g });
      const p = toTensor(pred, { name: 'pred', graph: g });
      if (d instanceof Tensor) return switchOp(d, p, scope);
      const [valF, valT] = switchOp(d.values, p, scope);
      const [indF, indT] = switchOp(d.indices, p, 'indices');
      const [shapeF, shapeT] = d.dense_shape ? switchOp(d.dense_shape, p, 'dense_shape') : [null, null];
      return [new IndexedSlices(valF, indF, shapeF), new IndexedSlices(valT, indT, shapeT)];
    }),
  );
}

/** TF1's `_SwitchRefOrTensor(data, pred, name)`: a RefSwitch for a variable's storage, else a Switch (of each part of an IndexedSlices). */
export function switchRefOrTensor(data: Tensor, pred: Tensor, name = 'Switch'): [Tensor, Tensor] {
  if (data instanceof IndexedSlices) return switch_(data, pred, name) as unknown as [Tensor, Tensor];
  if (!isRefTensor(data)) return switch_(data, pred, name);
  const op = data.graph.as_default(() =>
    applyOp({
      type: 'RefSwitch',
      defaultName: name,
      inputs: [
        ['data', data],
        ['pred', pred],
      ],
      attrs: {},
    }),
  );
  return [op.outputs[0]!, op.outputs[1]!];
}

/**
 * TF1's `merge(inputs, name)`: (output, value_index), the first input that is alive and its index. The op is
 * named after its scope (`Merge`). IndexedSlices (with Tensors among them as IndexedSlices of all their rows) are
 * merged part by part: values by the scope's Merge, indices by `<scope>/indices`, dense_shapes by `<scope>/dense_shape`.
 */
export function merge(inputs: readonly Exclude<TensorLike, IndexedSlices>[], name?: string | null): [Tensor, Tensor];
export function merge(inputs: readonly TensorLike[], name?: string | null): [Tensor | IndexedSlices, Tensor];
export function merge(inputs: readonly TensorLike[], name?: string | null): [Tensor | IndexedSlices, Tensor] {
  if (!Array.isArray(inputs) || inputs.length === 0) throw new TFTypeError('merge() expects a non-empty list of tensors');
  if (inputs.some((i) => i === null || i === undefined)) throw new ValueError(`At least one of the merge inputs is None: ${inputs}`);
  const g = graphOf(inputs);
  return g.as_default(() =>
    name_scope(name ?? null, 'Merge', inputs, (scope): [Tensor | IndexedSlices, Tensor] => {
      const ts = inputs.map((t) => (t instanceof IndexedSlices ? t : toTensor(t, { graph: g })));
      // all of them a variable's storage: a RefMerge, whose output is that storage too
      const mergeOp = (xs: Tensor[]) => g.create_op(xs.every(isRefTensor) ? 'RefMerge' : 'Merge', xs, {}, scope);
      if (ts.every((t): t is Tensor => t instanceof Tensor)) {
        const op = mergeOp(ts);
        return [op.outputs[0]!, op.outputs[1]!];
      }
      // TF1 converts them all to IndexedSlices (optimize=False: Shape ops, not constants).
      const slices = asIndexedSlicesList(ts, false);
      const values = mergeOp(slices.map((x) => x.values)).outputs[0]!;
      // gen_control_flow_ops.merge(..., name=...) inside the scope: `<scope>/indices`, `<scope>/dense_shape`
      const named = (xs: Tensor[], name: string) =>
        applyOp({ type: 'Merge', name, defaultName: 'Merge', inputs: xs.map((x, i) => [`inputs_${i}`, x] as [string, Tensor]), attrs: {} });
      const indicesOp = named(
        slices.map((x) => x.indices),
        'indices',
      );
      let denseShape: Tensor | null = null;
      if (slices.some((x) => x.dense_shape !== null)) {
        if (slices.some((x) => x.dense_shape === null))
          throw new ValueError('Either all merged IndexedSlices must have a dense_shape, or none must have a dense_shape.');
        denseShape = named(
          slices.map((x) => x.dense_shape!),
          'dense_shape',
        ).outputs[0]!;
      }
      return [new IndexedSlices(values, indicesOp.outputs[0]!, denseShape), indicesOp.outputs[1]!];
    }),
  );
}

/** What ZerosLikeOutsideLoop needs of a cond branch's context. */
interface CondLike {
  readonly pred: Tensor;
  readonly branch: 0 | 1;
}

/**
 * TF1's `ZerosLikeOutsideLoop(op, index)`: zeros for an output of `op` that got no gradient. For a Switch of a
 * cond branch they are made only when that output is alive: from a Switch of its input on the cond's predicate.
 */
export function zerosLikeOutsideLoop(op: Operation, index: number): Tensor {
  const val = op.outputs[index]!;
  const ctx = op._control_flow_context as unknown as Partial<CondLike> | null;
  if ((op.type !== 'Switch' && op.type !== 'RefSwitch') || !ctx || ctx.pred === undefined || ctx.branch === undefined) return A.zeros_like(val);
  const switchVal = switch_(op.inputs[0]!, ctx.pred)[1 - ctx.branch]!;
  const pivot = A.identity(switchVal);
  // shape_internal(optimize=False): a Shape op even where the static shape is known.
  const zerosShape = applyOp({ type: 'Shape', defaultName: 'Shape', inputs: [['input', switchVal]], attrs: { out_type: 'int32' } }).outputs[0]!;
  return op.graph.control_dependencies([pivot], () => A.zeros(zerosShape, val.dtype));
}
