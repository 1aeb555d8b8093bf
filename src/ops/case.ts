// tf.case as TF1 r1.12's control_flow_ops.py builds it: a chain of tf.cond, the first pair's cond outermost, under
// the `case` name scope, so the first predicate that holds picks its function, else `default`.
import { Tensor } from '../graph/tensor.js';
import { opt, req, tf1, type Call } from '../framework/args.js';
import { TypeError as TFTypeError, UnimplementedError } from '../framework/errors.js';
import { graphOf } from './convert.js';
import { cond, type CondResult } from './cond.js';
import { ANY, BOOL, FUNC, STR } from './kinds.js';
import { name_scope } from './scopes.js';

type Fn = () => unknown;

/** TF1's _case_verify_and_canonicalize_args: a list of (pred, fn) pairs, or a Map (a dict: sorted by the predicates' names). */
function canonicalize(pairs: unknown): [Tensor, Fn][] {
  let list: unknown[];
  if (pairs instanceof Map) list = [...pairs.entries()].sort(([a], [b]) => ((a as Tensor).name < (b as Tensor).name ? -1 : 1));
  else if (Array.isArray(pairs)) list = pairs;
  else throw new TFTypeError('fns must be a list, tuple, or dict');
  return list.map((pair) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TFTypeError('Each entry in pred_fn_pairs must be a 2-tuple');
    const [pred, fn] = pair as [unknown, unknown];
    if (!(pred instanceof Tensor)) throw new TFTypeError(`pred must be a Tensor, got: ${String(pred)}`);
    if (pred.dtype !== 'bool') throw new TFTypeError(`pred must be Tensor of type bool: ${pred.name}`);
    if (typeof fn !== 'function') throw new TFTypeError(`fn for pred ${pred.name} must be callable.`);
    return [pred, fn as Fn];
  });
}

const CASE = [req('pred_fn_pairs', ANY), opt('default', FUNC), opt('exclusive', BOOL), opt('strict', BOOL), opt('name', STR)] as const;

/** case's types: the result has the functions' structure, as cond's. */
export interface CaseFn {
  <T>(
    pred_fn_pairs: readonly (readonly [Tensor, () => T])[] | ReadonlyMap<Tensor, () => T>,
    default_: () => T,
    options?: { exclusive?: boolean | null; strict?: boolean | null; name?: string | null },
  ): CondResult<T>;
  (...args: Call<typeof CASE>): unknown;
}

/**
 * `tf.case(pred_fn_pairs, default, exclusive, strict, name)`: the result of the function of the first predicate
 * that is true (pairs as `[[pred, fn], ...]`, or a Map from predicate to function), else of `default`; only that
 * function's ops run. TF1 checks `exclusive=True`, and the missing default, with `tf.Assert` ops carrying string
 * messages, which tf1-ts cannot build yet: those two forms raise UnimplementedError.
 */
export const case_: CaseFn = tf1('case', CASE, (a): unknown => {
  const pairs = canonicalize(a.pred_fn_pairs);
  if (a.default == null)
    throw new UnimplementedError('tf.case without a default needs tf.Assert (string messages), which tf1-ts does not have yet: pass default.');
  if (a.exclusive) throw new UnimplementedError('tf.case(exclusive=True) needs tf.Assert (string messages), which tf1-ts does not have yet.');
  const strict = a.strict ?? false;
  const g = graphOf(pairs.map(([p]) => p));
  return g.as_default(() =>
    name_scope(a.name ?? 'case', 'case', [pairs.map(([p]) => p)], () => {
      // To evaluate the conditions in order, the conds nest in reverse: cond(p0, f0, () => cond(p1, f1, ...)).
      let fn: Fn = a.default as Fn;
      for (const [pred, action] of [...pairs].reverse()) {
        const falseFn = fn;
        fn = () => cond(pred, action, falseFn, { strict });
      }
      return fn();
    }),
  );
}) as CaseFn;
