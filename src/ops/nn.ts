/** `tf.nn`: neural-network ops. */
export { softmax, log_softmax, relu, relu6, softplus, softsign, leaky_relu } from './nn_ops.js';
export { sigmoid } from './math_ops.js';
export { tanh } from './math_unary_ops.js';
export { softmax_cross_entropy_with_logits, softmax_cross_entropy_with_logits_v2, sparse_softmax_cross_entropy_with_logits, l2_loss } from './nn_xent.js';
export { sigmoid_cross_entropy_with_logits, weighted_cross_entropy_with_logits } from './nn_impl.js';
export { embedding_lookup } from './array_index_ops.js';
export { elu, selu } from './nn_ops.js';
export { dropout } from './nn_dropout.js';
export { bias_add } from './nn_bias.js';
export { top_k, in_top_k } from './nn_topk.js';
export { l2_normalize, batch_normalization } from './nn_norm.js';
export { moments, weighted_moments, sufficient_statistics, normalize_moments } from './nn_moments.js';
export { uniform_candidate_sampler, log_uniform_candidate_sampler, all_candidate_sampler, compute_accidental_hits } from './candidate_sampling_ops.js';
export { nce_loss, sampled_softmax_loss } from './nn_sampled.js';
export { max_pool, avg_pool } from './nn_pool.js';
export { conv2d, conv2d_backprop_input, conv2d_backprop_filter, conv2d_transpose } from './nn_conv.js';
export {
  depthwise_conv2d,
  depthwise_conv2d_native,
  depthwise_conv2d_native_backprop_input,
  depthwise_conv2d_native_backprop_filter,
  separable_conv2d,
} from './nn_depthwise.js';
export { fused_batch_norm } from './nn_fused_bn.js';
export { with_space_to_batch, convolution, atrous_conv2d } from './nn_atrous.js';
// recurrent networks (issue 19): tf.nn.rnn_cell and the static RNNs
export * as rnn_cell from './rnn/rnn_cell_ns.js';
export { static_rnn, static_bidirectional_rnn } from './rnn/rnn.js';
// tf.nn.dynamic_rnn, tf.nn.bidirectional_dynamic_rnn (issue 19, tarray)
export { dynamic_rnn, bidirectional_dynamic_rnn } from './rnn/dynamic_rnn.js';
