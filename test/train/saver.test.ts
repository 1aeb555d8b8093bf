import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tf from '../../src/index.js';
import { smallModel, values } from './model.js';
import { readHeader } from '../../src/train/checkpoint_format.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-saver-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function trainedSession(k: number) {
  const m = smallModel();
  const sess = new tf.Session({ graph: m.g, backend: 'cpu' });
  await sess.run(m.init);
  await sess.run(m.setTo, new Map([[m.k, k]]));
  return { m, sess };
}

describe('Saver.save and restore', () => {
  it('round-trips every dtype into a fresh graph and session', async () => {
    const { m, sess } = await trainedSession(3);
    const saver = m.g.as_default(() => new tf.train.Saver());
    const prefix = await saver.save(sess, path.join(dir, 'model.ckpt'));
    expect(prefix).toBe(path.join(dir, 'model.ckpt'));
    const want = await values(sess, m);
    expect(want).toEqual({
      W: [
        [3, 3],
        [3, 3],
        [3, 3],
      ],
      b: [-3, -3],
      step: 3,
      flags: [true, false],
    });

    const m2 = smallModel();
    const sess2 = new tf.Session({ graph: m2.g, backend: 'cpu' });
    const saver2 = m2.g.as_default(() => new tf.train.Saver());
    await saver2.restore(sess2, prefix); // no initializer needed: restoring initializes, as in TF1
    expect(await values(sess2, m2)).toEqual(want);
  });

  it("names checkpoints by global_step, writes TF1's checkpoint file, and latest_checkpoint finds the newest", async () => {
    const { m, sess } = await trainedSession(1);
    const saver = new tf.train.Saver([m.W, m.b, m.step, m.flags]);
    const base = path.join(dir, 'model.ckpt');
    expect(tf.train.latest_checkpoint(dir)).toBeNull();
    expect(await saver.save(sess, base, { global_step: 100 })).toBe(`${base}-100`);
    await sess.run(m.setTo, new Map([[m.k, 7]]));
    expect(await saver.save(sess, base, { global_step: m.step })).toBe(`${base}-7`);
    // An absolute folder keeps absolute paths, as TF1's generate_checkpoint_state_proto.
    expect(await readFile(path.join(dir, 'checkpoint'), 'utf8')).toBe(
      `model_checkpoint_path: "${base}-7"\nall_model_checkpoint_paths: "${base}-100"\nall_model_checkpoint_paths: "${base}-7"\n`,
    );
    expect(tf.train.latest_checkpoint(dir)).toBe(`${base}-7`);
    expect(saver.last_checkpoints).toEqual([`${base}-100`, `${base}-7`]);

    await saver.restore(sess, `${base}-100`);
    expect((await sess.run(m.W)).tolist()).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });

  it('stores paths relative to a relative folder, so the folder can move', async () => {
    const { m, sess } = await trainedSession(2);
    const saver = new tf.train.Saver([m.W]);
    const rel = path.relative(process.cwd(), path.join(dir, 'model.ckpt'));
    await saver.save(sess, rel, { global_step: 1 });
    expect(await readFile(path.join(dir, 'checkpoint'), 'utf8')).toBe('model_checkpoint_path: "model.ckpt-1"\nall_model_checkpoint_paths: "model.ckpt-1"\n');
    const moved = `${dir}-moved`;
    await rm(moved, { recursive: true, force: true });
    const { rename } = await import('node:fs/promises');
    await rename(dir, moved);
    try {
      expect(tf.train.latest_checkpoint(moved)).toBe(path.join(moved, 'model.ckpt-1'));
    } finally {
      await rename(moved, dir);
    }
  });

  it('keeps max_to_keep checkpoints and deletes older files; 0 keeps every file', async () => {
    const { m, sess } = await trainedSession(1);
    const saver = new tf.train.Saver([m.W], { max_to_keep: 2 });
    for (let s = 1; s <= 4; s++) await saver.save(sess, path.join(dir, 'a'), { global_step: s });
    const v2 = (p: string): string[] => [`${p}.data-00000-of-00001`, `${p}.index`, `${p}.meta`];
    expect((await readdir(dir)).sort()).toEqual([...v2('a-3'), ...v2('a-4'), 'checkpoint']);
    expect(await readFile(path.join(dir, 'checkpoint'), 'utf8')).toContain(
      'all_model_checkpoint_paths: "' + path.join(dir, 'a-3') + '"\nall_model_checkpoint_paths',
    );

    const keepAll = new tf.train.Saver([m.W], { max_to_keep: 0 });
    for (let s = 1; s <= 3; s++) await keepAll.save(sess, path.join(dir, 'b'), { global_step: s, write_meta_graph: false });
    expect((await readdir(dir)).filter((f) => f.startsWith('b')).sort()).toEqual(
      ['b-1', 'b-2', 'b-3'].flatMap((p) => [`${p}.data-00000-of-00001`, `${p}.index`]),
    );
    expect(await readFile(path.join(dir, 'checkpoint'), 'utf8')).toBe(
      `model_checkpoint_path: "${path.join(dir, 'b-3')}"\nall_model_checkpoint_paths: "${path.join(dir, 'b-3')}"\n`,
    );
    // V1 files are pruned too.
    const v1 = new tf.train.Saver([m.W], { max_to_keep: 1, write_version: tf.train.SaverDef.V1 });
    for (let s = 1; s <= 2; s++) await v1.save(sess, path.join(dir, 'c'), { global_step: s, write_meta_graph: false });
    expect((await readdir(dir)).filter((f) => f.startsWith('c-')).sort()).toEqual(['c-2']);
  });

  it('saves under the keys of an object var_list, and restores into differently named variables', async () => {
    const { m, sess } = await trainedSession(5);
    const saver = new tf.train.Saver({ weights: m.W });
    const prefix = await saver.save(sess, path.join(dir, 'w'));
    const g = new tf.Graph();
    const other = g.as_default(() => tf.Variable(tf.zeros([3, 2]), { name: 'elsewhere/kernel' }));
    const sess2 = new tf.Session({ graph: g, backend: 'cpu' });
    await new tf.train.Saver({ weights: other }).restore(sess2, prefix);
    expect((await sess2.run(other)).tolist()).toEqual([
      [5, 5],
      [5, 5],
      [5, 5],
    ]);
    await expect(new tf.train.Saver([other]).restore(sess2, prefix)).rejects.toThrow(tf.errors.NotFoundError);
  });
});

