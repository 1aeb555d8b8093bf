import type { NDArray } from '../framework/ndarray.js';
import { dtypeProtoName, type DType } from '../framework/dtypes.js';
import type { Operation } from './operation.js';
import type { Dim } from '../framework/shape.js';
import { tf1Attrs, type Tf1Attr } from './node_def_attrs.js';
import { fromBinary } from '@bufbuild/protobuf';
import { isOpaque, type OpAttrs } from '../framework/op_defs.js';
import { toText } from '../framework/text_format.js';
import { AttrValueSchema } from '../framework/proto/tensorflow/core/framework/attr_value_pb.js';

/** The input strings of a NodeDef: `x` for output 0, `x:1` for others, `^x` for control inputs. */
export function nodeInputs(op: Operation): string[] {
  const data = op.inputs.map((t) => (t.value_index === 0 ? t.op.name : `${t.op.name}:${t.value_index}`));
  return [...data, ...op.control_inputs.map((c) => `^${c.name}`)];
}

/** Python's `repr` of a float: the shortest digits that round-trip, in fixed notation for exponents -4..15. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const e = Number(exp);
  const decpt = e + 1;
  let s: string;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) s = `0.${'0'.repeat(-decpt)}${digits}`;
    else if (decpt >= digits.length) s = `${digits}${'0'.repeat(decpt - digits.length)}.0`;
    else s = `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  } else {
    s = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return x < 0 ? `-${s}` : s;
}

/** Protobuf's CEscape of bytes in text format: printable ASCII as is, `\n \r \t \" \' \\`, the rest in octal. */
export function cEscape(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 10) out += '\\n';
    else if (b === 13) out += '\\r';
    else if (b === 9) out += '\\t';
    else if (b === 34) out += '\\"';
    else if (b === 39) out += "\\'";
    else if (b === 92) out += '\\\\';
    else if (b >= 32 && b < 127) out += String.fromCharCode(b);
    else out += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** The little-endian bytes TF1's `tensor_content` holds. */
function contentBytes(v: NDArray): Uint8Array {
  if (v.dtype === 'int64') {
    const out = new BigInt64Array(v.size);
    for (let i = 0; i < v.size; i++) out[i] = BigInt(v.data[i]!);
    return new Uint8Array(out.buffer);
  }
  return new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength);
}

// TensorProto keeps the narrow integers in int_val, as it does int32.
const VAL_FIELD: Record<DType, string> = {
  float32: 'float_val',
  float64: 'double_val',
  int32: 'int_val',
  int64: 'int64_val',
  bool: 'bool_val',
  uint8: 'int_val',
  int8: 'int_val',
  int16: 'int_val',
  uint16: 'int_val',
  string: 'string_val',
  resource: 'resource_handle_val',
};

function scalarText(x: number, dtype: DType): string {
  switch (dtype) {
    case 'float32':
    case 'float64':
      return pyFloatRepr(x);
    case 'bool':
      return x ? 'true' : 'false';
    case 'int64':
      return BigInt(x).toString();
    default:
      return String(x);
  }
}

/**
 * A TensorProto as TF1's make_tensor_proto builds it: several elements as `tensor_content` bytes (bools as
 * one `bool_val` each), one element, or one value filling the shape, as a single `*_val`. tf1-ts keeps a
 * constant's elements, not how they were given, so equal elements print as the filled form `tf.zeros([3])` has.
 */
function tensorLines(v: NDArray): string[] {
  const lines = [
    `dtype: DT_${dtypeProtoName(v.dtype).toUpperCase()}`,
    ...block(
      'tensor_shape',
      v.shape.flatMap((d) => block('dim', [`size: ${d}`])),
    ),
  ];
  const field = VAL_FIELD[v.dtype];
  if (v.size === 0) return lines;
  // make_tensor_proto writes every element of a string tensor, each in its own string_val
  if (v.dtype === 'string') return [...lines, ...v.strings.map((b) => `${field}: "${cEscape(b)}"`)];
  const first = v.data[0]!;
  const allEqual = v.data.every((x) => Object.is(x, first));
  if (v.size === 1 || allEqual) return [...lines, `${field}: ${scalarText(first, v.dtype)}`];
  if (v.dtype === 'bool') return [...lines, ...Array.from(v.data, (x) => `${field}: ${scalarText(x, v.dtype)}`)];
  return [...lines, `tensor_content: "${cEscape(contentBytes(v))}"`];
}

/** A message field in text format: `name {`, its lines two spaces in, `}`. */
function block(name: string, body: readonly string[]): string[] {
  return [`${name} {`, ...body.map((l) => `  ${l}`), '}'];
}

function shapeLines(dims: readonly Dim[] | null): string[] {
  if (dims === null) return ['unknown_rank: true'];
  return dims.flatMap((d) => block('dim', [`size: ${d ?? -1}`]));
}

/** The AttrValue of one attribute, as text-format lines. */
function attrValueLines({ value, kind }: Tf1Attr): string[] {
  switch (kind) {
    case 'dtype':
    case 'index_dtype':
      return [`type: DT_${dtypeProtoName(value as DType).toUpperCase()}`];
    case 'bool':
      return [`b: ${value ? 'true' : 'false'}`];
    case 'int':
      return [`i: ${value as number}`];
    case 'float':
      return [`f: ${scalarText(value as number, 'float32')}`];
    case 'shape':
    case 'shape_or_null':
      return block('shape', shapeLines(value as readonly Dim[] | null));
    case 'tensor':
      return block('tensor', tensorLines(value as NDArray));
    case 'string':
      return [`s: "${cEscape(new TextEncoder().encode(String(value)))}"`];
    case 'int_list':
      return block(
        'list',
        (value as readonly number[]).map((i) => `i: ${i}`),
      );
    case 'type_list':
      return block(
        'list',
        (value as readonly DType[]).map((d) => `type: DT_${dtypeProtoName(d).toUpperCase()}`),
      );
  }
}

/** TF1's text format of an op's NodeDef: name, op, inputs, then every attribute TF1's node has, sorted by name. */
export function nodeDefText(op: Operation): string {
  if (isOpaque(op.type)) return opaqueText(op);
  const lines = [`name: "${op.name}"`, `op: "${op.type}"`];
  for (const i of nodeInputs(op)) lines.push(`input: "${i}"`);
  for (const [key, attr] of tf1Attrs(op)) lines.push(...block('attr', [`key: "${key}"`, ...block('value', attrValueLines(attr))]));
  return lines.join('\n') + '\n';
}

/** An opaque node's NodeDef in text format: its op type and every attribute as the file held it. */
function opaqueText(op: Operation): string {
  const a = op.attrs as OpAttrs['_Opaque'];
  const lines = [`name: "${op.name}"`, `op: "${a.op}"`];
  for (const i of nodeInputs(op)) lines.push(`input: "${i}"`);
  for (const key of Object.keys(a.attr).sort()) {
    const value = toText(AttrValueSchema, fromBinary(AttrValueSchema, a.attr[key]!)).trimEnd().split('\n');
    lines.push(...block('attr', [`key: "${key}"`, ...block('value', value)]));
  }
  return lines.join('\n') + '\n';
}
