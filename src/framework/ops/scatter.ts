// The scatter updates of a variable (tensorflow/core/ops/state_ops.cc, kernels/scatter_op.cc, scatter_nd_op.cc):
// each writes rows (Scatter*) or slices (ScatterNd*) of its ref input in place and outputs the ref, as AssignAdd does.
import { DTYPES, type DType } from '../dtypes.js';
import { TypeError as TFTypeError } from '../errors.js';
import type { OpDef, OpDefs, ShapeRule } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { INDEX, REAL, allowDtypes, inShape, one } from '../shape_util.js';
import { mergeWhole } from './array_shapes.js';

/** How a scatter op combines a variable's element with an update. */
export type ScatterMode = 'update' | 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max';

type Locking = { use_locking: boolean };

/** The attributes of the scatter ops: TF1's `use_locking` (a no-op here: one run writes at a time). */
export interface ScatterAttrs {
  ScatterUpdate: Locking;
  ScatterAdd: Locking;
  ScatterSub: Locking;
  ScatterMul: Locking;
  ScatterDiv: Locking;
  ScatterMin: Locking;
  ScatterMax: Locking;
  ScatterNdUpdate: Locking;
  ScatterNdAdd: Locking;
  ScatterNdSub: Locking;
}

/** A row-scatter op type (indices into dimension 0). */
export type ScatterOpType = 'ScatterUpdate' | 'ScatterAdd' | 'ScatterSub' | 'ScatterMul' | 'ScatterDiv' | 'ScatterMin' | 'ScatterMax';
/** A slice-scatter op type (indices' last dimension indexes the leading dimensions). */
export type ScatterNdOpType = 'ScatterNdUpdate' | 'ScatterNdAdd' | 'ScatterNdSub';

/**
 * TF1's public functions for the scatter ops (state_ops.py), each with its op type, how it combines, and its
 * `use_locking` default (true for the updates, false for the arithmetic). The ops layer builds them from this table.
 */
export const SCATTER_API: readonly { api: string; type: ScatterOpType | ScatterNdOpType; mode: ScatterMode; locking: boolean }[] = [
  { api: 'scatter_update', type: 'ScatterUpdate', mode: 'update', locking: true },
  { api: 'scatter_add', type: 'ScatterAdd', mode: 'add', locking: false },
  { api: 'scatter_sub', type: 'ScatterSub', mode: 'sub', locking: false },
  { api: 'scatter_mul', type: 'ScatterMul', mode: 'mul', locking: false },
  { api: 'scatter_div', type: 'ScatterDiv', mode: 'div', locking: false },
  { api: 'scatter_min', type: 'ScatterMin', mode: 'min', locking: false },
  { api: 'scatter_max', type: 'ScatterMax', mode: 'max', locking: false },
  { api: 'scatter_nd_update', type: 'ScatterNdUpdate', mode: 'update', locking: true },
  { api: 'scatter_nd_add', type: 'ScatterNdAdd', mode: 'add', locking: false },
  { api: 'scatter_nd_sub', type: 'ScatterNdSub', mode: 'sub', locking: false },
];

/** The combining mode of a scatter op type. */
export const SCATTER_MODE = Object.fromEntries(SCATTER_API.map((s) => [s.type, s.mode])) as Record<ScatterOpType | ScatterNdOpType, ScatterMode>;

/** Whether an op type is a scatter op: 'rows' (Scatter*), 'nd' (ScatterNd*), or null for any other op. */
export function scatterKind(type: string): 'rows' | 'nd' | null {
  // a loop, not find(): every run checks its update ops, and find's callback would be a new closure each time
  for (let i = 0; i < SCATTER_API.length; i++) {
    const s = SCATTER_API[i]!;
    if (s.type === type) return s.api.startsWith('scatter_nd_') ? 'nd' : 'rows';
  }
  return null;
}

/** Input 'updates' must have the ref's dtype, in TF1's op-def words. */
function updatesDtype(type: string, ref: DType, updates: DType): DType {
  if (updates !== ref) throw new TFTypeError(`Input 'updates' of '${type}' Op has type ${updates} that does not match type ${ref} of argument 'ref'.`);
  return ref;
}

/** TF1's ScatterUpdateShape: updates (unless a scalar) merge with indices.shape + ref.shape[1:]; the output is the ref's shape. */
const scatterShape: ShapeRule<ScatterOpType> = (c) => {
  const d = updatesDtype(c.type, c.inputs[0]!.dtype, c.inputs[2]!.dtype);
  allowDtypes(c, 1, 'Tindices', INDEX);
  const ref = inShape(c, 0);
  const indices = inShape(c, 1);
  const updates = inShape(c, 2);
  if (updates.dims?.length !== 0 && ref.dims !== null && indices.dims !== null) {
    mergeWhole(updates, new TensorShape([...indices.dims, ...ref.dims.slice(1)]));
  }
  return one(d, ref);
};