describe('Saver errors, as TF1 raises them, with nothing restored', () => {
  async function savedAndChanged(write_version: number = tf.train.SaverDef.V2) {
    const { m, sess } = await trainedSession(4);
    const saver = new tf.train.Saver([m.W, m.b, m.step, m.flags], { write_version });
    const prefix = await saver.save(sess, path.join(dir, 'model.ckpt'));
    await sess.run(m.setTo, new Map([[m.k, 9]]));
    const before = await values(sess, m);
    return { m, sess, saver, prefix, before };
  }

  it('a missing variable is NotFoundError; a wrong shape or dtype is InvalidArgumentError', async () => {
    const { m, sess, prefix, before } = await savedAndChanged();
    const extra = m.g.as_default(() => tf.Variable(tf.zeros([1]), { name: 'zz_extra' }));
    await sess.run(extra.initializer);
    await expect(new tf.train.Saver([m.W, m.b, extra]).restore(sess, prefix)).rejects.toThrow(/Key zz_extra not found in checkpoint/);
    await expect(new tf.train.Saver([m.W, m.b, extra]).restore(sess, prefix)).rejects.toBeInstanceOf(tf.errors.NotFoundError);
    expect(await values(sess, m)).toEqual(before);

    const m2 = smallModel(new tf.Graph(), [2, 3]);
    const s2 = new tf.Session({ graph: m2.g, backend: 'cpu' });
    await s2.run(m2.init);
    const before2 = await values(s2, m2);
    const err = await new tf.train.Saver([m2.b, m2.W]).restore(s2, prefix).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(String((err as Error).message)).toContain('Assign requires shapes of both tensors to match. lhs shape= [2,3] rhs shape= [3,2]');
    expect(await values(s2, m2)).toEqual(before2);

    const g3 = new tf.Graph();
    const b64 = g3.as_default(() => tf.Variable(tf.zeros([2]), { name: 'b' })); // float32 where the checkpoint has double
    const s3 = new tf.Session({ graph: g3, backend: 'cpu' });
    await expect(new tf.train.Saver([b64]).restore(s3, prefix)).rejects.toThrow('tensor_name = b; expected dtype float does not equal original dtype double');
  });

  it('V2: a truncated, corrupted or foreign index, or a flipped data byte, is DataLossError; a missing file NotFoundError', async () => {
    const { m, sess, saver, prefix, before } = await savedAndChanged();
    const index = await readFile(`${prefix}.index`);
    const data = await readFile(`${prefix}.data-00000-of-00001`);
    const cases: [string, string, Buffer, new (...a: never[]) => Error][] = [
      ['truncated index', '.index', index.subarray(0, index.length - 13), tf.errors.DataLossError],
      ['a flipped index byte', '.index', Buffer.from(index.map((x, i) => (i === 20 ? x ^ 1 : x))), tf.errors.DataLossError],
      ['not a checkpoint', '.index', Buffer.from('model_checkpoint_path: "x"\n'.repeat(4)), tf.errors.DataLossError],
      ['empty index', '.index', Buffer.alloc(0), tf.errors.DataLossError],
      ['a flipped data byte', '.data-00000-of-00001', Buffer.from(data.map((x, i) => (i === 30 ? x ^ 0x40 : x))), tf.errors.DataLossError],
      ['truncated data', '.data-00000-of-00001', data.subarray(0, 10), tf.errors.OutOfRangeError],
    ];
    for (const [why, suffix, bytes, cls] of cases) {
      await writeFile(`${prefix}${suffix}`, bytes);
      const err = await saver.restore(sess, prefix).catch((e: unknown) => e);
      expect(err, why).toBeInstanceOf(cls);
      expect(await values(sess, m), why).toEqual(before);
      await writeFile(`${prefix}.index`, index);
      await writeFile(`${prefix}.data-00000-of-00001`, data);
    }
    await rm(`${prefix}.data-00000-of-00001`);
    await expect(saver.restore(sess, prefix)).rejects.toThrow(new tf.errors.NotFoundError(`${prefix}.data-00000-of-00001; No such file or directory`));
    expect(await values(sess, m)).toEqual(before);
  });

  it("V1 (tf1-ts's earlier single file, still read): a truncated, corrupted or foreign file is DataLossError; a missing one is ValueError", async () => {
    const { m, sess, saver, prefix, before } = await savedAndChanged(tf.train.SaverDef.V1);
    const good = await readFile(prefix);
    const { entries, dataStart } = readHeader(good, prefix);
    const inB = dataStart + entries.find((e) => e.name === 'b')!.offset + 3;
    const cases: [string, Buffer][] = [
      ['truncated', good.subarray(0, good.length - 13)],
      ['cut in the header', good.subarray(0, 40)],
      ['a flipped data byte', Buffer.from(good.map((x, i) => (i === inB ? x ^ 0x40 : x)))],
      ['a flipped header byte', Buffer.from(good.map((x, i) => (i === 30 ? x ^ 1 : x)))],
      ['not a checkpoint', Buffer.from('model_checkpoint_path: "x"\n')],
      ['empty', Buffer.alloc(0)],
    ];
    for (const [why, bytes] of cases) {
      await writeFile(prefix, bytes);
      const err = await saver.restore(sess, prefix).catch((e: unknown) => e);
      expect(err, why).toBeInstanceOf(tf.errors.DataLossError);
      expect(await values(sess, m), why).toEqual(before);
    }
    await expect(saver.restore(sess, path.join(dir, 'nope'))).rejects.toThrow(`The passed save_path is not a valid checkpoint: ${path.join(dir, 'nope')}`);
    await expect(saver.restore(sess, dir)).rejects.toBeInstanceOf(tf.errors.ValueError);
  });

  it('save needs initialized variables, an existing folder and an open session', async () => {
    const m = smallModel();
    const sess = new tf.Session({ graph: m.g, backend: 'cpu' });
    const saver = new tf.train.Saver([m.W]);
    await expect(saver.save(sess, path.join(dir, 'm'))).rejects.toThrow(/^Attempting to use uninitialized value W/);
    await expect(saver.save(sess, path.join(dir, 'm'))).rejects.toBeInstanceOf(tf.errors.FailedPreconditionError);
    expect(await readdir(dir)).toEqual([]);
    await sess.run(m.init);
    await expect(saver.save(sess, path.join(dir, 'no', 'm'))).rejects.toThrow(`Parent directory of ${path.join(dir, 'no', 'm')} doesn't exist, can't save.`);
    await expect(saver.save(sess, path.join(dir, 'checkpoint'))).rejects.toBeInstanceOf(tf.errors.RuntimeError);
    sess.close();
    await expect(saver.save(sess, path.join(dir, 'm'))).rejects.toThrow('Attempted to use a closed Session.');
    await expect(saver.restore(sess, path.join(dir, 'm'))).rejects.toBeInstanceOf(tf.errors.RuntimeError);
  });

  it('the constructor rejects empty, duplicate and non-variable lists', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      expect(() => new tf.train.Saver()).toThrow('No variables to save');
      const a = tf.Variable(1, { name: 'a' });
      expect(() => new tf.train.Saver([a, a])).toThrow('At least two variables have the same name: a');
      expect(() => new tf.train.Saver([a.value() as unknown as tf.RefVariable])).toThrow(tf.errors.TypeError);
      expect(() => new tf.train.Saver([a], { max_to_keep: -1 })).toThrow(tf.errors.ValueError);
    });
  });

  it('a save that fails before its rename leaves the previous checkpoint and no temporary file', async () => {
    const { _crashHooks } = await import('../../src/train/checkpoint_io.js');
    const { m, sess, saver, prefix, before } = await savedAndChanged();
    _crashHooks.beforeRename = async () => {
      throw new tf.errors.InternalError('disk went away');
    };
    try {
      await expect(saver.save(sess, prefix)).rejects.toThrow('disk went away');
    } finally {
      _crashHooks.beforeRename = null;
    }
    expect((await readdir(dir)).sort()).toEqual(['checkpoint', 'model.ckpt.data-00000-of-00001', 'model.ckpt.index', 'model.ckpt.meta']);
    await saver.restore(sess, prefix);
    expect(await values(sess, m)).not.toEqual(before);
    expect(((await values(sess, m)) as { step: number }).step).toBe(4);
  });
});

