import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { fromText, toText } from '../../src/framework/text_format.js';
import { SavedModelSchema } from '../../src/framework/proto/tensorflow/core/protobuf/saved_model_pb.js';
import { GraphDefSchema } from '../../src/framework/proto/tensorflow/core/framework/graph_pb.js';
import { TF1_FILES } from '../helpers/protoc.js';

// TF's own half_plus_two SavedModel (TF r1.12's testdata, ../shared/tf1-files): its graph read from the binary and
// from the text variant.
const DIR = join(TF1_FILES, 'half_plus_two');
const binary = fromBinary(SavedModelSchema, new Uint8Array(readFileSync(join(DIR, 'half_plus_two/00000123/saved_model.pb'))));
const text = fromText(SavedModelSchema, readFileSync(join(DIR, 'half_plus_two_pbtxt/00000123/saved_model.pbtxt'), 'utf8'));
const TEMP = /_temp_[0-9a-f]{32}/g;

describe("TF1's half_plus_two graph", () => {
  const fromPb = binary.metaGraphs[0]!.graphDef!;
  const fromPbtxt = text.metaGraphs[0]!.graphDef!;

  it('has the same nodes, ops, inputs and attrs in the .pb and the .pbtxt', () => {
    expect(fromPb.node.map((n) => [n.name, n.op, n.input])).toEqual(fromPbtxt.node.map((n) => [n.name, n.op, n.input]));
    expect(toText(GraphDefSchema, fromPb).replace(TEMP, '_temp_X')).toBe(toText(GraphDefSchema, fromPbtxt).replace(TEMP, '_temp_X'));
    expect(fromPb.versions?.producer).toBe(23);
  });

  it("reads TF1's attrs: dtypes, inputs, _output_shapes and its constants' values", () => {
    const node = (name: string) => fromPb.node.find((n) => n.name === name)!;
    expect(node('a').op).toBe('VariableV2');
    expect(node('a').attr.dtype?.value).toEqual({ case: 'type', value: 1 });
    expect(node('y').op).toBe('Add');
    expect(node('y').input).toEqual(['Mul', 'b/read']);
    const shapes = node('y').attr._output_shapes?.value;
    expect(shapes?.case === 'list' && shapes.value.shape.map((s) => s.dim.map((d) => d.size))).toEqual([[-1n, 1n]]);
    const bInit = node('b/initial_value').attr.value?.value;
    expect(bInit?.case === 'tensor' && [bInit.value.floatVal, bInit.value.tensorShape?.dim]).toEqual([[2], []]);
    // tf.GraphDef.FromString reads the same graph from its own bytes.
    const def = tf.GraphDef.FromString(tf.GraphDef.FromText(toText(GraphDefSchema, fromPb)).SerializeToString());
    expect(def.node.map((n) => n.name)).toEqual(fromPb.node.map((n) => n.name));
  });

  it('imports with ParseExample as an opaque node: outputs typed by their consumers, attrs written back unchanged', () => {
    // A plain GraphDef has no OpDefs: ParseExample's outputs take the dtypes their Identity consumers expect.
    const g = new tf.Graph();
    g.as_default(() => tf.import_graph_def(tf.GraphDef.FromString(toBinary(GraphDefSchema, fromPb)), { name: '' }));
    const parse = g.get_operation_by_name('ParseExample/ParseExample');
    expect(parse.outputs.map((t) => [t.name, t.dtype, t.shape.as_list()])).toEqual([
      ['ParseExample/ParseExample:0', 'float32', [null, 1]],
      ['ParseExample/ParseExample:1', 'float32', [null, 1]],
    ]);
    expect(parse.get_attr('Ndense')).toBe(2);
    expect(String(parse)).toContain('op: "ParseExample"');
    // Every node of the file comes back from the graph as TF1 wrote it, the opaque one with all its attrs.
    const back = g.as_graph_def({ add_shapes: true }).toProto();
    const original = fromPb.node.find((n) => n.name === 'ParseExample/ParseExample')!;
    const again = back.node.find((n) => n.name === 'ParseExample/ParseExample')!;
    expect(toText(GraphDefSchema, { ...back, node: [again] } as never)).toBe(toText(GraphDefSchema, { ...back, node: [original] } as never));
    expect(back.node.map((n) => [n.name, n.op, n.input])).toEqual(fromPb.node.map((n) => [n.name, n.op, n.input]));
  });
});
