// tf.no_op, tf.group, tf.tuple and TF1's with_dependencies.
import { get_default_graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { opt, parseArgs, isPlainObject, repr, signed, tf1, type Call, type RestOf } from '../framework/args.js';
import { graphOf } from './convert.js';
import { name_scope } from './scopes.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { isVariable, list, pyType, STR, kind } from './kinds.js';

/** `tf.no_op(name)`: an op that does nothing; useful as a target with control inputs. */
export const no_op = tf1('no_op', [opt('name', STR)], (a): Operation => get_default_graph().create_op('NoOp', [], {}, a.name ?? 'NoOp'));

type GroupInput = Operation | Tensor | IndexedSlices | { op: Operation } | null | readonly GroupInput[];

/** Python's `str()` of a value, as TF1's messages format it with '%s'. */
const pyStr = (v: unknown): string =>
  v === null || v === undefined ? 'None' : typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'True' : 'False') : repr(v);

/** Python's `nest.flatten` of group's inputs: nested lists of ops, tensors and variables; anything else (None too) is TF1's TypeError. */
function flattenOps(inputs: readonly unknown[]): Operation[] {
  const out: Operation[] = [];
  const stack = [...inputs].reverse();
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) stack.push(...[...(x as unknown[])].reverse());
    else if (x instanceof Operation) out.push(x);
    else if (x instanceof Tensor || x instanceof IndexedSlices) out.push(x.op);
    else if (isVariable(x)) out.push((x as { op: Operation }).op);
    else throw new TFTypeError(`Expected tf.group() expected Tensor arguments not '${pyStr(x)}' with type '${pyType(x)}'`);
  }
  return out;
}

const GROUP = [opt('name', STR)] as const;

/**
 * `tf.group(...inputs, { name })`: a NoOp that runs after all of them (ops, tensors or variables, in nested
 * lists as TF1 flattens them), named `group_deps` unless named.
 */
export const group = signed(
  function group(...args: (GroupInput | { name?: string | null })[]): Operation {
    const last = args[args.length - 1];
    const kw: { name?: string | null } = isPlainObject(last) ? parseArgs('group', GROUP, [last]) : {};
    const ops = flattenOps(isPlainObject(last) ? args.slice(0, -1) : args);
    const g = ops[0]?.graph ?? get_default_graph();
    const name = kw.name ?? 'group_deps';
    if (ops.length === 0) return no_op(name);
    return g.as_default(() => g.name_scope(name, (scope) => g.control_dependencies(ops, () => g.create_op('NoOp', [], {}, scope))));
  },
  'group',
  GROUP,
);

/**
 * TF1's `with_dependencies(dependencies, output_tensor, name)`: an Identity of the tensor (of an IndexedSlices'
 * values), named `control_dependency` unless named, that runs after the dependencies (ops, tensors or variables).
 */
export function with_dependencies<T extends Tensor | IndexedSlices>(
  deps: readonly (Operation | Tensor | IndexedSlices | { op: Operation })[],
  t: T,
  name?: string,
): T {
  const g = t.graph;
  const ops = deps.map((d) => (d instanceof IndexedSlices ? d.op : d));
  return g.as_default(() =>
    name_scope(name ?? null, 'control_dependency', [...ops, t], (scope) =>
      g.control_dependencies(ops, () => {
        if (t instanceof Tensor) return g.create_op('Identity', [t], {}, scope).outputs[0]! as T;
        const s = t as IndexedSlices;
        return new IndexedSlices(g.create_op('Identity', [s.values], {}, scope).outputs[0]!, s.indices, s.dense_shape) as T;
      }),
    ),
  );
}

type TupleItem = Tensor | IndexedSlices | Operation | null;
const TENSORS_OR_OPS = list(
  kind<TupleItem>('Tensor, Operation or None', (v) => v === null || v instanceof Tensor || v instanceof IndexedSlices || v instanceof Operation),
  'list of Tensors',
);
const CONTROL_INPUTS = list(
  kind<Operation | Tensor>('Operation or Tensor', (v) => v instanceof Operation || v instanceof Tensor, {
    refuse: (v) => new TFTypeError(`Control input must be Operation or Tensor: ${pyStr(v)}`),
  }),
  'list of Operations or Tensors',
);

const TUPLE = [{ name: 'tensors', kind: TENSORS_OR_OPS, required: true }, opt('name', STR), opt('control_inputs', CONTROL_INPUTS)] as const;

/** tuple's types: each item comes back as what it was (a Tensor, an IndexedSlices, an Operation, or null). */
interface TupleFn {
  <T extends TupleItem>(tensors: readonly T[], ...rest: RestOf<typeof TUPLE, 1>): T[];
  (...args: Call<typeof TUPLE>): TupleItem[];
}

/**
 * `tf.tuple(tensors, name, control_inputs)`: the same tensors (and ops), each available only after all of them
 * and `control_inputs` are computed: one group of their ops, sorted by creation as TF1 sorts them.
 */
export const tuple: TupleFn = tf1('tuple', TUPLE, (a): TupleItem[] => {
  const tensors = a.tensors;
  const g = graphOf(tensors);
  return g.as_default(() =>
    name_scope(a.name ?? null, 'tuple', tensors, () => {
      const gating = tensors.flatMap((t) => (t === null ? [] : [t instanceof Operation ? t : t.op]));
      for (const c of a.control_inputs ?? []) gating.push(c instanceof Tensor ? c.op : c);
      const sorted = [...new Set(gating)].sort((x, y) => x._id - y._id);
      if (sorted.length === 0) throw new ValueError(`Must have at least one Tensor: [${tensors.map(pyStr).join(', ')}]`);
      const gate = group(sorted);
      return tensors.map((t) => {
        if (t instanceof Tensor || t instanceof IndexedSlices) return with_dependencies([gate], t);
        if (t instanceof Operation) return g.control_dependencies([gate], () => group(t));
        return null;
      });
    }),
  );
}) as TupleFn;
