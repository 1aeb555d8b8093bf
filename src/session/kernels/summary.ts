// Host kernels of the summary ops (core/kernels/summary_op.cc, summary_image_op.cc, summary_audio_op.cc,
// summary_tensor_op.cc): each writes one serialized Summary.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import { SummaryMetadataSchema, SummarySchema, Summary_ValueSchema, type Summary_Value } from '../../framework/proto/tensorflow/core/framework/summary_pb.js';
import { TensorProtoSchema, type TensorProto } from '../../framework/proto/tensorflow/core/framework/tensor_pb.js';
import { audioValues } from '../../framework/summary/audio.js';
import { imageValues } from '../../framework/summary/image.js';
import { histogramValue, scalarValue, summaryOf } from '../../framework/summary/values.js';
import { dataTypeOf, shapeProto } from '../../graph/graph_def_proto.js';
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

/** ImageSummary: up to max_images PNGs of a [batch, h, w, 1|3|4] uint8 or float batch (floats normalized). */
const imageSummary: HostKernel<'ImageSummary'> = ({ name, inputs, attrs, output }) => {
  const [tag, tensor] = inputs as [NDArray, NDArray];
  if (tag.shape.length !== 0) throw new InvalidArgumentError('Tags must be a scalar', name);
  const s = tensor.shape;
  if (s.length !== 4 || ![1, 3, 4].includes(s[3]!)) throw new InvalidArgumentError(`Tensor must be 4-D with last dim 1, 3, or 4, not [${s.join(',')}]`, name);
  const shape = s as unknown as readonly [number, number, number, number];
  const data = tensor.data as Uint8Array | Float32Array | Float64Array;
  let values: Summary_Value[];
  try {
    values = imageValues(UTF8.decode(tag.strings[0]), { shape, data }, attrs.max_images, [...attrs.bad_color.data]);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new InvalidArgumentError(e.message, name);
    throw e;
  }
  output(0, []).strings[0] = toBinary(SummarySchema, summaryOf(values));
};

/** AudioSummaryV2: up to max_outputs WAV clips of a [batch, frames(, channels)] float32 batch at sample_rate. */
const audioSummary: HostKernel<'AudioSummaryV2'> = ({ name, inputs, attrs, output }) => {
  const [tag, tensor, rate] = inputs as [NDArray, NDArray, NDArray];
  if (tag.shape.length !== 0) throw new InvalidArgumentError('Tag must be a scalar', name);
  let values: Summary_Value[];
  try {
    values = audioValues(UTF8.decode(tag.strings[0]), { shape: tensor.shape, data: tensor.data as Float32Array }, rate.data[0]!, attrs.max_outputs);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new InvalidArgumentError(e.message, name);
    throw e;
  }
  output(0, []).strings[0] = toBinary(SummarySchema, summaryOf(values));
};

/** A tensor as TF's summary kernel stores it: strings in string_val (AsProtoField), the rest as tensor_content. */
function tensorContentProto(t: NDArray): TensorProto {
  const p = create(TensorProtoSchema, { dtype: dataTypeOf(t.dtype), tensorShape: shapeProto(t.shape) });
  if (t.dtype === 'string') p.stringVal = [...t.strings];
  else if (t.dtype === 'int64') p.tensorContent = new Uint8Array(BigInt64Array.from(t.data, (x) => BigInt(x)).buffer);
  else p.tensorContent = new Uint8Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength));
  return p;
}

/** TensorSummaryV2: the tensor itself under `tag`, with the SummaryMetadata serialized in the third input. */
const tensorSummary: HostKernel<'TensorSummaryV2'> = ({ name, inputs, output }) => {
  const [tag, tensor, meta] = inputs as [NDArray, NDArray, NDArray];
  if (tag.shape.length !== 0) throw new InvalidArgumentError('tag must be scalar', name);
  let metadata = create(SummaryMetadataSchema);
  try {
    metadata = fromBinary(SummaryMetadataSchema, meta.strings[0]!);
  } catch {
    // TF ignores ParseFromString's result: metadata that does not parse leaves the value's metadata empty.
  }
  const value = create(Summary_ValueSchema, { tag: UTF8.decode(tag.strings[0]), metadata, value: { case: 'tensor', value: tensorContentProto(tensor) } });
  output(0, []).strings[0] = toBinary(SummarySchema, summaryOf([value]));
};

/** Kernels of the summary ops. */
export const SUMMARY_KERNELS: {
  ScalarSummary: HostKernel<'ScalarSummary'>;
  HistogramSummary: HostKernel<'HistogramSummary'>;
  MergeSummary: HostKernel<'MergeSummary'>;
  ImageSummary: HostKernel<'ImageSummary'>;
  AudioSummaryV2: HostKernel<'AudioSummaryV2'>;
  TensorSummaryV2: HostKernel<'TensorSummaryV2'>;
} = {
  ScalarSummary: scalarSummary,
  HistogramSummary: histogramSummary,
  MergeSummary: mergeSummary,
  ImageSummary: imageSummary,
  AudioSummaryV2: audioSummary,
  TensorSummaryV2: tensorSummary,
};
