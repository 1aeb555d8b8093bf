// `tf.initializers`: TF1 r1.12's second name for each initializer class (`tf.initializers.zeros` is
// `tf.zeros_initializer`), the variables' initializer ops, and `identity`, which has only this name.
export {
  zeros_initializer as zeros,
  ones_initializer as ones,
  constant_initializer as constant,
  random_uniform_initializer as random_uniform,
  random_normal_initializer as random_normal,
  truncated_normal_initializer as truncated_normal,
  uniform_unit_scaling_initializer as uniform_unit_scaling,
  variance_scaling_initializer as variance_scaling,
  glorot_uniform_initializer as glorot_uniform,
  glorot_normal_initializer as glorot_normal,
  identity_initializer as identity,
} from './init_ops.js';
export { global_variables_initializer as global_variables, variables_initializer as variables } from './initializers.js';
export { local_variables_initializer as local_variables } from './variable_checks.js';
