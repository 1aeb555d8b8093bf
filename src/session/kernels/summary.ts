// Host kernels of the summary ops (core/kernels/summary_op.cc): each writes one serialized Summary.
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { InvalidArgumentError } from '../../framework/errors.js';
import { SummarySchema, type Summary_Value } from '../../framework/proto/tensorflow/core/framework/summary_pb.js';
import { histogramValue, scalarValue, summaryOf } from '../../framework/summary/values.js';
import type { HostKernel } from '../kernel.js';

const UTF8 = new TextDecoder();
const shapeStr = (s: readonly number[]): string => `[${s.join(',')}]`;

/** ScalarSummary: one simple_value per tag; tags and values of one shape. */
const scalarSummary: HostKernel<'ScalarSummary'> = ({ name, inputs, output }) => {
  const [tags, values] = inputs as [NonNullable<(typeof inputs)[0]>, NonNullable<(typeof inputs)[1]>];
  if (tags.shape.join() !== values.shape.join()) {
    const single = tags.size === 1 ? ` (tag '${UTF8.decode(tags.strings[0])}')` : '';
    throw new InvalidArgumentError(`tags and values not the same shape: ${shapeStr(tags.shape)} != ${shapeStr(values.shape)}${single}`, name);
  }
  const vals: Summary_Value[] = [];
  for (let i = 0; i < tags.size; i++) vals.push(scalarValue(UTF8.decode(tags.strings[i]), values.data[i]!));
  output(0, []).strings[0] = toBinary(SummarySchema, summaryOf(vals));
};

/** HistogramSummary: the values (any shape) in TF's default buckets under one scalar tag. */
const histogramSummary: HostKernel<'HistogramSummary'> = ({ name, inputs, output }) => {
  const [tag, values] = inputs as [NonNullable<(typeof inputs)[0]>, NonNullable<(typeof inputs)[1]>];
  if (tag.shape.length !== 0) throw new InvalidArgumentError(`tags must be scalar`, name);
  output(0, []).strings[0] = toBinary(SummarySchema, summaryOf([histogramValue(UTF8.decode(tag.strings[0]), values.data, name)]));
};

/** MergeSummary: the values of every input Summary, a tag at most once. */
const mergeSummary: HostKernel<'MergeSummary'> = ({ name, inputs, output }) => {
  const seen = new Set<string>();
  const vals: Summary_Value[] = [];
  for (const input of inputs) {
    for (const bytes of input!.strings) {
      let s: ReturnType<typeof summaryOf>;
      try {
        s = fromBinary(SummarySchema, bytes);
      } catch {
        throw new InvalidArgumentError('Could not parse one of the summary inputs', name);
      }
      for (const v of s.value) {
        if (seen.has(v.tag)) throw new InvalidArgumentError(`Duplicate tag ${v.tag} found in summary inputs`, name);
        seen.add(v.tag);
        vals.push(v);
      }
    }
  }
  output(0, []).strings[0] = toBinary(SummarySchema, summaryOf(vals));
};

/** Kernels of the summary ops. */
export const SUMMARY_KERNELS: {
  ScalarSummary: HostKernel<'ScalarSummary'>;
  HistogramSummary: HostKernel<'HistogramSummary'>;
  MergeSummary: HostKernel<'MergeSummary'>;
} = { ScalarSummary: scalarSummary, HistogramSummary: histogramSummary, MergeSummary: mergeSummary };
