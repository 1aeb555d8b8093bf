import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { create, equals, fromBinary, toBinary } from '@bufbuild/protobuf';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '../../src/index.js';
import { buildArticleGraph } from '../helpers/article_graph.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode } from '../helpers/protoc.js';
import { fromText } from '../../src/framework/text_format.js';
import { CollectionDefSchema, MetaGraphDefSchema } from '../../src/framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { VariableDefSchema } from '../../src/framework/proto/tensorflow/core/framework/variable_pb.js';

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

  it('a missing or unparseable .meta file is an IOError, a malformed collection a ValueError, and neither adds to the graph', async () => {
    const { a, sess } = await trained(0);
    const prefix = await new tf.train.Saver([a.W]).save(sess, path.join(dir, 'm'));
    const g = new tf.Graph();
    await expect(g.as_default(() => tf.train.import_meta_graph(path.join(dir, 'missing.meta')))).rejects.toThrow(tf.IOError);
    // Neither the binary message nor its text format (TF1's read_meta_graph_file tries both).
    await writeFile(`${prefix}.meta`, new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    await expect(g.as_default(() => tf.train.import_meta_graph(`${prefix}.meta`))).rejects.toThrow(tf.IOError);
    await expect(g.as_default(() => tf.train.import_meta_graph(`${prefix}.meta`))).rejects.toThrow(/^Cannot parse file .*m\.meta: /);
    await writeFile(`${prefix}.meta`, 'graph_def { node { name: "x" }');
    await expect(g.as_default(() => tf.train.import_meta_graph(`${prefix}.meta`))).rejects.toThrow(/^Cannot parse file /);
    // A VariableDef that names a tensor of the wrong kind.
    const { meta_graph_def } = await import('../../src/train/meta_graph.js');
    const meta = meta_graph_def(a.graph);
    const kind = meta.collectionDef.variables!.kind;
    if (kind.case !== 'bytesList') throw new Error('variables should be a bytes_list');
    const def = fromBinary(VariableDefSchema, kind.value.value[0]!);
    def.variableName = 'Variable/read:0';
    kind.value.value[0] = toBinary(VariableDefSchema, def);
    await expect(g.as_default(() => tf.train.import_meta_graph(meta))).rejects.toThrow("collection 'variables' is malformed");
    // Bytes that are no VariableDef, and a node_list naming a node the graph lacks.
    kind.value.value[0] = new Uint8Array([0x0a, 0x05, 0x41]);
    await expect(g.as_default(() => tf.train.import_meta_graph(meta))).rejects.toThrow("collection 'variables' is malformed");
    const other = meta_graph_def(a.graph);
    other.collectionDef.train_op = create(CollectionDefSchema, { kind: { case: 'nodeList', value: { value: ['nope'] } } });
    await expect(g.as_default(() => tf.train.import_meta_graph(other))).rejects.toThrow("collection 'train_op' is malformed");
    expect(g.get_operations()).toEqual([]);
  });

  it('deeply nested messages are an IOError, never a RangeError', async () => {
    // An AttrValue holds a NameAttrList, which holds AttrValues: 300 levels of it inside a node's attr (protobuf's
    // recursion limit is 100).
    const k = field(1, new TextEncoder().encode('k'));
    let av: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 300; i++) av = field(10, field(2, new Uint8Array([...k, ...field(2, av)])));
    const body = field(2, field(1, new Uint8Array([...field(1, new TextEncoder().encode('n')), ...field(5, new Uint8Array([...k, ...field(2, av)]))])));
    await writeFile(path.join(dir, 'deep.meta'), body);
    const g = new tf.Graph();
    await expect(g.as_default(() => tf.train.import_meta_graph(path.join(dir, 'deep.meta')))).rejects.toThrow(tf.IOError);
    expect(g.get_operations()).toEqual([]);
  });

  it("writes TF1's binary MetaGraphDef: a GraphDef with _output_shapes, VariableDefs, node lists and numbers, as protoc reads it", async () => {
    const { a, sess } = await trained(0);
    a.graph.add_to_collection('my_ints', 3);
    a.graph.add_to_collection('my_ints', -7);
    a.graph.add_to_collection('my_floats', 0.5);
    a.graph.add_to_collection('my_strings', 'hello');
    const prefix = await new tf.train.Saver([a.W, a.b]).save(sess, path.join(dir, 'p'));
    const bytes = new Uint8Array(await readFile(`${prefix}.meta`));
    const meta = fromBinary(MetaGraphDefSchema, bytes);
    expect(Object.keys(meta.collectionDef).sort()).toEqual(['my_floats', 'my_ints', 'my_strings', 'train_op', 'trainable_variables', 'variables']);
    const vars = meta.collectionDef.variables!.kind;
    expect(vars.case === 'bytesList' && vars.value.value.map((b) => fromBinary(VariableDefSchema, b).variableName)).toEqual(['Variable:0', 'Variable_1:0']);
    const softmax = meta.graphDef!.node.find((n) => n.name === 'Softmax')!;
    const shapes = softmax.attr._output_shapes?.value;
    expect(shapes?.case === 'list' && shapes.value.shape.map((s) => s.dim.map((d) => Number(d.size)))).toEqual([[-1, 10]]);
    if (!HAS_PROTOC) return console.warn(NO_PROTOC);
    const text = protocDecode('tensorflow.MetaGraphDef', bytes);
    expect(text).toContain('key: "my_ints"\n  value {\n    int64_list {\n      value: 3\n      value: -7');
    expect(text).toContain('float_list {\n      value: 0.5');
    expect(text).toContain('bytes_list {\n      value: "hello"');
    expect(text).toContain('node_list {\n      value: "GradientDescent"');
    expect(text).toContain('value: "\\n\\nVariable:0\\022\\017Variable/Assign\\032\\017Variable/read:0');
    // And back: the collections come back as they were.
    const g = new tf.Graph();
    await g.as_default(() => tf.train.import_meta_graph(`${prefix}.meta`));
    expect([g.get_collection('my_ints'), g.get_collection('my_floats'), g.get_collection('my_strings')]).toEqual([[3, -7], [0.5], ['hello']]);
  });

  it('export_meta_graph writes the text format with as_text, and the message it returns serializes to the same bytes', async () => {
    const { a } = await trained(0);
    const file = path.join(dir, 'g.meta.pbtxt');
    const meta = await a.graph.as_default(() => tf.train.export_meta_graph(file, { as_text: true }));
    const text = await readFile(file, 'utf8');
    expect(text).toBe(meta.toString());
    expect(equals(MetaGraphDefSchema, fromText(MetaGraphDefSchema, text), fromBinary(MetaGraphDefSchema, meta.SerializeToString()))).toBe(true);
    const g = new tf.Graph();
    const saver = await g.as_default(() => tf.train.import_meta_graph(file));
    expect(saver).not.toBeNull();
    expect(g.get_collection<tf.RefVariable>('variables').map((v) => v.name)).toEqual(['Variable:0', 'Variable_1:0']);
    expect(() => a.graph.as_default(() => tf.train.export_meta_graph(file, { saver_def: {} }))).toThrow(/saver_def must be of type SaverDef/);
  });
});

/** A length-delimited protobuf field: its tag, its length, its bytes. */
function field(no: number, bytes: Uint8Array): Uint8Array {
  return new Uint8Array([...varint((no << 3) | 2), ...varint(bytes.length), ...bytes]);
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
