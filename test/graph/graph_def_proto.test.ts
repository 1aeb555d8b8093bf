import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { graphDefToJson } from '../../src/graph/graph_def_json.js';
import { fromText } from '../../src/framework/text_format.js';
import { GraphDefSchema } from '../../src/framework/proto/tensorflow/core/framework/graph_pb.js';
import { buildArticleGraph } from '../helpers/article_graph.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode, protocEncode } from '../helpers/protoc.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-graphdef-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A graph with each kind of attribute TF1 writes: dtypes, shapes, tensors of several dtypes and layouts, ints, strings. */
function variety(): tf.Graph {
  const g = new tf.Graph();
  g.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 3], 'x');
    const w = tf.Variable(
      tf.constant(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        tf.float32,
      ),
      { name: 'w' },
    );
    const y = tf.matmul(x, w).add(tf.constant(0.5, { name: 'half' }));
    tf.reduce_sum(y, { axis: 1, name: 'total' });
    tf.constant([7, -8, 9], tf.int64, { name: 'big' });
    tf.constant([true, false, true], tf.bool, { name: 'flags' });
    tf.zeros([2, 2], tf.int32, 'zeros');
    tf.concat([x, x], 1, 'both');
    tf.shape(x, { name: 'shape_of_x' });
  });
  return g;
}

/** The Const node `name` of a GraphDef message, by name. */
const nodeOf = (g: tf.Graph, name: string) =>
  g
    .as_graph_def()
    .toProto()
    .node.find((n) => n.name === name)!;

