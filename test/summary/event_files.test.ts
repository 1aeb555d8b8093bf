// Event files as TensorBoard reads them: each record's frame checked, each Event decoded by the schema and by
// Debian's protoc (an independent decoder); the file's name and first event; when events reach the disk.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as tf from '../../src/index.js';
import { EventSchema } from '../../src/framework/proto/tensorflow/core/util/event_pb.js';
import { MetaGraphDefSchema } from '../../src/framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { RunMetadataSchema } from '../../src/framework/proto/tensorflow/core/protobuf/config_pb.js';
import { encodeRecord, readRecords } from '../../src/summary/record_format.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode } from '../helpers/protoc.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tf1ts-events-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.useRealTimers();
});

const files = (): string[] => readdirSync(dir).filter((f) => f.startsWith('events'));
const records = (): Uint8Array[] => [...readRecords(new Uint8Array(readFileSync(path.join(dir, files()[0]!))))];

function writeSome(): void {
  const g = new tf.Graph();
  g.as_default(() => tf.constant([1, 2], { name: 'c' }).add(1));
  const w = new tf.summary.FileWriter(dir, g);
  w.add_summary(tf.Summary({ value: [tf.Summary.Value({ tag: 'loss', simple_value: 0.5 })] }), 7);
  w.add_session_log(tf.SessionLog({ status: tf.SessionLog.CHECKPOINT, checkpoint_path: '/tmp/model.ckpt-7' }), 7);
  w.close();
}

