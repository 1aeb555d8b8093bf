// Reading a GraphDef's JSON document (graph_def_json.ts describes the format): every field validated, the
// offending place named in a GraphDefJsonError.
import { freeze } from 'immer';
import { allocHost, isDType, isInteger, isSmallInt, smallIntRange } from '../framework/dtypes.js';
import type { Dim } from '../framework/shape.js';
import type { AttrValue, GraphDef, NodeDef, TensorData } from './graph_def.js';
import { isValidOpName } from './names.js';
import { GRAPH_DEF_JSON_FORMAT, GRAPH_DEF_JSON_VERSION, GraphDefJsonError, type GraphDefFromJsonOptions } from './graph_def_json_format.js';

const OP_TYPE = /^[A-Za-z][A-Za-z0-9_]*$/;
const INPUT = /^(\^)?([^:^]+?)(?::(\d+))?$/;

// Values JSON cannot write as numbers (JSON.stringify turns -0 into 0 and NaN into null).
const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/**
 * The deepest nesting of arrays and objects a document may have. A valid one needs 6 levels (document,
 * node list, node, attr, tensor, values); the limit keeps a hostile file from exhausting the stack of
 * whatever walks it, and says so in the library's own error.
 */
export const MAX_GRAPH_DEF_JSON_DEPTH = 64;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
const short = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}...` : s);

// Never JSON.stringify a value from the file: it may be nested deeper than the call stack, or huge.
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(short(v))}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${short(String(v))}`;
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new GraphDefJsonError(where, `unknown field '${short(k)}' (expected ${allowed.map((a) => `'${a}'`).join(', ')})`);
  }
  for (const k of allowed) if (!Object.hasOwn(obj, k)) throw new GraphDefJsonError(where, `missing field '${k}'`);
}

function readShape(v: unknown, where: string): Dim[] | null {
  if (v === null) return null;
  if (!Array.isArray(v)) throw new GraphDefJsonError(where, `a shape must be a list of sizes (null for unknown) or null, got ${describe(v)}`);
  return v.map((d, i) => {
    if (d === null || (Number.isInteger(d) && (d as number) >= 0)) return d as Dim;
    throw new GraphDefJsonError(`${where}[${i}]`, `a dimension must be a non-negative integer or null, got ${describe(d)}`);
  });
}

function readTensor(v: Record<string, unknown>, where: string): TensorData {
  checkKeys(v, ['dtype', 'shape', 'values'], where);
  if (!isDType(v.dtype)) throw new GraphDefJsonError(`${where}.dtype`, `unknown dtype ${describe(v.dtype)}`);
  const dtype = v.dtype;
  const shape = readShape(v.shape, `${where}.shape`);
  if (shape === null || shape.some((d) => d === null)) throw new GraphDefJsonError(`${where}.shape`, 'a tensor needs a fully defined shape');
  const dims = shape as number[];
  const n = dims.reduce((a, b) => a * b, 1);
  if (!Array.isArray(v.values)) throw new GraphDefJsonError(`${where}.values`, `expected a list of values, got ${describe(v.values)}`);
  if (v.values.length !== n) {
    throw new GraphDefJsonError(`${where}.values`, `shape [${dims.join(',')}] needs ${n} values, got ${v.values.length}`);
  }
  if (dtype === 'string') {
    const strings = v.values.map((x, i) => {
      const at = `${where}.values[${i}]`;
      if (typeof x !== 'string') throw new GraphDefJsonError(at, `a string tensor holds base64 byte strings, got ${describe(x)}`);
      let bin: string;
      try {
        bin = atob(x);
      } catch {
        throw new GraphDefJsonError(at, `not base64: ${describe(x)}`);
      }
      return Uint8Array.from(bin, (c) => c.charCodeAt(0));
    });
    return { dtype, shape: dims, data: strings };
  }
  const data = allocHost(dtype, n);
  v.values.forEach((x, i) => {
    const at = `${where}.values[${i}]`;
    if (dtype === 'bool') {
      if (typeof x !== 'boolean') throw new GraphDefJsonError(at, `a bool tensor holds true or false, got ${describe(x)}`);
      data[i] = x ? 1 : 0;
      return;
    }
    const num = typeof x === 'string' && Object.hasOwn(SPECIAL, x) ? SPECIAL[x] : x;
    if (typeof num !== 'number') throw new GraphDefJsonError(at, `expected a number, got ${describe(x)}`);
    if (isInteger(dtype) && !Number.isInteger(num)) {
      throw new GraphDefJsonError(at, `a ${dtype} tensor holds integers, got ${describe(x)}`);
    }
    if (dtype === 'int32' && (num < -(2 ** 31) || num >= 2 ** 31)) throw new GraphDefJsonError(at, `${num} is out of range for int32`);
    if (isSmallInt(dtype) && (num < smallIntRange(dtype)[0] || num > smallIntRange(dtype)[1]))
      throw new GraphDefJsonError(at, `${num} is out of range for ${dtype}`);
    data[i] = num;
  });
  return { dtype, shape: dims, data };
}

