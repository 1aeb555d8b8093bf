// A graph's snapshot (graph_def.ts) <-> TF1's GraphDef message (proto/tensorflow/core/framework/graph.proto):
// the attributes TF1's NodeDef holds (node_def_attrs.ts: `T`, `N`, registered defaults), tensors as TF1's
// make_tensor_proto writes them, `_output_shapes` when asked, and back.
import { create, fromBinary } from '@bufbuild/protobuf';
import { allocHost, EMPTY_BYTES, type DType, type HostArray } from '../framework/dtypes.js';
import type { Dim } from '../framework/shape.js';
import { ValueError } from '../framework/errors.js';
import { checkAllocation } from '../framework/ndarray.js';
import { isOpaque, OP_DEFS, OP_TYPES, type OpType } from '../framework/op_defs.js';
import type { AttrKind } from '../framework/op_def.js';
import { GraphDefSchema, type GraphDef as GraphDefProto } from '../framework/proto/tensorflow/core/framework/graph_pb.js';
import type { NodeDef as NodeDefProto } from '../framework/proto/tensorflow/core/framework/node_def_pb.js';
import { AttrValue_ListValueSchema, AttrValueSchema, type AttrValue as AttrValueProto } from '../framework/proto/tensorflow/core/framework/attr_value_pb.js';
import { TensorProtoSchema, type TensorProto } from '../framework/proto/tensorflow/core/framework/tensor_pb.js';
import type { TensorShapeProto } from '../framework/proto/tensorflow/core/framework/tensor_shape_pb.js';
import { DataType } from '../framework/proto/tensorflow/core/framework/types_pb.js';
import type { AttrValue, GraphDef, NodeDef, TensorData } from './graph_def.js';
import { tf1AttrsOf, type Tf1Attr } from './node_def_attrs.js';
import type { OpList } from '../framework/proto/tensorflow/core/framework/op_def_pb.js';
import { consumersOf, opaqueOf } from './opaque_import.js';

type TensorValue = TensorData;

const DATA_TYPE: Record<DType, DataType> = {
  float32: DataType.DT_FLOAT,
  float64: DataType.DT_DOUBLE,
  int32: DataType.DT_INT32,
  int64: DataType.DT_INT64,
  bool: DataType.DT_BOOL,
  uint8: DataType.DT_UINT8,
  int8: DataType.DT_INT8,
  int16: DataType.DT_INT16,
  uint16: DataType.DT_UINT16,
  string: DataType.DT_STRING,
  resource: DataType.DT_RESOURCE,
};
const DTYPE_OF = new Map(Object.entries(DATA_TYPE).map(([d, t]) => [t, d as DType]));
const KNOWN: ReadonlySet<string> = new Set(OP_TYPES.filter((t) => !isOpaque(t)));

/** TF1's DataType enum value of a dtype. */
export const dataTypeOf = (d: DType): DataType => DATA_TYPE[d];

/** The dtype of a DataType enum value (its `_ref` form too); ValueError for the ones tf1-ts lacks. */
export function dtypeOfDataType(t: DataType, where: string): DType {
  const d = DTYPE_OF.get(t >= 100 ? t - 100 : t);
  if (d === undefined) throw new ValueError(`${where}: tf1-ts has no dtype for ${DataType[t] ?? t}.`);
  return d;
}

export function shapeProto(dims: readonly Dim[] | null): TensorShapeProto {
  if (dims === null) return { $typeName: 'tensorflow.TensorShapeProto', dim: [], unknownRank: true };
  return {
    $typeName: 'tensorflow.TensorShapeProto',
    dim: dims.map((d) => ({ $typeName: 'tensorflow.TensorShapeProto.Dim', size: BigInt(d ?? -1), name: '' })),
    unknownRank: false,
  };
}

export function dimsOf(s: TensorShapeProto | undefined): Dim[] | null {
  if (!s || s.unknownRank) return s ? null : [];
  return s.dim.map((d) => (d.size < 0n ? null : Number(d.size)));
}

const VAL_FIELD = { float32: 'floatVal', float64: 'doubleVal', int64: 'int64Val', bool: 'boolVal' } as const;
const valField = (d: DType): 'floatVal' | 'doubleVal' | 'int64Val' | 'boolVal' | 'intVal' =>
  d in VAL_FIELD ? VAL_FIELD[d as keyof typeof VAL_FIELD] : 'intVal';

/**
 * A TensorProto as TF1's make_tensor_proto builds it: several elements as `tensor_content` bytes (bools as one
 * `bool_val` each), one element, or one value filling the shape, as a single `*_val` (as node_def.ts prints it).
 * From a NumPy array (`fromArray`, as convert_variables_to_constants passes a fetched value), TF1 writes every
 * element even when they are all equal.
 */
