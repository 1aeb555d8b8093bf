// `tf.contrib.layers`: the initializers and regularizers TF1 programs take from it.
export { xavier_initializer, xavier_initializer_conv2d, variance_scaling_initializer } from './contrib_initializers.js';
export { l1_regularizer, sum_regularizer, apply_regularization, l2_regularizer, l1_l2_regularizer } from './regularizers.js';
