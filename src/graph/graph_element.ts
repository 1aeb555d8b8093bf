// TF1's Graph.as_graph_element: what a fetch, a control input or a name scope's value stands for in a graph.
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { Graph } from './graph.js';
import { Operation } from './operation.js';
import { Tensor } from './tensor.js';

/** Which kinds of element are allowed (both by default), as TF1's `allow_tensor` and `allow_operation`. */
export interface GraphElementOptions {
  allow_tensor?: boolean;
  allow_operation?: boolean;
}

// A tf.Variable carries this mark (ops/kinds.ts); it stands for its storage tensor, as TF1's Variable._as_graph_element.
const VARIABLE = Symbol.for('tf1-ts.variable');

function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

/** TF1's `Graph.as_graph_element(obj, allow_tensor, allow_operation)`, with TF1's errors. */
export function asGraphElement(graph: Graph, obj: unknown, { allow_tensor = true, allow_operation = true }: GraphElementOptions = {}): Tensor | Operation {
  if (!allow_tensor && !allow_operation) throw new ValueError("allow_tensor and allow_operation can't both be False.");
  const types = allow_tensor && allow_operation ? 'Tensor or Operation' : allow_tensor ? 'Tensor' : 'Operation';
  if (typeof obj === 'object' && obj !== null) {
    if (VARIABLE in obj) obj = (obj as unknown as { _ref(): Tensor })._ref();
    else if (typeof (obj as { _as_graph_element?: unknown })._as_graph_element === 'function') {
      const el = (obj as { _as_graph_element(): unknown })._as_graph_element();
      if (el !== null && el !== undefined) obj = el;
    }
  }
  if (typeof obj === 'string') {
    const tensorName = obj.includes(':');
    if (tensorName && allow_tensor) return graph.get_tensor_by_name(obj);
    if (tensorName) throw new ValueError(`Name '${obj}' appears to refer to a Tensor, not a ${types}.`);
    if (allow_operation) return graph.get_operation_by_name(obj);
    const what = graph._get_op(obj) ? 'refers to an Operation' : 'looks like an (invalid) Operation name';
    throw new ValueError(`The name '${obj}' ${what}, not a ${types}. Tensor names must be of the form "<op_name>:<output_index>".`);
  }
  if (obj instanceof Tensor && allow_tensor) {
    if (obj.graph !== graph) throw new ValueError(`Tensor ${obj} is not an element of this graph.`);
    return obj;
  }
  if (obj instanceof Operation && allow_operation) {
    if (obj.graph !== graph) throw new ValueError(`Operation ${obj} is not an element of this graph.`);
    return obj;
  }
  throw new TFTypeError(`Can not convert a ${pyTypeName(obj)} into a ${types}.`);
}
