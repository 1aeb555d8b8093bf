// A float attr (FusedBatchNorm's epsilon) in a GraphDef, as TF1 writes it: AttrValue.f in bytes, `f: ...` in text;
// protoc reads both as the same message, and import_graph_def reads it back.
import { fromBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { fromText } from '../../src/framework/text_format.js';
import { GraphDefSchema } from '../../src/framework/proto/tensorflow/core/framework/graph_pb.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode, protocEncode } from '../helpers/protoc.js';

function graph(): tf.Graph {
  const g = new tf.Graph();
  g.as_default(() => {
    const x = tf.placeholder(tf.float32, [2, 2, 2, 3], { name: 'x' });
    tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]), { epsilon: 0.001, name: 'bn' });
  });
  return g;
}

describe('float attrs in GraphDefs', () => {
  it('epsilon is written as AttrValue f and read back by import_graph_def', () => {
    const def = graph().as_graph_def();
    const msg = fromBinary(GraphDefSchema, def.SerializeToString());
    const bn = msg.node.find((n) => n.name === 'bn')!;
    expect(bn.attr.epsilon!.value).toEqual({ case: 'f', value: Math.fround(0.001) });
    expect(def.toString()).toContain('f: 0.001');
    const b = new tf.Graph();
    b.as_default(() => tf.import_graph_def(tf.GraphDef.FromString(def.SerializeToString()), { name: '' }));
    expect(b.get_operation_by_name('bn').get_attr('epsilon')).toBeCloseTo(0.001, 9);
    expect(b.as_graph_def().SerializeToString()).toEqual(def.SerializeToString());
  });

  it('protoc decodes the bytes as the message our text writes', ({ skip }) => {
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    const def = graph().as_graph_def();
    const bytes = def.SerializeToString();
    const cpp = protocDecode('tensorflow.GraphDef', bytes);
    expect(cpp).toContain('f: 0.001');
    expect(protocEncode('tensorflow.GraphDef', def.toString())).toEqual(bytes);
    expect(fromBinary(GraphDefSchema, bytes)).toEqual(fromText(GraphDefSchema, cpp));
  });
});
