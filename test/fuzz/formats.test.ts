// Fuzzing what comes from files: checkpoints with random truncations and byte flips, and GraphDef JSON
// with random edits, hostile attr keys ('__proto__', 'constructor'), deep nesting and retyped inputs. A reader either returns exactly what was written or raises TF1's error for it
// (DataLossError; ValueError/TypeError), and a failed import leaves the graph untouched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/train/checkpoint_format.js';
import { graphDefToJson } from '../../src/graph/graph_def_json.js';
import { buildArticleGraph } from '../helpers/article_graph.js';
import { expectTfError } from './check.js';
import { inputTypeProblem } from '../../src/graph/check_inputs.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240901);

const tensorArb = fc
  .record({
    dtype: fc.constantFrom<tf.DType>('float32', 'float64', 'int32', 'int64', 'bool'),
    shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
    seed: fc.integer(),
  })
  .map(({ dtype, shape, seed }) => {
    const a = tf.NDArray.zeros(shape, dtype);
    for (let i = 0; i < a.size; i++) a.data[i] = dtype === 'bool' ? (seed >> (i % 31)) & 1 : ((seed + i * 7919) % 2001) - 1000;
    return a;
  });

const sameArrays = (x: tf.NDArray, y: tf.NDArray): boolean =>
  x.dtype === y.dtype && x.shape.join() === y.shape.join() && x.data.every((v, i) => Object.is(v, y.data[i]));

describe('checkpoint files with random damage', () => {
  it('decode gives back exactly what was saved, or DataLossError', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), bits: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tensorArb, { minKeys: 1, maxKeys: 4 }), mutation, (named, m) => {
        const original = new Map(Object.entries(named));
        const good = encodeCheckpoint(original);
        let bytes: Uint8Array;
        if (m.kind === 'truncate') bytes = good.slice(0, m.at % good.length);
        else if (m.kind === 'insert') {
          const at = m.at % good.length;
          bytes = new Uint8Array([...good.subarray(0, at), ...m.bytes, ...good.subarray(at)]);
        } else {
          bytes = good.slice();
          for (const a of m.at) bytes[a % bytes.length]! ^= m.bits;
        }
        let back: Map<string, tf.NDArray>;
        try {
          back = decodeCheckpoint(bytes, 'fuzz.ckpt');
        } catch (e) {
          if (!(e instanceof tf.errors.DataLossError)) throw new Error(`not a DataLossError: ${String(e)}`);
          return;
        }
        // Only a flip inside alignment padding can go unnoticed, and then nothing read has changed.
        expect(m.kind).toBe('flip');
        expect([...back.keys()].sort()).toEqual([...original.keys()].sort());
        for (const [k, v] of original) expect(sameArrays(back.get(k)!, v)).toBe(true);
      }),
      { numRuns: 500, seed: SEED },
    );
  });
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path (list of keys) inside a JSON document. */
function paths(doc: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (doc && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) out.push(...paths(v, [...prefix, k]));
  return out;
}

const REPLACEMENTS: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 31,
  1e300,
  '',
  'x',
  'Placeholder',
  'MatMul',
  'float64',
  '^x',
  'x:9',
  [],
  [null],
  [-1],
  [2 ** 40, 2 ** 40],
  {},
  { dtype: 'float32', shape: [2], values: [1] },
];

describe('GraphDef JSON with random edits', () => {
  const doc = graphDefToJson(buildArticleGraph().graph.as_graph_def()) as unknown as Json;
  const all = paths(doc).filter((p) => p.length > 0);

  it('import_graph_def imports it or raises ValueError/TypeError, and a failed import adds no op', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 3 }), (edits) => {
        const d = structuredClone(doc);
        for (const [p, r, del] of edits) {
          const path = all[p % all.length]!;
          let parent: Json = d;
          for (const k of path.slice(0, -1)) parent = (parent as Record<string, Json>)?.[k as string] ?? null;
          if (parent === null || typeof parent !== 'object') continue;
          const key = path[path.length - 1]!;
          if (del && !Array.isArray(parent)) delete (parent as Record<string, Json>)[key];
          else (parent as Record<string, Json>)[key as string] = structuredClone(REPLACEMENTS[r % REPLACEMENTS.length]!);
        }
        const g = new tf.Graph();
        try {
          g.as_default(() => tf.import_graph_def(d as never));
        } catch (e) {
          expectTfError(e, 'import_graph_def');
          expect(g.get_operations()).toEqual([]);
          return;
        }
        expect(g.get_operations().length).toBe((d as { node: unknown[] }).node.length);
      }),
      { numRuns: 400, seed: SEED },
    );
  });
});

