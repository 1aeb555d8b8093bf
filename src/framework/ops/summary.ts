// The summary ops (tensorflow/core/ops/logging_ops.cc): ScalarSummary, HistogramSummary, ImageSummary,
// AudioSummaryV2, TensorSummaryV2 and MergeSummary, each a serialized Summary protobuf in a string scalar. TF1
// registers them NotDifferentiable (python/ops/logging_ops.py).
import { ALL_DTYPES } from '../dtypes.js';
import type { NDArray } from '../ndarray.js';
import type { NoAttrs, OpDefs } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { REAL, one } from '../shape_util.js';

/** The attributes of the summary ops. */
export interface SummaryAttrs {
  ScalarSummary: NoAttrs;
  HistogramSummary: NoAttrs;
  MergeSummary: NoAttrs;
  /** `max_images` (≥ 1, 3 by default); `bad_color`, the uint8 vector non-finite pixels take ([255, 0, 0, 255]). */
  ImageSummary: { max_images: number; bad_color: NDArray };
  /** `max_outputs` (≥ 1, 3 by default). */
  AudioSummaryV2: { max_outputs: number };
  TensorSummaryV2: NoAttrs;
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
  ImageSummary: {
    inputs: [
      { name: 'tag', type: 'string' },
      { name: 'tensor', type: { attr: 'T', allowed: ['uint8', 'float32', 'float64'] } },
    ],
    attrs: { max_images: 'int', bad_color: 'tensor' },
    shape: scalarString,
    grad: 'none',
  },
  AudioSummaryV2: {
    inputs: [
      { name: 'tag', type: 'string' },
      { name: 'tensor', type: 'float32' },
      { name: 'sample_rate', type: 'float32' },
    ],
    attrs: { max_outputs: 'int' },
    shape: scalarString,
    grad: 'none',
  },
  TensorSummaryV2: {
    inputs: [
      { name: 'tag', type: 'string' },
      { name: 'tensor', type: { attr: 'T', allowed: ALL_DTYPES } },
      { name: 'serialized_summary_metadata', type: 'string' },
    ],
    attrs: {},
    shape: scalarString,
    grad: 'none',
  },
};
