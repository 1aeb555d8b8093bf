import { describe, expect, it } from 'vitest';
import { main as logistic_regression } from '../../examples/logistic_regression.js';
import { main as mnist_softmax } from '../../examples/mnist_softmax.js';
import { main as multilayer_perceptron } from '../../examples/multilayer_perceptron.js';
import { main as neural_network_raw } from '../../examples/neural_network_raw.js';
import { runShort } from './run.js';

// The MNIST classifiers on CI's short setting: each loss falls and each accuracy clears a floor the short run meets
// (the full runs' figures are in docs/examples.md).
const TIMEOUT = 180_000;

describe('examples/mnist_softmax (TF r1.12)', () => {
  it('reaches 85% test accuracy in 100 of its 1000 steps (the full run: about 92%)', { timeout: TIMEOUT }, async () => {
    const { result, lines } = await runShort(mnist_softmax);
    expect(lines.at(-1)).toMatch(/^0\.\d+$/);
    expect(result.accuracy).toBeGreaterThan(0.85);
  });
});

describe('examples/logistic_regression', () => {
  it('one epoch: the cost and the accuracy of the first epoch', { timeout: TIMEOUT }, async () => {
    const { result, lines } = await runShort(logistic_regression);
    expect(lines).toContain(`Epoch: 0001 cost= ${result.costs[0]!.toFixed(9)}`);
    expect(result.costs[0]!).toBeLessThan(1.5);
    expect(result.accuracy).toBeGreaterThan(0.85);
  });
});

describe('examples/neural_network_raw', () => {
  it('100 steps: the minibatch loss falls from its first step', { timeout: TIMEOUT }, async () => {
    const { result, lines } = await runShort(neural_network_raw);
    expect(lines.filter((l) => l.startsWith('Step '))).toHaveLength(2); // steps 1 and 100
    expect(lines[lines.length - 2]).toBe('Optimization Finished!');
    expect(result.losses[1]!).toBeLessThan(result.losses[0]! / 3);
    expect(result.accuracy).toBeGreaterThan(0.6);
  });
});

describe('examples/multilayer_perceptron', () => {
  it('100 batches of Adam: a test accuracy well above chance', { timeout: TIMEOUT }, async () => {
    const { result, lines } = await runShort(multilayer_perceptron);
    expect(lines).toContain(`Epoch: 0001 cost=${result.costs[0]!.toFixed(9)}`);
    expect(result.accuracy).toBeGreaterThan(0.5);
  });
});
