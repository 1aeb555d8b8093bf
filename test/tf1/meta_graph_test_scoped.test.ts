// TF1 r1.12's framework/meta_graph_test.py ScopedMetaGraphTest: export_meta_graph(export_scope) writes the nodes under
// one name scope with the scope stripped and every input from outside renamed `$unbound_inputs_<name>` (listed in the
// `unbound_inputs` collection); importing it elsewhere needs input_map for exactly those. tf1-ts exposes TF1's public
// forms, tf.train.export_meta_graph and tf.train.import_meta_graph (their **kwargs named), so the tests call those and
// read the exported variables from the MetaGraphDef (export_scoped_meta_graph's var_list) and the graph's collections.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { equals, fromBinary } from '@bufbuild/protobuf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { VariableDefSchema } from '../../src/framework/proto/tensorflow/core/framework/variable_pb.js';
import { MetaGraphDefSchema, type MetaGraphDef } from '../../src/framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';

type T = tf.Tensor;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-scoped-meta-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** export_scoped_meta_graph's var_list keys: the exported global variables' names, as the MetaGraphDef holds them. */
function exportedVars(meta: MetaGraphDef): string[] {
  const c = meta.collectionDef.variables;
  if (c?.kind.case !== 'bytesList') return [];
  return c.kind.value.value.map((b) => fromBinary(VariableDefSchema, b).variableName).sort();
}

const globalsUnder = (g: tf.Graph, scope: string): string[] =>
  g
    .get_collection<tf.Variable>(tf.GraphKeys.GLOBAL_VARIABLES, scope)
    .map((v) => v.name)
    .sort();

/** _testScopedExport: hidden1 (a cond's biases), hidden2 (a while loop's biases) and softmax_linear, each exported. */
async function scopedExport(files: string[]): Promise<MetaGraphDef[]> {
  const graph = new tf.Graph();
  graph.as_default(() => {
    const images = tf.constant(1.2, tf.float32, [100, 28], 'images');
    const hidden1 = tf.name_scope('hidden1', () => {
      const weights1 = tf.Variable(tf.truncated_normal([28, 128], { stddev: 1.0 / Math.sqrt(28) }), { name: 'weights' });
      const biases1 = tf.Variable(
        tf.cond(
          tf.less(Math.random(), 0.5),
          () => tf.ones([128]),
          () => tf.zeros([128]),
        ) as T,
        { name: 'biases' },
      );
      return tf.nn.relu(tf.add(tf.matmul(images, weights1), biases1));
    });
    const hidden2 = tf.name_scope('hidden2', () => {
      const weights2 = tf.Variable(tf.truncated_normal([128, 32], { stddev: 1.0 / Math.sqrt(128) }), { name: 'weights' });
      const [, biases2] = tf.while_loop(
        (it: T) => tf.less(it, 2),
        (it: T, b: T) => [tf.add(it, 1), tf.add(b, tf.constant(0.1, undefined, [32]))],
        [tf.constant(0), tf.Variable(tf.zeros([32]), { name: 'biases' })],
      ) as T[];
      return tf.nn.relu(tf.add(tf.matmul(hidden1, weights2), biases2!));
    });
    tf.name_scope('softmax_linear', () => {
      const weights3 = tf.Variable(tf.truncated_normal([32, 10], { stddev: 1.0 / Math.sqrt(32) }), { name: 'weights' });
      const biases3 = tf.Variable(tf.zeros([10]), { name: 'biases' });
      tf.add_to_collection('logits', tf.add(tf.matmul(hidden2, weights3), biases3));
    });
  });
  {
    const m1 = await tf.train.export_meta_graph({ filename: path.join(dir, files[0]!), graph, export_scope: 'hidden1' });
    expect(exportedVars(m1)).toEqual(['biases:0', 'weights:0']);
    expect(globalsUnder(graph, 'hidden1')).toEqual(['hidden1/biases:0', 'hidden1/weights:0']);
    const m2 = await tf.train.export_meta_graph({ filename: path.join(dir, files[1]!), graph, export_scope: 'hidden2', unbound_inputs_col_name: null });
    const m3 = await tf.train.export_meta_graph({ filename: path.join(dir, files[2]!), graph, export_scope: 'softmax_linear', unbound_inputs_col_name: null });
    return [m1, m2, m3];
  }
}

