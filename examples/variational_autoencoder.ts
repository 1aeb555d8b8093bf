// Variational Auto-Encoder Example.
//
// Using a variational auto-encoder to generate digits images from noise.
// MNIST handwritten digits are used as training examples.
//
// References:
//     - Auto-Encoding Variational Bayes The International Conference on Learning
//     Representations (ICLR), Banff, 2014. D.P. Kingma, M. Welling
//     - Understanding the difficulty of training deep feedforward neural networks.
//     X Glorot, Y Bengio. Aistats 9, 249-256
//     - Y. LeCun, L. Bottou, Y. Bengio, and P. Haffner. "Gradient-based
//     learning applied to document recognition." Proceedings of the IEEE,
//     86(11):2278-2324, November 1998.
//
// Links:
//     - [VAE Paper] https://arxiv.org/abs/1312.6114
//     - [MNIST Dataset] http://yann.lecun.com/exdb/mnist/
//
// Author: Aymeric Damien
// Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (examples/3_NeuralNetworks/variational_autoencoder.py, line for line; matplotlib's figure of the manifold left
// out: the canvas is returned.)
//
// Published figure: the repository prints none (the manifold of digits only); this port's run: docs/examples.md.
// Short setting (CI): 100 steps, not 30000.
import * as tf from 'tf1-ts';
// Import MNIST data
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, percent, print } from './lib/example.js';

