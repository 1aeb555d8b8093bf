// Every op's inputs are checked against its REGISTER_OP signature (INPUT_ARGS) when the op is created and when
// a node is imported, with TF1's wording for each: op_def_library.py's TypeError for a builder, the
// GraphConstructor's / ValidateNodeDef's message (a ValueError from the importer) for a GraphDef.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { ALL_DTYPES, type DType } from '../../src/framework/dtypes.js';
import { graphDefToJson, type GraphDefJson, type NodeDefJson } from '../../src/graph/graph_def_json.js';
import type { AttrKind } from '../../src/framework/op_def.js';
import { OP_DEFS } from '../../src/framework/op_defs.js';
import type { InputArg } from '../../src/framework/op_def.js';
import type { OpType } from '../../src/framework/op_defs.js';

const OP_TYPES = Object.keys(OP_DEFS) as OpType[];

/** Expects `fn` to throw an error of class `cls` with exactly `message`. */
function expectError(fn: () => unknown, cls: new (...a: never[]) => Error, message: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, message).toBeInstanceOf(cls);
  expect((err as Error).message).toBe(message);
}

/** Placeholders of `dtypes` in `g`, named p0, p1, ... */
const placeholders = (g: tf.Graph, dtypes: readonly DType[]): tf.Tensor[] =>
  dtypes.map((d, i) => g.create_op('Placeholder', [], { dtype: d, shape: null }, `p${i}`).outputs[0]!);

/** Valid attrs for an op type, made from its NodeDef schema. */
function someAttrs(type: OpType, json = false): Record<string, unknown> {
  const value: Record<AttrKind, unknown> = {
    dtype: 'float32',
    index_dtype: 'int32',
    bool: false,
    int: 0,
    float: 0.001,
    shape: [],
    shape_or_null: null,
    // a uint8 vector (ImageSummary's bad_color), as create_op and as a GraphDef JSON document take it
    tensor: json ? { dtype: 'uint8', shape: [4], values: [255, 0, 0, 255] } : new tf.NDArray(Uint8Array.of(255, 0, 0, 255), [4], 'uint8'),
    string: '',
    int_list: [],
    type_list: [],
  };
  return Object.fromEntries(Object.entries(OP_DEFS[type].attrs as Record<string, AttrKind>).map(([k, kind]) => [k, value[kind]]));
}

/** One dtype per input of `type` (lists of length 1): each arg's fixed dtype or its attr's first allowed one, `bad` for `attr`. */
function inputDtypes(type: OpType, attr: string | null = null, bad: DType | null = null): DType[] {
  return OP_DEFS[type].inputs.map((a: InputArg) => {
    if (typeof a.type === 'string') return a.type;
    return a.type.attr === attr ? bad! : a.type.allowed[0]!;
  });
}

/** A GraphDef JSON document: placeholders of `dtypes` feeding one node `n` of `type`. */
function importDoc(type: OpType, dtypes: readonly DType[]): GraphDefJson {
  const g = new tf.Graph();
  placeholders(g, dtypes);
  const doc = graphDefToJson(g.as_graph_def());
  const node: NodeDefJson = { name: 'n', op: type, input: dtypes.map((_, i) => `p${i}`), attr: someAttrs(type, true) as NodeDefJson['attr'], outputs: [] };
  return { ...doc, node: [...doc.node, node] };
}

