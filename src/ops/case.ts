// tf.case as TF1 r1.12's control_flow_ops.py builds it: a chain of tf.cond, the first pair's cond outermost, under
// the `case` name scope, so the first predicate that holds picks its function, else `default`. `exclusive=True`
// and a missing default are checked with tf.Assert ops as TF1's _case_helper checks them.
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { opt, req, tf1, type Call } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { constant } from './array_ops.js';
import { stack } from './array_structure_ops.js';
import { graphOf } from './convert.js';
import { cond, type CondResult } from './cond.js';
import { Assert } from './control_flow_assert.js';
import { ANY, BOOL, FUNC, STR } from './kinds.js';
import { cast, less_equal, reduce_sum } from './math_ops.js';
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

/** TF1's _assert_at_most_n_true: an Assert that at most `n` of the predicates hold. */
function assertAtMostNTrue(predicates: readonly Tensor[], n: number, msg: string): Operation {
  const predsC = stack(predicates as Tensor[], { name: 'preds_c' });
  const numTrue = reduce_sum(cast(predsC, 'int32'), { name: 'num_true_conds' });
  const condition = less_equal(numTrue, constant(n, { name: 'n_true_conds' }));
  const names = predicates.map((p) => p.name).join(', ');
  return Assert(condition, [`${msg}: more than ${n} conditions (${names}) evaluated as True:`, predsC], { summarize: predicates.length });
}

/** TF1's _case_create_default_action: the last pair's function becomes the default, guarded by Asserts. */
function createDefaultAction(pairs: readonly [Tensor, Fn][]): [Fn, [Tensor, Fn][]] {
  const k = pairs.length - 1;
  // Python's IndexError of predicates[-1] on an empty list
  if (k < 0) throw new ValueError('list index out of range');
  const [predicate, action] = pairs[k]!;
  const others = pairs.slice(0, k);
  const defaultAction: Fn = () => {
    const othersMsg = `Implementation error: selected default action #${k} was called, but some of other predicates are True: `;
    const defaultMsg = [
      'Input error: None of conditions evaluated as True:',
      stack(
        pairs.map(([p]) => p),
        { name: 'preds_c' },
      ),
    ];
    const checks = [
      assertAtMostNTrue(
        others.map(([p]) => p),
        0,
        othersMsg,
      ),
      Assert(predicate, defaultMsg),
    ];
    return predicate.graph.control_dependencies(checks, () => action());
  };
  return [defaultAction, others];
}

const CASE = [req('pred_fn_pairs', ANY), opt('default', FUNC), opt('exclusive', BOOL), opt('strict', BOOL), opt('name', STR)] as const;

/** case's types: the result has the functions' structure, as cond's. */
export interface CaseFn {
  <T>(
    pred_fn_pairs: readonly (readonly [Tensor, () => T])[] | ReadonlyMap<Tensor, () => T>,
    default_?: (() => T) | null,
    options?: { exclusive?: boolean | null; strict?: boolean | null; name?: string | null },
  ): CondResult<T>;
  (...args: Call<typeof CASE>): unknown;
}

/**
 * `tf.case(pred_fn_pairs, default, exclusive, strict, name)`: the result of the function of the first predicate
 * that is true (pairs as `[[pred, fn], ...]`, or a Map from predicate to function), else of `default`; only that
 * function's ops run. With `exclusive=True` the run fails (InvalidArgumentError "Input error: exclusive=True: more
 * than 1 conditions ...") when more than one predicate holds; without `default` the last pair's function is the
 * default, and the run fails ("Input error: None of conditions evaluated as True") when no predicate holds.
 */
export const case_: CaseFn = tf1('case', CASE, (a): unknown => {
  let pairs = canonicalize(a.pred_fn_pairs);
  const strict = a.strict ?? false;
  const g = graphOf(pairs.map(([p]) => p));
  return g.as_default(() =>
    name_scope(a.name ?? 'case', 'case', [pairs.map(([p]) => p)], () => {
      let fn: Fn;
      if (a.default == null) [fn, pairs] = createDefaultAction(pairs);
      else fn = a.default as Fn;
      // To evaluate the conditions in order, the conds nest in reverse: cond(p0, f0, () => cond(p1, f1, ...)).
      for (const [pred, action] of [...pairs].reverse()) {
        const falseFn = fn;
        fn = () => cond(pred, action, falseFn, { strict });
      }
      if (!a.exclusive) return fn();
      const check = assertAtMostNTrue(
        pairs.map(([p]) => p),
        1,
        'Input error: exclusive=True',
      );
      return g.control_dependencies([check], () => fn());
    }),
  );
}) as CaseFn;
