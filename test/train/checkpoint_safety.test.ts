// What a Saver deletes and what the checkpoint helpers return: pruning never follows a path out of the
// checkpoint's folder, a killed save's temporary files are tidied by the next save, and latest_checkpoint /
// get_checkpoint_state return their values at once, as TF1's do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tf from '../../src/index.js';
import { smallModel } from './model.js';

let root: string;
let dir: string;
let victim: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tf1ts-ckpt-safety-'));
  dir = path.join(root, 'model');
  victim = path.join(root, 'victim');
  await mkdir(dir);
  await mkdir(victim);
  await writeFile(path.join(victim, 'precious.txt'), 'keep me');
  await writeFile(path.join(victim, 'precious.txt.meta'), 'keep me too');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function session() {
  const m = smallModel();
  const sess = new tf.Session({ graph: m.g, backend: 'cpu' });
  await sess.run(m.init);
  return { m, sess };
}

describe('Saver pruning deletes only its own checkpoint files', () => {
  it("an index naming '../victim/precious.txt', adopted with recover_last_checkpoints, makes no save delete that file", async () => {
    const { m, sess } = await session();
    // The index of an earlier run, edited by someone else to list a file outside the folder.
    await writeFile(
      path.join(dir, 'checkpoint'),
      'model_checkpoint_path: "model.ckpt-1"\nall_model_checkpoint_paths: "../victim/precious.txt"\nall_model_checkpoint_paths: "model.ckpt-1"\n',
    );
    await writeFile(path.join(dir, 'model.ckpt-1'), 'an older run');
    await writeFile(path.join(dir, 'model.ckpt-1.meta'), 'an older run');
    const state = tf.train.get_checkpoint_state(dir)!;
    expect(state.all_model_checkpoint_paths).toEqual([path.join(dir, '../victim/precious.txt'), path.join(dir, 'model.ckpt-1')]);

    const saver = new tf.train.Saver([m.W], { max_to_keep: 1 });
    saver.recover_last_checkpoints(state.all_model_checkpoint_paths);
    await saver.save(sess, path.join(dir, 'model.ckpt'), { global_step: 2 });
    await saver.save(sess, path.join(dir, 'model.ckpt'), { global_step: 3 });

    expect(await readFile(path.join(victim, 'precious.txt'), 'utf8')).toBe('keep me');
    expect(await readFile(path.join(victim, 'precious.txt.meta'), 'utf8')).toBe('keep me too');
    // The earlier run's own checkpoint in the folder is pruned as TF1 prunes it, and so is this run's older one.
    expect((await readdir(dir)).sort()).toEqual(['checkpoint', 'model.ckpt-3.data-00000-of-00001', 'model.ckpt-3.index', 'model.ckpt-3.meta']);
    expect(saver.last_checkpoints).toEqual([path.join(dir, 'model.ckpt-3')]);
  });

  it('a recovered path inside the folder under another name, or absolute elsewhere, is forgotten, not deleted', async () => {
    const { m, sess } = await session();
    const other = path.join(dir, 'notes.txt');
    await writeFile(other, 'mine');
    const saver = new tf.train.Saver([m.W], { max_to_keep: 1 });
    saver.recover_last_checkpoints([other, path.join(victim, 'precious.txt'), path.join(dir, 'model.ckpt-1/../../victim/precious.txt')]);
    await saver.save(sess, path.join(dir, 'model.ckpt'), { global_step: 5 });
    expect(saver.last_checkpoints).toEqual([path.join(dir, 'model.ckpt-5')]);
    expect(await readFile(other, 'utf8')).toBe('mine');
    expect(existsSync(path.join(victim, 'precious.txt'))).toBe(true);
    expect(() => saver.recover_last_checkpoints('x' as never)).toThrow(tf.errors.TypeError);
  });

  it('checkpoints this Saver wrote itself are pruned wherever it wrote them', async () => {
    const { m, sess } = await session();
    const saver = new tf.train.Saver([m.W], { max_to_keep: 1 });
    await saver.save(sess, path.join(victim, 'elsewhere'), { global_step: 1 });
    await saver.save(sess, path.join(dir, 'model.ckpt'), { global_step: 2 });
    expect((await readdir(victim)).sort()).toEqual(['checkpoint', 'precious.txt', 'precious.txt.meta']);
  });
});

