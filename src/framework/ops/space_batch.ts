// SpaceToBatchND, BatchToSpaceND and their 4-D legacy forms SpaceToBatch and BatchToSpace (block_size), as
// TF1 r1.12's tensorflow/core/ops/array_ops.cc defines them (SpaceToBatchShapeHelper, BatchToSpaceShapeHelper),
// with r1.12's gradients (python/ops/array_grad.py: each op's gradient is the other op on the same block shape).
import { TensorShape, type Dim } from '../shape.js';
import { DTYPES } from '../dtypes.js';
import type { InputInfo, NoAttrs, OpDefs, OutputSpec } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import { ValueError } from '../errors.js';
import { INDEX, one, withRank } from '../shape_util.js';

/** The attributes of the four ops (T and the index types are inferred from the inputs). */
export interface SpaceBatchAttrs {
  SpaceToBatchND: NoAttrs;
  BatchToSpaceND: NoAttrs;
  SpaceToBatch: { block_size: number };
  BatchToSpace: { block_size: number };
}

const T = { attr: 'T', allowed: DTYPES } as const;
const index = (name: string, attr: string) => ({ name, type: { attr, allowed: INDEX } });

/** InferenceContext::Divide with evenly_divisible: an unknown dim stays unknown. */
function divideDim(d: Dim, by: number): Dim {
  if (d === null) return null;
  if (d % by !== 0) throw new ShapeError(`Dimension size must be evenly divisible by ${by} but is ${d}`);
  return d / by;
}

/** InferenceContext::Subtract of a known amount. */
function subtractDim(d: Dim, v: number): Dim {
  if (d === null) return null;
  if (d < v) throw new ShapeError(`Negative dimension size caused by subtracting ${v} from ${d}`);
  return d - v;
}

/** InferenceContext::Merge of the paddings' (crops') shape with [M, 2], with TF1's messages. */
function mergeMatrix(s: TensorShape, m: number): void {
  if (s.dims === null) return;
  if (s.dims.length !== 2) throw new ShapeError(`Shapes must be equal rank, but are ${s.dims.length} and 2`);
  [m, 2].forEach((want, i) => {
    const d = s.dims![i]!;
    if (d !== null && d !== want)
      throw new ShapeError(`Dimension ${i} in both shapes must be equal, but are ${d} and ${want}. Shapes are ${s.toBracketString()} and [${m},2].`);
  });
}

/**
 * TF1's SpaceToBatchShapeHelper (`crop` false) and BatchToSpaceShapeHelper (`crop` true): `blockShape` is the
 * block_shape input's static shape and `block` its value when known; `pads` the paddings (crops) input.
 */
export function spaceBatchShape(input: InputInfo, blockShape: TensorShape, block: ArrayLike<number> | null, pads: InputInfo, crop: boolean): OutputSpec[] {
  if (blockShape.dims === null || blockShape.dims.length !== 1) throw new ShapeError('block_shape must have rank 1.');
  const m = blockShape.dims[0]!;
  if (m === null) throw new ShapeError('block_shape must have known size.');
  const inDims = input.shape.dims;
  if (inDims !== null && inDims.length < m + 1) throw new ShapeError(`Shape must be at least rank ${m + 1} but is rank ${inDims.length}`);
  mergeMatrix(pads.shape, m);
  let batch: Dim = inDims === null ? null : inDims[0]!;
  if (block !== null) {
    for (let i = 0; i < m; i++) {
      const b = block[i]!;
      if (b < 1) throw new ShapeError('block_shape must be positive');
      if (batch !== null) batch = crop ? divideDim(batch, b) : batch * b;
    }
  } else if (m > 0) batch = null;
  const out: Dim[] = [batch, ...Array<Dim>(m).fill(null)];
  const p = pads.value;
  if (p !== null) {
    for (let i = 0; i < m; i++) {
      const [start, end] = [p.data[2 * i]!, p.data[2 * i + 1]!];
      if (start < 0 || end < 0) throw new ShapeError(crop ? 'crops cannot be negative' : 'paddings cannot be negative');
      if (block === null) continue;
      const d = inDims === null ? null : inDims[i + 1]!;
      out[i + 1] = crop ? subtractDim(subtractDim(d === null ? null : d * block[i]!, start), end) : divideDim(d === null ? null : d + start + end, block[i]!);
    }
  }
  if (inDims === null) return one(input.dtype, TensorShape.unknown());
  return one(input.dtype, new TensorShape([...out, ...inDims.slice(m + 1)]));
}

