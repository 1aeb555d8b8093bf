/** `tf.python_io`: TFRecord files. */
export { TFRecordWriter, TFRecordOptions, TFRecordCompressionType, tf_record_iterator } from './tf_record.js';
