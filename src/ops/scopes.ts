// tf.name_scope and tf.control_dependencies: Python's `with` blocks as callbacks, the block last.
import { get_default_graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, req, signed } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { graphOf } from './convert.js';
import { ANY, STR, isVariable, kind } from './kinds.js';

/** Splits a `with`-block call into its arguments and the block (the last argument, a function). */
export function withBlock<F>(fn: string, args: readonly unknown[]): [unknown[], F] {
  const block = args[args.length - 1];
  if (typeof block !== 'function') throw new TFTypeError(`${fn}() takes the block to run as its last argument (a function), got ${typeof block}`);
  return [args.slice(0, -1), block as F];
}

const NAME_SCOPE = [
  req(
    'name',
    kind<string | null>('string or None', (v) => typeof v === 'string' || v === null),
  ),
  opt('default_name', STR),
  opt('values', ANY),
] as const;

type NameScopeArgs<T> =
  | [name: string | null, fn: (scope: string) => T]
  | [name: string | null, default_name: string | null | undefined, fn: (scope: string) => T]
  | [name: string | null, default_name: string | null | undefined, values: readonly unknown[] | null | undefined, fn: (scope: string) => T]
  | [name: string | null, keywords: { default_name?: string | null; values?: readonly unknown[] | null }, fn: (scope: string) => T];

/**
 * `tf.name_scope(name, default_name, values, fn)`: runs `fn` in a name scope of the graph of `values` (else the
 * default graph); `fn` gets the scope (`'foo/'`). A null name takes `default_name`; null with neither resets to the root.
 */
export const name_scope = signed(
  function name_scope<T>(...args: NameScopeArgs<T>): T {
    const [rest, fn] = withBlock<(scope: string) => T>('name_scope', args);
    const a = parseArgs('name_scope', NAME_SCOPE, rest);
    const name = a.name ?? a.default_name ?? null;
    const values = (a.values ?? []) as readonly unknown[];
    if (name === null && a.values != null) throw new ValueError(`At least one of name (None) and default_name (None) must be provided.`);
    const g = Array.isArray(values) ? graphOf(values) : get_default_graph();
    return g.as_default(() => g.name_scope(name, fn));
  },
  'name_scope',
  NAME_SCOPE,
);

type Dep = Operation | Tensor | { op: Operation };
const DEPS = kind<readonly Dep[] | null>(
  'list of Operations or Tensors',
  (v) => v === null || (Array.isArray(v) && v.every((d) => d instanceof Operation || d instanceof Tensor || isVariable(d))),
);
const CONTROL = [req('control_inputs', DEPS)] as const;

/** `tf.control_dependencies(control_inputs, fn)`: ops made in `fn` run after `control_inputs` (null clears them). */
export const control_dependencies = signed(
  function control_dependencies<T>(
    ...args: [control_inputs: readonly Dep[] | null, fn: () => T] | [keywords: { control_inputs: readonly Dep[] | null }, fn: () => T]
  ): T {
    const [rest, block] = withBlock<() => T>('control_dependencies', args);
    const deps =
      (parseArgs('control_dependencies', CONTROL, rest).control_inputs as readonly Dep[] | null)?.map((d) =>
        d instanceof Operation || d instanceof Tensor ? d : d.op,
      ) ?? null;
    const first = deps?.[0];
    const g = first ? first.graph : get_default_graph();
    return g.control_dependencies(deps, block);
  },
  'control_dependencies',
  CONTROL,
);
