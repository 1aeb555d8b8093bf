// The array and shape ops (tensorflow/core/ops/array_ops.cc, data_flow_ops.cc, math_ops.cc's Range), with TF1's
// gradients (python/ops/array_grad.py).
import { TensorShape, type Dim } from '../shape.js';
import { NDArray } from '../ndarray.js';
import { ALL_DTYPES, DTYPES } from '../dtypes.js';
import type { NoAttrs, OpDef, OpDefs } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import type { Tensor } from '../../graph/tensor.js';
import { INDEX, NUMERIC, allowDtypes, inShape, mergeShapes, one, shapeFromShapeTensor, withRank } from '../shape_util.js';
import { dynamicStitchShape, reshapeShape, transposeShape } from './array_shapes.js';

/** The array ops' attributes. */
export interface ArrayAttrs {
  Identity: NoAttrs;
  RefIdentity: NoAttrs;
  StopGradient: NoAttrs;
  Reshape: NoAttrs;
  ExpandDims: NoAttrs;
  Shape: { out_type: 'int32' | 'int64' };
  Size: { out_type: 'int32' | 'int64' };
  Rank: NoAttrs;
  Fill: NoAttrs;
  ZerosLike: NoAttrs;
  OnesLike: NoAttrs;
  Tile: NoAttrs;
  Range: NoAttrs;
  DynamicStitch: NoAttrs;
  BroadcastGradientArgs: NoAttrs;
  Transpose: NoAttrs;
  PlaceholderWithDefault: { shape: readonly Dim[] | null };
}

const T = { attr: 'T', allowed: DTYPES } as const;
const input = (name = 'input') => [{ name, type: T }];
// The ops that only move or describe elements take every dtype, string too (TF1's `T: type`).
const ANY = { attr: 'T', allowed: ALL_DTYPES } as const;
const anyInput = (name = 'input') => [{ name, type: ANY }];
const index = (name: string, attr: string) => ({ name, type: { attr, allowed: INDEX } });
const same = (c: { inputs: { dtype: import('../dtypes.js').DType; shape: TensorShape }[] }) => one(c.inputs[0]!.dtype, c.inputs[0]!.shape);

/** The inverse of a known permutation, or null when the values are none (the forward op fails on them). */
function invertKnown(p: NDArray): NDArray | null {
  const n = p.size;
  const inv = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const d = p.data[i]!;
    if (!(d >= 0 && d < n) || inv[d] !== -1) return null;
    inv[d] = i;
  }
  return new NDArray(inv, [n], 'int32');
}

// d reshape / expand_dims: the gradient reshaped to the input's shape.
const reshapeGrad: OpDef<'Reshape' | 'ExpandDims'>['grad'] = (op, [g], tf) => [tf.reshape(g!, tf.shape(op.inputs[0]!)), null];