function readAttr(v: unknown, where: string): AttrValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new GraphDefJsonError(where, `expected a finite number, got ${describe(v)}`);
    return v;
  }
  if (Array.isArray(v)) return readShape(v, where);
  if (isRecord(v)) return readTensor(v, where);
  throw new GraphDefJsonError(where, `unsupported attribute value ${describe(v)}`);
}

function readNode(v: unknown, i: number, opts: GraphDefFromJsonOptions): NodeDef {
  let where = `node[${i}]`;
  if (!isRecord(v)) throw new GraphDefJsonError(where, `a node must be an object, got ${describe(v)}`);
  checkKeys(v, ['name', 'op', 'input', 'attr', 'outputs'], where);
  if (!isValidOpName(v.name)) throw new GraphDefJsonError(`${where}.name`, `not a valid op name: ${describe(v.name)}`);
  const name = v.name;
  where = `node[${i}] ('${name}')`;
  if (typeof v.op !== 'string' || !OP_TYPE.test(v.op)) throw new GraphDefJsonError(`${where}.op`, `not a valid op type: ${describe(v.op)}`);
  if (opts.ops && !opts.ops.has(v.op)) throw new GraphDefJsonError(`${where}.op`, `unknown op type '${v.op}'`);
  if (!Array.isArray(v.input)) throw new GraphDefJsonError(`${where}.input`, `expected a list of input names, got ${describe(v.input)}`);
  let sawControl = false;
  const input = v.input.map((s, j) => {
    if (typeof s !== 'string' || !INPUT.test(s)) throw new GraphDefJsonError(`${where}.input[${j}]`, `not an input name ('x', 'x:1' or '^x'): ${describe(s)}`);
    if (s.startsWith('^')) {
      if (s.includes(':')) throw new GraphDefJsonError(`${where}.input[${j}]`, `a control input names an op, not a tensor: ${describe(s)}`);
      sawControl = true;
    } else if (sawControl) throw new GraphDefJsonError(`${where}.input[${j}]`, `data input '${s}' after a control input; control inputs ('^x') come last`);
    return s;
  });
  if (!isRecord(v.attr)) throw new GraphDefJsonError(`${where}.attr`, `expected an object, got ${describe(v.attr)}`);
  // No prototype: a key such as '__proto__' or 'constructor' stays an ordinary (unknown) attribute name.
  const attr = Object.create(null) as Record<string, AttrValue>;
  for (const [k, a] of Object.entries(v.attr)) attr[k] = readAttr(a, `${where}.attr.${short(k)}`);
  if (!Array.isArray(v.outputs)) throw new GraphDefJsonError(`${where}.outputs`, `expected a list, got ${describe(v.outputs)}`);
  const outputs = v.outputs.map((o, j) => {
    const at = `${where}.outputs[${j}]`;
    if (!isRecord(o)) throw new GraphDefJsonError(at, `expected { dtype, shape }, got ${describe(o)}`);
    checkKeys(o, ['dtype', 'shape'], at);
    if (!isDType(o.dtype)) throw new GraphDefJsonError(`${at}.dtype`, `unknown dtype ${describe(o.dtype)}`);
    return { dtype: o.dtype, shape: readShape(o.shape, `${at}.shape`) };
  });
  return { name, op: v.op, input, attr, outputs };
}

