// The Saver's V2 checkpoints against TF r1.12's own (half_plus_two's variables): a tf1-ts save of a = 0.5, b = 2,
// c = 3 is TF's files byte for byte, TF's files restore into a tf1-ts graph, and the reader API reads them.
import { readFileSync, utimesSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { TF1_FILES } from '../helpers/protoc.js';

const TF_PREFIX = path.join(TF1_FILES, 'half_plus_two/half_plus_two/00000123/variables/variables');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-v2-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** half_plus_two's variables a, b, c (float32 scalars) in a fresh graph, with y = a·x + b. */
function halfPlusTwo(init: [number, number, number] = [0, 0, 0]) {
  const g = new tf.Graph();
  return g.as_default(() => {
    const [a, b, c] = (['a', 'b', 'c'] as const).map((name, i) => tf.Variable(tf.constant(init[i]!, tf.float32), { name }));
    const x = tf.placeholder(tf.float32, [null], 'x');
    const y = tf.add(tf.multiply(a!, x), b!, { name: 'y' });
    const saver = (opts?: tf.train.SaverOptions) => g.as_default(() => (opts ? new tf.train.Saver(opts) : new tf.train.Saver()));
    return { g, a: a!, b: b!, c: c!, x, y, init: tf.global_variables_initializer(), sess: new tf.Session({ graph: g, backend: 'cpu' }), saver };
  });
}

describe('Saver writes V2 by default, byte for byte as TF r1.12', () => {
  it("saving a = 0.5, b = 2, c = 3 gives half_plus_two's variables.index and .data-00000-of-00001 exactly", async () => {
    const m = halfPlusTwo([0.5, 2, 3]);
    await m.sess.run(m.init);
    const prefix = await m.saver().save(m.sess, path.join(dir, 'variables'), { write_meta_graph: false });
    expect((await readdir(dir)).sort()).toEqual(['checkpoint', 'variables.data-00000-of-00001', 'variables.index']);
    for (const suffix of ['.index', '.data-00000-of-00001']) {
      expect(new Uint8Array(readFileSync(prefix + suffix)), suffix).toEqual(new Uint8Array(readFileSync(TF_PREFIX + suffix)));
    }
    expect(tf.train.SaverDef).toEqual({ LEGACY: 0, V1: 1, V2: 2 });
  });

  it("TF1's checkpoint restores into a tf1-ts graph by the variables' names, and the graph computes 0.5·x + 2", async () => {
    const m = halfPlusTwo();
    await m.sess.run(m.init);
    await m.saver().restore(m.sess, TF_PREFIX);
    expect((await m.sess.run([m.a, m.b, m.c])).map((v) => v.item())).toEqual([0.5, 2, 3]);
    expect((await m.sess.run(m.y, new Map([[m.x, [0, 1, 2, 3]]]))).tolist()).toEqual([2, 2.5, 3, 3.5]);
  });

  it('write_version SaverDef.V1 writes the single file, which restores; V2 files of a prefix are preferred; other versions are refused', async () => {
    const m = halfPlusTwo([0.5, 2, 3]);
    await m.sess.run(m.init);
    const v1 = await m.saver({ write_version: tf.train.SaverDef.V1 }).save(m.sess, path.join(dir, 'one'), { write_meta_graph: false });
    expect((await readdir(dir)).sort()).toEqual(['checkpoint', 'one']);
    const fresh = halfPlusTwo();
    await fresh.saver().restore(fresh.sess, v1);
    expect((await fresh.sess.run(fresh.c)).item()).toBe(3);
    expect(tf.train.latest_checkpoint(dir)).toBe(v1);
    expect(tf.train.NewCheckpointReader(v1).debug_string()).toBe('a (DT_FLOAT) []\nb (DT_FLOAT) []\nc (DT_FLOAT) []\n');
    // The same prefix saved as V2 afterwards: the .index is what a restore reads.
    await m.sess.run(m.c.assign(7));
    await m.saver().save(m.sess, v1, { write_meta_graph: false });
    await fresh.saver().restore(fresh.sess, v1);
    expect((await fresh.sess.run(fresh.c)).item()).toBe(7);
    expect(() => m.saver({ write_version: 0 })).toThrow(new tf.errors.RuntimeError('Unexpected write_version: 0'));
  });

  it('latest_checkpoint and checkpoint_exists look for the .index of a V2 checkpoint; get_checkpoint_mtimes gives its time', async () => {
    const m = halfPlusTwo([0.5, 2, 3]);
    await m.sess.run(m.init);
    const p = await m.saver().save(m.sess, path.join(dir, 'model.ckpt'), { global_step: 5, write_meta_graph: false });
    expect(tf.train.checkpoint_exists(p)).toBe(true);
    expect(tf.train.checkpoint_exists(path.join(dir, 'nope'))).toBe(false);
    utimesSync(`${p}.index`, 1_600_000_000, 1_600_000_000.5);
    expect(tf.train.get_checkpoint_mtimes([p, path.join(dir, 'nope')])).toEqual([1_600_000_000.5]);
    expect(tf.train.latest_checkpoint(dir)).toBe(p);
    await rm(`${p}.index`);
    expect(tf.train.latest_checkpoint(dir)).toBeNull();
  });
});

describe("the checkpoint reader API on TF1's files", () => {
  it('NewCheckpointReader: shape and dtype maps, has_tensor, get_tensor, debug_string', () => {
    const r = tf.train.NewCheckpointReader(TF_PREFIX);
    expect(r.get_variable_to_shape_map()).toEqual({ a: [], b: [], c: [] });
    expect(r.get_variable_to_dtype_map()).toEqual({ a: tf.float32, b: tf.float32, c: tf.float32 });
    expect([r.has_tensor('a'), r.has_tensor({ tensor_str: 'd' })]).toEqual([true, false]);
    const b = r.get_tensor('b');
    expect([b.dtype, b.shape, b.item()]).toEqual(['float32', [], 2]);
    expect(r.debug_string()).toBe('a (DT_FLOAT) []\nb (DT_FLOAT) []\nc (DT_FLOAT) []\n');
    expect(() => r.get_tensor('d')).toThrow(new tf.errors.NotFoundError('Key d not found in checkpoint'));
    expect(() => tf.train.NewCheckpointReader(path.join(dir, 'none'))).toThrow(
      new tf.errors.NotFoundError(`Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${path.join(dir, 'none')}`),
    );
  });

  it('load_checkpoint, list_variables and load_variable take a prefix or a folder with a checkpoint file', async () => {
    expect(tf.train.list_variables(TF_PREFIX)).toEqual([
      ['a', []],
      ['b', []],
      ['c', []],
    ]);
    expect(tf.train.load_variable(TF_PREFIX, 'c:0').item()).toBe(3);
    expect(tf.train.load_checkpoint(TF_PREFIX).has_tensor('a')).toBe(true);
    expect(() => tf.train.load_checkpoint(dir)).toThrow(new tf.errors.ValueError(`Couldn't find 'checkpoint' file or checkpoints in given directory ${dir}`));
    await writeFile(path.join(dir, 'checkpoint'), `model_checkpoint_path: "${TF_PREFIX}"\n`);
    expect(tf.train.load_variable(dir, 'a').item()).toBe(0.5);
  });

  it('a corrupt index is DataLossError when the reader opens; a corrupt data shard when the tensor is read', async () => {
    const index = readFileSync(`${TF_PREFIX}.index`);
    const data = readFileSync(`${TF_PREFIX}.data-00000-of-00001`);
    const p = path.join(dir, 'bad');
    await writeFile(`${p}.index`, index.subarray(0, 100));
    await writeFile(`${p}.data-00000-of-00001`, data);
    expect(() => tf.train.NewCheckpointReader(p)).toThrow(tf.errors.DataLossError);
    await writeFile(`${p}.index`, index);
    await writeFile(`${p}.data-00000-of-00001`, Buffer.from(data.map((x, i) => (i === 5 ? x ^ 0x10 : x))));
    const r = tf.train.NewCheckpointReader(p);
    expect(r.get_tensor('a').item()).toBe(0.5);
    expect(() => r.get_tensor('b')).toThrow(/^Checksum does not match: stored \d+ vs\. calculated on the restored bytes \d+$/);
  });
});
