// What each op type's NodeDef must hold, for import_graph_def: the kind of each attribute (the number and
// dtypes of its inputs are INPUT_ARGS' business). Kernels trust their node (house rule 3), so a node read
// from a file is checked against this table before it becomes an op; a missing entry is a compile error.
import type { OpAttrs, OpType } from '../ops/types.js';
import { NDArray } from '../framework/ndarray.js';
import { allocHost, isDType } from '../framework/dtypes.js';
import type { AttrValue } from './graph_def.js';
import { ValueError } from '../framework/errors.js';
import { arityText, inputCountOk } from '../ops/check_inputs.js';

/** The kinds of attribute value a NodeDef carries. */
export type AttrKind = 'dtype' | 'index_dtype' | 'bool' | 'int' | 'shape' | 'shape_or_null' | 'tensor';

/** One op type's NodeDef schema: the kind of each attribute. */
export interface NodeSchema<K extends OpType> {
  attrs: { [A in keyof OpAttrs[K]]-?: AttrKind };
}

const none = { attrs: {} } as const;
const random = { attrs: { dtype: 'dtype', seed: 'int', seed2: 'int' } } as const;
const reduce = { attrs: { keep_dims: 'bool' } } as const;

/** The schema of every op type (exhaustive, like the other per-op tables). */
export const NODE_SCHEMAS: { [K in OpType]: NodeSchema<K> } = {
  Placeholder: { attrs: { dtype: 'dtype', shape: 'shape_or_null' } },
  Const: { attrs: { dtype: 'dtype', value: 'tensor' } },
  VariableV2: { attrs: { dtype: 'dtype', shape: 'shape_or_null' } },
  Assign: { attrs: { validate_shape: 'bool', use_locking: 'bool' } },
  AssignAdd: { attrs: { use_locking: 'bool' } },
  AssignSub: { attrs: { use_locking: 'bool' } },
  ApplyGradientDescent: { attrs: { use_locking: 'bool' } },
  RandomStandardNormal: random,
  TruncatedNormal: random,
  RandomUniform: random,
  RandomUniformInt: { attrs: { Tout: 'index_dtype', seed: 'int', seed2: 'int' } },
  Identity: none, StopGradient: none, NoOp: none,
  Add: none, Sub: none, Mul: none, RealDiv: none, Maximum: none, Minimum: none,
  FloorDiv: none, FloorMod: none, Equal: none, Greater: none, GreaterEqual: none, Less: none, LessEqual: none,
  Neg: none, Log: none, Exp: none, Sqrt: none, Square: none, Reciprocal: none, Relu: none,
  ReluGrad: none, SqrtGrad: none, ReciprocalGrad: none,
  Sum: reduce, Mean: reduce, Max: reduce, Prod: reduce,
  ArgMax: { attrs: { output_type: 'index_dtype' } },
  MatMul: { attrs: { transpose_a: 'bool', transpose_b: 'bool' } },
  Softmax: none, LogSoftmax: none, SoftmaxCrossEntropyWithLogits: none, AddN: none,
  Cast: { attrs: { DstT: 'dtype' } },
  Reshape: none, ExpandDims: none,
  Shape: { attrs: { out_type: 'index_dtype' } },
  Size: { attrs: { out_type: 'index_dtype' } },
  Rank: none, Fill: none, ZerosLike: none, OnesLike: none, Tile: none, Range: none,
  DynamicStitch: none, BroadcastGradientArgs: none, Transpose: none,
};

/** The op types import_graph_def knows. */
export const IMPORTABLE_OPS: ReadonlySet<string> = new Set(Object.keys(NODE_SCHEMAS));

// Only a node's own properties count: an inherited 'dtype' (from a '__proto__' key, say) is no attribute.
const ownValue = <T>(o: Readonly<Record<string, T>>, k: string): T | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);

function isShape(v: AttrValue): boolean {
  return Array.isArray(v) && v.every((d) => d === null || (Number.isSafeInteger(d) && (d as number) >= 0));
}

function checkKind(kind: AttrKind, v: AttrValue | undefined): unknown {
  switch (kind) {
    case 'dtype': return isDType(v) ? v : undefined;
    case 'index_dtype': return v === 'int32' || v === 'int64' ? v : undefined;
    case 'bool': return typeof v === 'boolean' ? v : undefined;
    case 'int': return Number.isSafeInteger(v) ? v : undefined;
    case 'shape': return isShape(v!) ? [...(v as [])] : undefined;
    case 'shape_or_null': return v === null ? null : isShape(v!) ? [...(v as [])] : undefined;
    case 'tensor': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
      const t = v as Record<string, unknown>;
      const [dtype, shape, data] = [ownValue(t, 'dtype'), ownValue(t, 'shape'), ownValue(t, 'data')];
      if (!isDType(dtype) || !Array.isArray(shape) || !ArrayBuffer.isView(data)) return undefined;
      if (Object.getPrototypeOf(data) !== Object.getPrototypeOf(allocHost(dtype, 0))) return undefined;
      try {
        return new NDArray(data as NDArray['data'], shape as number[], dtype);
      } catch {
        return undefined;
      }
    }
  }
}

/** The typed attributes of a node of type `op`, checked against its schema; ValueError naming the node otherwise. */
export function typedAttrs<K extends OpType>(op: K, node: string, attr: Readonly<Record<string, AttrValue>>, inputCount: number): OpAttrs[K] {
  const schema = NODE_SCHEMAS[op] as NodeSchema<OpType>;
  if (!inputCountOk(op, inputCount)) throw new ValueError(`NodeDef '${node}' (op ${op}) expects ${arityText(op)} inputs, got ${inputCount}.`);
  const kinds = schema.attrs as Record<string, AttrKind>;
  // TF1's ValidateNodeDef order: an attr the op does not have first, then a missing one. Keys such as
  // '__proto__', 'constructor' or 'toString' are names like any other.
  for (const name of Object.keys(attr)) {
    if (!Object.hasOwn(kinds, name)) throw new ValueError(`NodeDef '${node}' mentions attr '${name}' not in Op<name=${op}>.`);
  }
  const out: Record<string, unknown> = {}; // keys from the schema only
  for (const [name, kind] of Object.entries(kinds)) {
    const given = ownValue(attr, name);
    const v = checkKind(kind, given);
    if (v === undefined) {
      throw new ValueError(`NodeDef '${node}' (op ${op}): ${given === undefined ? 'missing attr' : `attr has the wrong kind of value (want ${kind}):`} '${name}'.`);
    }
    out[name] = v;
  }
  if (op === 'Const' && (out.value as NDArray).dtype !== out.dtype) {
    throw new ValueError(`NodeDef '${node}' (op Const): attr 'dtype' is ${String(out.dtype)} but the value is ${(out.value as NDArray).dtype}.`);
  }
  return out as OpAttrs[K];
}
