import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { main as convolutional_network_raw } from '../../examples/convolutional_network_raw.js';
import { main as mnist_deep } from '../../examples/mnist_deep.js';
import { runShort } from './run.js';

// The convolutional MNIST classifiers on CI's short setting (the full and partial runs' figures are in
// docs/examples.md). Their initial weights are drawn afresh at each run: the floors have a margin below what the
// short runs measured (mnist_deep's 200 steps: test accuracy 0.9123 and 0.9124 in two runs;
// convolutional_network_raw's 50 steps: 0.8203 and 0.8047 on its 256 test images, the loss falling 17- and 22-fold).
// mnist_deep's short run took 3 minutes wall (its 200 steps, then the 10000 test images in one run, as TF's
// original: about 35 CPU-seconds and 3.9 GB of peak RSS, docs/examples.md): a generous timeout for a shared machine.
const TIMEOUT = 1_200_000;
const tmp = mkdtempSync(join(tmpdir(), 'tf1-ts-convnets-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('examples/mnist_deep (TF r1.12)', () => {
  it('200 steps: the training accuracy printed every 100 steps as %g, then the test accuracy of all 10000 test images', { timeout: TIMEOUT }, async () => {
    const { result, lines } = await runShort(mnist_deep, tmp);
    // mnist_deep.py's graph for TensorBoard: a FileWriter in a fresh temporary folder, its events file holding the graph
    expect(lines.filter((l) => l.startsWith('Saving graph to: '))).toEqual([`Saving graph to: ${result.graph_location}`]);
    expect(result.graph_location.startsWith(join(tmp, 'tmp'))).toBe(true);
    const events = readdirSync(result.graph_location);
    expect(events).toHaveLength(1);
    const records = [...tf.train.summary_iterator(join(result.graph_location, events[0]!))];
    expect(records.map((e) => e.what.case)).toEqual(['fileVersion', 'graphDef']);
    const steps = lines.filter((l) => l.startsWith('step '));
    expect(steps).toEqual(result.train_accuracies.map((a, k) => `step ${k * 100}, training accuracy ${+a.toPrecision(6)}`));
    expect(steps).toHaveLength(2);
    expect(lines.at(-1)).toBe(`test accuracy ${+result.accuracy.toPrecision(6)}`);
    expect(result.accuracy).toBeGreaterThan(0.85);
  });
});

describe('examples/convolutional_network_raw', () => {
  it('50 steps: the minibatch loss printed every 10 steps falls, then the accuracy of 256 test images', { timeout: TIMEOUT }, async () => {
    const { result, lines } = await runShort(convolutional_network_raw);
    const steps = lines.filter((l) => l.startsWith('Step '));
    expect(steps).toHaveLength(6); // steps 1, 10, ..., 50
    expect(steps[0]).toBe(`Step 1, Minibatch Loss= ${result.losses[0]!.toFixed(4)}, Training Accuracy= ${result.train_accuracies[0]!.toFixed(3)}`);
    expect(lines.at(-2)).toBe('Optimization Finished!');
    expect(lines.at(-1)).toMatch(/^Testing Accuracy: 0\.\d+$/);
    expect(result.losses.at(-1)!).toBeLessThan(result.losses[0]! / 3);
    expect(result.accuracy).toBeGreaterThan(0.6);
  });
});
