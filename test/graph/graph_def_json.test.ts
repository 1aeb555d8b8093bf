import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { GraphDef } from '../../src/graph/graph_def.js';
import {
  GRAPH_DEF_JSON_VERSION,
  GraphDefJsonError,
  graphDefFromJson,
  graphDefToJson,
  parseGraphDef,
  serializeGraphDef,
} from '../../src/graph/graph_def_json.js';
import { buildArticleGraph } from '../helpers/article_graph.js';

/** A JSON-comparable view of a snapshot: typed arrays become plain lists, so equality is on values. */
function plain(def: GraphDef): unknown {
  return JSON.parse(
    JSON.stringify(def, (_k, v: unknown) =>
      ArrayBuffer.isView(v)
        ? {
            typed: v.constructor.name,
            values: Array.from(v as Float64Array, (x) => (Number.isFinite(x) && !Object.is(x, -0) ? x : String(Object.is(x, -0) ? '-0' : x))),
          }
        : v,
    ),
  );
}

/** A valid one-node document to break in the error tests. */
function doc(): Record<string, unknown> {
  return graphDefToJson(buildSmall()) as unknown as Record<string, unknown>;
}

function buildSmall(): GraphDef {
  const g = new tf.Graph();
  g.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 3], 'x');
    tf.matmul(x, tf.constant([[1], [2], [3]], { dtype: tf.float32 }));
  });
  return g.as_graph_def();
}

