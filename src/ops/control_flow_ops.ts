import { get_default_graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { ValueError } from '../graph/errors.js';

/** `tf.no_op()`: an op that does nothing; useful as a target with control inputs. */
export function no_op(name?: string): Operation {
  const g = get_default_graph();
  return g.create_op('NoOp', [], {}, name ?? 'NoOp');
}

/** `tf.group(...inputs)`: a NoOp that runs after all of them, named `group_deps` unless named. */
export function group(inputs: readonly (Operation | Tensor)[], opts: { name?: string } = {}): Operation {
  const ops = inputs.map((i) => (i instanceof Tensor ? i.op : i));
  const g = ops[0]?.graph ?? get_default_graph();
  return g.name_scope(opts.name ?? 'group_deps', (scope) => g.control_dependencies(ops, () => g.create_op('NoOp', [], {}, scope)));
}

/** TF1's `with_dependencies(deps, t)`: an Identity of `t` that runs after `deps`, named `control_dependency`. */
export function with_dependencies(deps: readonly Operation[], t: Tensor, name?: string): Tensor {
  const g = t.graph;
  return g.name_scope(name ?? 'control_dependency', (scope) => g.control_dependencies(deps, () => g.create_op('Identity', [t], {}, scope).outputs[0]!));
}

/** `tf.tuple(tensors)`: the same tensors, each available only after all of them are computed. */
export function tuple<T extends Tensor | null>(tensors: readonly T[], opts: { name?: string } = {}): T[] {
  const present = tensors.filter((t): t is Exclude<T, null> => t !== null) as Tensor[];
  if (present.length === 0) throw new ValueError(`Must have at least one Tensor: ${tensors.map(String).join(', ')}`);
  const g = present[0]!.graph;
  return g.name_scope(opts.name ?? 'tuple', () => {
    const gating = [...new Set(present.map((t) => t.op))].sort((a, b) => a._id - b._id);
    const gate = group(gating);
    return tensors.map((t) => (t === null ? t : (with_dependencies([gate], t) as T)));
  });
}
