import type { EngineRun } from './engines/engine.js';

/**
 * The benchmark's workloads: the article's training, all 55,000 examples, TF1's mini-batch tutorial, that tutorial
 * with Adam, and TF1's Deep MNIST (mnist_deep.py's convolutional network) with its Adam steps of 50 examples.
 */
export interface Workload {
  name: WorkloadName;
  /** The model: the article's softmax regression, or mnist_deep's convolutional network (engines/*_deep.ts, torch_deep.py). */
  model: 'softmax' | 'deep' | 'rnn';
  /** One line for the table. */
  title: string;
  /** Training examples used: the first `examples` of mnist.train. */
  examples: number;
  /** Mini-batch size (next_batch), or null for full-batch steps on all `examples`. */
  batch: number | null;
  /** Training steps. */
  steps: number;
  /** The optimizer: TF1's GradientDescentOptimizer, or AdamOptimizer with TF1's defaults beside the rate. */
  optimizer: 'sgd' | 'adam';
  /** The optimizer's learning rate. */
  learningRate: number;
  /** Whether to evaluate after step i (0-based): accuracy on the test images, and the loss on the training examples. */
  evaluateAfter(i: number): boolean;
  /** Only this project runs it: the peers' step would be another workload's (they have no graph to loop in). */
  thisOnly?: boolean;
}

/** Names of the workloads, in the order the bench runs them. */
export const WORKLOAD_NAMES = ['article', 'full', 'minibatch', 'adam', 'deep', 'rnn', 'rnn-dynamic'] as const;
/** A workload's name. */
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

/** Test images each evaluation classifies. */
export const TEST_IMAGES = 10000;
/** The model: 784 pixels in, 10 classes out. */
export const PIXELS = 784;
export const CLASSES = 10;
/** The article's learning rate. */
export const LEARNING_RATE = 0.1;
/** AdamOptimizer's default learning rate in TF1. */
export const ADAM_LEARNING_RATE = 0.001;
/** AdamOptimizer's other defaults in TF1 (tfjs's adam takes epsilon from its backend unless given). */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/** The workload with its step count (fewer with `quick`). */
export function workload(name: WorkloadName, quick: boolean): Workload {
  switch (name) {
    case 'article':
      // for i in range(TRAIN_STEPS+1): train; if i%100 == 0: evaluate (26 times for 2,500 steps)
      return {
        name,
        model: 'softmax',
        title: 'the article: 5,500 examples, full batch',
        examples: 5500,
        batch: null,
        steps: quick ? 201 : 2501,
        optimizer: 'sgd',
        learningRate: LEARNING_RATE,
        evaluateAfter: (i) => i % 100 === 0,
      };
    case 'full':
      return {
        name,
        model: 'softmax',
        title: 'all 55,000 examples, full batch',
        examples: 55000,
        batch: null,
        steps: quick ? 21 : 251,
        optimizer: 'sgd',
        learningRate: LEARNING_RATE,
        evaluateAfter: (i) => i % (quick ? 20 : 250) === 0,
      };
    case 'minibatch':
      // TF1's beginner tutorial: 1,000 steps of next_batch(100), then the test accuracy
      return {
        name,
        model: 'softmax',
        title: 'mini-batches of 100 (TF1 beginner tutorial)',
        examples: 55000,
        batch: 100,
        steps: quick ? 200 : 1000,
        optimizer: 'sgd',
        learningRate: LEARNING_RATE,
        evaluateAfter: (i) => i === (quick ? 199 : 999),
      };
    case 'adam':
      // the same loop with tf.train.AdamOptimizer(0.001): two slots per variable, ApplyAdam's update
      return {
        name,
        model: 'softmax',
        title: 'mini-batches of 100 with AdamOptimizer(0.001)',
        examples: 55000,
        batch: 100,
        steps: quick ? 200 : 1000,
        optimizer: 'adam',
        learningRate: ADAM_LEARNING_RATE,
        evaluateAfter: (i) => i === (quick ? 199 : 999),
      };
    case 'deep':
      // mnist_deep.py's train_step: next_batch(50), keep_prob 0.5, AdamOptimizer(1e-4); then DEEP.testImages test images
      return {
        name,
        model: 'deep',
        title: `TF1's Deep MNIST (mnist_deep.py): conv-pool-conv-pool-fc-dropout-fc, batches of ${DEEP.batch}, Adam(1e-4)`,
        examples: 55000,
        batch: DEEP.batch,
        steps: quick ? 20 : 100,
        optimizer: 'adam',
        learningRate: DEEP.learningRate,
        evaluateAfter: (i) => i === (quick ? 19 : 99),
      };
    case 'rnn':
      // recurrent_network.py's training step: next_batch(128) as 28 rows of 28 pixels, BasicLSTMCell(128) unrolled by
      // static_rnn, the last output's logits, softmax cross-entropy, AdamOptimizer(0.001); then RNN.testImages test images
      return {
        name,
        model: 'rnn',
        title: `recurrent_network.py's step: BasicLSTMCell(${RNN.hidden}) by static_rnn over ${RNN.timesteps} rows, batches of ${RNN.batch}, Adam(0.001)`,
        examples: 55000,
        batch: RNN.batch,
        steps: quick ? 20 : 100,
        optimizer: 'adam',
        learningRate: ADAM_LEARNING_RATE,
        evaluateAfter: (i) => i === (quick ? 19 : 99),
      };
    case 'rnn-dynamic':
      // the same step with tf.nn.dynamic_rnn (a while loop over the rows, TensorArrays, the loop's gradient with its
      // stacks) in place of static_rnn's unrolled graph; the peers' step would be rnn's, so only this project runs it
      return {
        ...workload('rnn', quick),
        name,
        title: `recurrent_network.py's step with tf.nn.dynamic_rnn (a while loop) in place of static_rnn: BasicLSTMCell(${RNN.hidden}), ${RNN.timesteps} rows, batches of ${RNN.batch}, Adam(0.001)`,
        thisOnly: true,
      };
  }
}

