// The candidate samplers and ComputeAccidentalHits (tensorflow/core/ops/candidate_sampling_ops.cc). TF1 registers
// them NotDifferentiable (python/ops/candidate_sampling_ops.py's callers stop their gradients anyway).
import { TensorShape } from '../shape.js';
import type { OpDefs, ShapeRule } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import { inShape, withRank } from '../shape_util.js';

/** The attributes of a range sampler (UniformCandidateSampler, LogUniformCandidateSampler). */
export interface RangeSamplerAttrs {
  num_true: number;
  num_sampled: number;
  unique: boolean;
  range_max: number;
  seed: number;
  seed2: number;
}

/** The attributes of the candidate-sampling ops. */
export interface CandidateSamplingAttrs {
  UniformCandidateSampler: RangeSamplerAttrs;
  LogUniformCandidateSampler: RangeSamplerAttrs;
  AllCandidateSampler: { num_true: number; num_sampled: number; unique: boolean; seed: number; seed2: number };
  ComputeAccidentalHits: { num_true: number; seed: number; seed2: number };
}

type Sampler = 'UniformCandidateSampler' | 'LogUniformCandidateSampler' | 'AllCandidateSampler';

// TF1's CandidateSamplerShapeFn: true_classes a matrix; [num_sampled], [batch_size, num_true], [num_sampled].
const samplerShape: ShapeRule<Sampler> = (c) => {
  const batch = withRank(inShape(c), 2).dims![0]!;
  const sampled = new TensorShape([c.attrs.num_sampled]);
  return [
    { dtype: 'int64', shape: sampled },
    { dtype: 'float32', shape: new TensorShape([batch, c.attrs.num_true]) },
    { dtype: 'float32', shape: sampled },
  ];
};

const TRUE_CLASSES = [{ name: 'true_classes', type: 'int64' }] as const;
const SAMPLER_ATTRS = { num_true: 'int', num_sampled: 'int', unique: 'bool', range_max: 'int', seed: 'int', seed2: 'int' } as const;
const STATEFUL = { stateful: true } as const;

/** Definitions of the candidate samplers and ComputeAccidentalHits. */
export const CANDIDATE_SAMPLING_OPS: OpDefs<CandidateSamplingAttrs> = {
  UniformCandidateSampler: { inputs: TRUE_CLASSES, attrs: SAMPLER_ATTRS, flags: STATEFUL, shape: samplerShape, grad: 'none' },
  LogUniformCandidateSampler: { inputs: TRUE_CLASSES, attrs: SAMPLER_ATTRS, flags: STATEFUL, shape: samplerShape, grad: 'none' },
  AllCandidateSampler: {
    inputs: TRUE_CLASSES,
    attrs: { num_true: 'int', num_sampled: 'int', unique: 'bool', seed: 'int', seed2: 'int' },
    flags: STATEFUL,
    shape: samplerShape,
    grad: 'none',
  },
  ComputeAccidentalHits: {
    inputs: [
      { name: 'true_classes', type: 'int64' },
      { name: 'sampled_candidates', type: 'int64' },
    ],
    attrs: { num_true: 'int', seed: 'int', seed2: 'int' },
    // true_classes [batch, num_true], sampled_candidates a vector; three vectors of as many hits as there are.
    shape: (c) => {
      const d = withRank(inShape(c, 0), 2).dims![1]!;
      if (d !== null && d !== c.attrs.num_true) throw new ShapeError(`Dimension must be ${c.attrs.num_true} but is ${d}`);
      withRank(inShape(c, 1), 1);
      const v = new TensorShape([null]);
      return [
        { dtype: 'int32', shape: v },
        { dtype: 'int64', shape: v },
        { dtype: 'float32', shape: v },
      ];
    },
    grad: 'none',
  },
};
