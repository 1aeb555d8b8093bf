// A NodeDef read from a file checked against its op type's definition (the kind of each attribute; the number
// and dtypes of its inputs are checked by check_inputs) before it becomes an op: kernels trust their node.
import { isOpaque, OP_DEFS, OP_TYPES, type OpAttrs, type OpType } from '../framework/op_defs.js';
import type { AttrKind } from '../framework/op_def.js';
import { NDArray } from '../framework/ndarray.js';
import { allocHost, isDType, type DType } from '../framework/dtypes.js';
import type { AttrValue, NodeDef } from './graph_def.js';
import type { OpaqueNode } from './opaque_import.js';
import { ValueError } from '../framework/errors.js';
import { arityText, inputCountOk } from './check_inputs.js';

/** The op types import_graph_def knows (an opaque node is no op type a file names). */
export const IMPORTABLE_OPS: ReadonlySet<string> = new Set(OP_TYPES.filter((t) => !isOpaque(t)));

// Only a node's own properties count: an inherited 'dtype' (from a '__proto__' key, say) is no attribute.
const ownValue = <T>(o: Readonly<Record<string, T>>, k: string): T | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);

function isShape(v: AttrValue): boolean {
  return Array.isArray(v) && v.every((d) => d === null || (Number.isSafeInteger(d) && (d as number) >= 0));
}

function checkKind(kind: AttrKind, v: AttrValue | undefined): unknown {
  switch (kind) {
    case 'dtype':
      return isDType(v) ? v : undefined;
    case 'index_dtype':
      return v === 'int32' || v === 'int64' ? v : undefined;
    case 'bool':
      return typeof v === 'boolean' ? v : undefined;
    case 'string':
      return typeof v === 'string' ? v : undefined;
    case 'int':
      return Number.isSafeInteger(v) ? v : undefined;
    case 'float':
      return typeof v === 'number' ? v : undefined;
    case 'shape':
      return isShape(v!) ? [...(v as [])] : undefined;
    case 'shape_or_null':
      return v === null ? null : isShape(v!) ? [...(v as [])] : undefined;
    case 'int_list':
      return Array.isArray(v) && v.every((d) => Number.isSafeInteger(d)) ? [...(v as number[])] : undefined;
    case 'type_list':
      return Array.isArray(v) && v.every((d) => isDType(d)) ? [...(v as DType[])] : undefined;
    case 'tensor': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
      const t = v as Record<string, unknown>;
      const [dtype, shape, data] = [ownValue(t, 'dtype'), ownValue(t, 'shape'), ownValue(t, 'data')];
      if (dtype === 'string' && Array.isArray(shape) && Array.isArray(data) && data.every((e) => e instanceof Uint8Array)) {
        try {
          return new NDArray([...(data as Uint8Array[])], shape as number[], 'string');
        } catch {
          return undefined;
        }
      }
      if (!isDType(dtype) || dtype === 'string' || !Array.isArray(shape) || !ArrayBuffer.isView(data)) return undefined;
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
  const schema = OP_DEFS[op];
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
      throw new ValueError(
        `NodeDef '${node}' (op ${op}): ${given === undefined ? 'missing attr' : `attr has the wrong kind of value (want ${kind}):`} '${name}'.`,
      );
    }
    out[name] = v;
  }
  if (op === 'Const' && (out.value as NDArray).dtype !== out.dtype) {
    throw new ValueError(`NodeDef '${node}' (op Const): attr 'dtype' is ${String(out.dtype)} but the value is ${(out.value as NDArray).dtype}.`);
  }
  return out as OpAttrs[K];
}

/** The attributes of an opaque node from its snapshot: its op type, kept attributes and recorded outputs, checked. */
export function opaqueAttrs(n: NodeDef, opaque: OpaqueNode): OpAttrs['_Opaque'] {
  const outputs = Object.hasOwn(n, 'outputs') ? n.outputs : undefined;
  const attr = isObject(opaque) && Object.hasOwn(opaque, 'attr') ? opaque.attr : undefined;
  const ok =
    Array.isArray(outputs) &&
    outputs.every((o) => isObject(o) && isDType(ownValue(o, 'dtype')) && (ownValue(o, 'shape') === null || isShape(ownValue(o, 'shape') as AttrValue))) &&
    isObject(attr) &&
    Object.values(attr).every((b) => b instanceof Uint8Array);
  if (!ok) throw new ValueError(`NodeDef '${n.name}' (op ${n.op}, which tf1-ts lacks) does not record its outputs' dtypes and shapes.`);
  return {
    op: n.op,
    attr: Object.freeze({ ...(attr as Record<string, Uint8Array>) }),
    outputs: outputs.map((o) => ({ dtype: o.dtype, shape: o.shape === null ? null : [...o.shape] })),
  };
}

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);
