import type { DType } from './dtypes.js';

/** `tf.float32`. */
export const float32 = 'float32' as const satisfies DType;
/** `tf.float64`. */
export const float64 = 'float64' as const satisfies DType;
/** `tf.int32`. */
export const int32 = 'int32' as const satisfies DType;
/** `tf.int64`. */
export const int64 = 'int64' as const satisfies DType;
/** `tf.bool`. */
export const bool = 'bool' as const satisfies DType;
/** `tf.uint8`. */
export const uint8 = 'uint8' as const satisfies DType;
/** `tf.int8`. */
export const int8 = 'int8' as const satisfies DType;
/** `tf.int16`. */
export const int16 = 'int16' as const satisfies DType;
/** `tf.uint16`. */
export const uint16 = 'uint16' as const satisfies DType;
/** `tf.string`: byte strings (TF1's DT_STRING). */
export const string = 'string' as const satisfies DType;
