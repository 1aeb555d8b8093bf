// Trains and Evaluates the MNIST network using a feed dictionary.
// (TensorFlow r1.12's tensorflow/examples/tutorials/mnist/fully_connected_feed.py, line for line, its tf.summary
// lines included: the loss scalar of mnist.ts, merged and written to FLAGS.log_dir's events file.)
//
// Published figure (TF's "TensorFlow Mechanics 101"): about 90% precision after the 2000 steps (runs of the original
// posted, e.g. "Test Data Eval:  Num examples: 10000  Num correct: 9059  Precision @ 1: 0.9059"). This port's full
// run: docs/examples.md. Short setting (CI): 300 steps, not 2000, then the same checkpoint and evaluations.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from 'tf1-ts';
import { type DataSet, input_data } from 'tf1-ts/examples/tutorials/mnist';
import { type ExampleOptions, percent, print } from './lib/example.js';
import * as mnist from './mnist.js';

/** argparse's flags of the original, by name. */
interface Flags {
  learning_rate: number;
  max_steps: number;
  hidden1: number;
  hidden2: number;
  batch_size: number;
  input_data_dir: string;
  log_dir: string;
  fake_data: boolean;
}

// Basic model parameters as external flags.
let FLAGS: Flags;

/**
 * Generate placeholder variables to represent the input tensors.
 *
 * These placeholders are used as inputs by the rest of the model building
 * code and will be fed from the downloaded data in the .run() loop, below.
 *
 * Args:
 *   batch_size: The batch size will be baked into both placeholders.
 *
 * Returns:
 *   images_placeholder: Images placeholder.
 *   labels_placeholder: Labels placeholder.
 */
function placeholder_inputs(batch_size: number): [tf.Tensor, tf.Tensor] {
  // Note that the shapes of the placeholders match the shapes of the full
  // image and label tensors, except the first dimension is now batch_size
  // rather than the full size of the train or test data sets.
  const images_placeholder = tf.placeholder(tf.float32, { shape: [batch_size, mnist.IMAGE_PIXELS] });
  const labels_placeholder = tf.placeholder(tf.int32, { shape: batch_size });
  return [images_placeholder, labels_placeholder];
}

/**
 * Fills the feed_dict for training the given step.
 *
 * A feed_dict takes the form of:
 * feed_dict = {
 *     <placeholder>: <tensor of values to be passed for placeholder>,
 *     ....
 * }
 *
 * Args:
 *   data_set: The set of images and labels, from input_data.read_data_sets()
 *   images_pl: The images placeholder, from placeholder_inputs().
 *   labels_pl: The labels placeholder, from placeholder_inputs().
 *
 * Returns:
 *   feed_dict: The feed dictionary mapping from placeholders to values.
 */
function fill_feed_dict(data_set: DataSet, images_pl: tf.Tensor, labels_pl: tf.Tensor) {
  // Create the feed_dict for the placeholders filled with the next
  // `batch size` examples.
  const [images_feed, labels_feed] = data_set.next_batch(FLAGS.batch_size, FLAGS.fake_data);
  const feed_dict = new Map([
    [images_pl, images_feed],
    [labels_pl, labels_feed],
  ]);
  return feed_dict;
}

/**
 * Runs one evaluation against the full epoch of data.
 *
 * Args:
 *   sess: The session in which the model has been trained.
 *   eval_correct: The Tensor that returns the number of correct predictions.
 *   images_placeholder: The images placeholder.
 *   labels_placeholder: The labels placeholder.
 *   data_set: The set of images and labels to evaluate, from
 *     input_data.read_data_sets().
 */
async function do_eval(sess: tf.Session, eval_correct: tf.Tensor, images_placeholder: tf.Tensor, labels_placeholder: tf.Tensor, data_set: DataSet) {
  // And run one epoch of eval.
  let true_count = 0; // Counts the number of correct predictions.
  const steps_per_epoch = Math.floor(data_set.num_examples / FLAGS.batch_size);
  const num_examples = steps_per_epoch * FLAGS.batch_size;
  for (let step = 0; step < steps_per_epoch; step++) {
    const feed_dict = fill_feed_dict(data_set, images_placeholder, labels_placeholder);
    true_count += (await sess.run(eval_correct, { feed_dict: feed_dict })).item();
  }
  const precision = true_count / num_examples;
  print(percent('  Num examples: %d  Num correct: %d  Precision @ 1: %0.04f', num_examples, true_count, precision));
  return precision;
}

