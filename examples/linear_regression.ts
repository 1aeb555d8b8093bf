// A linear regression learning algorithm example using TensorFlow library.
// Author: Aymeric Damien. Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/2_BasicModels/linear_regression.py, line for line; matplotlib's plots left out.)
//
// Published figure (the notebook's run): "Epoch: 1000 cost= 0.077386297 W= 0.26093534 b= 0.71987474" (from its
// random W and b); the float64 least-squares fit it approaches is W= 0.2516 b= 0.7988, cost 0.07693 (testing cost
// 0.07829). Short setting (CI): 100 epochs.
import * as tf from 'tf1-ts';
import { type ExampleOptions, fixed, numpy_random, percent, print } from './lib/example.js';

const rng = numpy_random;

export async function main({ short = false }: ExampleOptions = {}) {
  // Parameters
  const learning_rate = 0.01;
  const training_epochs = short ? 100 : 1000;
  const display_step = 50;

  // Training Data
  const train_X = [3.3, 4.4, 5.5, 6.71, 6.93, 4.168, 9.779, 6.182, 7.59, 2.167, 7.042, 10.791, 5.313, 7.997, 5.654, 9.27, 3.1];
  const train_Y = [1.7, 2.76, 2.09, 3.19, 1.694, 1.573, 3.366, 2.596, 2.53, 1.221, 2.827, 3.465, 1.65, 2.904, 2.42, 2.94, 1.3];
  const n_samples = train_X.length;

  // tf Graph Input
  const X = tf.placeholder('float');
  const Y = tf.placeholder('float');

  // Set model weights
  const W = tf.Variable(rng.randn(), { name: 'weight' });
  const b = tf.Variable(rng.randn(), { name: 'bias' });

  // Construct a linear model
  const pred = tf.add(tf.multiply(X, W), b);

  // Mean squared error
  const cost = tf.reduce_sum(tf.pow(pred.sub(Y), 2)).div(2 * n_samples);
  // Gradient descent
  const optimizer = new tf.train.GradientDescentOptimizer(learning_rate).minimize(cost);

  // Initialize the variables (i.e. assign their default value)
  const init = tf.global_variables_initializer();

  const costs: number[] = [];
  // Start training
  // with tf.Session() as sess:
  const sess = new tf.Session();
  // Run the initializer
  await sess.run(init);

  // Fit all training data
  for (let epoch = 0; epoch < training_epochs; epoch++) {
    for (const [x, y] of train_X.map((x, i) => [x, train_Y[i]!] as const)) {
      await sess.run(
        optimizer,
        new Map([
          [X, x],
          [Y, y],
        ]),
      );
    }

    // Display logs per epoch step
    if ((epoch + 1) % display_step === 0) {
      const c = await sess.run(
        cost,
        new Map([
          [X, train_X],
          [Y, train_Y],
        ]),
      );
      costs.push(c.item());
      print('Epoch:', percent('%04d', epoch + 1), 'cost=', fixed(c, 9), 'W=', await sess.run(W), 'b=', await sess.run(b));
    }
  }

  print('Optimization Finished!');
  const training_cost = await sess.run(
    cost,
    new Map([
      [X, train_X],
      [Y, train_Y],
    ]),
  );
  print('Training cost=', training_cost, 'W=', await sess.run(W), 'b=', await sess.run(b), '\n');

  // Graphic display: matplotlib's plot of the data and the fitted line (left out)

  // Testing example, as requested (Issue #2)
  const test_X = [6.83, 4.668, 8.9, 7.91, 5.7, 8.7, 3.1, 2.1];
  const test_Y = [1.84, 2.273, 3.2, 2.831, 2.92, 3.24, 1.35, 1.03];

  print('Testing... (Mean square loss Comparison)');
  const testing_cost = await sess.run(
    tf.reduce_sum(tf.pow(pred.sub(Y), 2)).div(2 * test_X.length),
    new Map([
      [X, test_X],
      [Y, test_Y],
    ]),
  ); // same function as cost above
  print('Testing cost=', testing_cost);
  print('Absolute mean square loss difference:', Math.abs(training_cost.item() - testing_cost.item()));

  // matplotlib's plot of the test data and the fitted line (left out)
  const result = {
    costs,
    training_cost: training_cost.item(),
    testing_cost: testing_cost.item(),
    W: (await sess.run(W)).item(),
    b: (await sess.run(b)).item(),
  };
  sess.close();
  return result;
}
