// Image, audio and text summaries in files: the GraphDef of their ops (ImageSummary's bad_color tensor attr) and the
// event file a FileWriter writes, decoded with the schema, read back by summary_iterator and decoded by protoc.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { SummarySchema } from '../../src/framework/proto/tensorflow/core/framework/summary_pb.js';
import { import_graph_def } from '../../src/graph/import_graph_def.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode } from '../helpers/protoc.js';

function build() {
  const x = tf.placeholder(tf.float32, [2, 3, 4, 1], 'x');
  tf.summary.image('weights', x, { max_outputs: 1 });
  tf.summary.audio('sound', tf.reshape(x, [2, 12]), 8000, { max_outputs: 2 });
  tf.summary.text('note', tf.constant('hello **world**'));
  return { x, merged: tf.summary.merge_all()! };
}

const feedOf = (x: tf.Tensor) =>
  new Map([
    [
      x,
      new tf.NDArray(
        Float32Array.from({ length: 24 }, (_, i) => (i - 10) / 20),
        [2, 3, 4, 1],
        'float32',
      ),
    ],
  ]);

describe('image, audio and text summaries in files', () => {
  it('round-trip through a GraphDef: TF1 attrs (max_images, bad_color as a uint8 tensor), the same Summary bytes', async ({ skip }) => {
    const g = new tf.Graph();
    const { x, merged } = g.as_default(build);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const before = (await sess.run(merged, feedOf(x))).strings[0]!;
    sess.close();
    const bytes = g.as_graph_def().SerializeToString();
    const g2 = new tf.Graph();
    g2.as_default(() => import_graph_def(tf.GraphDef.FromString(bytes), { name: '' }));
    const sess2 = new tf.Session({ graph: g2, backend: 'cpu' });
    const after = (await sess2.run(g2.get_tensor_by_name(merged.name), feedOf(g2.get_tensor_by_name('x:0')))).strings[0]!;
    sess2.close();
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
    expect(g2.get_operation_by_name('weights').type).toBe('ImageSummary');
    expect(g2.get_operation_by_name('sound').type).toBe('AudioSummaryV2');
    expect(g2.get_operation_by_name('note').type).toBe('TensorSummaryV2');
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    const text = protocDecode('tensorflow.GraphDef', bytes);
    expect(text).toMatch(/name: "weights"\n {2}op: "ImageSummary"\n {2}input: "weights\/[^"]+"\n {2}input: "x"/);
    expect(text).toMatch(/key: "bad_color"\n {4}value \{\n {6}tensor \{\n {8}dtype: DT_UINT8\n {8}tensor_shape \{\n {10}dim \{\n {12}size: 4/);
    expect(text).toMatch(/key: "max_images"\n {4}value \{\n {6}i: 1\n/);
    expect(text).toMatch(/name: "sound"\n {2}op: "AudioSummaryV2"/);
    expect(text).toMatch(/key: "max_outputs"\n {4}value \{\n {6}i: 2\n/);
  });

  it('an event file TensorBoard reads: images, audio and text under their tags, decoded by protoc too', async ({ skip }) => {
    const dir = mkdtempSync(join(tmpdir(), 'tf1ts-summary-media-'));
    try {
      const g = new tf.Graph();
      const { x, merged } = g.as_default(build);
      const sess = new tf.Session({ graph: g, backend: 'cpu' });
      const w = new tf.summary.FileWriter(dir);
      for (const step of [1, 2]) w.add_summary((await sess.run(merged, feedOf(x))).strings[0]!, step);
      w.close();
      sess.close();
      const file = join(dir, readdirSync(dir)[0]!);
      const events = [...tf.train.summary_iterator(file)];
      const summaries = events.flatMap((e) => (e.what.case === 'summary' ? [[Number(e.step), e.what.value] as const] : []));
      expect(summaries.map(([step, s]) => [step, s.value.map((v) => `${v.tag}:${v.value.case}`)])).toEqual(
        [1, 2].map((step) => [step, ['weights/image:image', 'sound/audio/0:audio', 'sound/audio/1:audio', 'note:tensor']]),
      );
      expect(readFileSync(file).length).toBeGreaterThan(0);
      if (!HAS_PROTOC) return skip(NO_PROTOC);
      const text = protocDecode('tensorflow.Summary', toBinary(SummarySchema, summaries[0]![1]));
      expect(text).toContain('tag: "weights/image"\n  image {\n    height: 3\n    width: 4\n    colorspace: 1\n    encoded_image_string: "\\211PNG');
      expect(text).toContain(
        'tag: "sound/audio/1"\n  audio {\n    sample_rate: 8000\n    num_channels: 1\n    length_frames: 12\n    encoded_audio_string: "RIFF',
      );
      expect(text).toMatch(/content_type: "audio\/wav"/);
      expect(text).toContain(
        'tag: "note"\n  tensor {\n    dtype: DT_STRING\n    tensor_shape {\n    }\n    string_val: "hello **world**"\n  }\n  metadata {\n    plugin_data {\n      plugin_name: "text"',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
