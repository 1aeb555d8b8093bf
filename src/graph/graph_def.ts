import type { DType, HostArray, StringArray } from '../framework/dtypes.js';
import type { Dim } from '../framework/shape.js';
import type { Operation } from './operation.js';
import { NDArray } from '../framework/ndarray.js';
import { nodeInputs } from './node_def.js';
import type { OpaqueNode } from './opaque_import.js';
import type { OpAttrs } from '../framework/op_defs.js';

/** An attribute value in a snapshot: plain data, a shape, or a tensor's contents. */
export type AttrValue = string | number | boolean | readonly Dim[] | readonly DType[] | null | TensorData;

/** A tensor's contents in a snapshot: numbers in a typed array, or a string tensor's byte strings. */
export type TensorData = { readonly dtype: DType; readonly shape: readonly number[]; readonly data: HostArray | StringArray };

/** One node of a GraphDef snapshot, as TF1's NodeDef: name, op type, inputs (`x`, `x:1`, `^ctrl`), attrs. */
export interface NodeDef {
  readonly name: string;
  readonly op: string;
  readonly input: readonly string[];
  readonly attr: Readonly<Record<string, AttrValue>>;
  /** Static output shapes and dtypes, as TF1's `_output_shapes` attribute carries them. */
  readonly outputs: readonly { readonly dtype: DType; readonly shape: readonly Dim[] | null }[];
  /** A node whose op type tf1-ts lacks (an opaque node): its attributes as the file held them. */
  readonly opaque?: OpaqueNode;
}

/** An immutable snapshot of a graph: TF1's GraphDef. */
export interface GraphDef {
  readonly node: NodeDef[];
  readonly versions: { readonly producer: number };
}

/** The NodeDef of an op; tensors inside attributes keep their typed data (immer leaves typed arrays as they are). */
export function nodeDefOf(op: Operation): NodeDef {
  const outputs = op.outputs.map((t) => ({ dtype: t.dtype, shape: t.shape.dims === null ? null : [...t.shape.dims] }));
  if (op.type === '_Opaque') {
    const a = op.attrs as OpAttrs['_Opaque'];
    return { name: op.name, op: a.op, input: nodeInputs(op), attr: {}, outputs, opaque: { attr: a.attr } };
  }
  const attr: Record<string, AttrValue> = {};
  for (const [k, v] of Object.entries(op.attrs as Record<string, unknown>)) {
    attr[k] = v instanceof NDArray ? { dtype: v.dtype, shape: [...v.shape], data: v.dtype === 'string' ? v.strings : v.data } : (v as AttrValue);
  }
  return {
    name: op.name,
    op: op.type,
    input: nodeInputs(op),
    attr,
    outputs,
  };
}
