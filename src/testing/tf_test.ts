/** `tf.test`: TF1's gradient checker (`compute_gradient`, `compute_gradient_error`). */
export { compute_gradient, compute_gradient_error, type ComputeGradientOptions, type JacobianPair } from './compute_gradient.js';
