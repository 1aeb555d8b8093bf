// tf.Summary, tf.SessionLog, tf.Event, tf.HistogramProto, tf.SummaryMetadata: TF1's message classes by their
// fields' TF1 names, refusing what Python protobuf refuses.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

describe('summary messages', () => {
  it("take TF1's field names, nested messages as dicts or messages, and oneofs", () => {
    const v = tf.Summary.Value({ tag: 'w', histo: { min: -1, max: 2, num: 3, bucket_limit: [0, 2], bucket: [1, 2] } });
    expect(v.value.case).toBe('histo');
    if (v.value.case === 'histo') expect(v.value.value.bucketLimit).toEqual([0, 2]);
    const s = tf.Summary({ value: [v, { tag: 'x', simple_value: 1.5 }] });
    expect(s.value.map((x) => x.tag)).toEqual(['w', 'x']);
    const ev = tf.Event({ wall_time: 1.5, step: 3, summary: s });
    expect(ev.step).toBe(3n);
    expect(ev.what.case).toBe('summary');
    expect(tf.SessionLog({ status: 'STOP' }).status).toBe(tf.SessionLog.STOP);
    const md = tf.SummaryMetadata({ plugin_data: tf.SummaryMetadata.PluginData({ plugin_name: 'text', content: 'c' }) });
    expect(md.pluginData?.content).toEqual(new TextEncoder().encode('c'));
    expect(tf.HistogramProto({ sum: 2 }).sum).toBe(2);
  });

  it("refuse positional values, unknown fields and values of the wrong type as Python's protobuf", () => {
    expect(() => tf.Summary(1 as never)).toThrow(new tf.errors.TypeError('No positional arguments allowed'));
    expect(() => tf.Summary({ values: [] })).toThrow(new tf.errors.ValueError('Protocol message Summary has no "values" field.'));
    expect(() => tf.Summary.Value({ tag: 3 })).toThrow(tf.errors.TypeError);
    expect(() => tf.Event({ step: 1.5 })).toThrow(tf.errors.TypeError);
    expect(() => tf.SessionLog({ status: 'PAUSE' })).toThrow(tf.errors.ValueError);
    expect(() => tf.Summary({ value: 'x' })).toThrow(tf.errors.TypeError);
  });
});