export function tensorProto(v: TensorValue, fromArray = false): TensorProto {
  const t = create(TensorProtoSchema, { dtype: DATA_TYPE[v.dtype], tensorShape: shapeProto(v.shape) });
  // a string tensor: every element in string_val, as make_tensor_proto writes them
  if (Array.isArray(v.data)) {
    t.stringVal = [...v.data];
    return t;
  }
  const data = v.data as HostArray;
  const n = data.length;
  if (n === 0) return t;
  const first = data[0]!;
  const field = valField(v.dtype);
  const put = (xs: ArrayLike<number>): void => {
    const arr = Array.from(xs);
    if (field === 'int64Val') t.int64Val = arr.map((x) => BigInt(x));
    else if (field === 'boolVal') t.boolVal = arr.map((x) => x !== 0);
    else t[field] = arr;
  };
  if (n === 1 || (!fromArray && data.every((x) => Object.is(x, first)))) put([first]);
  else if (v.dtype === 'bool') put(data);
  else if (v.dtype === 'int64') t.tensorContent = new Uint8Array(BigInt64Array.from(data, (x) => BigInt(x)).buffer);
  else t.tensorContent = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  return t;
}

/** A tensor's dtype, shape and elements from a TensorProto: `tensor_content`, or typed values with the last repeated. */
export function tensorValue(t: TensorProto, where: string): TensorValue {
  const dtype = dtypeOfDataType(t.dtype, where);
  const shape = (dimsOf(t.tensorShape) ?? []).map((d) => {
    if (d === null) throw new ValueError(`${where}: a tensor's shape must be fully defined.`);
    return d;
  });
  const n = shape.reduce((a, b) => a * b, 1);
  checkAllocation(shape, dtype, null);
  if (dtype === 'string') {
    // TF's Tensor::FromProto: the values given, the last repeated to fill the shape (empty strings when none)
    const vals = t.stringVal;
    if (vals.length > n) throw new ValueError(`${where}: ${vals.length} values for a tensor of ${n} elements.`);
    if (t.tensorContent.length) throw new ValueError(`${where}: a string tensor's elements are in string_val, not tensor_content.`);
    const strings = Array.from({ length: n }, (_, i) => (vals.length ? vals[Math.min(i, vals.length - 1)]! : EMPTY_BYTES));
    return { dtype, shape, data: strings };
  }
  const data = allocHost(dtype, n);
  if (t.tensorContent.length) {
    const bytes = t.tensorContent.slice();
    const size = dtype === 'int64' ? 8 : data.BYTES_PER_ELEMENT;
    if (bytes.length !== n * size) throw new ValueError(`${where}: tensor_content holds ${bytes.length} bytes, not the ${n * size} of ${dtype}[${shape}].`);
    const src = dtype === 'int64' ? new BigInt64Array(bytes.buffer) : new (data.constructor as new (b: ArrayBuffer) => HostArray)(bytes.buffer);
    for (let i = 0; i < n; i++) data[i] = Number(src[i]!);
    return { dtype, shape, data };
  }
  const vals: ArrayLike<number | bigint | boolean> = t[valField(dtype)];
  if (vals.length > n) throw new ValueError(`${where}: ${vals.length} values for a tensor of ${n} elements.`);
  for (let i = 0; i < n && vals.length; i++) data[i] = Number(vals[Math.min(i, vals.length - 1)]!);
  return { dtype, shape, data };
}

function attrProto({ value, kind }: Tf1Attr): AttrValueProto {
  const v = ((): AttrValueProto['value'] => {
    switch (kind) {
      case 'dtype':
      case 'index_dtype':
        return { case: 'type', value: DATA_TYPE[value as DType] };
      case 'bool':
        return { case: 'b', value: value as boolean };
      case 'int':
        return { case: 'i', value: BigInt(value as number) };
      case 'float':
        return { case: 'f', value: value as number };
      case 'string':
        return { case: 's', value: new TextEncoder().encode(String(value)) };
      case 'shape':
      case 'shape_or_null':
        return { case: 'shape', value: shapeProto(value as readonly Dim[] | null) };
      case 'int_list':
        return { case: 'list', value: create(AttrValue_ListValueSchema, { i: (value as number[]).map(BigInt) }) };
      case 'type_list':
        return { case: 'list', value: create(AttrValue_ListValueSchema, { type: (value as DType[]).map((d) => DATA_TYPE[d]) }) };
      case 'tensor':
        return { case: 'tensor', value: tensorProto(value as TensorValue) };
    }
  })();
  return create(AttrValueSchema, { value: v });
}

