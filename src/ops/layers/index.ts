// `tf.layers` (TF1 r1.12): the layer classes and their functional forms.
export { Layer } from './base.js';
export { InputSpec } from './input_spec.js';
export { Dense, dense, Dropout, dropout, Flatten, flatten } from './core.js';
export { Conv2D, conv2d } from './convolutional.js';
export { MaxPooling2D, max_pooling2d, AveragePooling2D, average_pooling2d } from './pooling.js';
export { BatchNormalization, batch_normalization } from './normalization.js';
