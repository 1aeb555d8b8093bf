// What each op type's NodeDef must hold, for import_graph_def: its number of inputs and the kind of each
// attribute. Kernels trust their node (house rule 3), so a node read from a file is checked against this
// table before it becomes an op; a missing entry for a new op type is a compile error.
import type { OpAttrs, OpType } from '../ops/types.js';
import { NDArray } from '../ndarray/ndarray.js';
import { allocHost, isDType } from './dtypes.js';
import type { AttrValue } from './graph_def.js';
import { ValueError } from './errors.js';

/** The kinds of attribute value a NodeDef carries. */
export type AttrKind = 'dtype' | 'index_dtype' | 'bool' | 'int' | 'shape' | 'shape_or_null' | 'tensor';

/** Inputs an op takes: a fixed count, one or more ('variadic'), or index/data pairs ('pairs'). */
export type Arity = number | 'variadic' | 'pairs';

/** One op type's NodeDef schema. */
export interface NodeSchema<K extends OpType> {
  inputs: Arity;
  attrs: { [A in keyof OpAttrs[K]]-?: AttrKind };
}

const none = (inputs: Arity): { inputs: Arity; attrs: Record<string, never> } => ({ inputs, attrs: {} });
const random = { inputs: 1, attrs: { dtype: 'dtype', seed: 'int', seed2: 'int' } } as const;
const reduce = { inputs: 2, attrs: { keep_dims: 'bool' } } as const;

/** The schema of every op type (exhaustive, like the other per-op tables). */
export const NODE_SCHEMAS: { [K in OpType]: NodeSchema<K> } = {
  Placeholder: { inputs: 0, attrs: { dtype: 'dtype', shape: 'shape_or_null' } },
  Const: { inputs: 0, attrs: { dtype: 'dtype', value: 'tensor' } },
  VariableV2: { inputs: 0, attrs: { dtype: 'dtype', shape: 'shape_or_null' } },
  Assign: { inputs: 2, attrs: { validate_shape: 'bool', use_locking: 'bool' } },
  AssignAdd: { inputs: 2, attrs: { use_locking: 'bool' } },
  AssignSub: { inputs: 2, attrs: { use_locking: 'bool' } },
  ApplyGradientDescent: { inputs: 3, attrs: { use_locking: 'bool' } },
  RandomStandardNormal: random,
  TruncatedNormal: random,
  RandomUniform: random,
  Identity: none(1), StopGradient: none(1), NoOp: none(0),
  Add: none(2), Sub: none(2), Mul: none(2), RealDiv: none(2), Maximum: none(2), Minimum: none(2),
  FloorDiv: none(2), FloorMod: none(2), Equal: none(2), Greater: none(2), GreaterEqual: none(2), Less: none(2), LessEqual: none(2),
  Neg: none(1), Log: none(1), Exp: none(1), Sqrt: none(1), Square: none(1), Reciprocal: none(1), Relu: none(1),
  ReluGrad: none(2), SqrtGrad: none(2), ReciprocalGrad: none(2),
  Sum: reduce, Mean: reduce, Max: reduce, Prod: reduce,
  ArgMax: { inputs: 2, attrs: { output_type: 'index_dtype' } },
  MatMul: { inputs: 2, attrs: { transpose_a: 'bool', transpose_b: 'bool' } },
  Softmax: none(1), LogSoftmax: none(1), SoftmaxCrossEntropyWithLogits: none(2), AddN: none('variadic'),
  Cast: { inputs: 1, attrs: { DstT: 'dtype' } },
  Reshape: none(2), ExpandDims: none(2),
  Shape: { inputs: 1, attrs: { out_type: 'index_dtype' } },
  Size: { inputs: 1, attrs: { out_type: 'index_dtype' } },
  Rank: none(1), Fill: none(2), ZerosLike: none(1), OnesLike: none(1), Tile: none(2), Range: none(3),
  DynamicStitch: none('pairs'), BroadcastGradientArgs: none(2),
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
  const n = schema.inputs;
  const arityOk = n === 'variadic' ? inputCount >= 1 : n === 'pairs' ? inputCount >= 2 && inputCount % 2 === 0 : inputCount === n;
  if (!arityOk) {
    const want = n === 'variadic' ? 'at least 1' : n === 'pairs' ? 'an even number (at least 2) of' : String(n);
    throw new ValueError(`NodeDef '${node}' (op ${op}) expects ${want} inputs, got ${inputCount}.`);
  }
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
