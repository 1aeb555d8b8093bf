import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tf from '../../src/index.js';
import { graphDefToJson, serializeGraphDef } from '../../src/graph/graph_def_json.js';
import { buildArticleGraph } from '../helpers/article_graph.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const names = (g: tf.Graph): string[] => g.get_operations().map((o) => o.name);

/** A deterministic batch for the article's model. */
function batch(n: number) {
  const xs = Array.from({ length: n }, (_, i) => Array.from({ length: 784 }, (_, j) => ((i * 31 + j * 7) % 17) / 17));
  const ys = Array.from({ length: n }, (_, i) => Array.from({ length: 10 }, (_, j) => (j === i % 10 ? 1 : 0)));
  return { xs, ys };
}

describe('write_graph and import_graph_def', () => {
  it('a written graph imports with the same names and structure, and trains to the same numbers', async () => {
    const a = buildArticleGraph();
    // With `_output_shapes` (TF1's add_shapes), so shapes set by hand or inferred at build time come back too.
    const file = await tf.train.write_graph(a.graph.as_graph_def({ add_shapes: true }), dir, 'graph.pbtxt');
    expect(file).toBe(path.join(dir, 'graph.pbtxt'));
    const text = await readFile(file, 'utf8');

    const g = new tf.Graph();
    const [x, y_, init, training, loss] = g.as_default(() =>
      tf.import_graph_def(text, {
        name: '',
        return_elements: ['Placeholder:0', 'Placeholder_1:0', 'init', 'GradientDescent', 'Mean:0'],
      }),
    ) as [tf.Tensor, tf.Tensor, tf.Operation, tf.Operation, tf.Tensor];
    expect(names(g)).toEqual(names(a.graph));
    expect(graphDefToJson(g.as_graph_def())).toEqual(graphDefToJson(a.graph.as_graph_def()));
    expect(String(x)).toBe('Tensor("Placeholder:0", shape=(?, 784), dtype=float32)');

    const { xs, ys } = batch(8);
    const run = async (sess: tf.Session, fetch: [tf.Operation, tf.Operation, tf.Tensor], feeds: [tf.Tensor, tf.Tensor]) => {
      await sess.run(fetch[0]);
      for (let i = 0; i < 3; i++)
        await sess.run(
          fetch[1],
          new Map([
            [feeds[0], xs],
            [feeds[1], ys],
          ]),
        );
      return (
        await sess.run(
          fetch[2],
          new Map([
            [feeds[0], xs],
            [feeds[1], ys],
          ]),
        )
      ).item();
    };
    const want = await run(new tf.Session({ graph: a.graph, backend: 'cpu' }), [a.init, a.training, a.cross_entropy], [a.x, a.y_]);
    const got = await run(new tf.Session({ graph: g, backend: 'cpu' }), [init, training, loss], [x, y_]);
    expect(got).toBe(want);
    expect(got).toBeLessThan(Math.log(10)); // it did train
  });

  it("prefixes names with a unique 'import' scope by default, nested in the current scope", () => {
    const src = new tf.Graph();
    src.as_default(() => tf.placeholder(tf.float32, [2], 'x').add(1));
    const def = src.as_graph_def();
    const g = new tf.Graph();
    g.as_default(() => {
      expect(tf.import_graph_def(def)).toBeNull();
      const [t] = tf.import_graph_def(def, { return_elements: ['add:0'] });
      tf.name_scope('outer', () => tf.import_graph_def(def, { name: 'net' }));
      expect(String(t)).toBe('Tensor("import_1/add:0", shape=(2,), dtype=float32)');
    });
    expect(names(g)).toEqual([
      'import/x',
      'import/add/y',
      'import/add',
      'import_1/x',
      'import_1/add/y',
      'import_1/add',
      'outer/net/x',
      'outer/net/add/y',
      'outer/net/add',
    ]);
    // With name '', names are kept and clashes get TF1's _1 suffix; later ops do not reuse imported names.
    g.as_default(() => {
      tf.import_graph_def(def, { name: '' });
      tf.import_graph_def(def, { name: '' });
      expect(tf.placeholder(tf.float32, [], 'x').op.name).toBe('x_2');
    });
    expect(names(g).slice(9)).toEqual(['x', 'add/y', 'add', 'x_1', 'add/y_1', 'add_1', 'x_2']);
  });

  it('input_map replaces tensors of the GraphDef with tensors of the target graph', async () => {
    const src = new tf.Graph();
    src.as_default(() => tf.reduce_sum(tf.placeholder(tf.float32, [null], 'x').mul(2), { name: 'total' }));
    const g = new tf.Graph();
    const { c, total } = g.as_default(() => {
      const c = tf.constant([1, 2, 3], { dtype: tf.float32 });
      const [total] = tf.import_graph_def(src.as_graph_def(), { input_map: { x: c }, return_elements: ['total:0'] }) as [tf.Tensor];
      return { c, total };
    });
    expect(total.op.inputs[0]!.op.inputs[0]).toBe(c);
    expect((await new tf.Session({ graph: g, backend: 'cpu' }).run(total)).item()).toBe(12);
    g.as_default(() => {
      expect(() => tf.import_graph_def(src.as_graph_def(), { input_map: { 'nope:0': c } })).toThrow(
        'Attempted to map inputs that were not found in graph_def: [nope:0]',
      );
      const i = tf.constant([1], { dtype: tf.int32 });
      // TF1's GraphConstructor: the mapped tensor's dtype against the one the NodeDef expects, a ValueError in the importer.
      expect(() => tf.import_graph_def(src.as_graph_def(), { input_map: { 'x:0': i } })).toThrow(
        new tf.errors.ValueError('Input 0 of node import_1/mul was passed int32 from Const_1:0 incompatible with expected float.'),
      );
    });
  });

  it('a variable of unknown shape (validate_shape=false) survives the JSON round trip and runs', async () => {
    const src = new tf.Graph();
    src.as_default(() => tf.Variable(tf.placeholder(tf.float32, null, 'x'), { validate_shape: false, name: 'v' }));
    const g = new tf.Graph();
    const [x, v, init] = g.as_default(() =>
      tf.import_graph_def(serializeGraphDef(src.as_graph_def()), {
        name: '',
        return_elements: ['x:0', 'v:0', 'v/Assign'],
      }),
    ) as [tf.Tensor, tf.Tensor, tf.Operation];
    expect(String(v.shape)).toBe('<unknown>');
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(
      init,
      new Map([
        [
          x,
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ]),
    );
    expect((await sess.run(v)).tolist()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('a bad GraphDef raises a ValueError and leaves the graph as it was', () => {
    const src = new tf.Graph();
    src.as_default(() => tf.matmul(tf.placeholder(tf.float32, [2, 3], 'a'), tf.placeholder(tf.float32, [3, 4], 'b'), { name: 'mm' }));
    const good = graphDefToJson(src.as_graph_def());
    const variants: [string, (d: typeof good) => void, string | RegExp][] = [
      [
        'unknown op',
        (d) => {
          d.node[2]!.op = 'FancyOp';
        },
        "unknown op type 'FancyOp'",
      ],
      [
        'shape clash',
        (d) => {
          d.node[1]!.attr.shape = [4, 4];
          d.node[1]!.outputs[0]!.shape = [4, 4];
        },
        /Dimensions must be equal/,
      ],
      [
        'recorded shape differs',
        (d) => {
          d.node[1]!.outputs[0]!.shape = [4, 4];
        },
        'Shapes (3, 4) and (4, 4) are not compatible',
      ],
      [
        'wrong attr kind',
        (d) => {
          d.node[2]!.attr.transpose_a = 3;
        },
        "attr has the wrong kind of value (want bool): 'transpose_a'",
      ],
      [
        'missing attr',
        (d) => {
          delete d.node[2]!.attr.transpose_b;
        },
        "missing attr 'transpose_b'",
      ],
      [
        'extra attr',
        (d) => {
          d.node[2]!.attr.colour = 'red';
        },
        "mentions attr 'colour' not in Op<name=MatMul>",
      ],
      [
        'too few inputs',
        (d) => {
          d.node[2]!.input = ['a'];
        },
        'expects 2 inputs, got 1',
      ],
      [
        'recorded dtype differs',
        (d) => {
          d.node[2]!.outputs[0]!.dtype = 'int32';
        },
        'records output 0 as int32',
      ],
      [
        'cycle',
        (d) => {
          d.node[0]!.op = 'Identity';
          d.node[0]!.attr = {};
          d.node[0]!.input = ['mm'];
        },
        'cycle through node',
      ],
    ];
    const g = new tf.Graph();
    g.as_default(() => tf.constant(1, { name: 'before' }));
    for (const [why, edit, msg] of variants) {
      const d = structuredClone(good);
      edit(d);
      let err: unknown;
      try {
        g.as_default(() => tf.import_graph_def(d));
      } catch (e) {
        err = e;
      }
      expect(err, why).toBeInstanceOf(tf.errors.ValueError);
      expect(String((err as Error).message), why).toMatch(msg);
      expect(names(g), why).toEqual(['before']);
    }
    expect(() => g.as_default(() => tf.import_graph_def(src.as_graph_def(), { return_elements: ['mm:1'] }))).toThrow(
      "Requested return_element 'mm:1' not found in graph_def.",
    );
    expect(() => g.as_default(() => tf.import_graph_def(src.as_graph_def(), { return_elements: ['zz'] }))).toThrow(tf.errors.ValueError);
    expect(() => g.as_default(() => tf.import_graph_def('{"not": "a graph"'))).toThrow(tf.errors.ValueError);
    expect(() => g.as_default(() => tf.import_graph_def(42 as unknown as string))).toThrow('graph_def must be a GraphDef proto.');
    expect(names(g)).toEqual(['before']);
  });
});