/** TF1's ScatterNdUpdateShape: indices' and updates' outer dims agree, and the ref's dims past the index depth are updates' inner ones. */
const scatterNdShape: ShapeRule<ScatterNdOpType> = (c) => {
  const d = updatesDtype(c.type, c.inputs[0]!.dtype, c.inputs[2]!.dtype);
  allowDtypes(c, 1, 'Tindices', INDEX);
  const ref = inShape(c, 0);
  const indices = inShape(c, 1);
  const updates = inShape(c, 2);
  for (const s of [indices, updates]) {
    if (s.dims !== null && s.dims.length < 1) throw new ShapeError(`Shape must be at least rank 1 but is rank ${s.dims.length}`);
  }
  const count = (s: TensorShape): number | null => (s.dims === null || s.dims.includes(null) ? null : (s.dims as number[]).reduce((a, b) => a * b, 1));
  if (count(ref) === 0 && ((count(indices) ?? 0) > 0 || (count(updates) ?? 0) > 0)) throw new ShapeError('Indices and updates specified for empty input');
  const depth = indices.dims?.[indices.dims.length - 1];
  if (indices.dims && updates.dims && depth !== null && depth !== undefined) {
    const outer = indices.dims.length - 1;
    const sub = (s: TensorShape, from: number, to?: number) => new TensorShape(s.dims!.slice(from, to));
    const describe = (s: TensorShape) => s.toBracketString();
    try {
      mergeWhole(sub(indices, 0, outer), sub(updates, 0, outer));
    } catch (e) {
      throw new ShapeError(
        `The outer ${outer} dimensions of indices.shape=${describe(indices)} must match the outer ${outer} dimensions of updates.shape=${describe(updates)}: ${(e as Error).message}`,
      );
    }
    if (ref.dims !== null) {
      try {
        mergeWhole(sub(ref, Math.min(depth, ref.dims.length)), sub(updates, outer));
      } catch (e) {
        throw new ShapeError(
          `The inner ${ref.dims.length - depth} dimensions of input.shape=${describe(ref)} must match the inner ${updates.dims.length - outer} dimensions of updates.shape=${describe(updates)}: ${(e as Error).message}`,
        );
      }
    }
  }
  return one(d, ref);
};

const WRITER = { stateful: true, writesRef: true } as const;

function def<K extends ScatterOpType | ScatterNdOpType>(allowed: readonly DType[], shape: ShapeRule<K>, grad: 'none' | null): OpDef<K> {
  return {
    inputs: [
      { name: 'ref', type: { attr: 'T', allowed } },
      { name: 'indices', type: { attr: 'Tindices', allowed: INDEX } },
      { name: 'updates', type: { attr: 'T', allowed } },
    ],
    attrs: { use_locking: 'bool' } as OpDef<K>['attrs'],
    flags: WRITER,
    shape,
    grad,
  };
}

// r1.12's state_grad.py: ScatterAdd, Sub, Mul, Div and the ScatterNd ops are NotDifferentiable; ScatterUpdate,
// Min and Max have no gradient registered at all (tf.gradients through them is a LookupError).
/** Definitions of the scatter ops. */
export const SCATTER_OPS: OpDefs<ScatterAttrs> = {
  ScatterUpdate: def<'ScatterUpdate'>(DTYPES, scatterShape, null),
  ScatterAdd: def<'ScatterAdd'>(REAL, scatterShape, 'none'),
  ScatterSub: def<'ScatterSub'>(REAL, scatterShape, 'none'),
  ScatterMul: def<'ScatterMul'>(REAL, scatterShape, 'none'),
  ScatterDiv: def<'ScatterDiv'>(REAL, scatterShape, 'none'),
  ScatterMin: def<'ScatterMin'>(REAL, scatterShape, null),
  ScatterMax: def<'ScatterMax'>(REAL, scatterShape, null),
  ScatterNdUpdate: def<'ScatterNdUpdate'>(DTYPES, scatterNdShape, 'none'),
  ScatterNdAdd: def<'ScatterNdAdd'>(REAL, scatterNdShape, 'none'),
  ScatterNdSub: def<'ScatterNdSub'>(REAL, scatterNdShape, 'none'),
};