/** Train MNIST for a number of steps. */
async function run_training() {
  // Get the sets of images and labels for training, validation, and
  // test on MNIST.
  const data_sets = input_data.read_data_sets(FLAGS.input_data_dir, FLAGS.fake_data);
  const figures = { losses: [] as number[], precisions: [] as number[], checkpoints: [] as string[] };

  // Tell TensorFlow that the model will be built into the default Graph.
  await new tf.Graph().as_default(async () => {
    // Generate placeholders for the images and labels.
    const [images_placeholder, labels_placeholder] = placeholder_inputs(FLAGS.batch_size);

    // Build a Graph that computes predictions from the inference model.
    const logits = mnist.inference(images_placeholder, FLAGS.hidden1, FLAGS.hidden2);

    // Add to the Graph the Ops for loss calculation.
    const loss = mnist.loss(logits, labels_placeholder);

    // Add to the Graph the Ops that calculate and apply gradients.
    const train_op = mnist.training(loss, FLAGS.learning_rate);

    // Add the Op to compare the logits to the labels during evaluation.
    const eval_correct = mnist.evaluation(logits, labels_placeholder);

    // Build the summary Tensor based on the TF collection of Summaries.
    const summary = tf.summary.merge_all()!;

    // Add the variable initializer Op.
    const init = tf.global_variables_initializer();

    // Create a saver for writing training checkpoints.
    const saver = new tf.train.Saver();

    // Create a session for running Ops on the Graph.
    const sess = new tf.Session();

    // Instantiate a SummaryWriter to output summaries and the Graph.
    const summary_writer = new tf.summary.FileWriter(FLAGS.log_dir, sess.graph);

    // And then after everything is built:

    // Run the Op to initialize the variables.
    await sess.run(init);

    // Start the training loop.
    for (let step = 0; step < FLAGS.max_steps; step++) {
      const start_time = performance.now() / 1000;

      // Fill a feed dictionary with the actual set of images and labels
      // for this particular training step.
      const feed_dict = fill_feed_dict(data_sets.train, images_placeholder, labels_placeholder);

      // Run one step of the model.  The return values are the activations
      // from the `train_op` (which is discarded) and the `loss` Op.  To
      // inspect the values of your Ops or variables, you may include them
      // in the list passed to sess.run() and the value tensors will be
      // returned in the tuple from the call.
      const [, loss_value] = await sess.run([train_op, loss], { feed_dict: feed_dict });

      const duration = performance.now() / 1000 - start_time;

      // Write the summaries and print an overview fairly often.
      if (step % 100 === 0) {
        // Print status to stdout.
        print(percent('Step %d: loss = %.2f (%.3f sec)', step, loss_value, duration));
        figures.losses.push(loss_value!.item());
        // Update the events file.
        const summary_str = await sess.run(summary, { feed_dict: feed_dict });
        summary_writer.add_summary(summary_str.strings[0]!, step);
        summary_writer.flush();
      }

      // Save a checkpoint and evaluate the model periodically.
      if ((step + 1) % 1000 === 0 || step + 1 === FLAGS.max_steps) {
        const checkpoint_file = join(FLAGS.log_dir, 'model.ckpt');
        figures.checkpoints.push(await saver.save(sess, checkpoint_file, { global_step: step }));
        // Evaluate against the training set.
        print('Training Data Eval:');
        figures.precisions.push(await do_eval(sess, eval_correct, images_placeholder, labels_placeholder, data_sets.train));
        // Evaluate against the validation set.
        print('Validation Data Eval:');
        figures.precisions.push(await do_eval(sess, eval_correct, images_placeholder, labels_placeholder, data_sets.validation));
        // Evaluate against the test set.
        print('Test Data Eval:');
        figures.precisions.push(await do_eval(sess, eval_correct, images_placeholder, labels_placeholder, data_sets.test));
      }
    }
    summary_writer.close(); // Python leaves these two to the interpreter's exit
    sess.close();
  });
  return figures;
}

/** The original's `main(_)`, run by `tf.app.run` once argparse has read the flags: here their defaults. */
export async function main({ short = false, tmp = process.env.TEST_TMPDIR ?? '/tmp' }: ExampleOptions = {}) {
  FLAGS = {
    learning_rate: 0.01, // Initial learning rate.
    max_steps: short ? 300 : 2000, // Number of steps to run trainer.
    hidden1: 128, // Number of units in hidden layer 1.
    hidden2: 32, // Number of units in hidden layer 2.
    batch_size: 100, // Batch size.  Must divide evenly into the dataset sizes.
    input_data_dir: join(tmp, 'tensorflow/mnist/input_data'), // Directory to put the input data.
    log_dir: join(tmp, 'tensorflow/mnist/logs/fully_connected_feed'), // Directory to put the log data.
    fake_data: false, // If true, uses fake data for unit testing.
  };
  if (existsSync(FLAGS.log_dir)) {
    rmSync(FLAGS.log_dir, { recursive: true });
  }
  mkdirSync(FLAGS.log_dir, { recursive: true });
  return run_training();
}
