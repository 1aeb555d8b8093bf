// tf.summary's op builders (python/summary/summary.py r1.12): scalar, histogram, merge and merge_all. Each summary op
// is named by summary_op_util.summary_scope (its tag is that scope, with `family/` in front when given) and collected
// in SUMMARIES, so `tf.summary.merge_all()` finds it.
import { kind, opt, req, tf1 } from '../framework/args.js';
import { get_default_graph, GraphKeys } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { apply1 } from '../ops/apply.js';
import type { TensorLike } from '../ops/convert.js';
import { ANY, STR, TENSOR, list } from '../ops/kinds.js';
import { constant } from '../ops/array_ops.js';

const INVALID_TAG = /[^-/\w.]/g;

/** summary_op_util.clean_tag: characters TensorBoard does not take become `_`; leading slashes go. */
function cleanTag(name: string | null | undefined): string | null {
  if (name == null) return null;
  return name.replace(INVALID_TAG, '_').replace(/^\/+/, '');
}

const COLLECTIONS = kind<string[] | null>('list of strings', (v) => v === null || (Array.isArray(v) && v.every((x) => typeof x === 'string')));

/** summary_op_util.collect: the op into `collections`, or the default ones. */
function collect(val: Tensor, collections: readonly string[] | null | undefined, defaults: readonly string[]): void {
  for (const key of collections ?? defaults) val.graph.add_to_collection(key, val);
}

/** summary_op_util.summary_scope: the op's scope (`name/`, uniquified) and its tag (`family/` + that scope). */
function summaryScope<T>(name: string, family: string | null | undefined, fn: (tag: string, scope: string) => T): T {
  const n = cleanTag(name)!;
  const f = cleanTag(family);
  const base = f === null ? n : `${f}/${n}`;
  return get_default_graph().name_scope(base, (scope) => {
    const tag = f === null ? scope.replace(/\/$/, '') : `${f}/${scope.replace(/\/$/, '')}`;
    return fn(tag, scope);
  });
}

function summaryOp(type: 'ScalarSummary' | 'HistogramSummary', tagInput: string, valuesInput: string) {
  return (a: { name: string; values: TensorLike; collections?: string[] | null; family?: string | null }): Tensor =>
    summaryScope(a.name, a.family, (tag, scope) => {
      const val = apply1({
        type,
        name: scope,
        defaultName: type,
        inputs: [
          [tagInput, constant(tag, { dtype: 'string' })],
          [valuesInput, a.values],
        ],
        attrs: {},
      });
      collect(val, a.collections, [GraphKeys.SUMMARIES]);
      return val;
    });
}

const scalarOp = summaryOp('ScalarSummary', 'tags', 'values');
const histogramOp = summaryOp('HistogramSummary', 'tag', 'values');

/** TF1's `tf.summary.scalar(name, tensor, collections, family)`: a Summary with the tensor's one value under the tag `name`. */
export const scalar = tf1('summary.scalar', [req('name', STR), req('tensor', TENSOR), opt('collections', COLLECTIONS), opt('family', STR)] as const, (a) =>
  scalarOp({ name: a.name, values: a.tensor, collections: a.collections, family: a.family }),
);

/** TF1's `tf.summary.histogram(name, values, collections, family)`: a Summary with a histogram of `values` (any shape). */
export const histogram = tf1(
  'summary.histogram',
  [req('name', STR), req('values', TENSOR), opt('collections', COLLECTIONS), opt('family', STR)] as const,
  (a) => histogramOp({ name: a.name, values: a.values, collections: a.collections, family: a.family }),
);

/** TF1's `tf.summary.merge(inputs, collections, name)`: one Summary of every value of the input Summaries (`Merge/MergeSummary`). */
export const merge = tf1('summary.merge', [req('inputs', list(TENSOR)), opt('collections', COLLECTIONS), opt('name', STR)] as const, (a) =>
  get_default_graph().name_scope(a.name ?? 'Merge', () => {
    const val = apply1({
      type: 'MergeSummary',
      name: a.name ?? undefined,
      defaultName: 'MergeSummary',
      inputs: a.inputs.map((t, i) => [`inputs_${i}`, t] as [string, TensorLike]),
      attrs: {},
    });
    collect(val, a.collections, []);
    return val;
  }),
);

/** TF1's `tf.summary.merge_all(key, scope, name)`: merge of the collection `key` (SUMMARIES), or null when it is empty. */
export const merge_all = tf1('summary.merge_all', [opt('key', STR), opt('scope', ANY), opt('name', STR)] as const, (a): Tensor | null => {
  const ops = get_default_graph().get_collection<Tensor>(a.key ?? GraphKeys.SUMMARIES, (a.scope as string | null | undefined) ?? null);
  return ops.length ? merge(ops, { name: a.name ?? null }) : null;
});
