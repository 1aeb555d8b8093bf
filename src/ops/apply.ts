import type { DType } from '../framework/dtypes.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { OpAttrs, OpType } from '../framework/op_defs.js';
import { convertInputs, graphOf, withLiteralHint, type TensorLike } from './convert.js';
// Every builder comes through here: Tensor's operator methods are installed before any Tensor is made.
import './operators.js';

/** How a builder describes one op: its type, default name, named inputs and attributes. */
export interface OpSpec<K extends OpType> {
  type: K;
  name?: string | undefined;
  defaultName: string;
  inputs: readonly [string, TensorLike][];
  /** Input names that share the op's type attribute: JS values among them take the first tensor's dtype. */
  shared?: readonly string[];
  /** The dtype JS values take when no shared input is a tensor. */
  fallback?: DType;
  attrs: OpAttrs[K];
}

/** TF1's `apply_op`: opens the op's name scope, converts inputs there (`add/y`), creates the op with the scope's name. */
export function applyOp<K extends OpType>(spec: OpSpec<K>): Operation<K> {
  const graph = graphOf(spec.inputs.map(([, v]) => v));
  return graph.name_scope(spec.name ?? spec.defaultName, (scope) => {
    const tensors = convertInputs(graph, spec.inputs, spec.shared ?? spec.inputs.map(([n]) => n), spec.fallback);
    try {
      return graph.create_op(spec.type, tensors, spec.attrs, scope);
    } catch (e) {
      throw withLiteralHint(e, tensors);
    }
  });
}

/** `applyOp` for ops with one output. */
export function apply1<K extends OpType>(spec: OpSpec<K>): Tensor {
  return applyOp(spec).outputs[0]!;
}
