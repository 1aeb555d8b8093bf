// What a TF1 GraphDef tells of a node whose op type tf1-ts lacks, for an opaque node (framework/ops/opaque.ts): its
// attributes kept as serialized AttrValues, and its outputs' dtypes and shapes. The dtypes come, in TF1's own order of
// authority, from the op's OpDef when the file carries one (a MetaGraphDef's stripped_op_list: output_arg's type,
// type_attr, number_attr, type_list_attr read from the node's attrs or the OpDef's defaults), else from what the
// node's consumers of known types expect (their type attrs, as TF1's GraphConstructor checks each edge); the shapes
// from `_output_shapes`.
import { toBinary } from '@bufbuild/protobuf';
import type { DType } from '../framework/dtypes.js';
import { ValueError } from '../framework/errors.js';
import { OP_DEFS, type OpType } from '../framework/op_defs.js';
import type { InputArg } from '../framework/op_def.js';
import type { Dim } from '../framework/shape.js';
import { AttrValueSchema, type AttrValue as AttrValueProto } from '../framework/proto/tensorflow/core/framework/attr_value_pb.js';
import type { NodeDef as NodeDefProto } from '../framework/proto/tensorflow/core/framework/node_def_pb.js';
import type { OpDef as OpDefProto } from '../framework/proto/tensorflow/core/framework/op_def_pb.js';
import type { DataType } from '../framework/proto/tensorflow/core/framework/types_pb.js';
import type { TensorShapeProto } from '../framework/proto/tensorflow/core/framework/tensor_shape_pb.js';

/** What a snapshot NodeDef of an opaque node carries beyond name, op and inputs. */
export interface OpaqueNode {
  readonly attr: Readonly<Record<string, Uint8Array>>;
}

/** One output of an opaque node; `dtype` undefined where the file does not tell it. */
type Output = { dtype: DType | undefined; shape: Dim[] | null };

// A hostile file's number_attr could ask for billions of outputs.
const MAX_OUTPUTS = 1 << 16;

/** Where each node's outputs are read (consumer node and position among its data inputs, by `node:index`), and each node's highest output read. */
export interface Consumers {
  readonly edges: ReadonlyMap<string, readonly { node: NodeDefProto; position: number }[]>;
  readonly highest: ReadonlyMap<string, number>;
}

/** The data-input consumers of every output of a GraphDef's nodes. */
export function consumersOf(nodes: readonly NodeDefProto[]): Consumers {
  const out = new Map<string, { node: NodeDefProto; position: number }[]>();
  const highest = new Map<string, number>();
  for (const node of nodes) {
    node.input
      .filter((s) => !s.startsWith('^'))
      .forEach((s, position) => {
        const m = /^([^:]+)(?::(\d+))?$/.exec(s);
        if (!m) return;
        const index = Number(m[2] ?? 0);
        const key = `${m[1]}:${index}`;
        (out.get(key) ?? out.set(key, []).get(key)!).push({ node, position });
        highest.set(m[1]!, Math.max(highest.get(m[1]!) ?? -1, index));
      });
  }
  return { edges: out, highest };
}

/** The input arg a known op type reads at data input `position` of `count`, as REGISTER_OP's `N * T` lists share one N. */
function argAt(type: OpType, position: number, count: number): InputArg | undefined {
  const args = OP_DEFS[type].inputs;
  const lists = args.filter((a) => a.list).length;
  const n = lists ? (count - (args.length - lists)) / lists : 1;
  let at = 0;
  for (const arg of args) {
    at += arg.list ? n : 1;
    if (position < at) return arg;
  }
  return undefined;
}

/** The dtype a consumer of a known type expects at data input `position`, from its signature and type attrs. */
function expected(consumer: NodeDefProto, position: number, dtypeOf: (t: DataType) => DType): DType | undefined {
  if (!Object.hasOwn(OP_DEFS, consumer.op)) return undefined;
  const type = consumer.op as OpType;
  const count = consumer.input.filter((s) => !s.startsWith('^')).length;
  const arg = argAt(type, position, count);
  if (!arg) return undefined;
  if (typeof arg.type === 'string') return arg.type;
  const a = consumer.attr[arg.type.attr]?.value;
  return a?.case === 'type' ? dtypeOf(a.value) : undefined;
}

