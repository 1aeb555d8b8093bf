// The parameters of tf.layers.BatchNormalization and tf.layers.batch_normalization, in TF1's order and with TF1's
// names (python/layers/normalization.py, r1.12).
import { opt, req } from '../../framework/args.js';
import { ANY, BOOL, FLOAT, TENSOR, kind } from '../kinds.js';
import { FN, INITIALIZER, LAYER_NAME, REUSE, TRAINING } from './kinds.js';

/** An axis or a list of axes. */
const AXES = kind<number | readonly number[]>(
  'int or list of ints',
  (v) => (typeof v === 'number' && Number.isInteger(v)) || (Array.isArray(v) && v.every((a) => typeof a === 'number' && Number.isInteger(a))),
);

const BN_COMMON = [
  opt('axis', AXES),
  opt('momentum', FLOAT),
  opt('epsilon', FLOAT),
  opt('center', BOOL),
  opt('scale', BOOL),
  opt('beta_initializer', INITIALIZER),
  opt('gamma_initializer', INITIALIZER),
  opt('moving_mean_initializer', INITIALIZER),
  opt('moving_variance_initializer', INITIALIZER),
  opt('beta_regularizer', FN),
  opt('gamma_regularizer', FN),
  opt('beta_constraint', FN),
  opt('gamma_constraint', FN),
] as const;

/** The layer's constructor parameters. */
export const BN = [
  ...BN_COMMON,
  opt('renorm', BOOL),
  opt('renorm_clipping', ANY),
  opt('renorm_momentum', FLOAT),
  opt('fused', BOOL),
  opt('trainable', BOOL),
  opt('virtual_batch_size', ANY),
  opt('adjustment', ANY),
  opt('name', LAYER_NAME),
] as const;

/** The functional form's parameters: the input, the layer's parameters, and `training` and `reuse`. */
export const BN_FN = [
  req('inputs', TENSOR),
  ...BN_COMMON,
  opt('training', TRAINING),
  opt('trainable', BOOL),
  opt('name', LAYER_NAME),
  opt('reuse', REUSE),
  opt('renorm', BOOL),
  opt('renorm_clipping', ANY),
  opt('renorm_momentum', FLOAT),
  opt('fused', BOOL),
  opt('virtual_batch_size', ANY),
  opt('adjustment', ANY),
] as const;
