// tf.no_op, tf.group, tf.tuple and TF1's with_dependencies.
import { get_default_graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, isPlainObject, repr, signed, tf1 } from '../graph/args.js';
import { TypeError as TFTypeError, ValueError } from '../graph/errors.js';
import { isVariable, list, STR, kind } from './kinds.js';

/** `tf.no_op(name)`: an op that does nothing; useful as a target with control inputs. */
export const no_op = tf1('no_op', [opt('name', STR)], (a): Operation => get_default_graph().create_op('NoOp', [], {}, a.name ?? 'NoOp'));

type GroupInput = Operation | Tensor | { op: Operation } | null | readonly GroupInput[];

/** Python's `nest.flatten` of group's inputs: nested lists of ops, tensors and variables. */
function flattenOps(inputs: readonly unknown[]): Operation[] {
  const out: Operation[] = [];
  const stack = [...inputs].reverse();
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) stack.push(...[...(x as unknown[])].reverse());
    else if (x instanceof Operation) out.push(x);
    else if (x instanceof Tensor) out.push(x.op);
    else if (isVariable(x)) out.push((x as { op: Operation }).op);
    else if (x === null || x === undefined) continue;
    else throw new TFTypeError(`Expected tf.group() expected Tensor arguments not '${repr(x)}' with type '${typeof x}'`);
  }
  return out;
}

const GROUP = [opt('name', STR)] as const;

/**
 * `tf.group(...inputs, { name })`: a NoOp that runs after all of them (ops, tensors or variables, in nested
 * lists as TF1 flattens them), named `group_deps` unless named.
 */
export const group = signed(function group(...args: (GroupInput | { name?: string | null })[]): Operation {
  const last = args[args.length - 1];
  const kw: { name?: string | null } = isPlainObject(last) ? parseArgs('group', GROUP, [last]) : {};
  const ops = flattenOps(isPlainObject(last) ? args.slice(0, -1) : args);
  const g = ops[0]?.graph ?? get_default_graph();
  const name = kw.name ?? 'group_deps';
  if (ops.length === 0) return no_op(name);
  return g.as_default(() => g.name_scope(name, (scope) => g.control_dependencies(ops, () => g.create_op('NoOp', [], {}, scope))));
}, 'group', GROUP);

/** TF1's `with_dependencies(dependencies, output_tensor, name)`: an Identity of the tensor that runs after the dependencies. */
export function with_dependencies(deps: readonly Operation[], t: Tensor, name?: string): Tensor {
  const g = t.graph;
  return g.name_scope(name ?? 'control_dependency', (scope) => g.control_dependencies(deps, () => g.create_op('Identity', [t], {}, scope).outputs[0]!));
}

const TENSORS_OR_NULL = list(kind<Tensor | null>('Tensor or None', (v) => v === null || v instanceof Tensor), 'list of Tensors');
const OPS = list(kind<Operation>('Operation', (v) => v instanceof Operation), 'list of Operations');

/** `tf.tuple(tensors, name, control_inputs)`: the same tensors, each available only after all of them (and `control_inputs`) are computed. */
export const tuple = tf1('tuple', [{ name: 'tensors', kind: TENSORS_OR_NULL, required: true }, opt('name', STR), opt('control_inputs', OPS)] as const, (a) => {
  const tensors = a.tensors;
  const present = tensors.filter((t): t is Tensor => t !== null);
  if (present.length === 0) throw new ValueError(`Must have at least one Tensor: ${tensors.map(String).join(', ')}`);
  const g = present[0]!.graph;
  return g.as_default(() => g.name_scope(a.name ?? 'tuple', () => {
    const gating = [...new Set(present.map((t) => t.op))].sort((x, y) => x._id - y._id);
    const gate = group(gating, ...(a.control_inputs ?? []));
    return tensors.map((t) => (t === null ? t : with_dependencies([gate], t)));
  }));
});
