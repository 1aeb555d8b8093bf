// Keras's conv_utils (python/keras/utils/conv_utils.py, r1.12) and the Python spellings tf.layers' messages use.
import { isPlainObject } from '../../framework/args.js';
import { ValueError } from '../../framework/errors.js';
import type { DataFormat } from '../../framework/ops/nn_extra.js';
import { TensorShape } from '../../framework/shape.js';

/** Python's `str()` of a value as the messages print it: None, True, '(1, 2)' for a TensorShape, '[1, None]' for a list. */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof TensorShape) return String(v);
  if (Array.isArray(v)) return `[${v.map((e) => (typeof e === 'string' ? `'${e}'` : pyStr(e))).join(', ')}]`;
  if (isPlainObject(v)) return JSON.stringify(v);
  return String(v);
}

/** Python's type of a value, as `str(type(v))` prints it. */
function pyTypeName(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? "<class 'int'>" : "<class 'float'>";
  if (typeof v === 'string') return "<class 'str'>";
  if (v === null || v === undefined) return "<class 'NoneType'>";
  if (typeof v === 'boolean') return "<class 'bool'>";
  return "<class 'object'>";
}

/** `normalize_tuple(value, n, name)`: an int repeated n times, or a list of n ints; ValueError naming the argument otherwise. */
export function normalizeTuple(value: unknown, n: number, name: string): number[] {
  if (typeof value === 'number' && Number.isInteger(value)) return Array<number>(n).fill(value);
  const message = `The \`${name}\` argument must be a tuple of ${n} integers. Received: ${pyStr(value)}`;
  let values: readonly unknown[];
  if (value instanceof TensorShape) values = value.dims ?? [];
  else if (Array.isArray(value)) values = value;
  else throw new ValueError(message);
  if (values.length !== n) throw new ValueError(message);
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ValueError(`${message} including element ${pyStr(v)} of type ${pyTypeName(v)}`);
    }
  }
  return values.map((v) => Math.trunc(v as number));
}

/** `normalize_padding(value)`: 'valid' or 'same' (any case), lower-cased. */
export function normalizePadding(value: string, causal = false): 'valid' | 'same' {
  const padding = value.toLowerCase();
  if (padding !== 'valid' && padding !== 'same' && !(causal && padding === 'causal')) {
    throw new ValueError(`The \`padding\` argument must be one of "valid", "same" (or "causal", only for \`Conv1D). Received: ${padding}`);
  }
  return padding as 'valid' | 'same';
}

/** `normalize_data_format(value)`: 'channels_first' or 'channels_last' (any case), lower-cased. */
export function normalizeDataFormat(value: string | null | undefined): 'channels_first' | 'channels_last' {
  const format = (value ?? 'channels_last').toLowerCase();
  if (format !== 'channels_first' && format !== 'channels_last') {
    throw new ValueError(`The \`data_format\` argument must be one of "channels_first", "channels_last". Received: ${value}`);
  }
  return format;
}

/** `convert_data_format(data_format, 4)`: NHWC or NCHW. */
export const opFormat = (format: 'channels_first' | 'channels_last'): DataFormat => (format === 'channels_last' ? 'NHWC' : 'NCHW');

/** Keras's `to_snake_case`: a layer class's name as its default name (`MaxPooling2D` -> `max_pooling2d`). */
export function toSnakeCase(name: string): string {
  const intermediate = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2');
  const insecure = intermediate.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return insecure[0] !== '_' ? insecure : `private${insecure}`;
}

/** `tensor_shape.TensorShape(input_shape)` for a shape argument (a TensorShape, a list). */
export const asTensorShape = (s: unknown): TensorShape => (s instanceof TensorShape ? s : new TensorShape(s as (number | null)[] | null));
