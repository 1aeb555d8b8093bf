import type * as tfc from '@tensorflow/tfjs-core';
import { loadData } from '../data.js';
import { rnnWeights } from '../rnn_weights.js';
import { ADAM, CLASSES, RNN, type Workload } from '../workloads.js';
import { type EngineRun, StepClock } from './engine.js';

type Tfjs = typeof tfc;

/**
 * The `rnn` workload in TensorFlow.js, as a tfjs user writes an unrolled LSTM: tf.basicLSTMCell (TF1's BasicLSTMCell:
 * gates i, j, f, o of [x, h]·kernel + bias) over the 28 rows, the last output's logits, tf.losses.softmaxCrossEntropy,
 * tf.train.adam(0.001) with TF1's epsilon; from the bench's initial weights (rnn_weights.ts). `tf` is tfjs-core with
 * its cpu or wasm backend set (tfjs.ts).
 */
export async function runTfjsRnn(tf: Tfjs, w: Workload, detail: string): Promise<EngineRun> {
  const t0 = performance.now();
  const data = loadData(w);
  const init = rnnWeights();
  const rows = RNN.inputs + RNN.hidden;
  const kernel = tf.variable(tf.tensor2d(init.kernel, [rows, 4 * RNN.hidden]));
  const bias = tf.variable(tf.tensor1d(init.bias));
  const out_w = tf.variable(tf.tensor2d(init.out_w, [RNN.hidden, CLASSES]));
  const out_b = tf.variable(tf.tensor1d(init.out_b));
  const forgetBias = tf.scalar(RNN.forgetBias);
  const model = (images: Float32Array, n: number): tfc.Tensor2D => {
    // [n, 784] as 28 steps of [n, 28]: tf.unstack(x, 28, 1) of the [n, 28, 28] images
    const steps = tf.unstack(tf.tensor3d(images, [n, RNN.timesteps, RNN.inputs]), 1) as tfc.Tensor2D[];
    let c: tfc.Tensor2D = tf.zeros([n, RNN.hidden]);
    let h: tfc.Tensor2D = tf.zeros([n, RNN.hidden]);
    for (const x of steps) [c, h] = tf.basicLSTMCell(forgetBias, kernel as tfc.Tensor2D, bias as tfc.Tensor1D, x, c, h);
    return tf.add(tf.matMul(h, out_w), out_b);
  };
  const optimizer = tf.train.adam(w.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  const clock = new StepClock();
  let evaluations = 0;
  let accuracy = NaN;
  let loss = NaN;
  for (let i = 0; i < w.steps; i++) {
    const [nx, ny] = data.train.next_batch(RNN.batch);
    const by = tf.tensor2d(ny.data as Float32Array, [RNN.batch, CLASSES]);
    clock.start();
    // cpu and wasm run eagerly: the step's work is done when minimize returns
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(by, model(nx.data as Float32Array, RNN.batch)) as tfc.Scalar);
    clock.stop();
    tf.dispose(by);
    if (w.evaluateAfter(i)) {
      const n = RNN.testImages;
      const [a, l] = tf.tidy(() => {
        const logits = model((data.testX.data as Float32Array).subarray(0, n * 784), n);
        const labels = tf.tensor2d((data.testY.data as Float32Array).subarray(0, n * CLASSES), [n, CLASSES]);
        const right = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(labels, 1)), 'float32'));
        return [right, tf.losses.softmaxCrossEntropy(labels, logits)];
      });
      accuracy = a!.dataSync()[0]!;
      loss = l!.dataSync()[0]!;
      tf.dispose([a!, l!]);
      evaluations++;
    }
  }
  const total_s = (performance.now() - t0) / 1000;
  return { detail, train_s: clock.wall, train_cpu_s: clock.cpu, total_s, evaluations, accuracy, loss };
}