/** The outputs' dtypes by the OpDef's output args, each list's length and types from the node's attrs. */
function fromOpDef(n: NodeDefProto, def: OpDefProto, dtypeOf: (t: DataType) => DType): (DType | undefined)[] {
  const attr = (name: string): AttrValueProto['value'] | undefined => (n.attr[name] ?? def.attr.find((a) => a.name === name)?.defaultValue)?.value;
  const bad = (what: string): never => {
    throw new ValueError(`NodeDef '${n.name}' (op ${n.op}): ${what}.`);
  };
  const out: (DType | undefined)[] = [];
  for (const arg of def.outputArg) {
    const one = (): DType | undefined => {
      if (!arg.typeAttr) return arg.type ? dtypeOf(arg.type) : undefined;
      const t = attr(arg.typeAttr);
      return t?.case === 'type' ? dtypeOf(t.value) : bad(`attr '${arg.typeAttr}' of output '${arg.name}' is not a type`);
    };
    if (arg.typeListAttr) {
      const l = attr(arg.typeListAttr);
      if (l?.case !== 'list') bad(`attr '${arg.typeListAttr}' of output '${arg.name}' is not a list of types`);
      const types = (l as { value: { type: DataType[] } }).value.type;
      if (out.length + types.length > MAX_OUTPUTS) bad(`more than ${MAX_OUTPUTS} outputs`);
      out.push(...types.map(dtypeOf));
    } else if (arg.numberAttr) {
      const k = attr(arg.numberAttr);
      if (k?.case !== 'i' || k.value < 0n || k.value > BigInt(MAX_OUTPUTS - out.length)) bad(`attr '${arg.numberAttr}' of output '${arg.name}' is not a count`);
      const dtype = one();
      for (let i = 0; i < Number((k as { value: bigint }).value); i++) out.push(dtype);
    } else out.push(one());
  }
  return out;
}

/**
 * The outputs of node `n` (an op type tf1-ts lacks) and its attributes, kept as they are in the file. ValueError
 * when the file does not tell an output's dtype (no OpDef, no consumer of a known type), naming the node.
 */
export function opaqueOf(
  n: NodeDefProto,
  consumers: Consumers,
  opDef: OpDefProto | undefined,
  dtypeOf: (t: DataType, where: string) => DType,
  dimsOf: (s: TensorShapeProto) => Dim[] | null,
): { outputs: { dtype: DType; shape: Dim[] | null }[]; opaque: OpaqueNode } {
  const where = `NodeDef '${n.name}' (op ${n.op})`;
  const dt = (t: DataType): DType => dtypeOf(t, where);
  const s = n.attr._output_shapes?.value;
  const shapes = s?.case === 'list' ? s.value.shape.map((x) => dimsOf(x)) : undefined;
  let dtypes: (DType | undefined)[];
  if (opDef) {
    dtypes = fromOpDef(n, opDef, dt);
    if (shapes && shapes.length !== dtypes.length)
      throw new ValueError(`${where}: _output_shapes lists ${shapes.length} outputs; its OpDef has ${dtypes.length}.`);
  } else {
    const count = shapes?.length ?? (consumers.highest.get(n.name) ?? -1) + 1;
    if (count > MAX_OUTPUTS) throw new ValueError(`${where}: more than ${MAX_OUTPUTS} outputs.`);
    dtypes = Array.from({ length: count }, () => undefined);
  }
  const outputs: Output[] = dtypes.map((dtype, i) => ({ dtype, shape: shapes?.[i] ?? null }));
  outputs.forEach((o, i) => {
    for (const c of consumers.edges.get(`${n.name}:${i}`) ?? []) o.dtype ??= expected(c.node, c.position, dt);
    if (o.dtype === undefined)
      throw new ValueError(
        `No op named ${n.op} in defined operations, and the GraphDef does not say the dtype of output ${i} of node '${n.name}': import it with its OpDef (a MetaGraphDef's stripped_op_list, or producer_op_list).`,
      );
  });
  const attr = Object.fromEntries(Object.entries(n.attr).map(([k, a]) => [k, toBinary(AttrValueSchema, a)]));
  return { outputs: outputs as { dtype: DType; shape: Dim[] | null }[], opaque: { attr } };
}