describe('the input signature of every op type, from TF1 REGISTER_OP (its definition)', () => {
  it('every op type has distinct input names and a non-empty dtype list for every type attr', () => {
    for (const type of OP_TYPES) {
      const names = OP_DEFS[type].inputs.map((a) => a.name);
      expect(new Set(names).size, type).toBe(names.length);
      for (const a of OP_DEFS[type].inputs) if (typeof a.type !== 'string') expect(a.type.allowed.length, `${type}.${a.name}`).toBeGreaterThan(0);
    }
  });

  it("create_op accepts each op with the dtypes its signature allows, and refuses a dtype outside a type attr's list naming the first input that carries it", () => {
    for (const type of OP_TYPES) {
      const g = new tf.Graph();
      // Dtypes the signature allows pass the type check (what a shape rule then says is another matter).
      try {
        g.create_op(type, placeholders(g, inputDtypes(type)), someAttrs(type) as never, 'ok');
      } catch (e) {
        expect(e, type).not.toBeInstanceOf(tf.errors.TypeError);
      }
      for (const arg of OP_DEFS[type].inputs) {
        if (
          typeof arg.type === 'string' ||
          OP_DEFS[type].inputs.find((a) => typeof a.type !== 'string' && a.type.attr === (arg.type as { attr: string }).attr) !== arg
        )
          continue;
        for (const bad of ALL_DTYPES.filter((d) => !(arg.type as { allowed: readonly DType[] }).allowed.includes(d))) {
          const h = new tf.Graph();
          const inputs = placeholders(h, inputDtypes(type, arg.type.attr, bad));
          expectError(
            () => h.create_op(type, inputs, someAttrs(type) as never, 'n'),
            tf.errors.TypeError,
            `Value passed to parameter '${arg.name}' has DataType ${bad} not in list of allowed values: ${arg.type.allowed.join(', ')}`,
          );
          expect(
            h.get_operations().map((o) => o.type),
            `${type} ${bad}`,
          ).not.toContain(type);
        }
      }
    }
  });

  it("import_graph_def refuses the same nodes with ValidateNodeDef's message, and leaves the graph as it was", () => {
    const proto: Record<DType, string> = {
      float32: 'float',
      float64: 'double',
      int32: 'int32',
      int64: 'int64',
      bool: 'bool',
      uint8: 'uint8',
      int8: 'int8',
      int16: 'int16',
      uint16: 'uint16',
      string: 'string',
      resource: 'resource',
    };
    let checked = 0;
    for (const type of OP_TYPES) {
      for (const arg of OP_DEFS[type].inputs) {
        if (
          typeof arg.type === 'string' ||
          OP_DEFS[type].inputs.find((a) => typeof a.type !== 'string' && a.type.attr === (arg.type as { attr: string }).attr) !== arg
        )
          continue;
        const bad = ALL_DTYPES.find((d) => !(arg.type as { allowed: readonly DType[] }).allowed.includes(d));
        if (bad === undefined) continue;
        const g = new tf.Graph();
        const dtypes = inputDtypes(type, arg.type.attr, bad);
        const summary = `n = ${type}[${arg.type.attr}=DT_${proto[bad].toUpperCase()}](${dtypes.map((_, i) => `p${i}:0`).join(', ')})`;
        expectError(
          () => g.as_default(() => tf.import_graph_def(importDoc(type, dtypes), { name: '' })),
          tf.errors.ValueError,
          `Value for attr '${arg.type.attr}' of ${proto[bad]} is not in the list of allowed values: ${arg.type.allowed.map((d) => proto[d]).join(', ')}\n\t; NodeDef: ${summary}; Op<name=${type}>`,
        );
        expect(g.get_operations()).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});

describe("DynamicStitch's indices are int32, as TF1 registers them", () => {
  it("a builder given float32 indices gets TF1's TypeError for a list input", () => {
    const g = new tf.Graph();
    const [i0, i1, d0, d1] = placeholders(g, ['float32', 'int32', 'float32', 'float32']);
    expectError(
      () => g.create_op('DynamicStitch', [i0!, i1!, d0!, d1!], {}, 'stitch'),
      tf.errors.TypeError,
      "Tensors in list passed to 'indices' of 'DynamicStitch' Op have types [float32, int32] that do not match expected type int32.",
    );
    const [j0, j1, e0, e1] = placeholders(g, ['int32', 'int32', 'float32', 'int32']);
    expectError(
      () => g.create_op('DynamicStitch', [j0!, j1!, e0!, e1!], {}, 'stitch'),
      tf.errors.TypeError,
      "Tensors in list passed to 'data' of 'DynamicStitch' Op have types [float32, int32] that don't all match.",
    );
    expect(g.get_operations().map((o) => o.type)).not.toContain('DynamicStitch');
  });

  it('single inputs: a fixed or shared dtype, worded as op_def_library.py', () => {
    const g = new tf.Graph();
    const [f, i] = placeholders(g, ['float32', 'int32']);
    expectError(
      () => g.create_op('Fill', [f!, f!], {}, 'fill'),
      tf.errors.TypeError,
      "Value passed to parameter 'dims' has DataType float32 not in list of allowed values: int32, int64",
    );
    expectError(
      () => g.create_op('AddN', [f!, i!], {}, 'addn'),
      tf.errors.TypeError,
      "Tensors in list passed to 'inputs' of 'AddN' Op have types [float32, int32] that don't all match.",
    );
    expectError(
      () => g.create_op('SoftmaxCrossEntropyWithLogits', [f!, i!], {}, 'xent'),
      tf.errors.TypeError,
      "Input 'labels' of 'SoftmaxCrossEntropyWithLogits' Op has type int32 that does not match type float32 of argument 'features'.",
    );
    expectError(() => g.create_op('Add', [f!], {}, 'add'), tf.errors.ValueError, 'Op<name=Add> takes 2 inputs, got 1.');
  });

  it("a GraphDef whose DynamicStitch takes float32 indices no longer imports (TF1: 'Input 0 of node s was passed float ... expected int32')", async () => {
    const src = new tf.Graph();
    src.as_default(() => {
      const i = tf.constant([0, 1], { dtype: tf.int32, name: 'i' });
      const d = tf.constant([5, 6], { dtype: tf.float32, name: 'd' });
      src.create_op('DynamicStitch', [i, d], {}, 's');
    });
    const doc = graphDefToJson(src.as_graph_def());
    const good = new tf.Graph();
    const [s] = good.as_default(() => tf.import_graph_def(doc, { return_elements: ['s:0'] })) as [tf.Tensor];
    expect((await new tf.Session({ graph: good, backend: 'cpu' }).run(s)).tolist()).toEqual([5, 6]);

    const i = doc.node.find((n) => n.name === 'i')!;
    i.attr.dtype = 'float32';
    i.attr.value = { dtype: 'float32', shape: [2], values: [0, 1] };
    i.outputs[0]!.dtype = 'float32';
    const g = new tf.Graph();
    g.as_default(() => tf.constant(1, { name: 'before' }));
    expectError(
      () => g.as_default(() => tf.import_graph_def(doc)),
      tf.errors.ValueError,
      'Input 0 of node import/s was passed float from import/i:0 incompatible with expected int32.',
    );
    expect(g.get_operations().map((o) => o.name)).toEqual(['before']);
  });
});
