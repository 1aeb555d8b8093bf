// import_graph_def's node creation: each NodeDef of the ordered GraphDef becomes an op, its inputs checked as TF1's
// GraphConstructor checks them, a while loop's back edges connected once both ends exist.
import type { Operation } from './operation.js';
import { Tensor } from './tensor.js';
import type { Graph } from './graph.js';
import { ValueError } from '../framework/errors.js';
import type { NodeDef } from './graph_def.js';
import { IMPORTABLE_OPS, opaqueAttrs, typedAttrs } from './import_attrs.js';
import { dtypeProtoName, isDType } from '../framework/dtypes.js';
import { checkImportedInputs } from './check_inputs.js';
import { writesRef, type OpType } from '../framework/op_defs.js';
import { key, parseInput, type Mapped } from './import_input_map.js';

// Only own properties count, here and in typedAttrs: an object whose prototype supplies 'name' or 'attr'
// (a '__proto__' key, Object.create) is not a NodeDef.
/** A non-null object. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
/** `o[k]` when it is an own property. */
export const own = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/** A while loop's back edge, NextIteration into Merge: TF1's importer connects it once both nodes exist. */
export const isBackEdge = (n: NodeDef, src: NodeDef): boolean => n.op === 'Merge' && src.op === 'NextIteration';

/** How errors name nodes and tensors: the rehearsal in a scratch graph names them as the real import will. */
export interface Naming {
  node: (name: string) => string;
  tensor: (t: Tensor) => string;
}

// A tensor given in input_map must have the dtype of the one it replaces, as the GraphDef records it (in
// TF1 the NodeDef's type attr says what the consumer expects): TF1's GraphConstructor edge error otherwise.
function checkMapped(n: NodeDef, k: number, mapped: Tensor, source: NodeDef | undefined, index: number, naming: Naming): void {
  const outputs = source && own(source as unknown as Record<string, unknown>, 'outputs');
  const rec = Array.isArray(outputs) && isObject(outputs[index]) ? own(outputs[index], 'dtype') : undefined;
  if (typeof rec === 'string' && rec !== mapped.dtype) {
    throw new ValueError(
      `Input ${k} of node ${naming.node(n.name)} was passed ${dtypeProtoName(mapped.dtype)} from ${naming.tensor(mapped)} incompatible with expected ${isDType(rec) ? dtypeProtoName(rec) : rec}.`,
    );
  }
}

/** Creates the ops of `order` in `graph` under `prefix`; returns the created ops by their GraphDef names. */
export function build(graph: Graph, order: readonly NodeDef[], inputMap: Mapped, prefix: string, used: Set<string>, naming: Naming): Map<string, Operation> {
  const made = new Map<string, Operation>();
  const byName = new Map(order.map((n) => [n.name, n]));
  // Merge inputs from a NextIteration made later: the Merge reads another input until the loop is closed.
  const backEdges: { op: Operation | null; index: number; src: string; srcIndex: number }[] = [];
  for (const n of order) {
    const opaque = !IMPORTABLE_OPS.has(n.op) && isObject(own(n as unknown as Record<string, unknown>, 'opaque')) ? n.opaque : undefined;
    if (!IMPORTABLE_OPS.has(n.op) && !opaque) throw new ValueError(`No op named ${n.op} in defined operations.`);
    const type = (opaque ? '_Opaque' : n.op) as OpType;
    const data: Tensor[] = [];
    const control: Operation[] = [];
    for (const s of n.input) {
      const i = parseInput(s, n.name);
      used.add(key(i));
      const mapped = inputMap.get(key(i));
      if (i.control) {
        control.push(mapped instanceof Tensor ? mapped.op : ((mapped as Operation | undefined) ?? made.get(i.op)!));
        continue;
      }
      if (mapped) checkMapped(n, data.length, mapped as Tensor, byName.get(i.op), i.index, naming);
      if (!mapped && !made.has(i.op) && isBackEdge(n, byName.get(i.op)!)) {
        backEdges.push({ op: null, index: data.length, src: i.op, srcIndex: i.index });
        data.push(null as unknown as Tensor); // filled in below, once the other inputs are known
        continue;
      }
      const t = (mapped as Tensor | undefined) ?? made.get(i.op)!.outputs[i.index];
      if (!t)
        throw new ValueError(
          `Node '${n.name}': Connecting to invalid output ${i.index} of source node ${i.op} which has ${made.get(i.op)!.outputs.length} outputs.`,
        );
      data.push(t);
    }
    const pending = backEdges.filter((e) => e.op === null);
    if (pending.length) {
      const stand = data.find((t) => t !== null);
      if (!stand) throw new ValueError(`Node '${n.name}': a Merge needs an input that is not a back edge.`);
      for (const e of pending) data[e.index] = stand;
    }
    const attrs = opaque ? opaqueAttrs(n, opaque) : typedAttrs(type, n.name, n.attr, data.length);
    checkImportedInputs(type, naming.node(n.name), data, naming.tensor);
    if (writesRef(type) && !(data[0]!.op.type === 'VariableV2' || writesRef(data[0]!.op.type))) {
      const dt = dtypeProtoName(data[0]!.dtype);
      throw new ValueError(`Input 0 of node ${n.name} was passed ${dt} from ${data[0]!.name} incompatible with expected ${dt}_ref.`);
    }
    const wanted = prefix ? `${prefix}/${n.name}` : n.name;
    const name = graph.name_scope('', () => graph.unique_name(wanted));
    const op = graph.create_op(type, data, attrs, `${name}/`, control);
    checkOutputs(op, n);
    made.set(n.name, op);
    for (const e of pending) e.op = op;
  }
  for (const { op, ...e } of backEdges) {
    const merge = op!;
    const src = made.get(e.src)!;
    const t = src.outputs[e.srcIndex];
    if (!t)
      throw new ValueError(`Node '${merge.name}': Connecting to invalid output ${e.srcIndex} of source node ${e.src} which has ${src.outputs.length} outputs.`);
    const expected = merge.inputs[e.index]!.dtype;
    if (t.dtype !== expected)
      throw new ValueError(`Input ${e.index} of node ${merge.name} was passed ${t.dtype} from ${t.name} incompatible with expected ${expected}.`);
    graph._update_input(merge, e.index, t);
  }
  return made;
}

// The snapshot records each output's dtype and shape: a different dtype means the file does not match
// the op vocabulary; a more specific shape (a `set_shape` in the original graph) is applied again.
function checkOutputs(op: Operation, n: NodeDef): void {
  const outputs = own(n as unknown as Record<string, unknown>, 'outputs');
  if (!Array.isArray(outputs)) return;
  if (outputs.length !== op.outputs.length) throw new ValueError(`NodeDef '${n.name}' records ${outputs.length} outputs; op ${n.op} has ${op.outputs.length}.`);
  outputs.forEach((o: unknown, i) => {
    const t = op.outputs[i]!;
    const dtype = isObject(o) ? own(o, 'dtype') : undefined;
    const shape = isObject(o) ? own(o, 'shape') : undefined;
    // A TF1 GraphDef's `_output_shapes` records shapes only.
    if (dtype !== undefined && dtype !== t.dtype)
      throw new ValueError(`NodeDef '${n.name}' records output ${i} as ${String(dtype)}, but op ${n.op} makes ${t.dtype} from these inputs.`);
    if (shape !== null && !(Array.isArray(shape) && shape.every((d) => d === null || (Number.isSafeInteger(d) && d >= 0)))) {
      throw new ValueError(`NodeDef '${n.name}' records output ${i} with an invalid shape.`);
    }
    t.set_shape(shape as NodeDef['outputs'][number]['shape']);
  });
}
