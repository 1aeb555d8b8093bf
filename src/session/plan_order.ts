// The first stage of compiling a plan: the ops a run's fetches need, pruned at the fed tensors and ordered, with
// TF1's errors for a needed placeholder nobody feeds and for an opaque node.
import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { dtypeProtoName } from '../framework/dtypes.js';
import { InvalidArgumentError, UnimplementedError } from '../framework/errors.js';
import { writesRef, type OpAttrs } from '../framework/op_defs.js';
import type { Element } from './fetches.js';
import { isBackEdge } from './loop_nodes.js';

/** TF1's error for a run that needs a placeholder it does not feed. */
function placeholderError(op: Operation<'Placeholder'>): InvalidArgumentError {
  const shape = op.attrs.shape === null ? '<unknown>' : `[${op.attrs.shape.map((d) => d ?? '?').join(',')}]`;
  const dt = dtypeProtoName(op.attrs.dtype);
  return new InvalidArgumentError(
    `You must feed a value for placeholder tensor '${op.name}' with dtype ${dt}${op.attrs.shape === null ? '' : ` and shape ${shape}`}\n\t [[{{node ${op.name}}} = Placeholder[dtype=DT_${dt.toUpperCase()}, shape=${shape}]()]]`,
    op,
  );
}

/** The refusal of a run that needs an opaque node (an op type of a TF1 file that tf1-ts lacks), before any kernel runs. */
export function opaqueError(op: Operation): UnimplementedError {
  const type = (op.attrs as OpAttrs['_Opaque']).op;
  const fed = op.outputs.length ? ` Feed its outputs (${op.outputs.map((t) => `'${t.name}'`).join(', ')}) to run the graph beyond it.` : '';
  return new UnimplementedError(`tf1-ts has no kernel for op ${type}: node ${op.name} was imported as an opaque node.${fed}\n\t [[{{node ${op.name}}}]]`, op);
}

/** Prunes to the ops the fetches need (stopping at fed tensors) and orders them; writers of variables go last among ready ops. */
export function orderOps(elements: readonly Element[], fed: ReadonlyMap<Tensor, unknown>): Operation[] {
  const needed = new Set<Operation>();
  const stack: Operation[] = [];
  for (const e of elements) {
    if (e instanceof Operation) stack.push(e);
    else if (!fed.has(e)) stack.push(e.op);
  }
  while (stack.length) {
    const op = stack.pop()!;
    if (needed.has(op)) continue;
    needed.add(op);
    if (op.type === 'Placeholder' && !fed.has(op.outputs[0]!)) throw placeholderError(op as Operation<'Placeholder'>);
    for (const t of op.inputs) if (!fed.has(t)) stack.push(t.op);
    stack.push(...op.control_inputs);
  }
  const deps = new Map<Operation, Operation[]>();
  const indeg = new Map<Operation, number>();
  const users = new Map<Operation, Operation[]>();
  for (const op of needed) {
    // a loop's back edge (NextIteration into its Merge) is not an ordering constraint (loop_exec.ts)
    const d = [...new Set([...op.inputs.filter((t) => !fed.has(t) && !isBackEdge(op, t)).map((t) => t.op), ...op.control_inputs])].filter((o) => needed.has(o));
    deps.set(op, d);
    indeg.set(op, d.length);
    for (const o of d) (users.get(o) ?? users.set(o, []).get(o)!).push(op);
  }
  const sorted = [...needed].sort((a, b) => a._id - b._id);
  const ready = sorted.filter((op) => indeg.get(op) === 0 && !writesRef(op.type));
  const readyWriters = sorted.filter((op) => indeg.get(op) === 0 && writesRef(op.type));
  const order: Operation[] = [];
  // Queues read from a head index: shift() would make a wide graph's ordering quadratic.
  let r = 0;
  let w = 0;
  while (r < ready.length || w < readyWriters.length) {
    const op = r < ready.length ? ready[r++]! : readyWriters[w++]!;
    order.push(op);
    for (const u of users.get(op) ?? []) {
      const n = indeg.get(u)! - 1;
      indeg.set(u, n);
      if (n === 0) (writesRef(u.type) ? readyWriters : ready).push(u);
    }
  }
  if (order.length !== needed.size) throw new InvalidArgumentError('Graph has a cycle among the ops needed for this run');
  return order;
}
