/**
 * GraphDef <-> JSON: the file format `tf1-ts graph --input` reads and `--export-json` writes, and the
 * format `tf.train.write_graph` / `tf.import_graph_def` build on.
 *
 * A document is `{ format: 'tf1-ts.GraphDef', version: 1, versions: { producer }, node: [...] }`; each
 * node is a NodeDef as `as_graph_def()` gives it (name, op, input strings `x`, `x:1`, `^ctrl`, attr,
 * outputs). Attribute values are plain JSON except tensors, which become
 * `{ dtype, shape, values }` with `values` a flat row-major list (NaN, infinities and -0 as the strings
 * `"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`, which JSON cannot write as numbers; bools as true/false).
 * Reading validates everything and names the offending place (`node[3] ('add').input[1]`), so a bad
 * file fails here, with a clear message, rather than deep inside an import.
 */
import type { HostArray } from '../framework/dtypes.js';
import type { Dim } from '../framework/shape.js';
import type { AttrValue, GraphDef, TensorData } from './graph_def.js';
import { GRAPH_DEF_JSON_FORMAT, GRAPH_DEF_JSON_VERSION, type AttrValueJson, type GraphDefJson, type TensorJson } from './graph_def_json_format.js';

export {
  GRAPH_DEF_JSON_FORMAT,
  GRAPH_DEF_JSON_VERSION,
  GraphDefJsonError,
  type AttrValueJson,
  type GraphDefFromJsonOptions,
  type GraphDefJson,
  type NodeDefJson,
  type TensorJson,
} from './graph_def_json_format.js';
export { graphDefFromJson, jsonNestingDepth, MAX_GRAPH_DEF_JSON_DEPTH, parseGraphDef } from './graph_def_json_read.js';

/** A byte string as base64 (JSON holds text, and a string tensor's elements are bytes). */
const toBase64 = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return btoa(s);
};

function tensorToJson(t: TensorData): TensorJson {
  // a string tensor's elements: each byte string in base64
  if (Array.isArray(t.data)) return { dtype: t.dtype, shape: [...t.shape], values: (t.data as Uint8Array[]).map(toBase64) };
  const values = Array.from(t.data as HostArray, (v): TensorJson['values'][number] => {
    if (t.dtype === 'bool') return v !== 0;
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
    return Object.is(v, -0) ? '-0' : v;
  });
  return { dtype: t.dtype, shape: [...t.shape], values };
}

function attrToJson(v: AttrValue): AttrValueJson {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return [...(v as readonly Dim[])];
  return tensorToJson(v as TensorData);
}

/** The JSON document of a GraphDef (plain objects and arrays, ready for `JSON.stringify`). */
export function graphDefToJson(def: GraphDef): GraphDefJson {
  return {
    format: GRAPH_DEF_JSON_FORMAT,
    version: GRAPH_DEF_JSON_VERSION,
    versions: { producer: def.versions.producer },
    node: def.node.map((n) => ({
      name: n.name,
      op: n.op,
      input: [...n.input],
      attr: Object.fromEntries(Object.entries(n.attr).map(([k, v]) => [k, attrToJson(v)])),
      outputs: n.outputs.map((o) => ({ dtype: o.dtype, shape: o.shape === null ? null : [...o.shape] })),
    })),
  };
}

/** A GraphDef as JSON text, two-space indented, with a final newline. */
export function serializeGraphDef(def: GraphDef): string {
  return JSON.stringify(graphDefToJson(def), null, 2) + '\n';
}
