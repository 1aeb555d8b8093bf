// The tutorial's --logdir: TensorBoard's view of the main training run, written as a TF1 program writes it, with
// tf.summary ops and a tf.summary.FileWriter: the loss and the accuracy as scalars, W and b as histograms, W's ten
// columns as 28×28 images (the article's weight images), and the graph. The scalars are the run's own numbers: their
// summary ops read `cross_entropy` and `accuracy`, fed with the values the run measured, so nothing is computed
// twice; the histograms and images read W and b after the step. No Node APIs here (the FileWriter has them).
import * as tf from '../index.js';
import type { StepRecord, TrainableModel } from './training.js';

/** The summaries of one run: `write` each record (before the next step trains), then `close`. */
export interface RunSummaries {
  write(r: StepRecord): Promise<void>;
  close(): void;
}

/**
 * Adds the summary ops to the model's graph (`loss`, `accuracy`, `weights`, `biases`, `digit_weights/image/<d>`)
 * and opens a FileWriter on `logdir` with the graph.
 */
export function runSummaries(logdir: string, sess: tf.Session, model: TrainableModel, W: tf.Variable, b: tf.Variable): RunSummaries {
  const graph = sess.graph;
  const merged = graph.as_default(() => {
    const images = tf.reshape(tf.transpose(W, { name: 'W_transposed' }), [-1, 28, 28, 1], 'W_images');
    return tf.summary.merge([
      tf.summary.scalar('loss', model.cross_entropy),
      tf.summary.scalar('accuracy', model.accuracy),
      tf.summary.histogram('weights', W),
      tf.summary.histogram('biases', b),
      tf.summary.image('digit_weights', images, { max_outputs: 10 }),
    ]);
  });
  const writer = new tf.summary.FileWriter(logdir, graph);
  const scalar = (v: number): tf.NDArray => new tf.NDArray(Float32Array.of(v), [], 'float32');
  return {
    write: async (r) => {
      const feed = new Map<tf.Tensor, tf.NDArray>([
        [model.cross_entropy, scalar(r.loss)],
        [model.accuracy, scalar(r.accuracy)],
      ]);
      writer.add_summary((await sess.run(merged, feed)).strings[0]!, r.step);
    },
    close: () => writer.close(),
  };
}