/** _testScopedImport: each file imported under a new scope, its unbound inputs given, then exported again. */
async function scopedImport(files: string[]): Promise<MetaGraphDef[]> {
  const graph = new tf.Graph();
  // tf1-ts's default graph is the one current when a call is made: each call is made inside as_default.
  const inG = <R>(f: () => R): R => graph.as_default(f);
  const importInto = (i: number, opts: Record<string, unknown>) => inG(() => tf.train.import_meta_graph(path.join(dir, files[i]!), opts));
  const new_image = inG(() => tf.constant(1.2, tf.float32, [100, 28], 'images'));
  await expect(importInto(0, { import_scope: 'new_hidden1' })).rejects.toThrow(/Graph contains unbound inputs/);
  await expect(importInto(0, { input_map: { 'image:0': new_image }, import_scope: 'new_hidden1' })).rejects.toThrow(/Graph contains unbound inputs/);
  await importInto(0, { input_map: { $unbound_inputs_images: new_image }, import_scope: 'new_hidden1' });
  expect(globalsUnder(graph, 'new_hidden1')).toEqual(['new_hidden1/biases:0', 'new_hidden1/weights:0']);

  const hidden1 = inG(() => tf.identity(graph.as_graph_element('new_hidden1/Relu:0') as T, 'hidden1/Relu'));
  await importInto(1, { input_map: { '$unbound_inputs_hidden1/Relu': hidden1 }, import_scope: 'new_hidden2', unbound_inputs_col_name: null });
  expect(globalsUnder(graph, 'new_hidden2')).toEqual(['new_hidden2/biases:0', 'new_hidden2/weights:0']);

  const hidden2 = inG(() => tf.identity(graph.as_graph_element('new_hidden2/Relu:0') as T, 'hidden2/Relu'));
  await importInto(2, { input_map: { '$unbound_inputs_hidden2/Relu': hidden2 }, import_scope: 'new_softmax_linear', unbound_inputs_col_name: null });
  expect(globalsUnder(graph, 'new_softmax_linear')).toEqual(['new_softmax_linear/biases:0', 'new_softmax_linear/weights:0']);

  const n1 = await tf.train.export_meta_graph({ graph, export_scope: 'new_hidden1' });
  expect(exportedVars(n1)).toEqual(['biases:0', 'weights:0']);
  const n2 = await tf.train.export_meta_graph({ graph, export_scope: 'new_hidden2', unbound_inputs_col_name: null });
  expect(exportedVars(n2)).toEqual(['biases:0', 'weights:0']);
  const n3 = await tf.train.export_meta_graph({ graph, export_scope: 'new_softmax_linear', unbound_inputs_col_name: null });
  expect(exportedVars(n3)).toEqual(['biases:0', 'weights:0']);
  return [n1, n2, n3];
}