/** TF1's op-def check of `block_size: int >= 2`. */
function blockSizeOf(type: string, v: number): [number, number] {
  if (v < 2) throw new ValueError(`Attr 'block_size' of '${type}' Op passed ${v} less than minimum 2.`);
  return [v, v];
}

/** The four ops, keyed by type. */
export const SPACE_BATCH_OPS: OpDefs<SpaceBatchAttrs> = {
  SpaceToBatchND: {
    inputs: [{ name: 'input', type: T }, index('block_shape', 'Tblock_shape'), index('paddings', 'Tpaddings')],
    attrs: {},
    flags: { valueInputs: [1, 2] },
    shape: (c) => spaceBatchShape(c.inputs[0]!, c.inputs[1]!.shape, c.inputs[1]!.value?.data ?? null, c.inputs[2]!, false),
    // TF1's _SpaceToBatchNDGrad: BatchToSpaceND of the gradient on the same block shape, cropping the paddings.
    grad: (op, [g], tf) => [tf.batch_to_space_nd(g!, op.inputs[1]!, op.inputs[2]!), null, null],
  },
  BatchToSpaceND: {
    inputs: [{ name: 'input', type: T }, index('block_shape', 'Tblock_shape'), index('crops', 'Tcrops')],
    attrs: {},
    flags: { valueInputs: [1, 2] },
    shape: (c) => spaceBatchShape(c.inputs[0]!, c.inputs[1]!.shape, c.inputs[1]!.value?.data ?? null, c.inputs[2]!, true),
    // TF1's _BatchToSpaceNDGrad: SpaceToBatchND of the gradient, padding back what the crops took.
    grad: (op, [g], tf) => [tf.space_to_batch_nd(g!, op.inputs[1]!, op.inputs[2]!), null, null],
  },
  SpaceToBatch: {
    inputs: [{ name: 'input', type: T }, index('paddings', 'Tpaddings')],
    attrs: { block_size: 'int' },
    flags: { valueInputs: [1] },
    shape: (c) => {
      const input = { ...c.inputs[0]!, shape: withRank(c.inputs[0]!.shape, 4) };
      return spaceBatchShape(input, new TensorShape([2]), blockSizeOf(c.type, c.attrs.block_size), c.inputs[1]!, false);
    },
    // TF1's _SpaceToBatchGrad: array_ops.batch_to_space, which builds BatchToSpaceND.
    grad: (op, [g], tf) => [tf.batch_to_space(g!, op.inputs[1]!, op.attrs.block_size), null],
  },
  BatchToSpace: {
    inputs: [{ name: 'input', type: T }, index('crops', 'Tidx')],
    attrs: { block_size: 'int' },
    flags: { valueInputs: [1] },
    shape: (c) => {
      const input = { ...c.inputs[0]!, shape: withRank(c.inputs[0]!.shape, 4) };
      return spaceBatchShape(input, new TensorShape([2]), blockSizeOf(c.type, c.attrs.block_size), c.inputs[1]!, true);
    },
    // TF1's _BatchToSpaceGrad: array_ops.space_to_batch, which builds SpaceToBatchND.
    grad: (op, [g], tf) => [tf.space_to_batch(g!, op.inputs[1]!, op.attrs.block_size), null],
  },
};
