// A graph's node table: its ops in creation order and by name, and the ops that consume each tensor.
import { ValueError } from '../framework/errors.js';
import type { Operation } from './operation.js';
import type { Tensor } from './tensor.js';

/** The ops of a graph, by creation order and by name, with each tensor's consumers. */
export class NodeTable {
  /** All ops in creation order. */
  readonly ops: Operation[] = [];
  private readonly byName = new Map<string, Operation>();
  private readonly consumers = new Map<Tensor, Operation[]>();

  /** Adds `op` under `name`. */
  add(name: string, op: Operation): void {
    this.ops.push(op);
    this.byName.set(name, op);
  }

  /** The op with this name, or undefined. */
  get(name: string): Operation | undefined {
    return this.byName.get(name);
  }

  /** The tensor named `op:index`, with TF1's error for bad names. */
  tensor(name: string): Tensor {
    const m = /^(.*):(\d+)$/.exec(name);
    if (!m) {
      throw new ValueError(
        `The name '${name}' looks a like an Operation name, not a Tensor name. Tensor names must be of the form "<op_name>:<output_index>".`,
      );
    }
    const opName = m[1]!;
    const idx = Number(m[2]);
    const op = this.byName.get(opName);
    if (!op) throw new ValueError(`The name '${name}' refers to a Tensor which does not exist. The operation, '${opName}', does not exist in the graph.`);
    const t = op.outputs[idx];
    if (!t)
      throw new ValueError(
        `The name '${name}' refers to a Tensor which does not exist. The operation, '${opName}', exists but only has ${op.outputs.length} outputs.`,
      );
    return t;
  }

  /** Records `op` as a consumer of each of its inputs. */
  addConsumer(op: Operation): void {
    for (const t of op.inputs) {
      const list = this.consumers.get(t);
      if (list) list.push(op);
      else this.consumers.set(t, [op]);
    }
  }

  /** Input `index` of `op` becomes `t`, and the consumer lists follow. */
  updateInput(op: Operation, index: number, t: Tensor): void {
    const old = op.inputs[index]!;
    const list = this.consumers.get(old);
    if (list && !op.inputs.some((x, i) => i !== index && x === old)) list.splice(list.indexOf(op), 1);
    op._update_inputs(op.inputs.map((x, i) => (i === index ? t : x)));
    const next = this.consumers.get(t);
    if (next) next.push(op);
    else this.consumers.set(t, [op]);
  }

  /** The ops that consume `t`, in creation order. */
  consumersOf(t: Tensor): Operation[] {
    return [...(this.consumers.get(t) ?? [])];
  }
}