describe('ScopedMetaGraphTest (meta_graph_test.py)', () => {
  it('testScopedExportAndImport: each layer exported and imported under a new scope gives the same MetaGraphDef', async () => {
    const files = ['exported_hidden1.pbtxt', 'exported_hidden2.pbtxt', 'exported_softmax_linear.pbtxt'];
    const orig = await scopedExport(files);
    // What the first export left: its one input from outside, renamed, in the unbound_inputs collection.
    const unbound = orig[0]!.collectionDef.unbound_inputs;
    expect(unbound?.kind.case === 'bytesList' && unbound.kind.value.value.map((b) => new TextDecoder().decode(b))).toEqual(['$unbound_inputs_images']);
    expect(orig[0]!.graphDef!.node.find((n) => n.name === 'MatMul')!.input).toEqual(['$unbound_inputs_images', 'weights/read']);
    expect(orig[0]!.graphDef!.node.every((n) => !n.name.startsWith('hidden1'))).toBe(true);
    expect(Object.keys(orig[0]!.collectionDef).sort()).toContain('cond_context');
    expect(Object.keys(orig[1]!.collectionDef).sort()).toContain('while_context');
    // The graph still holds the first export's list, and TF1 writes every collection of the graph: so does this.
    expect(orig[1]!.collectionDef.unbound_inputs).toEqual(unbound);
    // The loop's Enters name their frame relative to the scope too (import under a scope renames it).
    const enter = orig[1]!.graphDef!.node.find((n) => n.op === 'Enter')!;
    expect(enter.attr.frame_name?.value).toEqual({ case: 's', value: new TextEncoder().encode('while/while_context') });
    const again = await scopedImport(files);
    delete orig[0]!.collectionDef.unbound_inputs;
    delete again[0]!.collectionDef.unbound_inputs;
    for (let i = 0; i < 3; i++) expect(equals(MetaGraphDefSchema, orig[i]!, again[i]!), `layer ${i}`).toBe(true);
  });

  it('testExportNestedNames: a nested scope is exported relative to itself and imported under another', async () => {
    const graph1 = new tf.Graph();
    const orig = await graph1.as_default(async () => {
      tf.name_scope('hidden1/hidden2/hidden3', () => {
        const images = tf.constant(1.0, tf.float32, [3, 2], 'images');
        // (Python's 1.0 is a float; a JavaScript 1.0 is an integer, so the dtype is said)
        const weights1 = tf.Variable(
          tf.constant(
            [
              [1, 2, 3],
              [4, 5, 6],
            ],
            tf.float32,
          ),
          { name: 'weights' },
        );
        const biases1 = tf.Variable([0.1, 0.1, 0.1], { name: 'biases' });
        tf.nn.relu(tf.add(tf.matmul(images, weights1), biases1), 'relu');
      });
      return tf.train.export_meta_graph({ export_scope: 'hidden1/hidden2', graph: graph1 });
    });
    expect(exportedVars(orig)).toEqual(['hidden3/biases:0', 'hidden3/weights:0']);
    expect(globalsUnder(graph1, '')).toEqual(['hidden1/hidden2/hidden3/biases:0', 'hidden1/hidden2/hidden3/weights:0']);
    for (const node of orig.graphDef!.node) expect(node.name.startsWith('hidden3')).toBe(true);

    const graph2 = new tf.Graph();
    await graph2.as_default(() => tf.train.import_meta_graph(orig, { import_scope: 'new_hidden1/new_hidden2' }));
    expect(globalsUnder(graph2, '')).toEqual(['new_hidden1/new_hidden2/hidden3/biases:0', 'new_hidden1/new_hidden2/hidden3/weights:0']);
    // (TF1 then checks the Assigns' `_class` colocation attrs; tf1-ts places no colocation constraints.)
    const sess = new tf.Session({ graph: graph2 });
    await sess.run(graph2.get_operation_by_name('new_hidden1/new_hidden2/hidden3/weights/Assign'));
    await sess.run(graph2.get_operation_by_name('new_hidden1/new_hidden2/hidden3/biases/Assign'));
    const relu = await sess.run(graph2.as_graph_element('new_hidden1/new_hidden2/hidden3/relu:0') as T);
    expect(Array.from(relu.data as Float32Array)).toEqual([5.1, 7.1, 9.1, 5.1, 7.1, 9.1, 5.1, 7.1, 9.1].map(Math.fround));
    sess.close();
  });

  it('testPotentialCycle: an input from outside the scope must be mapped on import', async () => {
    const graph1 = new tf.Graph();
    const orig = await graph1.as_default(() => {
      const a = tf.constant(1.0, undefined, [2, 2]);
      const b = tf.constant(2.0, undefined, [2, 2]);
      const matmul = tf.matmul(a, b);
      tf.name_scope('hidden1', () => {
        const c = tf.nn.relu(matmul);
        const d = tf.constant(3.0, undefined, [2, 2]);
        tf.matmul(c, d);
      });
      return tf.train.export_meta_graph({ export_scope: 'hidden1', graph: graph1 });
    });
    const graph2 = new tf.Graph();
    await expect(graph2.as_default(() => tf.train.import_meta_graph(orig, { import_scope: 'new_hidden1' }))).rejects.toThrow(
      'Graph contains unbound inputs: $unbound_inputs_MatMul. Must provide these inputs through input_map.',
    );
    await graph2.as_default(() =>
      tf.train.import_meta_graph(orig, { import_scope: 'new_hidden1', input_map: { $unbound_inputs_MatMul: tf.constant(4.0, undefined, [2, 2]) } }),
    );
    {
      const sess = new tf.Session({ graph: graph2 });
      const out = await sess.run(graph2.as_graph_element('new_hidden1/MatMul:0') as T);
      expect(Array.from(out.data as Float32Array)).toEqual([24, 24, 24, 24]);
      sess.close();
    }
  });

  it('the graph keeps the unbound_inputs collection the export lists, cleared at each export (TF1 side effect)', async () => {
    const g = new tf.Graph();
    await g.as_default(async () => {
      const x = tf.placeholder(tf.float32, [2], 'x');
      tf.name_scope('s', () => tf.add(tf.multiply(x, 2), x, 'y'));
      await tf.train.export_meta_graph({ export_scope: 's', graph: g });
      expect(g.get_collection('unbound_inputs')).toEqual(['$unbound_inputs_x', '$unbound_inputs_x']);
      await tf.train.export_meta_graph({ export_scope: 's', graph: g, unbound_inputs_col_name: 'mine' });
      expect(g.get_collection('mine')).toEqual(['$unbound_inputs_x', '$unbound_inputs_x']);
      const m = await tf.train.export_meta_graph({ graph: g });
      expect(m.graphDef!.node.map((n) => n.name)).toContain('s/y');
    });
  });
});