describe('Saver on the WebGPU backend (SwiftShader in CI)', () => {
  it('a checkpoint saved from a WebGPU session restores into a CPU session and back', async () => {
    const build = () => {
      const g = new tf.Graph();
      return g.as_default(() => {
        const W = tf.Variable(tf.random_uniform([16, 4], { seed: 3 }), { name: 'W' });
        const n = tf.Variable(7, { name: 'n' });
        return { g, W, n, bump: tf.group([W.assign(W.mul(2)), n.assign_add(1)]), init: tf.global_variables_initializer() };
      });
    };
    const a = build();
    const gpu = new tf.Session({ graph: a.g, backend: 'webgpu' });
    expect(await gpu.backendName()).toBe('webgpu');
    await gpu.run(a.init);
    await gpu.run(a.bump);
    const want = { W: Array.from((await gpu.run(a.W)).data), n: (await gpu.run(a.n)).item() };
    const prefix = await new tf.train.Saver([a.W, a.n]).save(gpu, path.join(dir, 'gpu.ckpt'));

    const b = build();
    const cpu = new tf.Session({ graph: b.g, backend: 'cpu' });
    await new tf.train.Saver([b.W, b.n]).restore(cpu, prefix);
    expect({ W: Array.from((await cpu.run(b.W)).data), n: (await cpu.run(b.n)).item() }).toEqual(want);
    await cpu.run(b.bump);
    const back = await new tf.train.Saver([b.W, b.n]).save(cpu, path.join(dir, 'cpu.ckpt'));
    await new tf.train.Saver([a.W, a.n]).restore(gpu, back);
    expect((await gpu.run(a.n)).item()).toBe(9);
    expect(Array.from((await gpu.run(a.W)).data)).toEqual(want.W.map((x) => x * 2));
    gpu.close();
  });
});