/** recurrent_network.py's settings (the `rnn` workload); each engine evaluates the first `testImages` test images. */
export const RNN = { timesteps: 28, inputs: 28, hidden: 128, batch: 128, forgetBias: 1.0, testImages: 1000 } as const;

/**
 * mnist_deep.py's settings. Each engine evaluates the first `testImages` test images (keep_prob 1), fed `evalBatch`
 * at a time (all 10,000 at once, as mnist_deep does, needs gigabytes for the convolutions' patches).
 */
export const DEEP = { batch: 50, learningRate: 1e-4, keepProb: 0.5, testImages: 1000, evalBatch: 200 } as const;

/** Floating-point operations of one example through mnist_deep's network: the two convolutions and two dense layers. */
const DEEP_FORWARD = {
  conv1: 2 * 28 * 28 * 32 * (5 * 5 * 1),
  conv2: 2 * 14 * 14 * 64 * (5 * 5 * 32),
  fc1: 2 * (7 * 7 * 64) * 1024,
  fc2: 2 * 1024 * 10,
};

/**
 * Floating-point operations of one training step, counting the two matmuls (X·W and X^T·G) as dense; for `deep`,
 * each layer's forward product, its weight gradient and (but for the first convolution's) its input gradient; for `rnn`,
 * each time step's cell product and the output layer's, three times (forward, input and weight gradients).
 */
export function stepFlops(w: Workload): number {
  if (w.model === 'rnn') {
    // per time step the cell's [x, h]·kernel, and twice that backward (the input's and the kernel's gradients)
    const cell = 2 * (RNN.inputs + RNN.hidden) * 4 * RNN.hidden;
    return 3 * RNN.batch * (RNN.timesteps * cell + 2 * RNN.hidden * CLASSES);
  }
  if (w.model === 'deep') {
    const f = DEEP_FORWARD;
    return (w.batch ?? w.examples) * (3 * (f.conv1 + f.conv2 + f.fc1 + f.fc2) - f.conv1);
  }
  return 2 * 2 * (w.batch ?? w.examples) * PIXELS * CLASSES;
}

/** What one run of a workload on one engine reports. */
export interface RunResult {
  engine: string;
  workload: WorkloadName;
  /** Engine details (backend, versions, threads). */
  detail: string;
  steps: number;
  evaluations: number;
  /** Seconds in training steps only. */
  train_s: number;
  /** Seconds from loading the data to the last evaluation (load, build, initialize, train, evaluate). */
  total_s: number;
  steps_per_s: number;
  /** Dense-equivalent GFLOP/s of the training steps. */
  gflops: number;
  /** CPU seconds (user + system, all threads) of the whole process: on a busy machine, less noisy than wall time. */
  cpu_s: number;
  /** Peak resident memory of the process, MiB. */
  peak_mib: number;
  /** Final test accuracy and training loss. */
  accuracy: number;
  loss: number;
  /** CPU seconds (all threads) in the training steps (`deep`). */
  train_cpu_s?: number;
  /** Milliseconds per training step by op type (this project only). */
  profile?: Record<string, number>;
}

/** An engine's RunResult: its run's figures with the steps/s and GFLOP/s every engine derives the same way. */
export function runResult(engine: string, w: Workload, run: EngineRun & Pick<RunResult, 'cpu_s' | 'peak_mib'>): RunResult {
  return { engine, workload: w.name, steps: w.steps, steps_per_s: w.steps / run.train_s, gflops: (w.steps * stepFlops(w)) / run.train_s / 1e9, ...run };
}