/** A snapshot node as TF1's NodeDef; `inputDtypes` are its inputs' dtypes (for `T`, `N`). */
function nodeProto(n: NodeDef, inputDtypes: readonly DType[], addShapes: boolean): NodeDefProto {
  const entries: [string, AttrValueProto][] = n.opaque
    ? Object.entries(n.opaque.attr)
        .filter(([k]) => !(addShapes && k === '_output_shapes'))
        .map(([k, bytes]) => [k, fromBinary(AttrValueSchema, bytes)])
    : (KNOWN.has(n.op) ? tf1AttrsOf(n.op as OpType, inputDtypes, n.attr) : []).map(([k, a]) => [k, attrProto(a)]);
  if (addShapes && n.outputs.length) {
    entries.push(['_output_shapes', create(AttrValueSchema, { value: { case: 'list', value: { shape: n.outputs.map((o) => shapeProto(o.shape)) } } })]);
  }
  // In key order, as text format prints a map, so bytes written from text and from the graph are the same.
  const attr = Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { $typeName: 'tensorflow.NodeDef', name: n.name, op: n.op, input: [...n.input], device: '', attr };
}

/** TF1's GraphDef message of a snapshot; `add_shapes` adds each node's `_output_shapes`, as TF1's as_graph_def(add_shapes=True). */
export function graphDefToProto(def: GraphDef, add_shapes = false): GraphDefProto {
  const byName = new Map(def.node.map((n) => [n.name, n]));
  const dtypeOfInput = (s: string): DType | undefined => {
    const m = /^([^:^]+)(?::(\d+))?$/.exec(s);
    return m ? byName.get(m[1]!)?.outputs[Number(m[2] ?? 0)]?.dtype : undefined;
  };
  const node = def.node.map((n) =>
    nodeProto(
      n,
      n.input.filter((s) => !s.startsWith('^')).map((s) => dtypeOfInput(s)!),
      add_shapes,
    ),
  );
  return create(GraphDefSchema, { node, versions: { producer: def.versions.producer } });
}

/** A TF1 AttrValue as the snapshot value of an attribute of kind `kind`. */
function attrValue(a: AttrValueProto, kind: AttrKind, where: string): AttrValue {
  const v = a.value;
  const bad = (): never => {
    throw new ValueError(`${where}: attr holds ${v.case ?? 'nothing'}, not a ${kind}.`);
  };
  switch (kind) {
    case 'dtype':
    case 'index_dtype':
      return v.case === 'type' ? dtypeOfDataType(v.value, where) : bad();
    case 'bool':
      return v.case === 'b' ? v.value : bad();
    case 'int':
      return v.case === 'i' ? Number(v.value) : bad();
    case 'float':
      return v.case === 'f' ? v.value : bad();
    case 'string':
      return v.case === 's' ? new TextDecoder().decode(v.value) : bad();
    case 'shape':
    case 'shape_or_null':
      return v.case === 'shape' ? dimsOf(v.value) : bad();
    case 'int_list':
      return v.case === 'list' ? v.value.i.map(Number) : bad();
    case 'type_list':
      return v.case === 'list' ? v.value.type.map((t) => dtypeOfDataType(t, where)) : bad();
    case 'tensor':
      return v.case === 'tensor' ? tensorValue(v.value, where) : bad();
  }
}

/**
 * The snapshot of a TF1 GraphDef message, for import_graph_def: each known op's own attributes by its schema (TF1's
 * inferred `T`, `N` and registered defaults are left to tf1-ts's op), `_output_shapes` as the outputs' shapes. A node
 * of an op type tf1-ts lacks becomes an opaque node (opaque_import.ts); `opList` (the producer's OpDefs) tells its outputs.
 */
export function graphDefFromProto(msg: GraphDefProto, opList?: OpList | null): GraphDef {
  const consumers = consumersOf(msg.node);
  const opDefs = new Map((opList?.op ?? []).map((d) => [d.name, d]));
  const node = msg.node.map((n): NodeDef => {
    if (!KNOWN.has(n.op)) {
      const { outputs, opaque } = opaqueOf(n, consumers, opDefs.get(n.op), dtypeOfDataType, dimsOf);
      return { name: n.name, op: n.op, input: [...n.input], attr: {}, outputs, opaque };
    }
    const attr: Record<string, AttrValue> = {};
    const kinds = KNOWN.has(n.op) ? (OP_DEFS[n.op as OpType].attrs as Readonly<Record<string, AttrKind>>) : {};
    for (const [k, kind] of Object.entries(kinds)) {
      const a = n.attr[k];
      if (a) attr[k] = attrValue(a, kind, `NodeDef '${n.name}' attr '${k}'`);
      // A shape attr left out (TF's default, e.g. Placeholder's) is the unknown shape.
      else if (kind === 'shape_or_null') attr[k] = null;
    }
    const shapes = n.attr._output_shapes?.value;
    const outputs = shapes?.case === 'list' ? shapes.value.shape.map((s) => ({ dtype: undefined as unknown as DType, shape: dimsOf(s) })) : undefined;
    return { name: n.name, op: n.op, input: [...n.input], attr, ...(outputs ? { outputs } : {}) } as NodeDef;
  });
  return { node, versions: { producer: msg.versions?.producer ?? msg.version } };
}
