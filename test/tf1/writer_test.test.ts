// TF1's tensorflow/python/summary/writer/writer_test.py (r1.12): FileWriter's events read back with
// tf.train.summary_iterator, one `it` per test method that applies (PluginAssetsTest needs plugin assets; the
// V2 writer's session form is not in tf1-ts).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as tf from '../../src/index.js';
import type { Event } from '../../src/framework/proto/tensorflow/core/util/event_pb.js';
import { SummarySchema } from '../../src/framework/proto/tensorflow/core/framework/summary_pb.js';
import { GraphDefSchema } from '../../src/framework/proto/tensorflow/core/framework/graph_pb.js';
import { MetaGraphDefSchema } from '../../src/framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { RunMetadataSchema } from '../../src/framework/proto/tensorflow/core/protobuf/config_pb.js';
import { metaGraphOf } from '../../src/summary/writer.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'tf1ts-writer-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  vi.useRealTimers();
});

const testDir = (name: string): string => path.join(root, name);
const eventPaths = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.startsWith('event'))
    .sort()
    .map((f) => path.join(dir, f));

/** _EventsReader: the last events file of the folder. */
function eventsReader(dir: string): Iterator<Event> {
  const paths = eventPaths(dir);
  expect(paths.length).toBeGreaterThan(0);
  return tf.train.summary_iterator(paths[paths.length - 1]!);
}
const next = (rr: Iterator<Event>): Event => {
  const r = rr.next();
  expect(r.done).toBeFalsy();
  return r.value as Event;
};
const assertDone = (rr: Iterator<Event>): void => {
  expect(rr.next().done).toBe(true); // Python's StopIteration
};
const assertRecent = (t: number): void => {
  expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(5);
};
function assertFileVersion(ev: Event): void {
  assertRecent(ev.wallTime);
  expect(ev.what).toEqual({ case: 'fileVersion', value: 'brain.Event:2' });
}
const simple = (tag: string, v: number) => tf.Summary({ value: [tf.Summary.Value({ tag, simple_value: v })] });
const summaryOf = (ev: Event) => (ev.what.case === 'summary' ? ev.what.value.value.map((v) => ({ tag: v.tag, value: v.value, metadata: v.metadata })) : null);

/** _assertEventsWithGraph: file version, the graph (with or without shapes), its meta graph, nothing else. */
function assertEventsWithGraph(dir: string, g: tf.Graph, hasShapes: boolean): void {
  const def = g.as_graph_def({ add_shapes: hasShapes }).toProto();
  const rr = eventsReader(dir);
  assertFileVersion(next(rr));
  let ev = next(rr);
  assertRecent(ev.wallTime);
  expect(ev.step).toBe(0n);
  expect(ev.what.case).toBe('graphDef');
  expect(fromBinary(GraphDefSchema, ev.what.value as Uint8Array)).toEqual(def);
  ev = next(rr);
  assertRecent(ev.wallTime);
  expect(ev.step).toBe(0n);
  expect(ev.what.case).toBe('metaGraphDef');
  expect(fromBinary(MetaGraphDefSchema, ev.what.value as Uint8Array)).toEqual(metaGraphOf(def));
  assertDone(rr);
}

function douze(): tf.Graph {
  const g = new tf.Graph();
  g.as_default(() => tf.constant([12], { name: 'douze' }));
  return g;
}

