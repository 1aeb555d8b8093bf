// tf.summary.scalar / histogram / merge / merge_all (python/summary/summary_test.py r1.12 cases), run and written
// with a FileWriter, read back as TensorBoard reads them.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { SummarySchema } from '../../src/framework/proto/tensorflow/core/framework/summary_pb.js';

const parse = (a: tf.NDArray) => fromBinary(SummarySchema, a.strings[0]!);

describe('SummaryTest (summary ops)', () => {
  it('testScalarSummary: the tag is the op name, in SUMMARIES', async () => {
    const g = new tf.Graph();
    const s = g.as_default(() => tf.name_scope('outer', () => tf.summary.scalar('inner', tf.constant(1.0, { dtype: tf.float32 }))));
    expect(s.op.name).toBe('outer/inner');
    expect(s.dtype).toBe('string');
    expect(g.get_collection(tf.GraphKeys.SUMMARIES)).toEqual([s]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const summ = parse(await sess.run(s));
    expect(summ.value.map((v) => [v.tag, v.value.case, v.value.value])).toEqual([['outer/inner', 'simpleValue', 1]]);
    sess.close();
  });

  it("names the tag constants as TF1 does (after the op's input: `loss/tags`, `w/tag`, `img/tag`, `txt/serialized_summary_metadata`)", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const c = tf.constant(1.0, { dtype: tf.float32 });
      tf.summary.scalar('loss', c);
      tf.summary.histogram('w', c);
      tf.summary.image('img', tf.zeros([1, 2, 2, 1]));
      tf.summary.text('txt', tf.constant('hello'));
    });
    const nodes = g.as_graph_def().node.map((n) => `${n.name} ${n.op}`);
    for (const n of ['loss/tags Const', 'loss ScalarSummary', 'w/tag Const', 'w HistogramSummary', 'img/tag Const', 'img ImageSummary', 'txt/tag Const'])
      expect(nodes).toContain(n);
    expect(nodes).toContain('txt/serialized_summary_metadata Const');
  });

  it('testScalarSummaryWithFamily and uniquified scopes', async () => {
    const g = new tf.Graph();
    const [s1, s2] = g.as_default(() => {
      const c = tf.constant(3.0, { dtype: tf.float32 });
      return [tf.summary.scalar('inner', c, { family: 'family' }), tf.summary.scalar('inner', c, { family: 'family' })];
    });
    expect([s1!.op.name, s2!.op.name]).toEqual(['family/inner', 'family/inner_1']);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    expect(parse(await sess.run(s1!)).value[0]!.tag).toBe('family/family/inner');
    expect(parse(await sess.run(s2!)).value[0]!.tag).toBe('family/family/inner_1');
    sess.close();
  });

  it('testHistogramSummary and testMergeAll: one Summary of every value, written and read back', async () => {
    const g = new tf.Graph();
    const dir = mkdtempSync(join(tmpdir(), 'tf1ts-summary-ops-'));
    try {
      const { merged, loss } = g.as_default(() => {
        const loss = tf.placeholder(tf.float32, [], 'loss_value');
        tf.summary.scalar('loss', loss);
        tf.summary.histogram('weights', tf.constant([1, 2, 2, 3], { dtype: tf.float32 }));
        return { merged: tf.summary.merge_all(), loss };
      });
      expect(merged!.op.name).toBe('Merge/MergeSummary');
      const sess = new tf.Session({ graph: g, backend: 'cpu' });
      const w = new tf.summary.FileWriter(dir);
      for (let step = 0; step < 3; step++) w.add_summary((await sess.run(merged!, new Map([[loss, step / 2]]))).strings[0]!, step);
      w.close();
      sess.close();
      const events = [...tf.train.summary_iterator(join(dir, readdirSync(dir)[0]!))];
      const summaryOf = (e: (typeof events)[number]) => (e.what.case === 'summary' ? e.what.value : null);
      const values = events.slice(1).map((e) => [Number(e.step), summaryOf(e)?.value.map((v) => v.tag)]);
      expect(values).toEqual([
        [0, ['loss', 'weights']],
        [1, ['loss', 'weights']],
        [2, ['loss', 'weights']],
      ]);
      const histo = summaryOf(events[1]!)!.value[1]!.value;
      expect(histo.case === 'histo' && [histo.value.min, histo.value.max, histo.value.num, histo.value.sum]).toEqual([1, 3, 4, 8]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('merge_all is null with no summaries; duplicate tags and mismatched shapes are InvalidArgumentError', async () => {
    const g = new tf.Graph();
    expect(g.as_default(() => tf.summary.merge_all())).toBeNull();
    const { m, bad } = g.as_default(() => {
      const a = tf.summary.scalar('x', tf.constant(1.0, { dtype: tf.float32 }), { collections: [] });
      const b = tf.summary.scalar('x', tf.constant(2.0, { dtype: tf.float32 }), { collections: [] });
      // b's tag is x_1; merging a with itself repeats a tag.
      expect(b.op.name).toBe('x_1');
      return { m: tf.summary.merge([a, a]), bad: tf.summary.histogram('h', tf.constant([1, NaN], { dtype: tf.float32 })) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await expect(sess.run(m)).rejects.toThrow('Duplicate tag x found in summary inputs');
    await expect(sess.run(bad)).rejects.toThrow(/Nan in summary histogram for: h/);
    sess.close();
  });
});
