import type { DType } from './dtypes.js';

/** `tf.float32`. */
export const float32: DType = 'float32';
/** `tf.float64`. */
export const float64: DType = 'float64';
/** `tf.int32`. */
export const int32: DType = 'int32';
/** `tf.int64`. */
export const int64: DType = 'int64';
/** `tf.bool`. */
export const bool: DType = 'bool';
/** `tf.uint8`. */
export const uint8: DType = 'uint8';
/** `tf.int8`. */
export const int8: DType = 'int8';
/** `tf.int16`. */
export const int16: DType = 'int16';
/** `tf.uint16`. */
export const uint16: DType = 'uint16';
/** `tf.string`: byte strings (TF1's DT_STRING). */
export const string: DType = 'string';
