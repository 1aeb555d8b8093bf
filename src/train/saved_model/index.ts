/** `tf.saved_model`: SavedModel's loader and builder, its signature helpers and constants (TF1 r1.12's layout). */
export * as loader from './loader_ns.js';
export * as builder from './builder_ns.js';
export * as utils from './utils_ns.js';
export * as signature_def_utils from './signature_def_utils_ns.js';
export { tag_constants, signature_constants } from './constants.js';
export { simple_save } from './builder.js';
