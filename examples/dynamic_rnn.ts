// Dynamic Recurrent Neural Network.
//
// TensorFlow implementation of a Recurrent Neural Network (LSTM) that performs
// dynamic computation over sequences with variable length. This example is using
// a toy dataset to classify linear sequences. The generated sequences have
// variable length.
//
// Links:
//     [Long Short Term Memory](http://deeplearning.cs.cmu.edu/pdfs/Hochreiter97_lstm.pdf)
//
// Author: Aymeric Damien. Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/3_NeuralNetworks/dynamic_rnn.py, line for line: static_rnn with `sequence_length`, the
// "dynamic calculation" of its title, and the last relevant output gathered by index.)
//
// Published figure: the script has no printed output to compare with; docs/examples.md has this port's run.
// Short setting (CI): 20 steps, display every 10.
import * as tf from 'tf1-ts';
import { type ExampleOptions, fixed, print } from './lib/example.js';

/** Python's `random.randint(a, b)`: an integer in [a, b], both ends included. */
const randint = (a: number, b: number): number => a + Math.floor(Math.random() * (b - a + 1));

// ====================
//  TOY DATA GENERATOR
// ====================
/**
 * Generate sequence of data with dynamic length.
 * This class generate samples for training:
 * - Class 0: linear sequences (i.e. [0, 1, 2, 3,...])
 * - Class 1: random sequences (i.e. [1, 3, 10, 7,...])
 *
 * NOTICE:
 * We have to pad each sequence to reach 'max_seq_len' for TensorFlow
 * consistency (we cannot feed a numpy array with inconsistent
 * dimensions). The dynamic calculation will then be perform thanks to
 * 'seqlen' attribute that records every actual sequence length.
 */
export class ToySequenceData {
  data: number[][][] = [];
  labels: number[][] = [];
  seqlen: number[] = [];
  batch_id = 0;

  constructor(n_samples = 1000, max_seq_len = 20, min_seq_len = 3, max_value = 1000) {
    for (let i = 0; i < n_samples; i++) {
      // Random sequence length
      const len = randint(min_seq_len, max_seq_len);
      // Monitor sequence length for TensorFlow dynamic calculation
      this.seqlen.push(len);
      // Add a random or linear int sequence (50% prob)
      let s: number[][];
      if (Math.random() < 0.5) {
        // Generate a linear sequence
        const rand_start = randint(0, max_value - len);
        s = Array.from({ length: len }, (_, k) => [(rand_start + k) / max_value]);
        // Pad sequence for dimension consistency
        for (let k = 0; k < max_seq_len - len; k++) s.push([0]);
        this.data.push(s);
        this.labels.push([1, 0]);
      } else {
        // Generate a random sequence
        s = Array.from({ length: len }, () => [randint(0, max_value) / max_value]);
        // Pad sequence for dimension consistency
        for (let k = 0; k < max_seq_len - len; k++) s.push([0]);
        this.data.push(s);
        this.labels.push([0, 1]);
      }
    }
  }

  /** Return a batch of data. When dataset end is reached, start over. */
  next(batch_size: number): [number[][][], number[][], number[]] {
    if (this.batch_id === this.data.length) this.batch_id = 0;
    const end = Math.min(this.batch_id + batch_size, this.data.length);
    const batch_data = this.data.slice(this.batch_id, end);
    const batch_labels = this.labels.slice(this.batch_id, end);
    const batch_seqlen = this.seqlen.slice(this.batch_id, end);
    this.batch_id = end;
    return [batch_data, batch_labels, batch_seqlen];
  }
}

