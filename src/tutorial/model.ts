// The article's model: softmax regression on 784 pixels, its cross entropy, gradient descent and accuracy,
// built with tf1-ts exactly as the article builds it with TF1. The statements are text that a Notebook runs, so
// the lines the tutorial and the web page print are the lines that built the model. No Node APIs here.
import * as tf from '../index.js';
import { Notebook } from './notebook.js';

/** The statements of the forward pass (the article's Python, in TypeScript). */
export const FORWARD_CODE = [
  'const x = tf.placeholder(tf.float32, [null, 784])',
  'const y_ = tf.placeholder(tf.float32, [null, 10])',
  'const W = tf.Variable(tf.zeros([784, 10]))',
  'const b = tf.Variable(tf.zeros([10]))',
  'const y = tf.nn.softmax(tf.matmul(x, W).add(b))',
] as const;
/** The statement of the loss. */
export const LOSS_CODE = ['const cross_entropy = tf.reduce_mean(tf.reduce_sum(y_.mul(tf.log(y)), { reduction_indices: [1] }).neg())'] as const;
const INIT = 'const init = tf.global_variables_initializer()';
const TRAINING = 'const training = new tf.train.GradientDescentOptimizer(LEARNING_RATE).minimize(cross_entropy)';
const ACCURACY = [
  'const correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))',
  'const accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))',
] as const;
/** The statements of `init`, the optimizer (it reads `LEARNING_RATE`) and the accuracy, in the article's order. */
export const TRAIN_CODE = [INIT, TRAINING, ...ACCURACY] as const;

/** The statement that sets the learning rate, with its value written out (a number's shortest round-trip digits). */
export function learningRateCode(LEARNING_RATE: number): string {
  if (!Number.isFinite(LEARNING_RATE)) throw new RangeError(`LEARNING_RATE must be a finite number, got ${LEARNING_RATE}`);
  return `const LEARNING_RATE = ${LEARNING_RATE}`;
}

/** Runs `code` in a fresh notebook building ops in `graph`, and reads the model's elements back, checked. */
function build(graph: tf.Graph, code: readonly string[]) {
  const nb = new Notebook({ tf }, { graph });
  for (const line of code) nb.runSync(line);
  const tensor = (name: string): tf.Tensor => nb.get(name, tf.Tensor);
  return {
    graph,
    x: tensor('x'),
    y_: tensor('y_'),
    W: nb.get('W', tf.Variable),
    b: nb.get('b', tf.Variable),
    y: tensor('y'),
    cross_entropy: tensor('cross_entropy'),
    init: nb.get('init', tf.Operation),
    training: nb.has('training') ? nb.get('training', tf.Operation) : null,
    correct_prediction: tensor('correct_prediction'),
    accuracy: tensor('accuracy'),
    /** Every statement that built this model, in order: what to print as its code. */
    code,
  };
}

/** Builds the article's model in `graph` for LEARNING_RATE; `code` is every statement that ran. */
export function buildModel(graph: tf.Graph, LEARNING_RATE: number) {
  const m = build(graph, [learningRateCode(LEARNING_RATE), ...FORWARD_CODE, ...LOSS_CODE, ...TRAIN_CODE]);
  return { ...m, training: m.training! };
}

/** The article's model without the optimizer: the forward pass, loss, `init` and accuracy. */
export function buildForwardModel(graph: tf.Graph) {
  return build(graph, [...FORWARD_CODE, ...LOSS_CODE, INIT, ...ACCURACY]);
}

/** The article's model, as `buildModel` returns it. */
export type ArticleModel = ReturnType<typeof buildModel>;
