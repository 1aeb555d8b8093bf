// TF1's Switch and Merge builders (control_flow_ops.py's switch, merge, _SwitchRefOrTensor) and the zeros a
// Switch's untaken output gets in a gradient (ZerosLikeOutsideLoop).
import type { Tensor } from '../graph/tensor.js';
import { isRefOutput } from '../framework/op_defs.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import { applyOp } from './apply.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { name_scope } from './scopes.js';
import * as A from './array_ops.js';
import type { Operation } from '../graph/operation.js';

/** True for a tensor TF1 gives a `_ref` dtype (a variable's storage), which goes through RefSwitch. */
export const isRefTensor = (t: Tensor): boolean => isRefOutput(t.op.type, t.value_index);

/**
 * TF1's `switch(data, pred, dtype, name)`: (output_false, output_true); `data` goes to output_true when `pred` is
 * true, else to output_false, and the other output is dead. The op is named after its scope (`Switch`).
 */
export function switch_(data: TensorLike, pred: TensorLike, name?: string | null): [Tensor, Tensor] {
  const g = graphOf([data, pred]);
  return g.as_default(() =>
    name_scope(name ?? null, 'Switch', [data, pred], (scope) => {
      const d = toTensor(data, { name: 'data', graph: g });
      const p = toTensor(pred, { name: 'pred', graph: g });
      const op = applyOp({
        type: 'Switch',
        name: scope,
        defaultName: 'Switch',
        inputs: [
          ['data', d],
          ['pred', p],
        ],
        attrs: {},
      });
      return [op.outputs[0]!, op.outputs[1]!];
    }),
  );
}

/** TF1's `_SwitchRefOrTensor(data, pred, name)`: a RefSwitch for a variable's storage, else a Switch. */
export function switchRefOrTensor(data: Tensor, pred: Tensor, name = 'Switch'): [Tensor, Tensor] {
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
 * named after its scope (`Merge`).
 */
export function merge(inputs: readonly TensorLike[], name?: string | null): [Tensor, Tensor] {
  if (!Array.isArray(inputs) || inputs.length === 0) throw new TFTypeError('merge() expects a non-empty list of tensors');
  const g = graphOf(inputs);
  return g.as_default(() =>
    name_scope(name ?? null, 'Merge', inputs, (scope) => {
      const ts = inputs.map((t) => toTensor(t, { graph: g }));
      // all of them a variable's storage: a RefMerge, whose output is that storage too
      const op = g.create_op(ts.every(isRefTensor) ? 'RefMerge' : 'Merge', ts, {}, scope);
      return [op.outputs[0]!, op.outputs[1]!];
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
