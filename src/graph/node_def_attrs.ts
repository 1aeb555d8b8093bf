// The attributes TF1 r1.12 gives a node, beyond the ones tf1-ts's ops carry: the type attributes TF1
// infers from the inputs (`T`, `Tidx`, `SrcT`, ... from REGISTER_OP's `x: T`), `N` for list inputs, the
// defaults TF1's registrations declare that tf1-ts does not model (`container`, `Truncate`), and
// `_gradient_op_type` from gradient_override_map. TF1's NodeDef holds them all, so its printed form,
// `op.get_attr` and the node's text do too.
import { fromBinary } from '@bufbuild/protobuf';
import { isOpaque, OP_DEFS, type OpAttrs, type OpType } from '../framework/op_defs.js';
import { dtypeOf } from '../framework/dtypes.js';
import { AttrValueSchema } from '../framework/proto/tensorflow/core/framework/attr_value_pb.js';
import { DataType } from '../framework/proto/tensorflow/core/framework/types_pb.js';
import type { DType } from '../framework/dtypes.js';
import type { AttrKind } from '../framework/op_def.js';
import type { Operation } from './operation.js';

/** The kind of an attribute's value, as TF1's AttrValue holds it (`type_list`: a `list(type)` attr TF1 infers, Assert's `T`). */
export type Tf1AttrKind = AttrKind;

/** One attribute of TF1's NodeDef: its value and the kind that says how it prints. */
export interface Tf1Attr {
  readonly value: unknown;
  readonly kind: Tf1AttrKind;
}

/** The type attributes (and `N`) TF1 infers from the inputs' dtypes, in REGISTER_OP's input order. */
function inferredAttrs(type: OpType, inputs: readonly DType[]): Map<string, Tf1Attr> {
  const out = new Map<string, Tf1Attr>();
  const args = OP_DEFS[type].inputs;
  const lists = args.filter((a) => a.list || a.typeList).length;
  // REGISTER_OP's `N * T` inputs share one N: the inputs left after the single ones, split evenly.
  const n = lists ? (inputs.length - (args.length - lists)) / lists : 0;
  let at = 0;
  for (const arg of args) {
    if (arg.typeList && typeof arg.type !== 'string') {
      out.set(arg.type.attr, { value: inputs.slice(at, at + n) satisfies DType[], kind: 'type_list' });
      at += n;
      continue;
    }
    const count = arg.list ? n : 1;
    const first = inputs[at];
    if (typeof arg.type !== 'string' && first && !out.has(arg.type.attr)) out.set(arg.type.attr, { value: first satisfies DType, kind: 'dtype' });
    if (arg.list && !out.has('N')) out.set('N', { value: n, kind: 'int' });
    at += count;
  }
  return out;
}

/**
 * Every attribute of TF1's NodeDef for a node of `type` with inputs of these dtypes and these tf1-ts attributes,
 * sorted by name in byte order as TF1's text format prints its map.
 */
export function tf1AttrsOf(type: OpType, inputs: readonly DType[], own: Readonly<Record<string, unknown>>, gradientOpType?: string): [string, Tf1Attr][] {
  const attrs = inferredAttrs(type, inputs);
  for (const [k, a] of Object.entries(OP_DEFS[type].defaults ?? {})) attrs.set(k, a);
  const kinds = OP_DEFS[type].attrs as Readonly<Record<string, AttrKind>>;
  for (const [k, v] of Object.entries(own)) attrs.set(k, { value: v, kind: kinds[k] ?? 'string' });
  if (gradientOpType !== undefined) attrs.set('_gradient_op_type', { value: gradientOpType, kind: 'string' });
  return [...attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every attribute of the op's TF1 NodeDef, sorted by name in byte order as TF1's text format prints its map. */
export function tf1Attrs(op: Operation): [string, Tf1Attr][] {
  if (isOpaque(op.type)) return opaqueTf1Attrs(op.attrs as OpAttrs['_Opaque']);
  const inputs = op.inputs.map((t) => t.dtype);
  return tf1AttrsOf(op.type, inputs, op.attrs as Record<string, unknown>, op.graph._gradient_op_type(op));
}

/** The attribute `name` of the op's TF1 NodeDef, or undefined when TF1's node has none of that name. */
export function tf1Attr(op: Operation, name: string): Tf1Attr | undefined {
  return tf1Attrs(op).find(([k]) => k === name)?.[1];
}

/** An opaque node's attributes of the kinds tf1-ts's attributes have (strings, numbers, bools, dtypes), sorted by name. */
function opaqueTf1Attrs(a: OpAttrs['_Opaque']): [string, Tf1Attr][] {
  const out: [string, Tf1Attr][] = [];
  for (const [k, bytes] of Object.entries(a.attr)) {
    const v = fromBinary(AttrValueSchema, bytes).value;
    if (v.case === 's') out.push([k, { value: new TextDecoder().decode(v.value), kind: 'string' }]);
    else if (v.case === 'i') out.push([k, { value: Number(v.value), kind: 'int' }]);
    else if (v.case === 'f') out.push([k, { value: v.value, kind: 'float' }]);
    else if (v.case === 'b') out.push([k, { value: v.value, kind: 'bool' }]);
    else if (v.case === 'type') {
      const d = dtypeOf(DataType[v.value]?.replace(/^DT_/, '').toLowerCase());
      if (d) out.push([k, { value: d, kind: 'dtype' }]);
    }
  }
  return out.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}