const expectError = (d: unknown, ...parts: string[]): void => {
  let err: unknown;
  try {
    graphDefFromJson(d);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(GraphDefJsonError);
  expect(err).toBeInstanceOf(tf.errors.ValueError);
  for (const p of parts) expect((err as Error).message).toContain(p);
};

describe('GraphDef JSON', () => {
  it("round-trips the article's whole graph, tensors and shapes included", () => {
    const { graph } = buildArticleGraph();
    const def = graph.as_graph_def();
    const text = serializeGraphDef(def);
    const back = parseGraphDef(text);
    expect(plain(back)).toEqual(plain(def));
    expect(Object.isFrozen(back.node)).toBe(true);
    const shapeConst = back.node.find((n) => n.name === 'zeros/shape_as_tensor')!.attr.value as { data: unknown };
    expect(shapeConst.data).toBeInstanceOf(Int32Array);
    expect(Array.from(shapeConst.data as Int32Array)).toEqual([784, 10]);
    const json = JSON.parse(text) as { version: number; node: { name: string; attr: Record<string, unknown> }[] };
    expect(json.version).toBe(GRAPH_DEF_JSON_VERSION);
    expect(json.node.find((n) => n.name === 'zeros/shape_as_tensor')!.attr.value).toEqual({ dtype: 'int32', shape: [2], values: [784, 10] });
    expect(json.node.find((n) => n.name === 'Placeholder')!.attr.shape).toEqual([null, 784]);
  });

  it('keeps every value of every dtype, NaN, infinities and -0 included', () => {
    const dtypes = ['float32', 'float64', 'int32', 'int64', 'bool'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...dtypes), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), fc.integer(), (dtype, shape, seed) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const rnd = fc
          .sample(
            dtype === 'bool'
              ? fc.boolean().map(Number)
              : dtype === 'int32'
                ? fc.integer()
                : dtype === 'int64'
                  ? fc.maxSafeInteger()
                  : fc.double({ noDefaultInfinity: false, noNaN: false }).map((v) => (dtype === 'float32' ? Math.fround(v) : v)),
            { numRuns: Math.max(n, 1), seed },
          )
          .slice(0, n);
        const g = new tf.Graph();
        g.as_default(() =>
          tf.constant(
            new tf.NDArray(
              dtype === 'float32'
                ? Float32Array.from(rnd)
                : dtype === 'int32'
                  ? Int32Array.from(rnd)
                  : dtype === 'bool'
                    ? Uint8Array.from(rnd)
                    : Float64Array.from(rnd),
              shape,
              dtype,
            ),
          ),
        );
        const def = g.as_graph_def();
        expect(plain(parseGraphDef(serializeGraphDef(def)))).toEqual(plain(def));
      }),
      { numRuns: 60 },
    );
  });

  it('rejects files that are not GraphDef JSON with a message naming the place', () => {
    expect(() => parseGraphDef('{"format": ', { source: 'graph.json' })).toThrow(/graph\.json is not JSON/);
    expectError([], 'top level');
    expectError({ ...doc(), format: 'something' }, 'format', 'tf1-ts.GraphDef');
    expectError({ ...doc(), version: 2 }, 'reads version 1', 'number 2');
    expectError({ ...doc(), extra: 1 }, "unknown field 'extra'");
    expectError({ ...doc(), versions: {} }, 'versions', 'producer');
    expectError({ ...doc(), node: {} }, 'node', 'list of nodes');
  });

  it('rejects bad nodes, inputs, attributes and tensors', () => {
    const withNode = (i: number, patch: Record<string, unknown>): unknown => {
      const d = doc();
      const nodes = [...(d.node as Record<string, unknown>[])];
      nodes[i] = { ...nodes[i], ...patch };
      return { ...d, node: nodes };
    };
    const names = (doc().node as { name: string }[]).map((n) => n.name);
    const mm = names.indexOf('MatMul');
    const cst = names.indexOf('Const');
    expectError(withNode(0, { name: 'bad name' }), 'node[0].name', 'not a valid op name');
    expectError(withNode(0, { name: 'MatMul' }), 'duplicate node name', `first at node[0]`);
    expectError(withNode(0, { op: 7 }), 'not a valid op type');
    expect(() => graphDefFromJson(doc(), { ops: new Set(['Placeholder', 'Const']) })).toThrow(/unknown op type 'MatMul'/);
    expectError(withNode(mm, { input: ['x', 'Nope'] }), `node[${mm}] ('MatMul').input[1]`, "'Nope' refers to a node that is not in the graph");
    expectError(withNode(mm, { input: ['x', 'Const:1'] }), "asks for output 1, but 'Const' has 1 output");
    expectError(withNode(mm, { input: ['^x', 'Const'] }), "data input 'Const' after a control input");
    expectError(withNode(mm, { input: ['^x:0', 'Const'] }), 'control input names an op');
    expectError(withNode(mm, { outputs: [{ dtype: 'float16', shape: [null, 1] }] }), 'outputs[0].dtype', 'unknown dtype');
    expectError(withNode(mm, { outputs: [{ dtype: 'float32', shape: [-1, 1] }] }), 'outputs[0].shape[0]', 'non-negative integer or null');
    expectError(withNode(mm, { attr: { transpose_a: { a: 1 } } }), "attr.transpose_a: unknown field 'a'");
    expectError(withNode(mm, { attr: [] }), 'attr: expected an object');
    expectError(withNode(mm, { device: '' }), "unknown field 'device'");
    const tensor = (t: Record<string, unknown>): unknown =>
      withNode(cst, { attr: { dtype: 'float32', value: { dtype: 'float32', shape: [3, 1], values: [1, 2, 3], ...t } } });
    expect(() => graphDefFromJson(tensor({}))).not.toThrow();
    expectError(tensor({ values: [1, 2] }), 'attr.value.values', 'shape [3,1] needs 3 values, got 2');
    expectError(tensor({ values: [1, 'x', 3] }), 'values[1]', 'expected a number');
    expectError(tensor({ dtype: 'int32', values: [1, 2.5, 3] }), 'values[1]', 'int32 tensor holds integers');
    expectError(tensor({ dtype: 'int32', values: [1, 2 ** 31, 3] }), 'out of range for int32');
    expectError(tensor({ dtype: 'bool', values: [1, 0, 1] }), 'bool tensor holds true or false');
    expectError(tensor({ shape: [null, 1] }), 'fully defined shape');
  });
});
