// The SparseApply* ops' run-time checks on both backends: WebGPU reads the indices and the hyperparameters on the
// host, where TF1's kernel checks run, so a bad index or hyperparameter fails with TF1's InvalidArgumentError before
// the variable or a slot is written, as on the CPU.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';

/** One SparseApplyFtrl step on `backend` with `indices` and `lr` fed; what it raised and var and accum after it. */
async function ftrlStep(backend: 'cpu' | 'webgpu', indices: number[], lr: number): Promise<{ error: unknown; w: number[]; accum: number[] }> {
  const g = new tf.Graph();
  const { w, accum, op, pIdx, pLr, init } = g.as_default(() => {
    const w = tf.Variable(
      tf.constant(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        tf.float32,
      ),
      { name: 'w' },
    );
    const accum = tf.Variable(tf.fill([3, 2], 0.5), { name: 'accum' });
    const linear = tf.Variable(tf.zeros([3, 2]), { name: 'linear' });
    const pIdx = tf.placeholder(tf.int32, [null]);
    const pLr = tf.placeholder(tf.float32, []);
    const c = (v: number) => tf.constant(v, tf.float32);
    const grad = tf.constant(
      [
        [0.5, -1],
        [2, 0.25],
      ],
      tf.float32,
    );
    const op = g.create_op(
      'SparseApplyFtrl',
      [w._ref(), accum._ref(), linear._ref(), grad, pIdx, pLr, c(0.1), c(0.2), c(-0.5)],
      { use_locking: false },
      'Ftrl',
    );
    return { w, accum, op, pIdx, pLr, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend });
  try {
    await sess.run(init);
    const feeds = new Map<tf.Tensor, tf.NDArray>([
      [pIdx, new tf.NDArray(Int32Array.from(indices), [indices.length], 'int32')],
      [pLr, new tf.NDArray(Float32Array.of(lr), [], 'float32')],
    ]);
    const error = await sess.run(op, feeds).then(
      () => null,
      (e: unknown) => e,
    );
    const [wv, av] = await sess.run([w.value(), accum.value()]);
    return { error, w: Array.from(wv!.data), accum: Array.from(av!.data) };
  } finally {
    sess.close();
  }
}

describe('SparseApply* ops check their indices and hyperparameters before writing, on both backends', () => {
  for (const backend of ['cpu', 'webgpu'] as const) {
    it(`on ${backend}: an index out of range, or lr 0, is TF1's InvalidArgumentError and var and accum are unchanged`, async () => {
      for (const [indices, lr, message] of [
        [[2, 3], 0.5, 'Index 3 at offset 1 in indices is out of range'],
        [[0, 1], 0, 'lr is not a positive scalar: []'],
      ] as const) {
        const r = await ftrlStep(backend, [...indices], lr);
        expect(r.error).toBeInstanceOf(tf.errors.InvalidArgumentError);
        expect(String((r.error as Error).message)).toContain(message);
        expect(r.w).toEqual([1, 2, 3, 4, 5, 6]);
        expect(r.accum).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
      }
      // a good step writes only rows 2 and 0
      const ok = await ftrlStep(backend, [2, 0], 0.5);
      expect(ok.error).toBeNull();
      expect(ok.w.slice(2, 4)).toEqual([3, 4]);
      expect(ok.accum).toEqual([4.5, 0.5625, 0.5, 0.5, 0.75, 1.5]);
    });
  }

  it('a repeated index updates its row twice, in order, on WebGPU as on the CPU', async () => {
    const [cpu, gpu] = [await ftrlStep('cpu', [2, 2], 0.5), await ftrlStep('webgpu', [2, 2], 0.5)];
    expect(cpu.error).toBeNull();
    expect(gpu.error).toBeNull();
    // both rows of the gradient went into row 2: accum (0.5) += 0.5² + 2² and (-1)² + 0.25²
    expect(cpu.accum.slice(4)).toEqual([4.75, 1.5625]);
    expect(gpu.accum).toEqual(cpu.accum);
    gpu.w.forEach((x, i) => expect(Math.abs(x - cpu.w[i]!)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(cpu.w[i]!))));
  });
});
