// GraphDefs written to attack the importer: keys that name Object.prototype's members, inherited fields,
// and nesting deeper than the call stack. Each gets TF1's error (a ValueError/TypeError naming the place),
// and the graph it was imported into is left as it was.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import {
  GraphDefJsonError,
  graphDefFromJson,
  graphDefToJson,
  MAX_GRAPH_DEF_JSON_DEPTH,
  parseGraphDef,
  serializeGraphDef,
} from '../../src/graph/graph_def_json.js';
import type { GraphDef } from '../../src/graph/graph_def.js';

/** A placeholder's document, as JSON text with `attrText` as its attr object's text. */
function placeholderText(attrText: string): string {
  return `{"format":"tf1-ts.GraphDef","version":1,"versions":{"producer":27},"node":[{"name":"x","op":"Placeholder","input":[],"attr":${attrText},"outputs":[]}]}`;
}

/** Imports into a fresh graph holding one op; returns the error, and checks the graph kept only that op. */
function importError(def: unknown): Error {
  const g = new tf.Graph();
  g.as_default(() => tf.constant(1, { name: 'before' }));
  let err: unknown = null;
  try {
    g.as_default(() => tf.import_graph_def(def as string));
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(Error);
  expect(err).not.toBeInstanceOf(RangeError);
  expect(g.get_operations().map((o) => o.name)).toEqual(['before']);
  return err as Error;
}

describe("GraphDef attrs named after Object.prototype's members are ordinary unknown attrs (TF1: NodeDef mentions attr ... not in Op)", () => {
  it("a '__proto__' attr does not become the attr map's prototype: a Placeholder without its own dtype does not import as float64", () => {
    const evil = placeholderText('{"shape":null,"__proto__":{"dtype":"float64","shape":[],"values":[0]}}');
    // The JSON reader keeps '__proto__' as a key of its own...
    const def = parseGraphDef(evil);
    expect(Object.keys(def.node[0]!.attr).sort()).toEqual(['__proto__', 'shape']);
    expect(Object.hasOwn(def.node[0]!.attr, 'dtype')).toBe(false);
    // ...and the importer rejects it as the unknown attr it is, before looking for the missing dtype.
    const err = importError(evil);
    expect(err).toBeInstanceOf(tf.errors.ValueError);
    expect(err.message).toBe("NodeDef 'x' mentions attr '__proto__' not in Op<name=Placeholder>.");
  });

  it("'constructor', 'toString' and 'hasOwnProperty' attrs are unknown attrs too", () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const err = importError(placeholderText(`{"dtype":"float32","shape":null,"${key}":true}`));
      expect(err, key).toBeInstanceOf(tf.errors.ValueError);
      expect(err.message, key).toBe(`NodeDef 'x' mentions attr '${key}' not in Op<name=Placeholder>.`);
    }
  });

  it('a missing attr is missing even when the prototype of a GraphDef object supplies it', () => {
    const good = new tf.Graph();
    good.as_default(() => tf.placeholder(tf.float32, [2], 'x'));
    const node = good.as_graph_def().node[0]!;
    const inherited = Object.create({ dtype: 'float64' }) as Record<string, unknown>;
    inherited.shape = [2];
    const def = { node: [{ ...node, attr: inherited }], versions: { producer: 27 } };
    const err = importError(def);
    expect(err).toBeInstanceOf(tf.errors.ValueError);
    expect(err.message).toBe("NodeDef 'x' (op Placeholder): missing attr 'dtype'.");
    // A node whose every field comes from its prototype is no NodeDef at all.
    const ghost = { node: [Object.create(node) as unknown], versions: { producer: 27 } };
    expect(importError(ghost)).toBeInstanceOf(tf.errors.TypeError);
  });

  it("the JSON document's own fields are read, never inherited ones", () => {
    const doc = Object.create({ format: 'tf1-ts.GraphDef', version: 1 }) as Record<string, unknown>;
    Object.assign(doc, { versions: { producer: 27 }, node: [] });
    expect(() => graphDefFromJson(doc)).toThrow(GraphDefJsonError);
    expect(() => graphDefFromJson(doc)).toThrow(/format: expected "tf1-ts.GraphDef", got nothing/);
  });
});

describe('GraphDef JSON nested deeper than the call stack raises the library error, never a RangeError', () => {
  const deepArray = (n: number): string => '['.repeat(n) + ']'.repeat(n);
  const deepObject = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

  it('JSON text nested 200,000 deep is refused before it is parsed, naming the limit', () => {
    for (const text of [placeholderText(`{"shape":${deepArray(200_000)}}`), deepArray(200_000), placeholderText(`{"shape":[${deepObject(200_000)}]}`)]) {
      let err: unknown;
      try {
        parseGraphDef(text, { source: 'deep.json' });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GraphDefJsonError);
      expect((err as Error).message).toMatch(
        new RegExp(
          `^Invalid GraphDef JSON: deep.json nests arrays and objects \\d+ levels deep; a GraphDef needs 6 and at most ${MAX_GRAPH_DEF_JSON_DEPTH} are read$`,
        ),
      );
      expect(importError(text)).toBeInstanceOf(tf.errors.ValueError);
    }
  });

  it('a deep object handed over already parsed is described, not printed, in the error', () => {
    const deep = JSON.parse(deepObject(200_000)) as unknown;
    const doc = graphDefToJson(new tf.Graph().as_graph_def()) as unknown as Record<string, unknown>;
    for (const [edit, msg] of [
      [
        (d: Record<string, unknown>) => {
          d.versions = deep;
        },
        'versions: expected { producer: <integer> }, got producer nothing',
      ],
      [
        (d: Record<string, unknown>) => {
          d.versions = { producer: deep };
        },
        'versions: expected { producer: <integer> }, got producer an object',
      ],
      [
        (d: Record<string, unknown>) => {
          d.node = [{ name: 'x', op: 'Placeholder', input: [], attr: { shape: [deep] }, outputs: [] }];
        },
        'attr.shape[0]: a dimension must be a non-negative integer or null, got an object',
      ],
    ] as const) {
      const d = { ...doc };
      edit(d);
      expect(() => graphDefFromJson(d)).toThrow(msg);
      expect(importError(d)).toBeInstanceOf(tf.errors.ValueError);
    }
  });

  it('a valid graph, at 6 levels, still reads', () => {
    const g = new tf.Graph();
    g.as_default(() => tf.constant([[1, 2]], { name: 'c' }));
    const def: GraphDef = parseGraphDef(serializeGraphDef(g.as_graph_def()));
    expect(def.node.map((n) => n.name)).toEqual(['c']);
  });
});

describe("import_graph_def checks node names as TF1's GraphConstructor does", () => {
  it("'' and names starting with '_', '-' or '/' are 'Node name contains invalid characters'", () => {
    const g = new tf.Graph();
    g.as_default(() => tf.placeholder(tf.float32, [2], 'x'));
    const node = g.as_graph_def().node[0]!;
    for (const name of ['', '_x', '-x', '/x', 'a:b', 'a b']) {
      const err = importError({ node: [{ ...node, name }], versions: { producer: 27 } });
      expect(err, name).toBeInstanceOf(tf.errors.ValueError);
      expect(err.message, name).toBe(`Node '${name}': Node name contains invalid characters`);
    }
  });
});