/** Checks that every input names an existing node and one of its outputs. */
function checkInputs(nodes: readonly NodeDef[]): void {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  nodes.forEach((n, i) => {
    n.input.forEach((s, j) => {
      const m = INPUT.exec(s)!;
      const src = byName.get(m[2]!);
      const where = `node[${i}] ('${n.name}').input[${j}]`;
      if (!src) throw new GraphDefJsonError(where, `'${s}' refers to a node that is not in the graph`);
      const idx = m[3] === undefined ? 0 : Number(m[3]);
      if (!m[1] && idx >= src.outputs.length) {
        throw new GraphDefJsonError(
          where,
          `'${s}' asks for output ${idx}, but '${src.name}' has ${src.outputs.length} output${src.outputs.length === 1 ? '' : 's'}`,
        );
      }
    });
  });
}

/** A GraphDef from a parsed JSON document, validated throughout; a GraphDefJsonError names the first problem. */
export function graphDefFromJson(doc: unknown, options: GraphDefFromJsonOptions = {}): GraphDef {
  if (!isRecord(doc)) throw new GraphDefJsonError('', `expected an object at the top level, got ${describe(doc)}`);
  if (own(doc, 'format') !== GRAPH_DEF_JSON_FORMAT) {
    throw new GraphDefJsonError(
      'format',
      `expected ${JSON.stringify(GRAPH_DEF_JSON_FORMAT)}, got ${describe(own(doc, 'format'))} (is this a file written by tf1-ts?)`,
    );
  }
  if (own(doc, 'version') !== GRAPH_DEF_JSON_VERSION) {
    throw new GraphDefJsonError('version', `this tf1-ts reads version ${GRAPH_DEF_JSON_VERSION}, the file has ${describe(own(doc, 'version'))}`);
  }
  checkKeys(doc, ['format', 'version', 'versions', 'node'], '');
  if (!isRecord(doc.versions) || !Number.isInteger(own(doc.versions, 'producer'))) {
    throw new GraphDefJsonError(
      'versions',
      `expected { producer: <integer> }, got ${isRecord(doc.versions) ? `producer ${describe(own(doc.versions, 'producer'))}` : describe(doc.versions)}`,
    );
  }
  if (!Array.isArray(doc.node)) throw new GraphDefJsonError('node', `expected a list of nodes, got ${describe(doc.node)}`);
  const nodes = doc.node.map((n, i) => readNode(n, i, options));
  const seen = new Map<string, number>();
  nodes.forEach((n, i) => {
    const first = seen.get(n.name);
    if (first !== undefined) throw new GraphDefJsonError(`node[${i}].name`, `duplicate node name '${n.name}' (first at node[${first}])`);
    seen.set(n.name, i);
  });
  checkInputs(nodes);
  return freeze({ node: nodes, versions: { producer: doc.versions.producer as number } }, true);
}

/**
 * The deepest nesting of arrays and objects in JSON text, found in one pass without recursion, so a reader
 * can refuse a hostile document before JSON.parse builds it (which costs memory, and recursion elsewhere).
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** A GraphDef from JSON text; `source` (a file name) goes into the message when the text is not JSON. */
export function parseGraphDef(text: string, options: GraphDefFromJsonOptions & { source?: string } = {}): GraphDef {
  if (typeof text !== 'string') throw new GraphDefJsonError('', `expected JSON text, got ${describe(text)}`);
  const depth = jsonNestingDepth(text);
  if (depth > MAX_GRAPH_DEF_JSON_DEPTH) {
    throw new GraphDefJsonError(
      '',
      `${options.source ?? 'the text'} nests arrays and objects ${depth} levels deep; a GraphDef needs 6 and at most ${MAX_GRAPH_DEF_JSON_DEPTH} are read`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new GraphDefJsonError('', `${options.source ?? 'the text'} is not JSON (${(e as Error).message})`);
  }
  return graphDefFromJson(doc, options);
}
