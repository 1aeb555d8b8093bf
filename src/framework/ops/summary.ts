// The summary ops (tensorflow/core/ops/logging_ops.cc): ScalarSummary, HistogramSummary and MergeSummary, each a
// serialized Summary protobuf in a string scalar. TF1 registers them NotDifferentiable (python/ops/logging_ops.py).
import type { NoAttrs, OpDefs } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { REAL, one } from '../shape_util.js';

/** The attributes of the summary ops. */
export interface SummaryAttrs {
  ScalarSummary: NoAttrs;
  HistogramSummary: NoAttrs;
  MergeSummary: NoAttrs;
}

const scalarString = () => one('string', new TensorShape([]));

/** Definitions of the summary ops. */
export const SUMMARY_OPS: OpDefs<SummaryAttrs> = {
  ScalarSummary: {
    inputs: [
      { name: 'tags', type: 'string' },
      { name: 'values', type: { attr: 'T', allowed: REAL } },
    ],
    attrs: {},
    shape: scalarString,
    grad: 'none',
  },
  HistogramSummary: {
    inputs: [
      { name: 'tag', type: 'string' },
      { name: 'values', type: { attr: 'T', allowed: REAL } },
    ],
    attrs: {},
    shape: scalarString,
    grad: 'none',
  },
  MergeSummary: {
    inputs: [{ name: 'inputs', type: 'string', list: true }],
    attrs: {},
    shape: scalarString,
    grad: 'none',
  },
};
