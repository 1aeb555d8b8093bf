// TF1's saved_model/constants.py, tag_constants.py and signature_constants.py: the file and collection names of
// the SavedModel format, and the standard tags and signature keys.

export const SAVED_MODEL_SCHEMA_VERSION = 1;
export const SAVED_MODEL_FILENAME_PB = 'saved_model.pb';
export const SAVED_MODEL_FILENAME_PBTXT = 'saved_model.pbtxt';
export const VARIABLES_DIRECTORY = 'variables';
export const VARIABLES_FILENAME = 'variables';
export const ASSETS_DIRECTORY = 'assets';
export const ASSETS_KEY = 'saved_model_assets';
export const LEGACY_INIT_OP_KEY = 'legacy_init_op';
export const MAIN_OP_KEY = 'saved_model_main_op';

/** `tf.saved_model.tag_constants`. */
export const tag_constants = Object.freeze({ SERVING: 'serve', TRAINING: 'train', GPU: 'gpu', TPU: 'tpu' });

/** `tf.saved_model.signature_constants`. */
export const signature_constants = Object.freeze({
  DEFAULT_SERVING_SIGNATURE_DEF_KEY: 'serving_default',
  CLASSIFY_INPUTS: 'inputs',
  CLASSIFY_METHOD_NAME: 'tensorflow/serving/classify',
  CLASSIFY_OUTPUT_CLASSES: 'classes',
  CLASSIFY_OUTPUT_SCORES: 'scores',
  PREDICT_INPUTS: 'inputs',
  PREDICT_METHOD_NAME: 'tensorflow/serving/predict',
  PREDICT_OUTPUTS: 'outputs',
  REGRESS_INPUTS: 'inputs',
  REGRESS_METHOD_NAME: 'tensorflow/serving/regress',
  REGRESS_OUTPUTS: 'outputs',
});
