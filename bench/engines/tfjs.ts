import { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import type { Scalar } from '@tensorflow/tfjs-core';
import { loadData } from '../data.js';
import { ADAM, CLASSES, PIXELS, type Workload } from '../workloads.js';
import type { EngineRun } from './engine.js';
import { runTfjsDeep } from './tfjs_deep.js';
import { runTfjsRnn } from './tfjs_rnn.js';
import { registerWasmConv2DBackpropFilter, shimTime } from './tfjs_wasm_conv.js';

/** The tfjs backends the bench compares with. */
export type TfjsBackend = 'cpu' | 'wasm';

/** The same model and loop in TensorFlow.js (tfjs-core with its cpu or wasm backend), as a tfjs user writes it; `deep`: tfjs_deep.ts, `rnn`: tfjs_rnn.ts. */
export async function runTfjs(w: Workload, backend: TfjsBackend): Promise<EngineRun> {
  const tf = await import('@tensorflow/tfjs-core');
  // tfjs-core's Node bundle registers no gradients; the umbrella package @tensorflow/tfjs imports this file
  register('./tfjs_resolve.mjs', import.meta.url);
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  if (backend === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
  } else {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dist = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')), '/');
    wasm.setWasmPaths(dist);
  }
  await tf.setBackend(backend);
  await tf.ready();
  const flags = backend === 'wasm' ? ` (simd ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')})` : '';
  const detail = `tfjs-core ${tf.version_core}, backend ${backend}${flags}`;
  if (w.model === 'deep') {
    const shim = backend === 'wasm' && registerWasmConv2DBackpropFilter(tf);
    const run = await runTfjsDeep(tf, w, detail);
    if (shim) {
      const perStep = shimTime.ms / w.steps;
      run.detail += `; Conv2DBackpropFilter (missing, tfjs#8474): the bench's, on wasm's Conv3DBackpropFilterV2, ${perStep.toFixed(0)} ms a step`;
    }
    return run;
  }
  if (w.model === 'rnn') return runTfjsRnn(tf, w, detail);
  const t0 = performance.now();
  const data = loadData(w);
  const tensor = (a: { data: ArrayLike<number>; shape: readonly number[] }) => tf.tensor2d(a.data as Float32Array, a.shape as [number, number], 'float32');
  const x = tensor(data.x);
  const y_ = tensor(data.y);
  const testX = tensor(data.testX);
  const testY = tensor(data.testY);
  const W = tf.variable(tf.zeros([PIXELS, CLASSES]));
  const b = tf.variable(tf.zeros([CLASSES]));
  const optimizer = w.optimizer === 'adam' ? tf.train.adam(w.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon) : tf.train.sgd(w.learningRate);
  const model = (xs: typeof x) => tf.softmax(tf.add(tf.matMul(xs, W), b));
  const crossEntropy = (xs: typeof x, ys: typeof x) => tf.mean(tf.neg(tf.sum(tf.mul(ys, tf.log(model(xs))), 1)));
  const accuracyOf = (xs: typeof x, ys: typeof x) => tf.mean(tf.cast(tf.equal(tf.argMax(model(xs), 1), tf.argMax(ys, 1)), 'float32'));
  let train_s = 0;
  let evaluations = 0;
  let accuracy = NaN;
  let loss = NaN;
  for (let i = 0; i < w.steps; i++) {
    let bx = x;
    let by = y_;
    if (w.batch !== null) {
      const [nx, ny] = data.train.next_batch(w.batch);
      bx = tensor(nx);
      by = tensor(ny);
    }
    const s = performance.now();
    // cpu and wasm run eagerly: the step's work is done when minimize returns
    optimizer.minimize(() => crossEntropy(bx, by) as Scalar);
    train_s += (performance.now() - s) / 1000;
    if (bx !== x) tf.dispose([bx, by]);
    if (w.evaluateAfter(i)) {
      accuracy = tf.tidy(() => accuracyOf(testX, testY)).dataSync()[0]!;
      loss = tf.tidy(() => crossEntropy(x, y_)).dataSync()[0]!;
      evaluations++;
    }
  }
  const total_s = (performance.now() - t0) / 1000;
  return { detail, train_s, total_s, evaluations, accuracy, loss };
}
