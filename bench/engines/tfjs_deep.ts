import type * as tfc from '@tensorflow/tfjs-core';
import { loadDeepData } from '../data.js';
import { ADAM, DEEP, type Workload } from '../workloads.js';
import { type EngineRun, StepClock } from './engine.js';

type Tfjs = typeof tfc;
type T = tfc.Tensor;

/**
 * mnist_deep's network and training in TensorFlow.js, as a tfjs user writes a raw model: tf.variable weights with
 * mnist_deep's initialisation (truncatedNormal stddev 0.1, biases 0.1), tf.conv2d/tf.maxPool in tfjs's NHWC,
 * tf.dropout, tf.losses.softmaxCrossEntropy of one-hot labels, tf.train.adam(1e-4) with TF1's epsilon.
 * `tf` is tfjs-core with its cpu or wasm backend set (tfjs.ts).
 */
export async function runTfjsDeep(tf: Tfjs, w: Workload, detail: string): Promise<EngineRun> {
  const t0 = performance.now();
  const data = loadDeepData(DEEP.testImages);
  const weight = (shape: number[]) => tf.variable(tf.truncatedNormal(shape, 0, 0.1));
  const bias = (n: number) => tf.variable(tf.fill([n], 0.1));
  const W_conv1 = weight([5, 5, 1, 32]);
  const b_conv1 = bias(32);
  const W_conv2 = weight([5, 5, 32, 64]);
  const b_conv2 = bias(64);
  const W_fc1 = weight([7 * 7 * 64, 1024]);
  const b_fc1 = bias(1024);
  const W_fc2 = weight([1024, 10]);
  const b_fc2 = bias(10);
  const model = (x: T, training: boolean): T => {
    const x_image = tf.reshape(x, [-1, 28, 28, 1]) as tfc.Tensor4D;
    const h_conv1 = tf.relu(tf.add(tf.conv2d(x_image, W_conv1 as tfc.Tensor4D, 1, 'same'), b_conv1)) as tfc.Tensor4D;
    const h_pool1 = tf.maxPool(h_conv1, 2, 2, 'same');
    const h_conv2 = tf.relu(tf.add(tf.conv2d(h_pool1, W_conv2 as tfc.Tensor4D, 1, 'same'), b_conv2)) as tfc.Tensor4D;
    const h_pool2 = tf.maxPool(h_conv2, 2, 2, 'same');
    const h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * 64]);
    const h_fc1 = tf.relu(tf.add(tf.matMul(h_pool2_flat, W_fc1), b_fc1));
    const h_fc1_drop = training ? tf.dropout(h_fc1, 1 - DEEP.keepProb) : h_fc1;
    return tf.add(tf.matMul(h_fc1_drop, W_fc2), b_fc2);
  };
  const oneHot = (labels: ArrayLike<number>) => tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), 10);
  const optimizer = tf.train.adam(w.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  const clock = new StepClock();
  let evaluations = 0;
  let accuracy = NaN;
  let loss = NaN;
  for (let i = 0; i < w.steps; i++) {
    const [nx, ny] = data.train.next_batch(DEEP.batch);
    const bx = tf.tensor2d(nx.data as Float32Array, [DEEP.batch, 784]);
    const by = oneHot(ny.data as Uint8Array);
    clock.start();
    // cpu and wasm run eagerly: the step's work is done when minimize returns
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(by, model(bx, true)) as tfc.Scalar);
    clock.stop();
    tf.dispose([bx, by]);
    if (w.evaluateAfter(i)) {
      let correct = 0;
      let lossSum = 0;
      for (let lo = 0; lo < DEEP.testImages; lo += DEEP.evalBatch) {
        const hi = Math.min(lo + DEEP.evalBatch, DEEP.testImages);
        const [c, l] = tf.tidy(() => {
          const x = tf.tensor2d((data.testX.data as Float32Array).subarray(lo * 784, hi * 784), [hi - lo, 784]);
          const labels = (data.testY.data as Uint8Array).subarray(lo, hi);
          const logits = model(x, false);
          const right = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.tensor1d(Int32Array.from(labels), 'int32')), 'float32'));
          return [right, tf.mul(tf.losses.softmaxCrossEntropy(oneHot(labels), logits), hi - lo)];
        });
        correct += c!.dataSync()[0]!;
        lossSum += l!.dataSync()[0]!;
        tf.dispose([c!, l!]);
      }
      accuracy = correct / DEEP.testImages;
      loss = lossSum / DEEP.testImages;
      evaluations++;
    }
  }
  const total_s = (performance.now() - t0) / 1000;
  return { detail, train_s: clock.wall, train_cpu_s: clock.cpu, total_s, evaluations, accuracy, loss };
}