describe('FileWriterTestCase', () => {
  it('testAddingSummaryGraphAndRunMetadata', () => {
    const dir = testDir('basics');
    const sw = new tf.summary.FileWriter(dir);
    sw.add_session_log(tf.SessionLog({ status: tf.SessionLog.START }), 1);
    sw.add_summary(simple('mee', 10.0), 10);
    sw.add_summary(simple('boo', 20.0), 20);
    const g = new tf.Graph();
    g.as_default(() => tf.constant([0], { name: 'zero' }));
    sw.add_graph(g, { global_step: 30 });
    const run_metadata = create(RunMetadataSchema, { stepStats: { devStats: [{ device: 'test' }] } });
    sw.add_run_metadata(run_metadata, 'test run', { global_step: 40 });
    sw.close();

    const rr = eventsReader(dir);
    assertFileVersion(next(rr));
    let ev = next(rr);
    assertRecent(ev.wallTime);
    expect(ev.step).toBe(1n);
    expect(ev.what.case === 'sessionLog' && ev.what.value.status).toBe(tf.SessionLog.START);
    ev = next(rr);
    expect(ev.step).toBe(10n);
    expect(summaryOf(ev)).toEqual([{ tag: 'mee', value: { case: 'simpleValue', value: 10 }, metadata: undefined }]);
    ev = next(rr);
    expect(ev.step).toBe(20n);
    expect(summaryOf(ev)).toEqual([{ tag: 'boo', value: { case: 'simpleValue', value: 20 }, metadata: undefined }]);
    ev = next(rr);
    assertRecent(ev.wallTime);
    expect(ev.step).toBe(30n);
    expect(fromBinary(GraphDefSchema, ev.what.value as Uint8Array)).toEqual(g.as_graph_def({ add_shapes: true }).toProto());
    ev = next(rr);
    expect(ev.step).toBe(40n);
    expect(ev.what.case).toBe('taggedRunMetadata');
    if (ev.what.case !== 'taggedRunMetadata') return;
    expect(ev.what.value.tag).toBe('test run');
    expect(fromBinary(RunMetadataSchema, ev.what.value.runMetadata)).toEqual(run_metadata);
    assertDone(rr);
  });

  it('testGraphAsNamed', () => {
    const dir = testDir('basics_named_graph');
    const g = douze();
    new tf.summary.FileWriter(dir, { graph: g }).close();
    assertEventsWithGraph(dir, g, true);
  });

  it('testGraphAsPositional', () => {
    const dir = testDir('basics_positional_graph');
    const g = douze();
    new tf.summary.FileWriter(dir, g).close();
    assertEventsWithGraph(dir, g, true);
  });

  it('testGraphDefAsNamed', () => {
    const dir = testDir('basics_named_graph_def');
    const g = douze();
    new tf.summary.FileWriter(dir, { graph_def: g.as_graph_def() }).close();
    assertEventsWithGraph(dir, g, false);
  });

  it('testGraphDefAsPositional', () => {
    const dir = testDir('basics_positional_graph_def');
    const g = douze();
    new tf.summary.FileWriter(dir, g.as_graph_def()).close();
    assertEventsWithGraph(dir, g, false);
  });

  it('testGraphAndGraphDef', () => {
    const g = douze();
    expect(() => new tf.summary.FileWriter(testDir('basics_graph_and_graph_def'), { graph: g, graph_def: g.as_graph_def() })).toThrow(
      new tf.errors.ValueError('Please pass only graph, or graph_def (deprecated), but not both.'),
    );
  });

  it('testNeitherGraphNorGraphDef', () => {
    expect(() => new tf.summary.FileWriter(testDir('basics_string_instead_of_graph'), 'string instead of graph object')).toThrow(tf.errors.TypeError);
  });

  it('testCloseAndReopen', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dir = testDir('close_and_reopen');
    const sw = new tf.summary.FileWriter(dir);
    sw.add_session_log(tf.SessionLog({ status: tf.SessionLog.START }), 1);
    sw.close();
    // TF's test sleeps 1.2 seconds so that the second file gets a new name; the clock moves on here instead.
    vi.advanceTimersByTime(1200);
    sw.reopen();
    sw.add_session_log(tf.SessionLog({ status: tf.SessionLog.START }), 2);
    sw.close();
    const paths = eventPaths(dir);
    expect(paths).toHaveLength(2);
    for (const [i, p] of paths.entries()) {
      const rr = tf.train.summary_iterator(p);
      assertFileVersion(next(rr));
      const ev = next(rr);
      assertRecent(ev.wallTime);
      expect(ev.step).toBe(BigInt(i + 1));
      expect(ev.what.case === 'sessionLog' && ev.what.value.status).toBe(tf.SessionLog.START);
      assertDone(rr);
    }
  });

  it('testNonBlockingClose', () => {
    const sw = new tf.summary.FileWriter(testDir('non_blocking_close'));
    const before = Date.now() / 1000;
    sw.close();
    assertRecent(before);
  });

  it('testWithStatement', () => {
    const dir = testDir('with_statement');
    {
      // Disposable at run time (Node 20 has Symbol.dispose); the published type leaves it out (see writer.ts).
      using sw = new tf.summary.FileWriter(dir) as tf.summary.FileWriter & Disposable;
      sw.add_session_log(tf.SessionLog({ status: tf.SessionLog.START }), 1);
    }
    expect(eventPaths(dir)).toHaveLength(1);
    expect([...tf.train.summary_iterator(eventPaths(dir)[0]!)]).toHaveLength(2);
  });

  it('testAddingSummariesFromSessionRunCalls', async () => {
    const dir = testDir('global_step');
    const sw = new tf.summary.FileWriter(dir);
    const g = new tf.Graph();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const [i, l] = g.as_default(() => [tf.constant(1, { dtype: tf.int32, shape: [] }), tf.constant(2, { dtype: tf.int64, shape: [] })]);
    const [iv, lv] = (await sess.run([i!, l!])) as tf.NDArray[];
    sess.close();
    // The summary passed serialized, then as a message; the steps are the run's values.
    sw.add_summary(toBinary(SummarySchema, simple('i', 1.0)), iv!.data[0]!);
    sw.add_summary(simple('l', 2.0), lv!.data[0]!);
    sw.close();
    const rr = eventsReader(dir);
    assertFileVersion(next(rr));
    let ev = next(rr);
    expect(ev.step).toBe(1n);
    expect(summaryOf(ev)).toEqual([{ tag: 'i', value: { case: 'simpleValue', value: 1 }, metadata: undefined }]);
    ev = next(rr);
    expect(ev.step).toBe(2n);
    expect(summaryOf(ev)).toEqual([{ tag: 'l', value: { case: 'simpleValue', value: 2 }, metadata: undefined }]);
    assertDone(rr);
  });

  it('testPluginMetadataStrippedFromSubsequentEvents', () => {
    const dir = testDir('basics');
    const sw = new tf.summary.FileWriter(dir);
    sw.add_session_log(tf.SessionLog({ status: tf.SessionLog.START }), 1);
    const value = () => tf.Summary.Value({ tag: 'foo', simple_value: 10.0, metadata: { plugin_data: { plugin_name: 'bar', content: '... content ...' } } });
    sw.add_summary(tf.Summary({ value: [value()] }), 10);
    sw.add_summary(tf.Summary({ value: [value()] }), 10);
    sw.close();
    const rr = eventsReader(dir);
    assertFileVersion(next(rr));
    expect(next(rr).what.case).toBe('sessionLog');
    const first = summaryOf(next(rr))!;
    expect(first[0]!.metadata?.pluginData?.pluginName).toBe('bar');
    expect(new TextDecoder().decode(first[0]!.metadata?.pluginData?.content)).toBe('... content ...');
    expect(summaryOf(next(rr))).toEqual([{ tag: 'foo', value: { case: 'simpleValue', value: 10 }, metadata: undefined }]);
    assertDone(rr);
  });

  it('testFileWriterWithSuffix', () => {
    const dir = testDir('test_suffix');
    const sw = new tf.summary.FileWriter(dir, { filename_suffix: '_test_suffix' });
    for (let i = 0; i < 10; i++) {
      sw.add_summary(simple('float_ten', 10.0), 10);
      sw.close();
      sw.reopen();
    }
    sw.close();
    const names = eventPaths(dir);
    expect(names.length).toBeGreaterThan(0);
    for (const f of names) expect(f.endsWith('_test_suffix')).toBe(true);
  });
});

describe('SummaryWriterCacheTest', () => {
  it('test_cache', () => {
    new tf.Graph().as_default(() => {
      const dir1 = testDir('test_cache_1');
      const dir2 = testDir('test_cache_2');
      const sw1 = tf.summary.FileWriterCache.get(dir1);
      const sw2 = tf.summary.FileWriterCache.get(dir2);
      const sw3 = tf.summary.FileWriterCache.get(dir1);
      expect(sw1).toBe(sw3);
      expect(sw1).not.toBe(sw2);
      sw1.close();
      sw2.close();
      expect(eventPaths(dir1).length).toBeGreaterThan(0);
      expect(eventPaths(dir2).length).toBeGreaterThan(0);
      expect(existsSync(path.join(root, 'nowriter'))).toBe(false);
    });
    tf.summary.FileWriterCache.clear();
  });

  it('test_clear', () => {
    new tf.Graph().as_default(() => {
      const dir1 = testDir('test_clear');
      const sw1 = tf.summary.FileWriterCache.get(dir1);
      tf.summary.FileWriterCache.clear();
      const sw2 = tf.summary.FileWriterCache.get(dir1);
      expect(sw1).not.toBe(sw2);
    });
    tf.summary.FileWriterCache.clear();
  });
});
