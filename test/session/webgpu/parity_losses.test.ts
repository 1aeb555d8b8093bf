import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { closePair, op, pair } from './harness.js';
import { LOSS_CASES } from './cases_losses.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: the loss ops, Elu and Selu', LOSS_CASES, 20);

describe('SparseSoftmaxCrossEntropyWithLogits on WebGPU refuses an out-of-range label as the CPU kernel does', () => {
  it("fails the run with TF1's message, naming every label", async () => {
    const p = pair();
    try {
      const [loss] = p.graph.as_default(() =>
        op(
          p.graph,
          'SparseSoftmaxCrossEntropyWithLogits',
          [
            tf.constant(
              [
                [1, 2],
                [3, 4],
              ],
              { dtype: tf.float32 },
            ),
            tf.constant([1, 2]),
          ],
          {},
        ),
      );
      await expect(p.gpu.run(loss!)).rejects.toThrow('Received a label value of 2 which is outside the valid range of [0, 2).  Label values: 1 2');
    } finally {
      closePair(p);
    }
  });
});
