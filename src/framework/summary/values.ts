// Summary values as TF1's summary kernels make them (core/kernels/summary_op.cc, summary_image_op.cc,
// summary_tensor_op.cc): a scalar's simple_value, a histogram, PNG images, and text as a string tensor with the
// text plugin's metadata. The tf.summary ops run these as their kernels; a FileWriter writes what they return.
import { create } from '@bufbuild/protobuf';
import { InvalidArgumentError } from '../errors.js';
import { DataType } from '../proto/tensorflow/core/framework/types_pb.js';
import { type Summary, type Summary_Value, SummarySchema, Summary_ValueSchema } from '../proto/tensorflow/core/framework/summary_pb.js';
import { Histogram } from './histogram.js';

/** A Summary of these values (what a summary op's run returns, serialized). */
export const summaryOf = (values: readonly Summary_Value[]): Summary => create(SummarySchema, { value: [...values] });

/** ScalarSummary's value: `tag` with the number as simple_value (float32, as TF's `float` field stores it). */
export function scalarValue(tag: string, value: number): Summary_Value {
  return create(Summary_ValueSchema, { tag, value: { case: 'simpleValue', value: Math.fround(value) } });
}

/**
 * HistogramSummary's value: the values counted in TF's default buckets. A NaN or an infinity is TF's
 * InvalidArgumentError naming the op (`Nan in summary histogram for: name`).
 */
export function histogramValue(tag: string, values: ArrayLike<number>, opName = tag): Summary_Value {
  const h = new Histogram();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) throw new InvalidArgumentError(`Nan in summary histogram for: ${opName}`, opName);
    if (!Number.isFinite(v)) throw new InvalidArgumentError(`Infinity in summary histogram for: ${opName}`, opName);
    h.add(v);
  }
  return create(Summary_ValueSchema, { tag, value: { case: 'histo', value: h.encode(false) } });
}

/**
 * TextSummary's value (TensorSummaryV2 with the text plugin's metadata): the strings as a DT_STRING tensor of
 * `shape` (one string, a scalar, by default).
 */
export function textValue(tag: string, strings: readonly string[], shape: readonly number[] = strings.length === 1 ? [] : [strings.length]): Summary_Value {
  const enc = new TextEncoder();
  return create(Summary_ValueSchema, {
    tag,
    metadata: { pluginData: { pluginName: 'text' } },
    value: {
      case: 'tensor',
      value: { dtype: DataType.DT_STRING, tensorShape: { dim: shape.map((size) => ({ size: BigInt(size) })) }, stringVal: strings.map((s) => enc.encode(s)) },
    },
  });
}
