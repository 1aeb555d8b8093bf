// The JSON document's shape (graph_def_json.ts describes the format): its marker and version, its types, and the
// error a reader raises for a document that breaks them.
import type { DType } from '../framework/dtypes.js';
import type { Dim } from '../framework/shape.js';
import { ValueError } from '../framework/errors.js';

/** The `format` marker every document carries. */
export const GRAPH_DEF_JSON_FORMAT = 'tf1-ts.GraphDef';
/** The document version this module writes, and the only one it reads. */
export const GRAPH_DEF_JSON_VERSION = 1;

/** A tensor attribute in JSON: dtype, shape and the flat row-major values. */
export interface TensorJson {
  dtype: DType;
  shape: number[];
  /** Numbers (the specials as strings), booleans, or a string tensor's byte strings in base64. */
  values: (number | boolean | string)[];
}

/** An attribute value in JSON. */
export type AttrValueJson = string | number | boolean | Dim[] | null | TensorJson;

/** One node in JSON: the NodeDef's fields, tensors as TensorJson. */
export interface NodeDefJson {
  name: string;
  op: string;
  input: string[];
  attr: Record<string, AttrValueJson>;
  outputs: { dtype: DType; shape: Dim[] | null }[];
}

/** A whole document. */
export interface GraphDefJson {
  format: typeof GRAPH_DEF_JSON_FORMAT;
  version: typeof GRAPH_DEF_JSON_VERSION;
  versions: { producer: number };
  node: NodeDefJson[];
}

/** Options for reading a document. */
export interface GraphDefFromJsonOptions {
  /** The op types allowed; a node of any other type is an error. Default: any name shaped like an op type. */
  ops?: ReadonlySet<string>;
}

/** The error for a document that is not a valid GraphDef: a ValueError whose message names the place. */
export class GraphDefJsonError extends ValueError {
  constructor(where: string, message: string) {
    super(`Invalid GraphDef JSON: ${where ? `${where}: ` : ''}${message}`);
    this.name = 'GraphDefJsonError';
  }
}