describe("a killed save's temporary files are removed by the next save of the same prefix and folder", () => {
  it("removes '<name>.tmp<16 hex>' of this checkpoint's names and index, and leaves every other file", async () => {
    const { m, sess } = await session();
    const stray = [
      'model.ckpt-1.tmp0123456789abcdef',
      'model.ckpt-1.meta.tmpfedcba9876543210',
      'model.ckpt-1.index.tmp0123456789abcdef',
      'model.ckpt-1.data-00000-of-00001.tmp0123456789abcdef',
      'model.ckpt.tmp00000000ffffffff',
      'checkpoint.tmpaaaabbbbccccdddd',
    ];
    const kept = [
      'other.ckpt-1.tmp0123456789abcdef',
      'model.ckpt-1.tmp0123',
      'model.ckpt-1.tmpXYZ3456789abcdef',
      'notes.tmp0123456789abcdef',
      'model.ckpt-x.tmp0123456789abcdef',
      'model.ckpt-x.index.tmp0123456789abcdef',
      'model.ckpt-1.data-0-of-1.tmp0123456789abcdef',
    ];
    for (const f of [...stray, ...kept]) await writeFile(path.join(dir, f), 'partial');
    await writeFile(path.join(victim, 'model.ckpt-1.tmp0123456789abcdef'), 'not in the folder');
    await new tf.train.Saver([m.W]).save(sess, path.join(dir, 'model.ckpt'), { global_step: 2 });
    expect((await readdir(dir)).sort()).toEqual([...kept, 'checkpoint', 'model.ckpt-2.data-00000-of-00001', 'model.ckpt-2.index', 'model.ckpt-2.meta'].sort());
    expect(existsSync(path.join(victim, 'model.ckpt-1.tmp0123456789abcdef'))).toBe(true);
  });
});

describe('latest_checkpoint and get_checkpoint_state return values, not Promises, as in TF1', () => {
  it('saver.restore(sess, tf.train.latest_checkpoint(dir)) restores, written as in TF1', async () => {
    const { m, sess } = await session();
    expect(tf.train.latest_checkpoint(dir)).toBeNull();
    expect(tf.train.get_checkpoint_state(dir)).toBeNull();
    await sess.run(m.setTo, new Map([[m.k, 3]]));
    const saver = new tf.train.Saver([m.W, m.step]);
    await saver.save(sess, path.join(dir, 'model.ckpt'), { global_step: 3 });
    await sess.run(m.setTo, new Map([[m.k, 9]]));

    const latest = tf.train.latest_checkpoint(dir);
    expect(latest).toBe(path.join(dir, 'model.ckpt-3'));
    expect(tf.train.get_checkpoint_state(dir)).toEqual({ model_checkpoint_path: latest, all_model_checkpoint_paths: [latest] });
    await saver.restore(sess, tf.train.latest_checkpoint(dir));
    expect((await sess.run(m.step)).item()).toBe(3);
    expect(() => tf.train.latest_checkpoint(42 as never)).toThrow(tf.errors.TypeError);
  });

  it('restore given a Promise or a non-string says so (TF1: "Expected binary or unicode string")', async () => {
    const { m, sess } = await session();
    const saver = new tf.train.Saver([m.W]);
    await expect(saver.restore(sess, Promise.resolve('x') as never)).rejects.toThrow(
      new tf.errors.TypeError('Expected binary or unicode string, got a Promise (await it, or pass the string tf.train.latest_checkpoint returns)'),
    );
    await expect(saver.restore(sess, 7 as never)).rejects.toThrow(tf.errors.TypeError);
    await expect(saver.restore(sess, 7 as never)).rejects.toThrow("Expected binary or unicode string, got 7 of type 'number'");
  });
});

describe('write_graph makes its folder one level at a time', () => {
  it('makes missing parents, and under /proc fails at once with NotFoundError (mkdir -p spun there forever)', async () => {
    const g = new tf.Graph();
    g.as_default(() => tf.constant(1, { name: 'c' }));
    const file = await tf.train.write_graph(g, path.join(root, 'a', 'b', 'c'), 'g.pbtxt');
    expect(tf.GraphDef.FromText(await readFile(file, 'utf8')).node[0]!.name).toBe('c');
    await expect(tf.train.write_graph(g, '/proc/tf1-ts-graphs/x', 'g.json')).rejects.toThrow(tf.errors.NotFoundError);
    await writeFile(path.join(root, 'a-file'), '');
    await expect(tf.train.write_graph(g, path.join(root, 'a-file', 'x'), 'g.json')).rejects.toThrow(/Failed to create .*a-file\/x/);
  });
});