export async function main({ short = false, steps }: ExampleOptions & { steps?: number } = {}) {
  // ==========
  //   MODEL
  // ==========

  // Parameters
  const learning_rate = 0.01;
  const training_steps = steps ?? (short ? 20 : 10000);
  const batch_size = 128;
  const display_step = short ? 10 : 200;

  // Network Parameters
  const seq_max_len = 20; // Sequence max length
  const n_hidden = 64; // hidden layer num of features
  const n_classes = 2; // linear sequence or not

  const trainset = new ToySequenceData(1000, seq_max_len);
  const testset = new ToySequenceData(500, seq_max_len);

  // tf Graph input
  const x = tf.placeholder('float', [null, seq_max_len, 1]);
  const y = tf.placeholder('float', [null, n_classes]);
  // A placeholder for indicating each sequence length
  const seqlen = tf.placeholder(tf.int32, [null]);

  // Define weights
  const weights = {
    out: tf.Variable(tf.random_normal([n_hidden, n_classes])),
  };
  const biases = {
    out: tf.Variable(tf.random_normal([n_classes])),
  };

  function dynamicRNN(xIn: tf.Tensor, seqlen: tf.Tensor, weights: { out: tf.RefVariable }, biases: { out: tf.RefVariable }): tf.Tensor {
    // Prepare data shape to match `rnn` function requirements
    // Current data input shape: (batch_size, n_steps, n_input)
    // Required shape: 'n_steps' tensors list of shape (batch_size, n_input)

    // Unstack to get a list of 'n_steps' tensors of shape (batch_size, n_input)
    const x = tf.unstack(xIn, seq_max_len, 1);

    // Define a lstm cell with tensorflow
    const lstm_cell = new tf.contrib.rnn.BasicLSTMCell(n_hidden);

    // Get lstm cell output, providing 'sequence_length' will perform dynamic
    // calculation.
    const [outputList] = tf.contrib.rnn.static_rnn(lstm_cell, x, { dtype: tf.float32, sequence_length: seqlen });

    // When performing dynamic calculation, we must retrieve the last
    // dynamically computed output, i.e., if a sequence length is 10, we need
    // to retrieve the 10th output.
    // However TensorFlow doesn't support advanced indexing yet, so we build
    // a custom op that for each sample in batch size, get its length and
    // get the corresponding relevant output.

    // 'outputs' is a list of output at every timestep, we pack them in a Tensor
    // and change back dimension to [batch_size, n_step, n_input]
    let outputs = tf.stack(outputList);
    outputs = tf.transpose(outputs, [1, 0, 2]);

    // Hack to build the indexing and retrieve the right output.
    const batch_size = tf.shape(outputs).at(0);
    // Start indices for each sample
    const index = tf.range(0, batch_size).mul(seq_max_len).add(seqlen.sub(1));
    // Indexing
    outputs = tf.gather(tf.reshape(outputs, [-1, n_hidden]), index);

    // Linear activation, using outputs computed above
    return tf.matmul(outputs, weights.out).add(biases.out);
  }

  const pred = dynamicRNN(x, seqlen, weights, biases);

  // Define loss and optimizer
  const cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ logits: pred, labels: y }));
  const optimizer = new tf.train.GradientDescentOptimizer({ learning_rate: learning_rate }).minimize(cost);

  // Evaluate model
  const correct_pred = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1));
  const accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32));

  // Initialize the variables (i.e. assign their default value)
  const init = tf.global_variables_initializer();

  const losses: number[] = [];
  // Start training
  const sess = new tf.Session();
  // Run the initializer
  await sess.run(init);

  for (let step = 1; step <= training_steps; step++) {
    const [batch_x, batch_y, batch_seqlen] = trainset.next(batch_size);
    const feed = new Map<tf.Tensor, unknown>([
      [x, batch_x],
      [y, batch_y],
      [seqlen, batch_seqlen],
    ]);
    // Run optimization op (backprop)
    await sess.run(optimizer, feed as never);
    if (step % display_step === 0 || step === 1) {
      // Calculate batch accuracy & loss
      const [acc, loss] = await sess.run([accuracy, cost], feed as never);
      losses.push(loss!.item());
      print('Step ' + String(step * batch_size) + ', Minibatch Loss= ' + fixed(loss, 6) + ', Training Accuracy= ' + fixed(acc, 5));
    }
  }
  print('Optimization Finished!');

  // Calculate accuracy
  const test_data = testset.data;
  const test_label = testset.labels;
  const test_seqlen = testset.seqlen;
  const testAcc = await sess.run(
    accuracy,
    new Map<tf.Tensor, unknown>([
      [x, test_data],
      [y, test_label],
      [seqlen, test_seqlen],
    ]) as never,
  );
  print('Testing Accuracy:', testAcc);
  sess.close();
  return { losses, accuracy: testAcc.item() };
}
