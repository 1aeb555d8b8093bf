// tf.summary's op builders (python/summary/summary.py r1.12): scalar, histogram, image, audio, text, tensor_summary,
// merge and merge_all. Each summary op is named by summary_op_util.summary_scope (its tag is that scope, with
// `family/` in front when given) and collected in SUMMARIES, so `tf.summary.merge_all()` finds it.
import { clone, create, fromBinary, isMessage, toBinary } from '@bufbuild/protobuf';
import { kind, opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { NDArray } from '../framework/ndarray.js';
import { type SummaryMetadata, SummaryMetadataSchema } from '../framework/proto/tensorflow/core/framework/summary_pb.js';
import { get_default_graph, GraphKeys } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { apply1 } from '../ops/apply.js';
import { type TensorLike, convert_to_tensor } from '../ops/convert.js';
import { ANY, INT, STR, TENSOR, list } from '../ops/kinds.js';
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
          [tagInput, constant(tag, { dtype: 'string', name: tagInput })],
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

/** The op of one summary, made in its summary scope and collected: `inputs(tag)` lists its named inputs. */
function summaryOf(
  type: 'ImageSummary' | 'AudioSummaryV2' | 'TensorSummaryV2',
  a: { name: string; collections?: string[] | null; family?: string | null },
  inputs: (tag: string) => [string, TensorLike][],
  attrs: object,
): Tensor {
  return summaryScope(a.name, a.family, (tag, scope) => {
    const val = apply1({ type, name: scope, defaultName: type, inputs: inputs(tag), attrs } as Parameters<typeof apply1>[0]);
    collect(val, a.collections, [GraphKeys.SUMMARIES]);
    return val;
  });
}

const BAD_COLOR = (): NDArray => new NDArray(Uint8Array.from([255, 0, 0, 255]), [4], 'uint8');

/**
 * TF1's `tf.summary.image(name, tensor, max_outputs=3, collections, family)`: up to `max_outputs` images of a
 * [batch, height, width, 1|3|4] uint8 or float tensor as PNGs, tagged `name/image/<i>` (`name/image` for one).
 */
export const image = tf1(
  'summary.image',
  [req('name', STR), req('tensor', TENSOR), opt('max_outputs', INT), opt('collections', COLLECTIONS), opt('family', STR)] as const,
  (a) =>
    summaryOf(
      'ImageSummary',
      a,
      (tag) => [
        ['tag', constant(tag, { dtype: 'string', name: 'tag' })],
        ['tensor', a.tensor],
      ],
      { max_images: a.max_outputs ?? 3, bad_color: BAD_COLOR() },
    ),
);

/**
 * TF1's `tf.summary.audio(name, tensor, sample_rate, max_outputs=3, collections, family)`: up to `max_outputs` clips
 * of a [batch, frames] or [batch, frames, channels] float32 tensor in [-1, 1] as WAV files, tagged `name/audio/<i>`.
 */
export const audio = tf1(
  'summary.audio',
  [req('name', STR), req('tensor', TENSOR), req('sample_rate', TENSOR), opt('max_outputs', INT), opt('collections', COLLECTIONS), opt('family', STR)] as const,
  (a) =>
    summaryOf(
      'AudioSummaryV2',
      a,
      (tag) => [
        ['tag', constant(tag, { dtype: 'string', name: 'tag' })],
        ['tensor', a.tensor],
        ['sample_rate', convert_to_tensor(a.sample_rate, { dtype: 'float32', name: 'sample_rate' })],
      ],
      { max_outputs: a.max_outputs ?? 3 },
    ),
);

const METADATA = kind<SummaryMetadata | Uint8Array | null>(
  'SummaryMetadata',
  (v) => v === null || v instanceof Uint8Array || isMessage(v, SummaryMetadataSchema),
);

/**
 * TF1's `tf.summary.tensor_summary(name, tensor, summary_description, collections, summary_metadata, family,
 * display_name)`: the tensor itself (TensorSummaryV2), with a SummaryMetadata (a message or its bytes).
 */
export const tensor_summary = tf1(
  'summary.tensor_summary',
  [
    req('name', STR),
    req('tensor', TENSOR),
    opt('summary_description', STR),
    opt('collections', COLLECTIONS),
    opt('summary_metadata', METADATA),
    opt('family', STR),
    opt('display_name', STR),
  ] as const,
  (a) => {
    const given = a.summary_metadata;
    const m = given instanceof Uint8Array ? fromBinary(SummaryMetadataSchema, given) : clone(SummaryMetadataSchema, given ?? create(SummaryMetadataSchema));
    if (a.summary_description != null) m.summaryDescription = a.summary_description;
    if (a.display_name != null) m.displayName = a.display_name;
    const bytes = NDArray.fromStrings([toBinary(SummaryMetadataSchema, m)], []);
    return summaryOf(
      'TensorSummaryV2',
      a,
      (tag) => [
        ['tag', constant(tag, { dtype: 'string', name: 'tag' })],
        ['tensor', a.tensor],
        ['serialized_summary_metadata', constant(bytes, { name: 'serialized_summary_metadata' })],
      ],
      {},
    );
  },
);

/**
 * TF1's `tf.summary.text(name, tensor, collections)`: a string tensor (any shape) as TensorSummaryV2 with the
 * text plugin's metadata, as TensorBoard's text dashboard reads it.
 */
export const text = tf1('summary.text', [req('name', STR), req('tensor', TENSOR), opt('collections', COLLECTIONS)] as const, (a) => {
  const t = convert_to_tensor(a.tensor);
  if (t.dtype !== 'string') throw new ValueError(`Expected tensor ${t.name} to have dtype string, got <dtype: '${t.dtype}'>`);
  const metadata = create(SummaryMetadataSchema, { pluginData: { pluginName: 'text' } });
  return tensor_summary(a.name, t, { summary_metadata: metadata, collections: a.collections ?? null });
});

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
