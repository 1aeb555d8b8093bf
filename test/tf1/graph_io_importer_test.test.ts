// TF1's tensorflow/python/framework/graph_io_test.py (testWriteGraph, testRecursiveCreate) and cases of
// importer_test.py (r1.12) that use real ops, on TF1's GraphDef: the message, its bytes, its text format.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

let testDir: string;
beforeEach(async () => {
  testDir = await mkdtemp(path.join(tmpdir(), 'tf1ts-graph-io-'));
});
afterEach(async () => {
  await rm(testDir, { recursive: true, force: true });
});

/** importer_test's _MakeGraphDef: a GraphDef message from text, with versions. */
const makeGraphDef = (text: string, producer = 27): tf.GraphDefMessage => tf.GraphDef.FromText(`versions { producer: ${producer} } ${text}`);

describe('graph_io_test', () => {
  it('testWriteGraph', async () => {
    const g = new tf.Graph();
    g.as_default(() =>
      tf.Variable(
        tf.constant(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          tf.float32,
        ),
        { name: 'v' },
      ),
    );
    const p = await tf.train.write_graph(g, path.join(testDir, 'l1'), 'graph.pbtxt');
    const truth = path.join(testDir, 'l1', 'graph.pbtxt');
    expect(p).toBe(truth);
    expect(existsSync(p)).toBe(true);
  });

  it('testRecursiveCreate', async () => {
    const g = new tf.Graph();
    g.as_default(() =>
      tf.Variable(
        tf.constant(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          tf.float32,
        ),
        { name: 'v' },
      ),
    );
    const p = await tf.train.write_graph(g.as_graph_def(), path.join(testDir, 'l1', 'l2', 'l3'), 'graph.pbtxt');
    const truth = path.join(testDir, 'l1', 'l2', 'l3', 'graph.pbtxt');
    expect(p).toBe(truth);
    expect(existsSync(p)).toBe(true);
  });
});

describe('importer_test', () => {
  it('testEmptyGraph', () => {
    const g = new tf.Graph();
    g.as_default(() => tf.import_graph_def(makeGraphDef('')));
    expect(g.get_operations()).toEqual([]);
  });

  it('testInvalidInputForInputMap (the Tensor case)', async () => {
    const graphDef = makeGraphDef(`
         node { name: 'a' op: 'Placeholder'
                attr { key: 'dtype' value { type: DT_FLOAT } }}
         node { name: 'id' op: 'Identity' input: 'a:0'
                attr { key: 'T' value { type: DT_FLOAT } }}`);
    const g = new tf.Graph();
    const [t] = g.as_default(() => tf.import_graph_def(graphDef, { input_map: { 'a:0': tf.constant(5.0) }, name: '', return_elements: ['id:0'] })) as [
      tf.Tensor,
    ];
    const sess = new tf.Session({ graph: g });
    expect((await sess.run(t)).item()).toBe(5);
    await sess.close();
  });

  it('testWithExtensionAndAttr', async () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const c = tf.constant(5.0, tf.float32, { name: 'c' });
      tf.stack([c, c], { name: 'pack' });
    });
    const gdef = tf.GraphDef.FromString(g.as_graph_def().SerializeToString());
    const h = new tf.Graph();
    const [pack] = h.as_default(() => tf.import_graph_def(gdef, { return_elements: ['pack'] })) as [tf.Operation];
    const sess = new tf.Session({ graph: h });
    expect(Array.from((await sess.run(pack.outputs[0]!)).data)).toEqual([5, 5]);
    await sess.close();
  });

  it('testGradient', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const inputs = tf.placeholder(tf.float32, [null, 100], 'input');
      const weights = tf.placeholder(tf.float32, [100, 10], 'weights');
      const biases = tf.placeholder(tf.float32, [10], 'biases');
      const activations = tf.nn.relu(tf.matmul(inputs, weights).add(biases), 'activations');
      tf.reduce_mean(activations, { name: 'loss' });
    });
    const gdef = tf.GraphDef.FromString(g.as_graph_def().SerializeToString());
    const h = new tf.Graph();
    h.as_default(() => {
      const inputPlaceholder = tf.placeholder(tf.float32, [32, 100]);
      const weightsVar = tf.Variable(tf.truncated_normal([100, 10]), { name: 'weights' });
      const biasesVar = tf.Variable(tf.zeros([10]), { name: 'biases' });
      const [activations, loss] = tf.import_graph_def(gdef, {
        input_map: { 'input:0': inputPlaceholder, 'weights:0': weightsVar.value(), 'biases:0': biasesVar.value() },
        return_elements: ['activations:0', 'loss:0'],
      }) as [tf.Tensor, tf.Tensor];
      expect(activations.shape.dims).toEqual([32, 10]);
      expect(loss.shape.dims).toEqual([]);
      const [weightsGrad, biasesGrad] = tf.gradients(loss, [weightsVar, biasesVar]) as [tf.Tensor, tf.Tensor];
      expect(weightsGrad.shape.dims).toEqual([100, 10]);
      expect(biasesGrad.shape.dims).toEqual([10]);
    });
  });

  it('testWhileLoop', async () => {
    // Produce GraphDef containing while loop.
    const graph = new tf.Graph();
    const r = graph.as_default(() =>
      tf.while_loop(
        (i: tf.Tensor) => i.lt(10),
        (i: tf.Tensor) => i.add(1),
        [0],
      ),
    ) as tf.Tensor;
    // through its bytes, as TF1's GraphDef holds it
    const graph_def = tf.GraphDef.FromString(graph.as_graph_def().SerializeToString());

    // Import the GraphDef and make sure it runs.
    const g = new tf.Graph();
    const [imported_r] = g.as_default(() => tf.import_graph_def(graph_def, { return_elements: [r.name] })) as [tf.Tensor];
    expect(imported_r.name).toBe(`import/${r.name}`);
    // the back edge closes the loop: the Merge reads the NextIteration
    expect(g.get_operation_by_name('import/while/Merge').inputs.map((t) => t.name)).toEqual(['import/while/Enter:0', 'import/while/NextIteration:0']);
    expect(g.as_graph_def().node.find((n) => n.name === 'import/while/Merge')!.input).toEqual(['import/while/Enter', 'import/while/NextIteration']);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    expect((await sess.run(imported_r)).item()).toBe(10);
  });

  it('testImportWhileLoopInCond', async () => {
    // Produce GraphDef containing while loop.
    const graph = new tf.Graph();
    const r = graph.as_default(() =>
      tf.while_loop(
        (i: tf.Tensor) => i.lt(10),
        (i: tf.Tensor) => i.add(1),
        [0],
      ),
    ) as tf.Tensor;
    const graph_def = graph.as_graph_def();

    // Import the GraphDef inside a cond and make sure it runs.
    const g = new tf.Graph();
    const [pred, out] = g.as_default(() => {
      const ImportFn = (): tf.Tensor => (tf.import_graph_def(graph_def, { return_elements: [r.name] }) as tf.Tensor[])[0]!;
      const pred = tf.placeholder(tf.bool);
      return [pred, tf.cond(pred, ImportFn, () => tf.constant(1)) as tf.Tensor];
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    expect((await sess.run(out, new Map([[pred, true]]))).item()).toBe(10);
    expect((await sess.run(out, new Map([[pred, false]]))).item()).toBe(1);
  });
});
