// Generative Adversarial Networks (GAN).
//
// Using generative adversarial networks (GAN) to generate digit images from a
// noise distribution.
//
// References:
//     - Generative adversarial nets. I Goodfellow, J Pouget-Abadie, M Mirza,
//     B Xu, D Warde-Farley, S Ozair, Y. Bengio. Advances in neural information
//     processing systems, 2672-2680.
//     - Understanding the difficulty of training deep feedforward neural networks.
//     X Glorot, Y Bengio. Aistats 9, 249-256
//
// Links:
//     - [GAN Paper](https://arxiv.org/pdf/1406.2661.pdf).
//     - [MNIST Dataset](http://yann.lecun.com/exdb/mnist/).
//
// Author: Aymeric Damien
// Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/3_NeuralNetworks/gan.py, line for line; matplotlib's figure of the generated digits left
// out: the 40 generated images are returned.)
//
// Published figure: the repository prints none (the generated digits only); this port's run: docs/examples.md.
// Short setting (CI): 100 steps, not 100000.
import * as tf from 'tf1-ts';
// Import MNIST data
import { input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, numpy_random as np_random, percent, print } from './lib/example.js';

export async function main({ short = false }: ExampleOptions = {}) {
  const mnist = input_data.read_data_sets('/tmp/data/', { one_hot: true });

  // Training Params
  const num_steps = short ? 100 : 100000;
  const batch_size = 128;
  const learning_rate = 0.0002;

  // Network Params
  const image_dim = 784; // 28*28 pixels
  const gen_hidden_dim = 256;
  const disc_hidden_dim = 256;
  const noise_dim = 100; // Noise data points

  // A custom initialization (see Xavier Glorot init)
  function glorot_init(shape: number[]): tf.Tensor {
    // TF1: stddev=1. / tf.sqrt(shape[0] / 2.) (JavaScript has no float literal: the float32 constant is given)
    return tf.random_normal({ shape: shape, stddev: tf.div(1, tf.sqrt(tf.constant(shape[0]! / 2, tf.float32))) });
  }

  // Store layers weight & bias
  const weights = {
    gen_hidden1: tf.Variable(glorot_init([noise_dim, gen_hidden_dim])),
    gen_out: tf.Variable(glorot_init([gen_hidden_dim, image_dim])),
    disc_hidden1: tf.Variable(glorot_init([image_dim, disc_hidden_dim])),
    disc_out: tf.Variable(glorot_init([disc_hidden_dim, 1])),
  };
  const biases = {
    gen_hidden1: tf.Variable(tf.zeros([gen_hidden_dim])),
    gen_out: tf.Variable(tf.zeros([image_dim])),
    disc_hidden1: tf.Variable(tf.zeros([disc_hidden_dim])),
    disc_out: tf.Variable(tf.zeros([1])),
  };

  // Generator
  function generator(x: tf.Tensor): tf.Tensor {
    let hidden_layer = tf.matmul(x, weights.gen_hidden1);
    hidden_layer = tf.add(hidden_layer, biases.gen_hidden1);
    hidden_layer = tf.nn.relu(hidden_layer);
    let out_layer = tf.matmul(hidden_layer, weights.gen_out);
    out_layer = tf.add(out_layer, biases.gen_out);
    out_layer = tf.nn.sigmoid(out_layer);
    return out_layer;
  }

  // Discriminator
  function discriminator(x: tf.Tensor): tf.Tensor {
    let hidden_layer = tf.matmul(x, weights.disc_hidden1);
    hidden_layer = tf.add(hidden_layer, biases.disc_hidden1);
    hidden_layer = tf.nn.relu(hidden_layer);
    let out_layer = tf.matmul(hidden_layer, weights.disc_out);
    out_layer = tf.add(out_layer, biases.disc_out);
    out_layer = tf.nn.sigmoid(out_layer);
    return out_layer;
  }

  // Build Networks
  // Network Inputs
  const gen_input = tf.placeholder(tf.float32, { shape: [null, noise_dim], name: 'input_noise' });
  const disc_input = tf.placeholder(tf.float32, { shape: [null, image_dim], name: 'disc_input' });

  // Build Generator Network
  const gen_sample = generator(gen_input);

  // Build 2 Discriminator Networks (one from noise input, one from generated samples)
  const disc_real = discriminator(disc_input);
  const disc_fake = discriminator(gen_sample);

  // Build Loss
  const gen_loss = tf.negative(tf.reduce_mean(tf.log(disc_fake)));
  const disc_loss = tf.negative(tf.reduce_mean(tf.add(tf.log(disc_real), tf.log(tf.subtract(1, disc_fake)))));

  // Build Optimizers
  const optimizer_gen = new tf.train.AdamOptimizer({ learning_rate: learning_rate });
  const optimizer_disc = new tf.train.AdamOptimizer({ learning_rate: learning_rate });

  // Training Variables for each optimizer
  // By default in TensorFlow, all variables are updated by each optimizer, so we
  // need to precise for each one of them the specific variables to update.
  // Generator Network Variables
  const gen_vars = [weights.gen_hidden1, weights.gen_out, biases.gen_hidden1, biases.gen_out];
  // Discriminator Network Variables
  const disc_vars = [weights.disc_hidden1, weights.disc_out, biases.disc_hidden1, biases.disc_out];

  // Create training operations
  const train_gen = optimizer_gen.minimize(gen_loss, { var_list: gen_vars });
  const train_disc = optimizer_disc.minimize(disc_loss, { var_list: disc_vars });

  // Initialize the variables (i.e. assign their default value)
  const init = tf.global_variables_initializer();

  const losses: { step: number; gl: number; dl: number }[] = [];
  const images: tf.NDArray[] = [];
  // Start training
  // with tf.Session() as sess:
  const sess = new tf.Session();

  // Run the initializer
  await sess.run(init);

  for (let i = 1; i < num_steps + 1; i++) {
    // Prepare Data
    // Get the next batch of MNIST data (only images are needed, not labels)
    const [batch_x] = mnist.train.next_batch(batch_size);
    // Generate noise to feed to the generator
    const z = np_random.uniform(-1, 1, [batch_size, noise_dim]);

    // Train
    const feed_dict = new Map([
      [disc_input, batch_x],
      [gen_input, z],
    ]);
    const [, , gl, dl] = await sess.run([train_gen, train_disc, gen_loss, disc_loss], feed_dict);
    if (i % 1000 === 0 || i === 1 || (short && i === num_steps)) {
      // (the short setting also prints its last step)
      losses.push({ step: i, gl: gl!.item(), dl: dl!.item() });
      print(percent('Step %i: Generator Loss: %f, Discriminator Loss: %f', i, gl, dl));
    }
  }

  // Generate images from noise, using the generator network.
  // (matplotlib's 4 x 10 figure left out)
  for (let i = 0; i < 10; i++) {
    // Noise input.
    const z = np_random.uniform(-1, 1, [4, noise_dim]);
    const [g] = await sess.run([gen_sample], new Map([[gen_input, z]]));
    // Reverse colours for better display: g = -1 * (g - 1), on the 4 images of 28 x 28
    images.push(
      new tf.NDArray(
        g!.data.map((v) => -1 * (v - 1)),
        [4, 28, 28, 1],
        g!.dtype,
      ),
    );
  }
  sess.close();
  return { losses, images };
}