describe('Saver.export_meta_graph', () => {
  it("writes the default graph's MetaGraphDef with the Saver's SaverDef; TF1's TypeError for a wrong kind; export_scope keeps what lies under it", async () => {
    const g = new tf.Graph();
    const saver = g.as_default(() => {
      tf.Variable(tf.constant(1.0, tf.float32), { name: 'v' });
      return new tf.train.Saver();
    });
    const file = path.join(dir, 'saver.meta');
    const meta = await g.as_default(() => saver.export_meta_graph(file, { as_text: true }));
    expect(meta.saverDef?.restoreOpName).toBe(saver.saver_def!.restoreOpName);
    expect(meta.graphDef!.node.map((n) => n.name)).toContain('v');
    expect(await readFile(file, 'utf8')).toBe(meta.toString());
    await expect(g.as_default(() => saver.export_meta_graph(file, { as_text: 1 } as never))).rejects.toBeInstanceOf(tf.errors.TypeError);
    // Nothing lies under 'x': no node, no variable; TF1 still writes the SaverDef as given.
    const scoped = await g.as_default(() => saver.export_meta_graph(file, { export_scope: 'x' }));
    expect(scoped.graphDef!.node).toEqual([]);
    expect(scoped.collectionDef.variables).toBeUndefined();
    expect(scoped.saverDef?.restoreOpName).toBe(saver.saver_def!.restoreOpName);
  });
});
