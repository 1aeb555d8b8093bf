// TF1's protobuf messages of summaries and events (tf.Summary, tf.SessionLog, tf.Event, ...) built from TF1's
// field names: `tf.Summary({ value: [tf.Summary.Value({ tag: 'loss', simple_value: 0.5 })] })`. The result is
// the generated @bufbuild/protobuf message (fields in camelCase: `summary.value[0].simpleValue`), which the
// FileWriter serializes and summary_iterator returns.
import { create, type DescField, type DescMessage, isMessage, type Message, ScalarType } from '@bufbuild/protobuf';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { isPlainObject } from '../framework/args.js';
import {
  type HistogramProto as HistogramProtoMsg,
  HistogramProtoSchema,
  type Summary as SummaryMsg,
  type Summary_Audio,
  Summary_AudioSchema,
  type Summary_Image,
  Summary_ImageSchema,
  type Summary_Value,
  Summary_ValueSchema,
  type SummaryMetadata as SummaryMetadataMsg,
  type SummaryMetadata_PluginData,
  SummaryMetadata_PluginDataSchema,
  SummaryMetadataSchema,
  SummarySchema,
} from '../framework/proto/tensorflow/core/framework/summary_pb.js';
import { type Event as EventMsg, EventSchema, type SessionLog as SessionLogMsg, SessionLogSchema } from '../framework/proto/tensorflow/core/util/event_pb.js';

type Init = Record<string, unknown>;

function convertScalar(f: DescField, t: ScalarType, v: unknown): unknown {
  const bad = (): Error =>
    new TFTypeError(`${String(v)} has type ${typeof v}, but expected one of: ${ScalarType[t]?.toLowerCase()} for field ${f.parent.name}.${f.name}`);
  switch (t) {
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      throw bad();
    case ScalarType.BYTES:
      if (v instanceof Uint8Array) return v;
      if (typeof v === 'string') return new TextEncoder().encode(v);
      throw bad();
    case ScalarType.STRING:
      if (typeof v === 'string') return v;
      throw bad();
    case ScalarType.BOOL:
      if (typeof v === 'boolean') return v;
      throw bad();
    default:
      if (typeof v === 'number') return v;
      throw bad();
  }
}

function convertEnum(f: DescField & { enum: { values: { name: string; number: number }[] } }, v: unknown): number {
  if (typeof v === 'number') return v;
  const e = typeof v === 'string' ? f.enum.values.find((x) => x.name === v) : undefined;
  if (!e) throw new ValueError(`Enum ${f.parent.name}.${f.name} has no value named ${String(v)}.`);
  return e.number;
}

function convertMessage<T extends Message>(schema: DescMessage, v: unknown): T {
  if (isMessage(v, schema)) return v as unknown as T;
  if (!isPlainObject(v)) throw new TFTypeError(`Parameter to ${schema.name} must be a ${schema.typeName} or a dict of its fields, not ${String(v)}`);
  return fromFields<T>(schema, v);
}

function convertField(f: DescField, v: unknown): unknown {
  switch (f.fieldKind) {
    case 'scalar':
      return convertScalar(f, f.scalar, v);
    case 'enum':
      return convertEnum(f, v);
    case 'message':
      return convertMessage(f.message, v);
    case 'list': {
      if (!Array.isArray(v)) throw new TFTypeError(`Field ${f.parent.typeName}.${f.name} is repeated: give a list, not ${String(v)}`);
      if (f.listKind === 'message') return v.map((x) => convertMessage(f.message, x));
      if (f.listKind === 'enum') return v.map((x) => convertEnum(f as never, x));
      return v.map((x) => convertScalar(f, f.scalar, x));
    }
    default:
      throw new ValueError(`Map field ${f.parent.typeName}.${f.name} is not supported here`);
  }
}

/** The message of `schema` whose fields, by TF1's (proto) names, are `fields`; Python protobuf's errors. */
export function fromFields<T extends Message>(schema: DescMessage, fields: Init): T {
  const init: Init = {};
  for (const [key, v] of Object.entries(fields)) {
    if (v === undefined || v === null) continue;
    const f = schema.fields.find((x) => x.name === key);
    if (!f) throw new ValueError(`Protocol message ${schema.name} has no "${key}" field.`);
    const value = convertField(f, v);
    if (f.oneof) init[f.oneof.localName] = { case: f.localName, value };
    else init[f.localName] = value;
  }
  return create(schema, init as never) as unknown as T;
}

/** A TF1 message class as a function of its fields by keyword (Python protobuf takes no positional values). */
export function messageOf<T extends Message>(schema: DescMessage): (fields?: Init) => T {
  const f = {
    [schema.name]: (...args: unknown[]): T => {
      if (args.length > 1 || (args.length === 1 && args[0] !== undefined && !isPlainObject(args[0]))) {
        throw new TFTypeError('No positional arguments allowed');
      }
      return fromFields<T>(schema, (args[0] as Init | undefined) ?? {});
    },
  }[schema.name]!;
  return f;
}

/** TF1's `tf.Summary(value=[...])`, with `tf.Summary.Value`, `tf.Summary.Image` and `tf.Summary.Audio`. */
export const Summary = Object.assign(messageOf<SummaryMsg>(SummarySchema), {
  Value: messageOf<Summary_Value>(Summary_ValueSchema),
  Image: messageOf<Summary_Image>(Summary_ImageSchema),
  Audio: messageOf<Summary_Audio>(Summary_AudioSchema),
});
/** TF1's `tf.SessionLog(status, checkpoint_path, msg)` and its statuses (`tf.SessionLog.START`). */
export const SessionLog = Object.assign(messageOf<SessionLogMsg>(SessionLogSchema), { STATUS_UNSPECIFIED: 0, START: 1, STOP: 2, CHECKPOINT: 3 } as const);
/** TF1's `tf.Event(wall_time, step, file_version | graph_def | summary | ...)`. */
export const Event = messageOf<EventMsg>(EventSchema);
/** TF1's `tf.HistogramProto(min, max, num, sum, sum_squares, bucket_limit, bucket)`. */
export const HistogramProto = messageOf<HistogramProtoMsg>(HistogramProtoSchema);
/** TF1's `tf.SummaryMetadata(display_name, summary_description, plugin_data)`, with `tf.SummaryMetadata.PluginData`. */
export const SummaryMetadata = Object.assign(messageOf<SummaryMetadataMsg>(SummaryMetadataSchema), {
  PluginData: messageOf<SummaryMetadata_PluginData>(SummaryMetadata_PluginDataSchema),
});
