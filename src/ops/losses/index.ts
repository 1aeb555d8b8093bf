/** `tf.losses`: TF1's loss functions (losses_impl.py) and their collection helpers (util.py). */
export { Reduction, compute_weighted_loss } from './weighted.js';
export {
  absolute_difference,
  mean_squared_error,
  hinge_loss,
  huber_loss,
  log_loss,
  softmax_cross_entropy,
  sparse_softmax_cross_entropy,
  sigmoid_cross_entropy,
} from './losses_impl.js';
export { add_loss, get_losses, get_regularization_losses, get_regularization_loss, get_total_loss } from './util.js';
