// TF1's GraphDef as users hold it: `graph.as_graph_def()` (a snapshot with TF1's `SerializeToString()` and, as
// Python's `str(graph_def)`, its text format) and `tf.GraphDef.FromString(bytes)` (the message itself).
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { immerable } from 'immer';
import { fromText, toText } from '../framework/text_format.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { GraphDefSchema, type GraphDef as GraphDefProto } from '../framework/proto/tensorflow/core/framework/graph_pb.js';
import type { GraphDef as GraphDefSnapshotShape, NodeDef } from './graph_def.js';
import { graphDefToProto } from './graph_def_proto.js';

/** A graph's immutable snapshot (graph.as_graph_def()) that also speaks TF1's wire and text formats. */
export class GraphDefSnapshot implements GraphDefSnapshotShape {
  [immerable] = true;
  readonly node: NodeDef[];
  readonly versions: { readonly producer: number };

  declare private readonly addShapes: boolean;

  constructor(node: NodeDef[], versions: { producer: number }, addShapes = false) {
    this.node = node;
    this.versions = versions;
    // Not an own enumerable field: snapshots compare equal with or without it.
    Object.defineProperty(this, 'addShapes', { value: addShapes });
  }

  /** The same snapshot, whose TF1 forms carry each node's `_output_shapes` (TF1's as_graph_def(add_shapes=True)). */
  withShapes(): GraphDefSnapshot {
    const s = new GraphDefSnapshot(this.node, this.versions, true);
    Object.freeze(s);
    return s;
  }

  /** TF1's GraphDef message of this snapshot, with `_output_shapes` when the snapshot was asked for them. */
  toProto(): GraphDefProto {
    return graphDefToProto(this, this.addShapes === true);
  }

  /** TF1's `graph_def.SerializeToString()`: the GraphDef in protobuf's binary wire format, as a `.pb` file holds it. */
  SerializeToString(): Uint8Array {
    return toBinary(GraphDefSchema, this.toProto());
  }

  /** Python's `str(graph_def)`: the GraphDef in protobuf's text format, as `write_graph(..., as_text=True)` writes it. */
  toString(): string {
    return toText(GraphDefSchema, this.toProto());
  }
}

/** A GraphDef message with TF1's methods (`tf.GraphDef.FromString`'s result). */
export type GraphDefMessage = GraphDefProto & { SerializeToString(): Uint8Array; toString(): string };

/** Gives a GraphDef message Python's `SerializeToString()` and `str()`. */
export function withMethods(msg: GraphDefProto): GraphDefMessage {
  return Object.defineProperties(msg, {
    SerializeToString: { value: () => toBinary(GraphDefSchema, msg) },
    toString: { value: () => toText(GraphDefSchema, msg) },
  }) as GraphDefMessage;
}

/** Whether `v` is a GraphDef message (from FromString, FromText or @bufbuild/protobuf). */
export const isGraphDefMessage = (v: unknown): v is GraphDefProto =>
  typeof v === 'object' && v !== null && (v as { $typeName?: unknown }).$typeName === 'tensorflow.GraphDef';

/** A GraphDef snapshot (the type; `tf.GraphDef` the value holds TF1's constructors). */
export type GraphDef = GraphDefSnapshotShape;

/** TF1's `tf.GraphDef` class, for its constructors: `tf.GraphDef.FromString(bytes)`. */
export const GraphDef = {
  /** TF1's `tf.GraphDef.FromString(serialized)`: the GraphDef message of a `.pb` file's bytes. */
  FromString(serialized: Uint8Array): GraphDefMessage {
    if (!(serialized instanceof Uint8Array)) throw new TFTypeError('FromString takes the serialized bytes (a Uint8Array).');
    try {
      return withMethods(fromBinary(GraphDefSchema, serialized));
    } catch (e) {
      // Python's DecodeError: 'Error parsing message'.
      throw new ValueError(`Error parsing message: ${(e as Error).message}`);
    }
  },
  /** `text_format.Parse(text, tf.GraphDef())`: the GraphDef message of a `.pbtxt` file's text. */
  FromText(text: string): GraphDefMessage {
    return withMethods(fromText(GraphDefSchema, text));
  },
};
