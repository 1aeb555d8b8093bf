import { describe, expect, it } from 'vitest';
import { main as gan } from '../../examples/gan.js';
import { main as variational_autoencoder } from '../../examples/variational_autoencoder.js';
import { runShort } from './run.js';

// The generative MNIST models on CI's short setting (the full runs' figures are in docs/examples.md).
const TIMEOUT = 180_000;

describe('examples/gan', () => {
  it('100 steps: the discriminator learns to tell real digits from the generator’s', { timeout: TIMEOUT }, async () => {
    const { result, lines } = await runShort(gan);
    const steps = lines.filter((l) => l.startsWith('Step '));
    expect(steps).toHaveLength(2); // step 1 and the short run's last step
    const [first, last] = result.losses;
    expect(steps[0]).toBe(`Step 1: Generator Loss: ${first!.gl.toFixed(6)}, Discriminator Loss: ${first!.dl.toFixed(6)}`);
    expect(last!.step).toBe(100);
    // At the start D(x) and D(G(z)) are near 1/2: the losses near -log(1/2) and -2 log(1/2) (runs: 0.65-1.08, 1.09-1.51)
    expect(first!.gl).toBeGreaterThan(0.2);
    expect(first!.dl).toBeGreaterThan(0.5);
    // The discriminator wins early on: its loss falls and the generator's rises
    expect(last!.dl).toBeLessThan(first!.dl / 2);
    expect(last!.gl).toBeGreaterThan(first!.gl);
    // Ten draws of 4 generated images, colours reversed into [0, 1]
    expect(result.images).toHaveLength(10);
    for (const g of result.images) {
      expect(g.shape).toEqual([4, 28, 28, 1]);
      for (const v of g.data as Float32Array) expect(v >= 0 && v <= 1).toBe(true);
    }
  });
});

describe('examples/variational_autoencoder', () => {
  it('100 steps: the loss falls, and the decoder paints the manifold in [0, 1]', { timeout: TIMEOUT }, async () => {
    const { result, lines } = await runShort(variational_autoencoder);
    const steps = lines.filter((l) => l.startsWith('Step '));
    const [first, last] = result.losses;
    expect(steps).toEqual([`Step 1, Loss: ${first!.loss.toFixed(6)}`, `Step 100, Loss: ${last!.loss.toFixed(6)}`]);
    // 784 pixels' cross entropy near -log(1/2) each at the start; well below after 100 steps
    expect(first!.loss).toBeGreaterThan(300);
    expect(last!.loss).toBeLessThan(280);
    expect(result.canvas).toHaveLength(560 * 560);
    let min = 1;
    let max = 0;
    for (const v of result.canvas) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(max - min).toBeGreaterThan(0.5); // digits, not a flat grey
  });
});
