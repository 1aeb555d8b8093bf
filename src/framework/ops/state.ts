// Sources and state: placeholders, constants, variables and their writers, NoOp, and the random ops
// (tensorflow/core/ops/array_ops.cc, state_ops.cc, training_ops.cc, random_ops.cc, no_op.cc).
import type { DType } from '../dtypes.js';
import type { NDArray } from '../ndarray.js';
import { TensorShape, type Dim } from '../shape.js';
import { TypeError as TFTypeError } from '../errors.js';
import type { NoAttrs, OpDefs, ShapeRule } from '../op_def.js';
import { ALL_DTYPES } from '../dtypes.js';
import { FLOATS, INDEX, NUMERIC, allowDtypes, inShape, mergeShapes, one, sameDtype, shapeFromShapeTensor, withRank } from '../shape_util.js';

/** Attributes of a random op: TF1's two seeds and the output dtype. */
export interface RandomAttrs {
  dtype: DType;
  seed: number;
  seed2: number;
}

/** The attributes of the sources, the state ops and the random ops. */
export interface StateAttrs {
  Placeholder: { dtype: DType; shape: readonly Dim[] | null };
  Const: { dtype: DType; value: NDArray };
  VariableV2: { dtype: DType; shape: readonly Dim[] | null };
  NoOp: NoAttrs;
  Assign: { validate_shape: boolean; use_locking: boolean };
  IsVariableInitialized: { dtype: DType };
  AssignAdd: { use_locking: boolean };
  AssignSub: { use_locking: boolean };
  ApplyGradientDescent: { use_locking: boolean };
  RandomStandardNormal: RandomAttrs;
  TruncatedNormal: RandomAttrs;
  RandomUniform: RandomAttrs;
  RandomUniformInt: { Tout: 'int32' | 'int64'; seed: number; seed2: number };
}

const t = (allowed: readonly DType[], attr = 'T') => ({ attr, allowed });
const ref = (allowed: readonly DType[]) => [
  { name: 'ref', type: t(allowed) },
  { name: 'value', type: t(allowed) },
];

const refUpdate: ShapeRule<'AssignAdd' | 'AssignSub'> = (c) => one(sameDtype(c, ['ref', 'value']), mergeShapes(inShape(c, 0), inShape(c, 1)));

const random: ShapeRule<'RandomStandardNormal' | 'TruncatedNormal' | 'RandomUniform'> = (c) => {
  allowDtypes(c, 0, 'T', INDEX);
  withRank(inShape(c), 1);
  return one(c.attrs.dtype, shapeFromShapeTensor(c.inputs[0]!));
};
const randomDef = {
  inputs: [{ name: 'shape', type: t(INDEX) }],
  attrs: { dtype: 'dtype', seed: 'int', seed2: 'int' },
  flags: { stateful: true, valueInputs: [0] },
  shape: random,
  grad: 'none',
} as const;

const STATEFUL = { stateful: true } as const;
const WRITER = { stateful: true, writesRef: true } as const;
const VARIABLE = { stateful: true, variable: true } as const;

/** Definitions of the sources, the state ops and the random ops. */
export const STATE_OPS: OpDefs<StateAttrs> = {
  Placeholder: {
    inputs: [],
    attrs: { dtype: 'dtype', shape: 'shape_or_null' },
    flags: STATEFUL,
    shape: (c) => one(c.attrs.dtype, new TensorShape(c.attrs.shape)),
    grad: 'none',
  },
  Const: { inputs: [], attrs: { dtype: 'dtype', value: 'tensor' }, shape: (c) => one(c.attrs.value.dtype, new TensorShape(c.attrs.value.shape)), grad: 'none' },
  VariableV2: {
    inputs: [],
    attrs: { dtype: 'dtype', shape: 'shape_or_null' },
    flags: VARIABLE,
    defaults: { container: { value: '', kind: 'string' }, shared_name: { value: '', kind: 'string' } },
    shape: (c) => one(c.attrs.dtype, new TensorShape(c.attrs.shape)),
    grad: 'none',
  },
  NoOp: { inputs: [], attrs: {}, flags: STATEFUL, shape: () => [], grad: 'none' },
  // Whether input 0, a variable's storage, has a value: TF1's op allows an uninitialized input (plan.ts does not count
  // it as a read), and reads the variable's state, so it is never folded or cached.
  IsVariableInitialized: {
    inputs: [{ name: 'ref', type: t(ALL_DTYPES, 'dtype') }],
    attrs: { dtype: 'dtype' },
    flags: STATEFUL,
    shape: () => one('bool', new TensorShape([])),
    grad: 'none',
  },
  Assign: {
    // TF1's `T: type`: string variables too (a SavedModel's asset paths)
    inputs: ref(ALL_DTYPES),
    attrs: { validate_shape: 'bool', use_locking: 'bool' },
    flags: WRITER,
    shape: (c) => {
      const d = sameDtype(c, ['ref', 'value']);
      return one(d, c.attrs.validate_shape ? mergeShapes(inShape(c, 0), inShape(c, 1)) : inShape(c, 1));
    },
    grad: null,
  },
  AssignAdd: { inputs: ref(NUMERIC), attrs: { use_locking: 'bool' }, flags: WRITER, shape: refUpdate, grad: null },
  AssignSub: { inputs: ref(NUMERIC), attrs: { use_locking: 'bool' }, flags: WRITER, shape: refUpdate, grad: null },
  ApplyGradientDescent: {
    inputs: ['var', 'alpha', 'delta'].map((name) => ({ name, type: t(FLOATS) })),
    attrs: { use_locking: 'bool' },
    flags: WRITER,
    shape: (c) => {
      const d = sameDtype(c, ['var', 'alpha', 'delta']);
      allowDtypes(c, 0, 'T', FLOATS);
      withRank(inShape(c, 1), 0);
      return one(d, mergeShapes(inShape(c, 0), inShape(c, 2)));
    },
    grad: null,
  },
  RandomStandardNormal: randomDef,
  TruncatedNormal: randomDef,
  RandomUniform: randomDef,
  RandomUniformInt: {
    inputs: [
      { name: 'shape', type: t(INDEX) },
      { name: 'minval', type: t(INDEX, 'Tout') },
      { name: 'maxval', type: t(INDEX, 'Tout') },
    ],
    attrs: { Tout: 'index_dtype', seed: 'int', seed2: 'int' },
    flags: { stateful: true, valueChecked: true, valueInputs: [0] },
    shape: (c) => {
      // The inputs' dtypes were checked against each other; the attr must name the same one.
      const d = c.inputs[1]!.dtype;
      if (d !== c.attrs.Tout) throw new TFTypeError(`Input 'minval' of 'RandomUniformInt' Op has type ${d} that does not match its attr Tout=${c.attrs.Tout}.`);
      withRank(inShape(c, 1), 0);
      withRank(inShape(c, 2), 0);
      withRank(inShape(c), 1);
      return one(c.attrs.Tout, shapeFromShapeTensor(c.inputs[0]!));
    },
    grad: 'none',
  },
};
