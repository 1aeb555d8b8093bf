// tf.summary.tensor_summary and tf.summary.text: r1.12's python/kernel_tests/summary_tensor_op_test.py, and
// python/summary/summary_test.py's and text_summary_test.py's text cases. MakeNdarray is graph_def_proto's tensorValue.
import { fromBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { ValueError } from '../../src/framework/errors.js';
import { SummarySchema, type Summary_Value } from '../../src/framework/proto/tensorflow/core/framework/summary_pb.js';
import { tensorValue } from '../../src/graph/graph_def_proto.js';

const UTF8 = new TextDecoder();

/** Runs the summaries built in a fresh graph; each one's single Summary.Value. */
async function runValues(build: () => tf.Tensor[]): Promise<Summary_Value[]> {
  const g = new tf.Graph();
  const ss = g.as_default(build);
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    const out = (await sess.run(ss)) as tf.NDArray[];
    return out.map((a) => {
      const summ = fromBinary(SummarySchema, a.strings[0]!);
      expect(summ.value).toHaveLength(1);
      return summ.value[0]!;
    });
  } finally {
    sess.close();
  }
}

/** tensor_util.MakeNdarray of the value's tensor: dtype, shape and elements (strings decoded). */
function makeNdarray(v: Summary_Value) {
  if (v.value.case !== 'tensor') throw new Error('not a tensor');
  const t = tensorValue(v.value.value, 'test');
  const data = Array.isArray(t.data) ? (t.data as Uint8Array[]).map((b) => UTF8.decode(b)) : Array.from(t.data as ArrayLike<number>);
  return { dtype: t.dtype, shape: t.shape, data };
}

describe('SummaryV1TensorOpTest', () => {
  it('testTags', async () => {
    const vs = await runValues(() => {
      const c = tf.constant(1);
      const s1 = tf.summary.tensor_summary('s1', c);
      return tf.name_scope('foo', () => {
        const s2 = tf.summary.tensor_summary('s2', c);
        return tf.name_scope('zod', () => [s1, s2, tf.summary.tensor_summary('s3', c), tf.summary.tensor_summary('TensorSummary', c)]);
      });
    });
    expect(vs.map((v) => v.tag)).toEqual(['s1', 'foo/s2', 'foo/zod/s3', 'foo/zod/TensorSummary']);
  });

  it('testScalarSummary', async () => {
    // Python's 10.0 is a float: float32 here explicitly
    const [v] = await runValues(() => [tf.summary.tensor_summary('foo', tf.constant(10.0, { dtype: tf.float32 }))]);
    expect(makeNdarray(v!)).toEqual({ dtype: 'float32', shape: [], data: [10] });
    // TF's kernel stores a numeric tensor as tensor_content (AsProtoTensorContent), even a scalar
    expect(v!.value.case === 'tensor' && [...v!.value.value.tensorContent]).toEqual([0, 0, 0x20, 0x41]);
  });

  it('testStringSummary', async () => {
    const [v] = await runValues(() => [tf.summary.tensor_summary('foo', tf.constant('foobar'))]);
    expect(makeNdarray(v!)).toEqual({ dtype: 'string', shape: [], data: ['foobar'] });
  });

  it('testManyScalarSummary', async () => {
    const [v] = await runValues(() => [tf.summary.tensor_summary('foo', tf.ones([5, 5, 5]))]);
    expect(makeNdarray(v!)).toEqual({ dtype: 'float32', shape: [5, 5, 5], data: Array(125).fill(1) });
  });

  it('testManyStringSummary', async () => {
    const strings = [
      ['foo bar', 'baz'],
      ['zoink', 'zod'],
    ];
    const [v] = await runValues(() => [tf.summary.tensor_summary('foo', tf.constant(strings))]);
    expect(makeNdarray(v!)).toEqual({ dtype: 'string', shape: [2, 2], data: strings.flat() });
  });

  it('testManyBools', async () => {
    const bools = [true, true, true, false, false, false];
    const [v] = await runValues(() => [tf.summary.tensor_summary('foo', tf.constant(bools))]);
    expect(makeNdarray(v!)).toEqual({ dtype: 'bool', shape: [6], data: bools.map(Number) });
  });

  it('testSummaryDescriptionAndDisplayName', async () => {
    const metadata = tf.SummaryMetadata({ display_name: 'my name', summary_description: 'my description' });
    const vs = await runValues(() => {
      const c = tf.constant(1);
      return [
        tf.summary.tensor_summary('simple', c),
        tf.summary.tensor_summary('simple', c, { display_name: 'my name', summary_description: 'my description' }),
        tf.summary.tensor_summary('simple', c, { summary_metadata: metadata }),
        tf.summary.tensor_summary('simple', c, { summary_metadata: metadata, display_name: 'overwritten', summary_description: 'overwritten' }),
      ];
    });
    expect(vs.map((v) => [v.metadata?.displayName ?? '', v.metadata?.summaryDescription ?? ''])).toEqual([
      ['', ''],
      ['my name', 'my description'],
      ['my name', 'my description'],
      ['overwritten', 'overwritten'],
    ]);
    // the message given is not changed
    expect(metadata.displayName).toBe('my name');
  });
});

describe('TextSummaryTest', () => {
  it('testTextSummary (testTextSummaryAPI): strings only, vectors and scalars, TensorSummaryV2 with the text plugin', async () => {
    const g = new tf.Graph();
    const [vec, scalar] = g.as_default(() => {
      expect(() => tf.summary.text('foo', tf.constant(1))).toThrow(ValueError);
      expect(() => tf.summary.text('foo', tf.constant(1))).toThrow("Expected tensor Const_1:0 to have dtype string, got <dtype: 'int32'>");
      return [tf.summary.text('foo', tf.constant(['one', 'two', 'three'])), tf.summary.text('foo', tf.constant('one'))];
    });
    expect([vec!.op.type, scalar!.op.type]).toEqual(['TensorSummaryV2', 'TensorSummaryV2']);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const v = fromBinary(SummarySchema, (await sess.run(vec!)).strings[0]!).value[0]!;
    sess.close();
    expect(v.tag).toBe('foo');
    expect(v.metadata?.pluginData?.pluginName).toBe('text');
    expect(makeNdarray(v)).toEqual({ dtype: 'string', shape: [3], data: ['one', 'two', 'three'] });
  });

  it('testTextSummaryCollections', () => {
    const g = new tf.Graph();
    g.as_default(() => tf.summary.text('bar', tf.constant('2'), { collections: [] }));
    expect(g.get_collection(tf.GraphKeys.SUMMARIES)).toHaveLength(0);
  });
});
