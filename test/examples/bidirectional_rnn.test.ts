import { describe, expect, it } from 'vitest';
import { main as bidirectional_rnn } from '../../examples/bidirectional_rnn.js';
import { runShort } from './run.js';

// TensorFlow-Examples' bidirectional_rnn (two BasicLSTMCells, static_bidirectional_rnn over the 28 rows) on CI's short
// setting: 20 steps of plain gradient descent, its printed lines as the original prints them.
describe('examples/bidirectional_rnn', () => {
  it('trains 20 steps and prints the steps, "Optimization Finished!" and the test accuracy', { timeout: 180_000 }, async () => {
    const { result, lines } = await runShort(bidirectional_rnn);
    expect(lines.find((l) => l.startsWith('Step 1,'))).toMatch(/^Step 1, Minibatch Loss= \d+\.\d{4}, Training Accuracy= \d\.\d{3}$/);
    expect(lines.filter((l) => l.startsWith('Step ')).map((l) => l.split(',')[0])).toEqual(['Step 1', 'Step 10', 'Step 20']);
    expect(lines).toContain('Optimization Finished!');
    expect(lines.at(-1)).toMatch(/^Testing Accuracy: 0\.\d+$/);
    expect(result.losses.every((l) => Number.isFinite(l))).toBe(true);
    expect(result.accuracy).toBeGreaterThanOrEqual(0);
  });
});
