import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { fromText, toText } from '../../src/framework/text_format.js';
import { ValueError } from '../../src/framework/errors.js';
import { SavedModelSchema } from '../../src/framework/proto/tensorflow/core/protobuf/saved_model_pb.js';
import { TensorProtoSchema } from '../../src/framework/proto/tensorflow/core/framework/tensor_pb.js';
import { AttrValueSchema } from '../../src/framework/proto/tensorflow/core/framework/attr_value_pb.js';
import { DataType } from '../../src/framework/proto/tensorflow/core/framework/types_pb.js';
import { HAS_PROTOC, NO_PROTOC, TF1_FILES, protocDecode, protocEncode } from '../helpers/protoc.js';

const DIR = join(TF1_FILES, 'half_plus_two');
const pb = new Uint8Array(readFileSync(join(DIR, 'half_plus_two/00000123/saved_model.pb')));
const pbtxt = readFileSync(join(DIR, 'half_plus_two_pbtxt/00000123/saved_model.pbtxt'), 'utf8');
// The two variants were exported separately: only the save op's temporary folder name differs.
const TEMP = /_temp_[0-9a-f]{32}/g;

describe('text format', () => {
  it("prints TF1's SavedModel exactly as TF1's Python wrote it (saved_model.pbtxt)", () => {
    const text = toText(SavedModelSchema, fromBinary(SavedModelSchema, pb));
    expect(text.replace(TEMP, '_temp_X')).toBe(pbtxt.replace(TEMP, '_temp_X'));
  });

  it('parses the pbtxt into the message protoc parses it into', ({ skip }) => {
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    const ours = toBinary(SavedModelSchema, fromText(SavedModelSchema, pbtxt));
    expect(protocDecode('tensorflow.SavedModel', ours)).toBe(protocDecode('tensorflow.SavedModel', protocEncode('tensorflow.SavedModel', pbtxt)));
  });

  it("reads protoc's (C++) text and prints what protoc reads back to the same bytes", ({ skip }) => {
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    const cpp = protocDecode('tensorflow.SavedModel', pb);
    const msg = fromText(SavedModelSchema, cpp);
    // (protoc prints map entries sorted by key, so the bytes differ from TF's in the maps' order only)
    expect(protocDecode('tensorflow.SavedModel', toBinary(SavedModelSchema, msg))).toBe(cpp);
    expect(protocEncode('tensorflow.SavedModel', toText(SavedModelSchema, msg))).toEqual(toBinary(SavedModelSchema, msg));
  });

  it('round-trips escapes, special floats, 64-bit and negative integers, enums and empty messages, as protoc reads them', ({ skip }) => {
    const t = create(TensorProtoSchema, {
      dtype: DataType.DT_STRING,
      tensorShape: { dim: [{ size: -1n, name: 'batch' }, { size: 9007199254740993n }] },
      stringVal: [new Uint8Array([0, 1, 9, 10, 13, 34, 39, 92, 127, 200, 255]), new TextEncoder().encode('héllo "x"')],
      floatVal: [Math.fround(0.1), -0, Infinity, -Infinity, NaN, 1e-5, 123456789, 1.5e-45],
      doubleVal: [0.1, 1e16, 1e-4, -2.5],
      int64Val: [-9223372036854775808n, 9223372036854775807n],
      intVal: [-1, 2147483647],
      uint64Val: [18446744073709551615n],
    });
    const text = toText(TensorProtoSchema, t);
    expect(text).toContain('string_val: "\\000\\001\\t\\n\\r\\"\\\'\\\\\\177\\310\\377"\n');
    expect(text).toContain('string_val: "h\\303\\251llo \\"x\\""\n');
    expect(text).toContain('float_val: 0.10000000149011612\nfloat_val: -0.0\nfloat_val: inf\nfloat_val: -inf\nfloat_val: nan\n');
    expect(text).toContain('double_val: 1e+16\ndouble_val: 0.0001\n');
    expect(text).toContain('int64_val: -9223372036854775808\n');
    expect(text).toContain('dtype: DT_STRING\n');
    const back = fromText(TensorProtoSchema, text);
    expect(toBinary(TensorProtoSchema, back)).toEqual(toBinary(TensorProtoSchema, t));
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    expect(protocEncode('tensorflow.TensorProto', text)).toEqual(toBinary(TensorProtoSchema, t));
    expect(toBinary(TensorProtoSchema, fromText(TensorProtoSchema, protocDecode('tensorflow.TensorProto', toBinary(TensorProtoSchema, t))))).toEqual(
      toBinary(TensorProtoSchema, t),
    );
  });

  it('prints a oneof member even at its default, and an empty message as braces', () => {
    expect(toText(AttrValueSchema, create(AttrValueSchema, { value: { case: 'b', value: false } }))).toBe('b: false\n');
    expect(toText(AttrValueSchema, create(AttrValueSchema, { value: { case: 'list', value: {} } }))).toBe('list {\n}\n');
  });

  it("accepts the text format's other spellings: '<>', lists in brackets, separators, comments", () => {
    const a = fromText(AttrValueSchema, 'list < i: [1, -2, 0x10] ; type: DT_FLOAT, type: 3 > # a comment\n');
    expect(a.value).toEqual({ case: 'list', value: expect.objectContaining({ i: [1n, -2n, 16n], type: [DataType.DT_FLOAT, DataType.DT_INT32] }) });
  });

  it('raises ValueError naming the place of bad input', () => {
    expect(() => fromText(AttrValueSchema, 'nope: 1')).toThrow(ValueError);
    expect(() => fromText(AttrValueSchema, 'nope: 1')).toThrow("no field nope in tensorflow.AttrValue at 'nope' (offset 0)");
    expect(() => fromText(AttrValueSchema, 'type: DT_NOPE')).toThrow('unknown enum value');
    expect(() => fromText(AttrValueSchema, 'list { i: 1')).toThrow('at the end');
    expect(() => fromText(AttrValueSchema, 's: "\\q"')).toThrow('invalid escape');
    // Nesting is limited as protobuf limits it, so 200,000 levels are a ValueError, not a stack overflow.
    const deep = `${'list { func { attr { key: "a" value { '.repeat(50_000)}`;
    expect(() => fromText(AttrValueSchema, deep)).toThrow(/messages nest more than 100 deep at '\{'/);
  });
});
