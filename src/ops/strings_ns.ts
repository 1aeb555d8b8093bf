// `tf.strings`: TF1 r1.12's string namespace, for the string ops tf1-ts has (`tf.strings.join` is `tf.string_join`).
export { string_join as join, string_format as format } from './string_ops.js';
