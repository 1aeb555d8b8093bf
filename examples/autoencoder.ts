// Auto Encoder Example.
// Using an auto encoder on MNIST handwritten digits.
// References:
//     Y. LeCun, L. Bottou, Y. Bengio, and P. Haffner. "Gradient-based
//     learning applied to document recognition." Proceedings of the IEEE,
//     86(11):2278-2324, November 1998.
// Links:
//     [MNIST Dataset] http://yann.lecun.com/exdb/mnist/
// (aymericdamien/TensorFlow-Examples examples/3_NeuralNetworks/autoencoder.py, the epochs version, line for line;
// matplotlib's figure of the reconstructions left out.)
//
// Published figure: the repository shows only the reconstructed digits; this port's full run: docs/examples.md.
// Short setting (CI): 1 epoch of 50 batches.
import * as tf from 'tf1-ts';
// Import MNIST data
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, fixed, percent, print } from './lib/example.js';

export async function main({ short = false }: ExampleOptions = {}) {
  const mnist = input_data.read_data_sets('MNIST_data', { one_hot: true });

  // Parameters
  const learning_rate = 0.01;
  const training_epochs = short ? 1 : 20;
  const batch_size = 256;
  const display_step = 1;
  const examples_to_show = 10;

  // Network Parameters
  const n_hidden_1 = 256; // 1st layer num features
  const n_hidden_2 = 128; // 2nd layer num features
  const n_input = 784; // MNIST data input (img shape: 28*28)

  // tf Graph input (only pictures)
  const X = tf.placeholder('float', [null, n_input]);

  const weights = {
    encoder_h1: tf.Variable(tf.random_normal([n_input, n_hidden_1])),
    encoder_h2: tf.Variable(tf.random_normal([n_hidden_1, n_hidden_2])),
    decoder_h1: tf.Variable(tf.random_normal([n_hidden_2, n_hidden_1])),
    decoder_h2: tf.Variable(tf.random_normal([n_hidden_1, n_input])),
  };
  const biases = {
    encoder_b1: tf.Variable(tf.random_normal([n_hidden_1])),
    encoder_b2: tf.Variable(tf.random_normal([n_hidden_2])),
    decoder_b1: tf.Variable(tf.random_normal([n_hidden_1])),
    decoder_b2: tf.Variable(tf.random_normal([n_input])),
  };

  // Building the encoder
  function encoder(x: tf.Tensor): tf.Tensor {
    // Encoder Hidden layer with sigmoid activation #1
    const layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights.encoder_h1), biases.encoder_b1));
    // Decoder Hidden layer with sigmoid activation #2
    const layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights.encoder_h2), biases.encoder_b2));
    return layer_2;
  }

  // Building the decoder
  function decoder(x: tf.Tensor): tf.Tensor {
    // Encoder Hidden layer with sigmoid activation #1
    const layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights.decoder_h1), biases.decoder_b1));
    // Decoder Hidden layer with sigmoid activation #2
    const layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights.decoder_h2), biases.decoder_b2));
    return layer_2;
  }

  // Construct model
  const encoder_op = encoder(X);
  const decoder_op = decoder(encoder_op);

  // Prediction
  const y_pred = decoder_op;
  // Targets (Labels) are the input data.
  const y_true = X;

  // Define loss and optimizer, minimize the squared error
  const cost = tf.reduce_mean(tf.pow(y_true.sub(y_pred), 2));
  const optimizer = new tf.train.RMSPropOptimizer(learning_rate).minimize(cost);

  // Initializing the variables
  const init = tf.global_variables_initializer();

  const costs: number[] = [];
  // Launch the graph
  // with tf.Session() as sess:
  const sess = new tf.Session();
  await sess.run(init);
  const total_batch = short ? 50 : Math.trunc(mnist.train.num_examples / batch_size);
  // Training cycle
  for (let epoch = 0; epoch < training_epochs; epoch++) {
    let c = 0;
    // Loop over all batches
    for (let i = 0; i < total_batch; i++) {
      const [batch_xs] = mnist.train.next_batch(batch_size);
      // Run optimization op (backprop) and cost op (to get loss value)
      const [, l] = await sess.run([optimizer, cost], new Map([[X, batch_xs]]));
      c = l!.item();
      if (short) costs.push(c); // (every batch's cost, for the tests)
    }
    if (!short) costs.push(c);
    // Display logs per epoch step
    if (epoch % display_step === 0) {
      print('Epoch:', percent('%04d', epoch + 1), 'cost=', fixed(c, 9));
    }
  }

  print('Optimization Finished!');

  // Applying encode and decode over test set
  const [test_images] = mnist.test.slice(0, examples_to_show);
  const encode_decode = await sess.run(y_pred, new Map([[X, test_images]]));
  // Compare original images with their reconstructions: matplotlib's figure (left out); their mean squared error
  let reconstruction = 0;
  for (let k = 0; k < encode_decode.data.length; k++) reconstruction += (encode_decode.data[k]! - test_images.data[k]!) ** 2 / encode_decode.data.length;
  sess.close();
  return { costs, reconstruction };
}