describe('event files', () => {
  it('are named events.out.tfevents.<10-digit seconds>.<host>, and begin with the file version at whole seconds', () => {
    const before = Math.floor(Date.now() / 1000);
    new tf.summary.FileWriter(dir, { filename_suffix: '.v2' }).close();
    const [name] = files();
    const m = /^events\.out\.tfevents\.(\d{10})\.(.*)\.v2$/.exec(name!);
    expect(m?.[2]).toBe(hostname());
    const secs = Number(m![1]);
    expect(secs - before).toBeLessThanOrEqual(1);
    const [first, ...rest] = records().map((r) => fromBinary(EventSchema, r));
    expect(first!.wallTime).toBe(secs);
    expect(first!.step).toBe(0n);
    expect(first!.what).toEqual({ case: 'fileVersion', value: 'brain.Event:2' });
    expect(rest).toEqual([]);
  });

  it.skipIf(!HAS_PROTOC)(`decode frame by frame with protoc --decode tensorflow.Event (${HAS_PROTOC ? 'protoc found' : NO_PROTOC})`, () => {
    writeSome();
    const texts = records().map((r) => protocDecode('tensorflow.Event', r));
    expect(texts).toHaveLength(5);
    expect(texts[0]).toMatch(/^wall_time: \d+\nfile_version: "brain.Event:2"\n$/);
    expect(texts[1]).toMatch(/^wall_time: [\d.e+]+\ngraph_def: ".*"\n$/s);
    expect(texts[2]).toMatch(/^wall_time: [\d.e+]+\nmeta_graph_def: ".*"\n$/s);
    expect(texts[3]).toMatch(/^wall_time: [\d.e+]+\nstep: 7\nsummary \{\n {2}value \{\n {4}tag: "loss"\n {4}simple_value: 0.5\n {2}\}\n\}\n$/);
    expect(texts[4]).toMatch(/^wall_time: [\d.e+]+\nstep: 7\nsession_log \{\n {2}status: CHECKPOINT\n {2}checkpoint_path: "\/tmp\/model.ckpt-7"\n\}\n$/);
    // The graph inside, decoded by protoc as a GraphDef: the nodes with their shapes.
    const ev = fromBinary(EventSchema, records()[1]!);
    const graph = protocDecode('tensorflow.GraphDef', ev.what.value as Uint8Array);
    expect(graph).toMatch(/name: "c"\n {2}op: "Const"/);
    expect(graph).toMatch(/key: "_output_shapes"/);
  });

  it("carry tf.train.export_meta_graph's MetaGraphDef and a Session's traced RunMetadata", async () => {
    const g = new tf.Graph();
    const [v, y] = g.as_default(() => {
      const v = tf.Variable(tf.zeros([2]), { name: 'v' });
      return [v, v.add(1)] as const;
    });
    const meta = await tf.train.export_meta_graph({ graph: g });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(v.initializer);
    const md = new tf.RunMetadata();
    await sess.run(y, null, { options: new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), run_metadata: md });
    sess.close();
    const w = new tf.summary.FileWriter(dir);
    w.add_meta_graph(meta, 3);
    w.add_run_metadata(md, 'step 3', 3);
    expect(() => w.add_run_metadata(md, 'step 3', 4)).toThrow(new tf.errors.ValueError('The provided tag was already used for this event type'));
    expect(() => w.add_meta_graph(g as never)).toThrow(tf.errors.TypeError);
    w.close();
    const [, metaEv, runEv] = records().map((r) => fromBinary(EventSchema, r));
    expect(metaEv!.step).toBe(3n);
    expect(fromBinary(MetaGraphDefSchema, metaEv!.what.value as Uint8Array)).toEqual(fromBinary(MetaGraphDefSchema, meta.SerializeToString()));
    if (runEv!.what.case !== 'taggedRunMetadata') throw new Error('no run metadata');
    const run = fromBinary(RunMetadataSchema, runEv!.what.value.runMetadata);
    const names = run.stepStats?.devStats[0]?.nodeStats.map((n) => n.nodeName);
    expect(names).toEqual(md.step_stats.map((s) => s.node_name));
    expect(names!.length).toBeGreaterThan(0);
  });

  it('reach the file when max_queue events wait, on flush() and on close()', () => {
    const w = new tf.summary.FileWriter(dir, { max_queue: 3 });
    const s = tf.Summary({ value: [tf.Summary.Value({ tag: 'x', simple_value: 1 })] });
    w.add_summary(s, 1);
    w.add_summary(s, 2);
    expect(records()).toHaveLength(1); // the file version only
    w.add_summary(s, 3);
    expect(records()).toHaveLength(4);
    w.add_summary(s, 4);
    w.flush();
    expect(records()).toHaveLength(5);
    w.add_summary(s, 5);
    w.close();
    expect(records()).toHaveLength(6);
    w.add_summary(s, 6); // closed: dropped (TF1 warns)
    expect(records()).toHaveLength(6);
  });

  it('reach the file every flush_secs, on a timer that never keeps the process alive', () => {
    vi.useFakeTimers();
    const w = new tf.summary.FileWriter(dir, { flush_secs: 2 });
    w.add_summary(tf.Summary({ value: [tf.Summary.Value({ tag: 'x', simple_value: 1 })] }), 1);
    expect(records()).toHaveLength(1);
    vi.advanceTimersByTime(2100);
    expect(records()).toHaveLength(2);
    w.close();
    vi.useRealTimers();
    const real = new tf.summary.FileWriter(dir);
    const timer = (real.event_writer as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
    real.close();
  });

  it('that are corrupt raise DataLossError from summary_iterator, and records that are no Event too', () => {
    writeSome();
    const file = path.join(dir, files()[0]!);
    const bytes = new Uint8Array(readFileSync(file));
    const bad = bytes.slice();
    bad[bytes.length - 20]! ^= 0x10;
    writeFileSync(file, bad);
    const it = tf.train.summary_iterator(file);
    expect(() => [...it]).toThrow(tf.errors.DataLossError);
    writeFileSync(file, encodeRecord(new Uint8Array([0xff, 0xff, 0xff])));
    expect(() => [...tf.train.summary_iterator(file)]).toThrow(tf.errors.DataLossError);
    // As TF1's generator, the file is opened at the first next().
    const missing = tf.train.summary_iterator(path.join(dir, 'missing'));
    expect(() => missing.next()).toThrow(tf.errors.NotFoundError);
  });
});

describe('writers left open', () => {
  it("write what they queued when Node's process exits, as TF's writers do in their destructors", () => {
    const script = path.join(dir, 'left_open.mts');
    const src = path.join(import.meta.dirname, '../../src/index.js');
    writeFileSync(
      script,
      [
        `import * as tf from ${JSON.stringify(src)};`,
        `const w = new tf.summary.FileWriter(${JSON.stringify(path.join(dir, 'logs'))});`,
        `w.add_summary(tf.Summary({ value: [tf.Summary.Value({ tag: 'x', simple_value: 1 })] }), 1);`,
        `const r = new tf.python_io.TFRecordWriter(${JSON.stringify(path.join(dir, 'records'))});`,
        `r.write('kept');`,
      ].join('\n'),
    );
    execFileSync(path.join(import.meta.dirname, '../../node_modules/.bin/tsx'), [script]);
    const logs = readdirSync(path.join(dir, 'logs'));
    const evs = [...tf.train.summary_iterator(path.join(dir, 'logs', logs[0]!))];
    expect(evs.map((e) => e.what.case)).toEqual(['fileVersion', 'summary']);
    expect([...tf.python_io.tf_record_iterator(path.join(dir, 'records'))].map((r) => new TextDecoder().decode(r))).toEqual(['kept']);
  });
});
