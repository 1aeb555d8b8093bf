/** `tf.summary`: the FileWriter that TensorBoard's event files come from. */
export { FileWriter } from './writer.js';
export { FileWriterCache } from './writer_cache.js';
export { scalar, histogram, merge, merge_all, image, audio, text, tensor_summary } from './ops.js';
