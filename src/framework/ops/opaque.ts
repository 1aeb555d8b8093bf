// An opaque node: a node of a TF1 GraphDef whose op type tf1-ts lacks (ParseExample, DecodeJpeg, ...), imported so
// the rest of the graph can be built and run. It keeps what the file says of it: its op type, its attributes as
// TF1's serialized AttrValue messages (written back unchanged), and its outputs' dtypes and shapes (from the
// MetaGraphDef's op list, the consumers' type attrs, `_output_shapes`). No backend runs it: a plan that needs it
// is refused with UnimplementedError naming it (session/plan.ts), so a run that feeds the tensors it makes works.
import type { DType } from '../dtypes.js';
import type { OpDef, OpDefs } from '../op_def.js';
import { TensorShape, type Dim } from '../shape.js';

/** The attributes of an opaque node. */
export interface OpaqueAttrs {
  _Opaque: {
    /** The node's op type in the file, e.g. 'ParseExample'. */
    readonly op: string;
    /** Its attributes as the file holds them: each a serialized tensorflow.AttrValue. */
    readonly attr: Readonly<Record<string, Uint8Array>>;
    /** Its outputs' dtypes and static shapes. */
    readonly outputs: readonly { readonly dtype: DType; readonly shape: readonly Dim[] | null }[];
  };
}

/** The op type of opaque nodes: '_' makes it a name no TF1 GraphDef uses for a public op. */
export const OPAQUE = '_Opaque';

/** Definition of the opaque node. Its attributes are no NodeDef attributes of tf1-ts's schema (none to check or print). */
export const OPAQUE_OPS: OpDefs<OpaqueAttrs> = {
  _Opaque: {
    inputs: [],
    attrs: {} as OpDef<'_Opaque'>['attrs'],
    // Any number of inputs of any dtypes; never folded, cached or run.
    flags: { opaque: true, stateful: true },
    shape: (c) => c.attrs.outputs.map((o) => ({ dtype: o.dtype, shape: new TensorShape(o.shape) })),
    grad: null,
  },
};