export async function main({ short = false }: ExampleOptions = {}) {
  const mnist = input_data.read_data_sets('/tmp/data/', { one_hot: true });

  // Parameters
  const learning_rate = 0.001;
  const num_steps = short ? 100 : 30000;
  const batch_size = 64;

  // Network Parameters
  const image_dim = 784; // MNIST images are 28x28 pixels
  const hidden_dim = 512;
  const latent_dim = 2;

  // A custom initialization (see Xavier Glorot init)
  function glorot_init(shape: number[]): tf.Tensor {
    // TF1: stddev=1. / tf.sqrt(shape[0] / 2.) (JavaScript has no float literal: the float32 constant is given)
    return tf.random_normal({ shape: shape, stddev: tf.div(1, tf.sqrt(tf.constant(shape[0]! / 2, tf.float32))) });
  }

  // Variables
  const weights = {
    encoder_h1: tf.Variable(glorot_init([image_dim, hidden_dim])),
    z_mean: tf.Variable(glorot_init([hidden_dim, latent_dim])),
    z_std: tf.Variable(glorot_init([hidden_dim, latent_dim])),
    decoder_h1: tf.Variable(glorot_init([latent_dim, hidden_dim])),
    decoder_out: tf.Variable(glorot_init([hidden_dim, image_dim])),
  };
  const biases = {
    encoder_b1: tf.Variable(glorot_init([hidden_dim])),
    z_mean: tf.Variable(glorot_init([latent_dim])),
    z_std: tf.Variable(glorot_init([latent_dim])),
    decoder_b1: tf.Variable(glorot_init([hidden_dim])),
    decoder_out: tf.Variable(glorot_init([image_dim])),
  };

  // Building the encoder
  const input_image = tf.placeholder(tf.float32, { shape: [null, image_dim] });
  let encoder = tf.matmul(input_image, weights.encoder_h1).add(biases.encoder_b1);
  encoder = tf.nn.tanh(encoder);
  const z_mean = tf.matmul(encoder, weights.z_mean).add(biases.z_mean);
  const z_std = tf.matmul(encoder, weights.z_std).add(biases.z_std);

  // Sampler: Normal (gaussian) random distribution
  const eps = tf.random_normal(tf.shape(z_std), { dtype: tf.float32, mean: 0, stddev: 1.0, name: 'epsilon' });
  const z = z_mean.add(tf.exp(z_std.div(2)).mul(eps));

  // Building the decoder (with scope to re-use these layers later)
  let decoder = tf.matmul(z, weights.decoder_h1).add(biases.decoder_b1);
  decoder = tf.nn.tanh(decoder);
  decoder = tf.matmul(decoder, weights.decoder_out).add(biases.decoder_out);
  decoder = tf.nn.sigmoid(decoder);

  // Define VAE Loss
  function vae_loss(x_reconstructed: tf.Tensor, x_true: tf.Tensor): tf.Tensor {
    // Reconstruction loss
    let encode_decode_loss = x_true
      .mul(tf.log(tf.add(1e-10, x_reconstructed)))
      .add(tf.subtract(1, x_true).mul(tf.log(tf.subtract(1e-10 + 1, x_reconstructed))));
    encode_decode_loss = tf.negative(tf.reduce_sum(encode_decode_loss, 1));
    // KL Divergence loss
    let kl_div_loss = tf.add(1, z_std).sub(tf.square(z_mean)).sub(tf.exp(z_std));
    kl_div_loss = tf.multiply(-0.5, tf.reduce_sum(kl_div_loss, 1));
    return tf.reduce_mean(encode_decode_loss.add(kl_div_loss));
  }

  const loss_op = vae_loss(decoder, input_image);
  const optimizer = new tf.train.RMSPropOptimizer({ learning_rate: learning_rate });
  const train_op = optimizer.minimize(loss_op);

  // Initialize the variables (i.e. assign their default value)
  const init = tf.global_variables_initializer();

  const losses: { step: number; loss: number }[] = [];
  // Start training
  // with tf.Session() as sess:
  const sess = new tf.Session();

  // Run the initializer
  await sess.run(init);

  for (let i = 1; i < num_steps + 1; i++) {
    // Prepare Data
    // Get the next batch of MNIST data (only images are needed, not labels)
    const [batch_x] = mnist.train.next_batch(batch_size);

    // Train
    const feed_dict = new Map([[input_image, batch_x]]);
    const [, l] = await sess.run([train_op, loss_op], feed_dict);
    if (i % 1000 === 0 || i === 1 || (short && i === num_steps)) {
      // (the short setting also prints its last step)
      losses.push({ step: i, loss: l!.item() });
      print(percent('Step %i, Loss: %f', i, l));
    }
  }

  // Testing
  // Generator takes noise as input
  const noise_input = tf.placeholder(tf.float32, { shape: [null, latent_dim] });
  // Rebuild the decoder to create image from noise
  decoder = tf.matmul(noise_input, weights.decoder_h1).add(biases.decoder_b1);
  decoder = tf.nn.tanh(decoder);
  decoder = tf.matmul(decoder, weights.decoder_out).add(biases.decoder_out);
  decoder = tf.nn.sigmoid(decoder);

  // Building a manifold of generated digits
  const n = 20;
  const linspace = (a: number, b: number, k: number) => Array.from({ length: k }, (_, t) => a + ((b - a) * t) / (k - 1));
  const x_axis = linspace(-3, 3, n);
  const y_axis = linspace(-3, 3, n);

  // canvas = np.empty((28 * n, 28 * n)), row-major
  const canvas = new Float64Array(28 * n * 28 * n);
  for (const [i, yi] of x_axis.entries()) {
    for (const [j, xi] of y_axis.entries()) {
      const z_mu = new tf.NDArray(
        Float64Array.from({ length: 2 * batch_size }, (_, t) => (t % 2 === 0 ? xi : yi)),
        [batch_size, 2],
        'float64',
      );
      const x_mean = await sess.run(decoder, new Map([[noise_input, z_mu]]));
      // canvas[(n - i - 1) * 28:(n - i) * 28, j * 28:(j + 1) * 28] = x_mean[0].reshape(28, 28)
      for (let r = 0; r < 28; r++) {
        for (let c = 0; c < 28; c++) canvas[((n - i - 1) * 28 + r) * 28 * n + j * 28 + c] = x_mean.data[r * 28 + c] as number;
      }
    }
  }
  // (matplotlib's figure of the canvas left out)
  sess.close();
  return { losses, canvas };
}
