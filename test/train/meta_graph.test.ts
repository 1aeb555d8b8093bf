import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '../../src/index.js';
import { buildArticleGraph } from '../helpers/article_graph.js';

const child = fileURLToPath(new URL('./fixtures/reload_child.ts', import.meta.url));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-meta-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function batch(n: number) {
  const xs = Array.from({ length: n }, (_, i) => Array.from({ length: 784 }, (_, j) => ((i * 13 + j * 5) % 11) / 11));
  const ys = Array.from({ length: n }, (_, i) => Array.from({ length: 10 }, (_, j) => (j === (i * 3) % 10 ? 1 : 0)));
  return { xs, ys };
}

async function trained(steps: number) {
  const a = buildArticleGraph();
  const sess = new tf.Session({ graph: a.graph, backend: 'cpu' });
  const { xs, ys } = batch(6);
  const feeds = new Map([
    [a.x, xs],
    [a.y_, ys],
  ]);
  await sess.run(a.init);
  for (let i = 0; i < steps; i++) await sess.run(a.training, feeds);
  return { a, sess, feeds, xs, ys };
}

describe('Saver .meta files and import_meta_graph', () => {
  it('a fresh process reloads the newest checkpoint with its graph, predicts and trains on exactly as the original', async () => {
    const { a, sess, feeds, xs, ys } = await trained(3);
    const saver = a.graph.as_default(() => new tf.train.Saver());
    const prefix = await saver.save(sess, path.join(dir, 'model.ckpt'), { global_step: 3 });
    const y = await sess.run(a.y, feeds);
    await sess.run(a.training, feeds);
    const loss = (await sess.run(a.cross_entropy, feeds)).item();

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, dir, JSON.stringify({ xs, ys })]);
    const out = JSON.parse(stdout) as { prefix: string; y: number[]; loss: number; trainable: string[] };
    expect(out.prefix).toBe(prefix);
    expect(out.y).toEqual(Array.from(y.data));
    expect(out.loss).toBe(loss);
    expect(out.trainable).toEqual([
      "<tf.Variable 'Variable:0' shape=(784, 10) dtype=float32_ref>",
      "<tf.Variable 'Variable_1:0' shape=(10,) dtype=float32_ref>",
    ]);
  }, 30_000);

  it('rebuilds collections with working Variables: the initializer and the train op run in the imported graph', async () => {
    const { a, sess, feeds } = await trained(2);
    const prefix = await new tf.train.Saver([a.W, a.b]).save(sess, path.join(dir, 'm'));
    const g = new tf.Graph();
    const saver = await g.as_default(() => tf.train.import_meta_graph(`${prefix}.meta`));
    expect(saver).not.toBeNull();
    const vars = g.get_collection<tf.RefVariable>(tf.GraphKeys.GLOBAL_VARIABLES);
    expect(vars.map((v) => [v.name, v.initializer.name, v.value().name])).toEqual([
      ['Variable:0', 'Variable/Assign', 'Variable/read:0'],
      ['Variable_1:0', 'Variable_1/Assign', 'Variable_1/read:0'],
    ]);
    const s2 = new tf.Session({ graph: g, backend: 'cpu' });
    await s2.run(g.as_default(() => tf.global_variables_initializer()));
    expect((await s2.run(vars[0]!)).data.every((v) => v === 0)).toBe(true);
    await saver!.restore(s2, prefix);
    expect(Array.from((await s2.run(vars[1]!)).data)).toEqual(Array.from((await sess.run(a.b)).data));
    const x = g.get_tensor_by_name('Placeholder:0');
    const y_ = g.get_tensor_by_name('Placeholder_1:0');
    const [xv, yv] = [...feeds.values()];
    await s2.run(
      g.get_collection<tf.Operation>(tf.GraphKeys.TRAIN_OP)[0]!,
      new Map([
        [x, xv!],
        [y_, yv!],
      ]),
    );
    await sess.run(a.training, feeds);
    expect(Array.from((await s2.run(vars[1]!)).data)).toEqual(Array.from((await sess.run(a.b)).data));
  });

  it('a malformed .meta file is a ValueError and adds nothing to the graph', async () => {
    const { a, sess } = await trained(0);
    const prefix = await new tf.train.Saver([a.W]).save(sess, path.join(dir, 'm'));
    const g = new tf.Graph();
    await expect(g.as_default(() => tf.train.import_meta_graph(path.join(dir, 'missing.meta')))).rejects.toThrow(tf.errors.ValueError);
    await writeFile(`${prefix}.meta`, '{"format": "tf1-ts.MetaGraphDef"');
    await expect(g.as_default(() => tf.train.import_meta_graph(`${prefix}.meta`))).rejects.toThrow(/is not JSON/);
    const meta = (await import('../../src/train/meta_graph.js')).meta_graph_def(a.graph);
    (meta.collection_def.variables as { variable_list: { variable_name: string }[] }).variable_list[0]!.variable_name = 'Variable/read:0';
    await expect(g.as_default(() => tf.train.import_meta_graph(meta))).rejects.toThrow("collection 'variables' is malformed");
    expect(g.get_operations()).toEqual([]);
  });

  it("a hostile .meta file (a null collection, a '__proto__' collection, nesting 200,000 deep) is a ValueError, never a raw TypeError or RangeError", async () => {
    const { a, sess } = await trained(0);
    const prefix = await new tf.train.Saver([a.W]).save(sess, path.join(dir, 'h'));
    const { meta_graph_def } = await import('../../src/train/meta_graph.js');
    const text = JSON.stringify(meta_graph_def(a.graph));
    const g = new tf.Graph();
    const variants: [string, string, RegExp][] = [
      ['null collection', text.replace('"collection_def":{', '"collection_def":{"bad":null,'), /collection 'bad' is malformed/],
      [
        '__proto__ collection',
        text.replace('"collection_def":{', '"collection_def":{"__proto__":{"node_list":["nope:0"]},'),
        /collection '__proto__' is malformed/,
      ],
      [
        'deep',
        `{"format":"tf1-ts.MetaGraphDef","version":1,"collection_def":{},"graph_def":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
        /nests arrays and objects more than 65 levels deep/,
      ],
    ];
    for (const [why, body, msg] of variants) {
      await writeFile(`${prefix}.meta`, body);
      const err = await g
        .as_default(() => tf.train.import_meta_graph(`${prefix}.meta`))
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err, why).toBeInstanceOf(tf.errors.ValueError);
      expect(String((err as Error).message), why).toMatch(msg);
    }
    expect(g.get_operations()).toEqual([]);
  });
});
