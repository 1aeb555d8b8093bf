import { describe, expect, it } from 'vitest';
import { main as recurrent_network } from '../../examples/recurrent_network.js';
import { runShort } from './run.js';

// TensorFlow-Examples' recurrent_network (a BasicLSTMCell unrolled by static_rnn over 28 rows) on CI's short
// setting: 20 steps of plain gradient descent, its printed lines as the original prints them.
describe('examples/recurrent_network', () => {
  it('trains 20 steps and prints the steps, "Optimization Finished!" and the test accuracy', { timeout: 180_000 }, async () => {
    const { result, lines } = await runShort(recurrent_network);
    expect(lines.find((l) => l.startsWith('Step 1,'))).toMatch(/^Step 1, Minibatch Loss= \d+\.\d{4}, Training Accuracy= \d\.\d{3}$/);
    expect(lines).toContain('Optimization Finished!');
    expect(lines.at(-1)).toMatch(/^Testing Accuracy: 0\.\d+$/);
    expect(result.losses.every((l) => Number.isFinite(l))).toBe(true);
    expect(result.accuracy).toBeGreaterThanOrEqual(0);
  });
});
