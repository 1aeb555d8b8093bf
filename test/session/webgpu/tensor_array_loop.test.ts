// TensorArrays in while loops on the WebGPU backend, against the CPU backend: a loop that reads one array and writes
// another (tensor_array_ops_test.py's _testWhileLoopWritePackGradients shape, forward and gradient), and
// tf.nn.dynamic_rnn forward and gradient-descent steps through it (rnn_test.py's sizes made small).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { denseGradients } from '../../helpers/dense_gradients.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './harness.js';

type T = tf.Tensor;

let g: tf.Graph;
let cpu: tf.Session;
let gpu: tf.Session;

beforeAll(async () => {
  g = new tf.Graph();
  cpu = new tf.Session({ graph: g, backend: 'cpu' });
  gpu = new tf.Session({ graph: g, backend: 'webgpu' });
  if (!((await gpu.getBackend().catch(() => null)) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
});
afterAll(() => {
  cpu?.close();
  gpu?.close();
});

const flat = (a: tf.NDArray | null): number[] => Array.from(a!.data as ArrayLike<number>);
const values = (shape: number[], seed: number): tf.NDArray =>
  new tf.NDArray(
    Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, (_, i) => Math.sin(seed + i * 1.7) * 0.8),
    shape,
    'float32',
  );

/** Runs `fetches` on both sessions; the WebGPU results, checked close to the CPU's. */
async function both(fetches: (T | tf.Operation)[], feeds?: Map<T, tf.NDArray>): Promise<(tf.NDArray | null)[]> {
  const onGpu = (await gpu.run(fetches, feeds)) as (tf.NDArray | null)[];
  const onCpu = (await cpu.run(fetches, feeds)) as (tf.NDArray | null)[];
  onGpu.forEach((a, i) => {
    if (a === null) return expect(onCpu[i]).toBeNull();
    expect(a.shape).toEqual(onCpu[i]!.shape);
    flat(a).forEach((v, k) => expect(v).toBeCloseTo(flat(onCpu[i]!)[k]!, 4));
  });
  return onGpu;
}

describe('TensorArrays in while loops on the WebGPU backend', () => {
  it('unstack, read and write in the loop, stack: the values and their gradient equal the CPU backend’s', async () => {
    const { x, y, dx } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [4, 3], { name: 'x' });
      const ta = new tf.TensorArray({ dtype: tf.float32, size: 4 }).unstack(x);
      const out = new tf.TensorArray({ dtype: tf.float32, size: 4 });
      const [, stacked, acc] = tf.while_loop(
        (i: T) => tf.less(i, 4),
        (i: T, o: tf.TensorArray, a: T) => {
          const h = tf.tanh(tf.add(tf.multiply(ta.read(i), 2), a));
          return [tf.add(i, 1), o.write(i, h), h];
        },
        [tf.constant(0), out, tf.zeros([3])],
      ) as [T, tf.TensorArray, T];
      const y = tf.add(tf.reduce_sum(stacked.stack(), 0), acc);
      return { x, y, dx: denseGradients(y, [x])[0]! };
    });
    const feeds = new Map([[x, values([4, 3], 1)]]);
    const [yv, dxv] = await both([y, dx], feeds);
    expect(yv!.shape).toEqual([3]);
    expect(dxv!.shape).toEqual([4, 3]);
  });

  it('tf.nn.dynamic_rnn forward and gradient-descent steps through it equal the CPU backend’s', async () => {
    const [batch, timeSteps, inputSize, units] = [2, 3, 3, 4];
    const built = g.as_default(() => {
      const xs = tf.placeholder(tf.float32, [batch, timeSteps, inputSize], { name: 'xs' });
      const outputs = tf.variable_scope(
        'rnn_gpu',
        { initializer: tf.constant_initializer(0.1) },
        () => (tf.nn.dynamic_rnn(new tf.nn.rnn_cell.BasicLSTMCell(units), xs, { sequence_length: [3, 2], dtype: tf.float32 }) as [T, unknown])[0],
      );
      const loss = tf.reduce_mean(tf.square(tf.subtract(outputs, 0.5)));
      // plain gradient descent: Adam's first step is ±lr wherever a gradient is near zero, so float32 roundings that
      // differ between the backends would flip whole steps there
      const train = new tf.train.GradientDescentOptimizer(0.5).minimize(loss);
      return { xs, outputs, loss, train, initOp: tf.global_variables_initializer() };
    });
    await gpu.run(built.initOp);
    await cpu.run(built.initOp);
    const feeds = new Map([[built.xs, values([batch, timeSteps, inputSize], 2)]]);
    const [out] = await both([built.outputs], feeds);
    expect(out!.shape).toEqual([batch, timeSteps, units]);
    const losses: number[] = [];
    for (let i = 0; i < 2; i++) losses.push(flat((await both([built.loss, built.train], feeds))[0]!)[0]!);
    expect(losses[1]!).toBeLessThan(losses[0]!);
  });
});
