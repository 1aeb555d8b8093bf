// SaveV2 and RestoreV2 (tensorflow/core/ops/io_ops.cc, r1.12), the ops of the Saver's graph (train/saver_graph.ts):
// SaveV2 writes `tensors` (`dtypes: list(type)`, inferred from them) under `tensor_names` into the V2 checkpoint at
// `prefix`; RestoreV2 reads `tensor_names` back, one output per entry of its `dtypes` attr. Both are stateful and,
// as TF1 registers them, not differentiable. Their host kernels are session/kernels/io.ts.
import { ALL_DTYPES, type DType } from '../dtypes.js';
import type { NoAttrs, OpDefs, ShapeCtx } from '../op_def.js';
import type { OpType } from '../op_defs.js';
import { ShapeError } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { withRank } from '../shape_util.js';

/** The attributes of SaveV2 and RestoreV2. */
export interface IoAttrs {
  SaveV2: NoAttrs;
  /** The dtypes of the tensors to read, one output each. */
  RestoreV2: { dtypes: DType[] };
}

/** io_ops.cc's checks: `prefix` a scalar, `tensor_names` and `shape_and_slices` vectors of `n` entries. */
function checkNames<K extends OpType>(c: ShapeCtx<K>, n: number): void {
  withRank(c.inputs[0]!.shape, 0);
  for (const i of [1, 2]) {
    const d = withRank(c.inputs[i]!.shape, 1).dims![0];
    if (d !== null && d !== undefined && d !== n) throw new ShapeError(`Dimension must be ${n} but is ${d}`);
  }
}

const STRING_INPUTS = [
  { name: 'prefix', type: 'string' },
  { name: 'tensor_names', type: 'string' },
  { name: 'shape_and_slices', type: 'string' },
] as const;

/** Definitions of SaveV2 and RestoreV2. */
export const IO_OPS: OpDefs<IoAttrs> = {
  SaveV2: {
    inputs: [...STRING_INPUTS, { name: 'tensors', type: { attr: 'dtypes', allowed: ALL_DTYPES }, typeList: true }],
    attrs: {},
    flags: { stateful: true },
    shape: (c) => {
      checkNames(c, c.inputs.length - 3);
      return [];
    },
    grad: 'none',
  },
  RestoreV2: {
    inputs: [...STRING_INPUTS],
    attrs: { dtypes: 'type_list' },
    flags: { stateful: true },
    shape: (c) => {
      checkNames(c, c.attrs.dtypes.length);
      return c.attrs.dtypes.map((dtype) => ({ dtype, shape: new TensorShape(null) }));
    },
    grad: 'none',
  },
};
