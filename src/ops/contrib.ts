// `tf.contrib`: the parts of TF1's contrib that tf1-ts has.
export * as layers from './contrib_layers.js';