const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'dtype', 'shape'];
const DTYPE_NAMES: tf.DType[] = ['float32', 'float64', 'int32', 'int64', 'bool'];

/** Sets `key` on `obj` as an own, enumerable property, even '__proto__' (as JSON.parse does). */
const setOwn = (obj: Record<string, Json>, key: string, value: Json): void => {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
};

describe('GraphDef JSON with hostile attrs, deep nesting and wrong input dtypes', () => {
  const doc = graphDefToJson(buildArticleGraph().graph.as_graph_def()) as unknown as { node: Record<string, Json>[] } & Record<string, Json>;

  const edit = fc.oneof(
    // An attr whose key names a member of Object.prototype (or shadows a real attr through a prototype).
    fc.record({ kind: fc.constant('key' as const), node: fc.nat(), key: fc.constantFrom(...HOSTILE_KEYS), value: fc.nat() }),
    // The reported bug: 'dtype' taken away and a '__proto__' tensor attr offering one instead.
    fc.record({ kind: fc.constant('proto' as const), node: fc.nat(), dtype: fc.constantFrom(...DTYPE_NAMES) }),
    // Some value replaced by arrays or objects nested past the limit.
    fc.record({ kind: fc.constant('deep' as const), node: fc.nat(), depth: fc.constantFrom(65, 1000, 100_000), array: fc.boolean() }),
    // A Const retyped throughout (attr, value, recorded output), so its consumers get an input of another dtype.
    fc.record({ kind: fc.constant('retype' as const), node: fc.nat(), dtype: fc.constantFrom(...DTYPE_NAMES) }),
  );

  it('import_graph_def imports only well-typed nodes with their own attrs, or raises ValueError/TypeError (never RangeError), adding no op', () => {
    let imported = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const d = structuredClone(doc);
        let deep: string | null = null;
        for (const e of edits) {
          const node = d.node[e.node % d.node.length]!;
          const attr = node.attr as Record<string, Json>;
          if (e.kind === 'key') {
            setOwn(attr, e.key, structuredClone(REPLACEMENTS[e.value % REPLACEMENTS.length]!));
          } else if (e.kind === 'proto') {
            delete attr.dtype;
            setOwn(attr, '__proto__', { dtype: e.dtype, shape: [], values: [e.dtype === 'bool' ? false : 0] });
          } else if (e.kind === 'deep') {
            deep = e.array ? '['.repeat(e.depth) + ']'.repeat(e.depth) : '{"a":'.repeat(e.depth) + '1' + '}'.repeat(e.depth);
            setOwn(attr, 'deep', '@DEEP@');
          } else {
            const c = d.node.filter((n) => n.op === 'Const')[e.node % d.node.filter((n) => n.op === 'Const').length]!;
            const v = (c.attr as Record<string, Json>).value as { dtype: string; values: Json[] };
            (c.attr as Record<string, Json>).dtype = e.dtype;
            v.dtype = e.dtype;
            v.values = v.values.map((x) => (e.dtype === 'bool' ? x !== 0 : typeof x === 'number' ? Math.round(x) : 0));
            ((c.outputs as Json[])[0] as Record<string, Json>).dtype = e.dtype;
          }
        }
        let text = JSON.stringify(d);
        if (deep !== null) text = text.replace('"@DEEP@"', deep);
        const g = new tf.Graph();
        try {
          g.as_default(() => tf.import_graph_def(text));
        } catch (e) {
          if (e instanceof RangeError) throw new Error(`RangeError: ${e.message}`);
          expectTfError(e, 'import_graph_def');
          expect(g.get_operations()).toEqual([]);
          return;
        }
        expect(deep).toBeNull();
        // No attr named after an Object.prototype member may survive an import (TF1: not in Op<...>).
        for (const k of HOSTILE_KEYS.slice(0, 5)) expect(text, k).not.toContain(`"${k}":`);
        imported++;
        for (const op of g.get_operations()) {
          expect(
            inputTypeProblem(
              op.type,
              op.inputs.map((t) => t.dtype),
            ),
            op.name,
          ).toBeNull();
          expect(Object.getPrototypeOf(op.attrs), op.name).toBe(Object.prototype);
          for (const k of HOSTILE_KEYS.slice(0, 5)) expect(Object.hasOwn(op.attrs, k), `${op.name}.${k}`).toBe(false);
        }
      }),
      { numRuns: 300, seed: SEED },
    );
    expect(imported).toBeGreaterThan(0); // some edits (a Const retyped to its own dtype) leave a valid graph
  });
});