describe("TF1's GraphDef in its binary wire format and text format", () => {
  it('writes attrs as TF1 does: T and N inferred, tensors as tensor_content or one typed value', () => {
    const g = variety();
    const matmul = nodeOf(g, 'MatMul');
    expect(Object.keys(matmul.attr).sort()).toEqual(['T', 'transpose_a', 'transpose_b']);
    expect(nodeOf(g, 'both').attr.N?.value).toEqual({ case: 'i', value: 2n });
    const half = nodeOf(g, 'half').attr.value!.value;
    expect(half.case === 'tensor' && [half.value.floatVal, half.value.tensorContent.length]).toEqual([[0.5], 0]);
    const big = nodeOf(g, 'big').attr.value!.value;
    expect(big.case === 'tensor' && Array.from(new BigInt64Array(big.value.tensorContent.slice().buffer))).toEqual([7n, -8n, 9n]);
    const flags = nodeOf(g, 'flags').attr.value!.value;
    expect(flags.case === 'tensor' && flags.value.boolVal).toEqual([true, false, true]);
    const zeros = nodeOf(g, 'zeros').attr.value!.value;
    expect(zeros.case === 'tensor' && [zeros.value.intVal, zeros.value.tensorShape?.dim.map((d) => d.size)]).toEqual([[0], [2n, 2n]]);
    expect(g.as_graph_def().toString()).toContain(
      'name: "x"\n  op: "Placeholder"\n  attr {\n    key: "dtype"\n    value {\n      type: DT_FLOAT\n    }\n  }\n  attr {\n    key: "shape"\n    value {\n      shape {\n        dim {\n          size: -1\n        }\n        dim {\n          size: 3\n        }\n      }\n    }\n  }\n}\n',
    );
    expect(g.as_graph_def().toString()).toMatch(/^node \{\n {2}name: "x"[\s\S]*\}\nversions \{\n {2}producer: 27\n\}\n$/);
  });

  it('every written form decodes with protoc as the same message, and protoc reads our text to the same bytes', ({ skip }) => {
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    for (const g of [variety(), buildArticleGraph().graph]) {
      const def = g.as_graph_def({ add_shapes: true });
      const bytes = def.SerializeToString();
      const cpp = protocDecode('tensorflow.GraphDef', bytes);
      expect(cpp).toContain('key: "_output_shapes"');
      expect(protocEncode('tensorflow.GraphDef', def.toString())).toEqual(bytes);
      expect(protocDecode('tensorflow.GraphDef', protocEncode('tensorflow.GraphDef', cpp))).toBe(cpp);
      expect(fromBinary(GraphDefSchema, bytes)).toEqual(fromText(GraphDefSchema, cpp));
    }
  });

  it('round-trips graphs through bytes and text: FromString / FromText, import_graph_def, SerializeToString', () => {
    for (const make of [variety, () => buildArticleGraph().graph]) {
      const a = make();
      const bytes = a.as_graph_def({ add_shapes: true }).SerializeToString();
      for (const def of [tf.GraphDef.FromString(bytes), tf.GraphDef.FromText(a.as_graph_def({ add_shapes: true }).toString())]) {
        expect(def.SerializeToString()).toEqual(bytes);
        const b = new tf.Graph();
        b.as_default(() => tf.import_graph_def(def, { name: '' }));
        expect(b.as_graph_def({ add_shapes: true }).SerializeToString()).toEqual(bytes);
        expect(graphDefToJson(b.as_graph_def())).toEqual(graphDefToJson(a.as_graph_def()));
      }
    }
  });

  it('an imported graph computes what the original computes', async () => {
    const a = variety();
    const b = new tf.Graph();
    const [x, total] = b.as_default(() =>
      tf.import_graph_def(tf.GraphDef.FromString(a.as_graph_def().SerializeToString()), { return_elements: ['x:0', 'total:0'] }),
    ) as [tf.Tensor, tf.Tensor];
    expect(total.name).toBe('import/total:0');
    const sess = new tf.Session({ graph: b });
    await sess.run(b.get_operation_by_name('import/w/Assign'));
    const out = await sess.run(
      total,
      new Map([
        [
          x,
          [
            [1, 0, 0],
            [0, 1, 1],
          ],
        ],
      ]),
    );
    expect(Array.from(out.data)).toEqual([1 + 2 + 1, 3 + 5 + 4 + 6 + 1]);
    await sess.close();
  });

  it('write_graph writes .pbtxt (as_text, the default) and .pb as TF1 does, and returns the path', async () => {
    const g = variety();
    const txt = await tf.train.write_graph(g, dir, 'graph.pbtxt');
    const pb = await tf.train.write_graph(g.as_graph_def(), path.join(dir, 'sub'), 'graph.pb', false);
    expect([txt, pb]).toEqual([path.join(dir, 'graph.pbtxt'), path.join(dir, 'sub', 'graph.pb')]);
    expect(await readFile(txt, 'utf8')).toBe(g.as_graph_def().toString());
    expect(new Uint8Array(await readFile(pb))).toEqual(g.as_graph_def().SerializeToString());
    // A GraphDef message writes too (graph_io_test's testWriteGraph on a GraphDef).
    const again = await tf.train.write_graph(tf.GraphDef.FromString(new Uint8Array(await readFile(pb))), dir, 'again.pbtxt', { as_text: true });
    expect(await readFile(again, 'utf8')).toBe(await readFile(txt, 'utf8'));
  });

  it('files written decode with protoc --decode=tensorflow.GraphDef', async ({ skip }) => {
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    const g = buildArticleGraph().graph;
    const pb = await tf.train.write_graph(g, dir, 'g.pb', false);
    const txt = await tf.train.write_graph(g, dir, 'g.pbtxt');
    const decoded = protocDecode('tensorflow.GraphDef', new Uint8Array(await readFile(pb)));
    expect(decoded).toContain('name: "GradientDescent"');
    expect(protocEncode('tensorflow.GraphDef', await readFile(txt, 'utf8'))).toEqual(new Uint8Array(await readFile(pb)));
  });

  it('import_graph_def reads .pbtxt text, and refuses a GraphDef whose attr has the wrong kind, naming it', () => {
    const text =
      'node { name: "c" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } } attr { key: "value" value { tensor { dtype: DT_FLOAT float_val: 2 } } } }';
    const g = new tf.Graph();
    const [c] = g.as_default(() => tf.import_graph_def(text, { return_elements: ['c:0'], name: '' })) as [tf.Tensor];
    expect([c.name, c.dtype, c.shape.dims]).toEqual(['c:0', 'float32', []]);
    const bad = text.replace('type: DT_FLOAT }', 'b: true }');
    expect(() => g.as_default(() => tf.import_graph_def(bad))).toThrow("NodeDef 'c' attr 'dtype': attr holds b, not a dtype.");
    expect(() => tf.GraphDef.FromText('node { nme: "c" }')).toThrow(tf.errors.ValueError);
  });

  it("reads TF1's string tensors: string_val bytes as they are, the last filling the shape, and writes each element back", async () => {
    const text = `node { name: "s" op: "Const" attr { key: "dtype" value { type: DT_STRING } } attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 3 } } string_val: "a" string_val: "b\\000\\377" } } } }`;
    const g = new tf.Graph();
    const [s] = g.as_default(() => tf.import_graph_def(text, { return_elements: ['s:0'], name: '' })) as tf.Tensor[];
    expect(s!.dtype).toBe('string');
    const sess = new tf.Session({ graph: g });
    const v = await sess.run(s!);
    await sess.close();
    expect(String(v)).toBe("[b'a' b'b\\x00\\xff' b'b\\x00\\xff']");
    const back = g.as_graph_def().toString();
    expect(back).toContain('string_val: "a"\n');
    expect(back.match(/string_val: "b\\000\\377"/g)).toHaveLength(2);
    const again = tf.GraphDef.FromString(g.as_graph_def().SerializeToString());
    expect(again.toString()).toBe(back);
  });

  it("reads TF1's tensors: one value filling the shape, int64 tensor_content, and refuses what it cannot hold", async () => {
    const konst = (name: string, dtype: string, tensor: string): string =>
      `node { name: "${name}" op: "Const" attr { key: "dtype" value { type: ${dtype} } } attr { key: "value" value { tensor { dtype: ${dtype} ${tensor} } } } }`;
    const big = new Uint8Array(BigInt64Array.from([5n, -(2n ** 40n)]).buffer);
    const esc = Array.from(big, (b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
    const text = [
      konst('fill', 'DT_FLOAT', 'tensor_shape { dim { size: 3 } } float_val: 2'),
      konst('big', 'DT_INT64', `tensor_shape { dim { size: 2 } } tensor_content: "${esc}"`),
      konst('none', 'DT_INT32', 'tensor_shape { dim { size: 2 } }'),
    ].join('\n');
    const g = new tf.Graph();
    const ts = g.as_default(() => tf.import_graph_def(text, { return_elements: ['fill:0', 'big:0', 'none:0'], name: '' })) as tf.Tensor[];
    const sess = new tf.Session({ graph: g });
    expect((await sess.run(ts)).map((v) => Array.from(v.data))).toEqual([
      [2, 2, 2],
      [5, -(2 ** 40)],
      [0, 0],
    ]);
    await sess.close();
    const bad =
      (tensorText: string, dtype = 'DT_FLOAT') =>
      () =>
        tf.import_graph_def(konst('c', dtype, tensorText));
    expect(bad('tensor_shape { dim { size: 2 } } tensor_content: "\\000\\000"')).toThrow(
      "NodeDef 'c' attr 'value': tensor_content holds 2 bytes, not the 8 of float32[2].",
    );
    expect(bad('scomplex_val: 1', 'DT_COMPLEX64')).toThrow("NodeDef 'c' attr 'dtype': tf1-ts has no dtype for DT_COMPLEX64.");
    expect(bad('tensor_shape { dim { size: 1 } } string_val: "a" string_val: "b"', 'DT_STRING')).toThrow(
      "NodeDef 'c' attr 'value': 2 values for a tensor of 1 elements.",
    );
    expect(bad('tensor_shape { dim { size: 1 } } float_val: 1 float_val: 2')).toThrow("NodeDef 'c' attr 'value': 2 values for a tensor of 1 elements.");
  });
});