/** Definitions of the array ops. */
export const ARRAY_OPS: OpDefs<ArrayAttrs> = {
  // d identity: the gradient itself, no op (as TF1's `_IdGrad`).
  Identity: { inputs: anyInput(), attrs: {}, flags: { view: true }, shape: same, grad: (_op, [g]) => [g!] },
  StopGradient: { inputs: anyInput(), attrs: {}, flags: { view: true }, shape: same, grad: 'none' },
  // RefIdentity: a variable's storage itself (TF1's `_ref` output), as r1.12's _Identity makes for a ref
  RefIdentity: { inputs: anyInput(), attrs: {}, flags: { view: true, forwardsRef: true }, shape: same, grad: (_op, [g]) => [g!] },
  Reshape: {
    inputs: [...anyInput('tensor'), index('shape', 'Tshape')],
    attrs: {},
    flags: { view: true, valueInputs: [1] },
    shape: (c) => {
      allowDtypes(c, 1, 'Tshape', INDEX);
      withRank(inShape(c, 1), 1);
      return one(c.inputs[0]!.dtype, reshapeShape(inShape(c), shapeFromShapeTensor(c.inputs[1]!)));
    },
    grad: reshapeGrad,
  },
  ExpandDims: {
    inputs: [...anyInput(), index('dim', 'Tdim')],
    attrs: {},
    flags: { view: true, valueInputs: [1] },
    shape: (c) => {
      allowDtypes(c, 1, 'Tdim', INDEX);
      const n = inShape(c, 1).num_elements();
      if (n !== null && n !== 1) throw new ShapeError("'dim' input must be a tensor with a single value");
      const s = inShape(c);
      const dim = c.inputs[1]!.value;
      if (s.dims === null || !dim) return one(c.inputs[0]!.dtype, TensorShape.unknown());
      const r = s.dims.length;
      const d = dim.data[0]!;
      if (d < -r - 1 || d > r) throw new ShapeError(`Tried to expand dim index ${d} for tensor with ${r} dimensions.`);
      const dims = [...s.dims];
      dims.splice(d < 0 ? d + r + 1 : d, 0, 1);
      return one(c.inputs[0]!.dtype, new TensorShape(dims));
    },
    grad: reshapeGrad,
  },
  Shape: { inputs: anyInput(), attrs: { out_type: 'index_dtype' }, shape: (c) => one(c.attrs.out_type, new TensorShape([inShape(c).ndims])), grad: 'none' },
  Size: { inputs: anyInput(), attrs: { out_type: 'index_dtype' }, shape: (c) => one(c.attrs.out_type, new TensorShape([])), grad: 'none' },
  Rank: { inputs: anyInput(), attrs: {}, shape: () => one('int32', new TensorShape([])), grad: 'none' },
  Fill: {
    inputs: [index('dims', 'index_type'), { name: 'value', type: ANY }],
    attrs: {},
    flags: { valueInputs: [0] },
    shape: (c) => {
      allowDtypes(c, 0, 'index_type', INDEX);
      withRank(inShape(c, 0), 1);
      withRank(inShape(c, 1), 0);
      const out = shapeFromShapeTensor(c.inputs[0]!);
      if (c.inputs[0]!.value?.data.some((d) => d < 0)) throw new ShapeError('Fill dimensions must be >= 0');
      return one(c.inputs[1]!.dtype, out);
    },
    // The value gets the sum of the gradient.
    grad: (_op, [g], tf) => [null, tf.reduce_sum(g!)],
  },
  ZerosLike: { inputs: input('x'), attrs: {}, shape: same, grad: 'none' },
  OnesLike: { inputs: input('x'), attrs: {}, shape: same, grad: 'none' },
  Tile: {
    inputs: [...anyInput(), index('multiples', 'Tmultiples')],
    attrs: {},
    flags: { valueInputs: [1] },
    shape: (c) => {
      allowDtypes(c, 1, 'Tmultiples', INDEX);
      const s = inShape(c);
      const m = c.inputs[1]!;
      withRank(m.shape, 1);
      const mult = shapeFromShapeTensor(m);
      if (s.dims !== null && mult.dims !== null && mult.dims.length !== s.dims.length) {
        throw new ShapeError(`Shape must be rank ${s.dims.length} but is rank ${mult.dims.length}`);
      }
      if (s.dims === null) return one(c.inputs[0]!.dtype, mult.dims === null ? s : new TensorShape(mult.dims.map(() => null)));
      return one(
        c.inputs[0]!.dtype,
        new TensorShape(
          s.dims.map((d, i) => {
            const k = mult.dims?.[i] ?? null;
            return d === null || k === null ? null : d * k;
          }),
        ),
      );
    },
    // The gradient split into the tiles and summed over them.
    grad: (op, [g], tf) => {
      const [x, multiples] = op.inputs as [Tensor, Tensor];
      // In the multiples' dtype, so int64 multiples stitch with it (as TF1's _TileGrad).
      const inputShape = tf.shape(x, { out_type: multiples.dtype as 'int32' | 'int64' });
      const twoR = tf.multiply(tf.size(inputShape), 2);
      // range(1, 2r + 1, 2), not range(1, 2r, 2): the latter is range(1, 0, 2) for a scalar, which Range rejects.
      const split = tf.dynamic_stitch([tf.range(0, twoR, 2), tf.range(1, tf.add(twoR, 1), 2)], [multiples, inputShape]);
      const inputGrad = tf.reduce_sum(tf.reshape(g!, split), { axis: tf.range(0, tf.size(split), 2) });
      // As TF1's _TileGrad: the sum's static shape is lost in the reshape, and is the input's.
      inputGrad.set_shape(x.shape);
      return [inputGrad, null];
    },
  },
  Range: {
    inputs: ['start', 'limit', 'delta'].map((name) => ({ name, type: { attr: 'Tidx', allowed: NUMERIC } })),
    attrs: {},
    flags: { valueInputs: [0, 1, 2] },
    shape: (c) => {
      allowDtypes(c, 0, 'Tidx', NUMERIC);
      for (const i of c.inputs) withRank(i.shape, 0);
      const [s, l, d] = c.inputs.map((i) => i.value?.data[0]);
      if (s === undefined || l === undefined || d === undefined) return one(c.inputs[0]!.dtype, new TensorShape([null]));
      if (d === 0) throw new ShapeError('Requires delta != 0');
      return one(c.inputs[0]!.dtype, new TensorShape([Math.max(0, Math.ceil((l - s) / d))]));
    },
    grad: 'none',
  },
  DynamicStitch: {
    inputs: [
      { name: 'indices', type: 'int32', list: true },
      { name: 'data', type: T, list: true },
    ],
    attrs: {},
    flags: { valueChecked: true, valueInputs: 'half' },
    shape: (c) => dynamicStitchShape(c.inputs),
    // TF1's _DynamicStitchGrads: no gradient for the indices; each data input's is the gradient gathered at its
    // indices (int32 already; TF1's gradient is dense here too: no IndexedSlices).
    grad: (op, [g], tf) => {
      const indices = op.inputs.slice(0, op.inputs.length / 2);
      return [...indices.map(() => null), ...indices.map((i) => tf.gather(g!, i))];
    },
  },
  BroadcastGradientArgs: {
    inputs: [index('s0', 'T'), index('s1', 'T')],
    attrs: {},
    flags: { valueInputs: [0, 1] },
    shape: (c) => {
      const s = new TensorShape([null] as Dim[]);
      return [
        { dtype: c.inputs[0]!.dtype, shape: s },
        { dtype: c.inputs[0]!.dtype, shape: s },
      ];
    },
    grad: 'none',
  },
  Transpose: {
    inputs: [{ name: 'x', type: T }, index('perm', 'Tperm')],
    attrs: {},
    flags: { valueInputs: [1] },
    shape: transposeShape,
    /**
     * The gradient transposed by the inverse permutation (TF1's `_TransposeGrad`). TF1 inverts with
     * InvertPermutation; here a known perm is inverted while building, and a computed one by DynamicStitch,
     * which scatters i to position perm[i].
     */
    grad: (op, [g], tf) => {
      const p = op.inputs[1]!;
      const known = tf.constant_value(p);
      const inv = known ? invertKnown(known) : null;
      let perm: Tensor;
      if (inv) perm = tf.constant(inv);
      else {
        const idx = p.dtype === 'int32' ? p : tf.cast(p, 'int32');
        perm = tf.dynamic_stitch([idx], [tf.range(0, tf.size(idx))]);
      }
      return [tf.transpose(g!, perm), null];
    },
  },
  // TF1's PlaceholderWithDefault: the input passed through (a view) unless the output is fed; its shape is the attr's,
  // which must merge with the input's. The gradient passes through, as TF1's _IdGrad.
  PlaceholderWithDefault: {
    inputs: [{ name: 'input', type: { attr: 'dtype', allowed: ALL_DTYPES } }],
    attrs: { shape: 'shape_or_null' },
    flags: { view: true },
    shape: (c) => {
      const out = new TensorShape(c.attrs.shape);
      mergeShapes(inShape(c), out);
      return one(c.inputs[0]!.dtype, out);
    },
    grad: (_op, [g]) => [g!],
  },
};
