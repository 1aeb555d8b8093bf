// `tf.contrib`: the parts of TF1's contrib that tf1-ts has.
export * as layers from './contrib_layers.js';
// `tf.contrib.rnn`: the RNN cells and static RNNs (issue 19).
export * as rnn from './rnn/contrib_rnn.js';
