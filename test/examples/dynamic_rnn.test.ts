import { describe, expect, it } from 'vitest';
import { main as dynamic_rnn, ToySequenceData } from '../../examples/dynamic_rnn.js';
import { runShort } from './run.js';

// TensorFlow-Examples' dynamic_rnn (a BasicLSTMCell unrolled by static_rnn with `sequence_length`, the last relevant
// output gathered by index) on CI's short setting: 20 steps of plain gradient descent, its printed lines as the original.
describe('examples/dynamic_rnn', () => {
  it('makes the toy sequences: linear or random, padded with zeros past their length, labels one-hot', () => {
    const d = new ToySequenceData(200, 20);
    expect(d.data.length).toBe(200);
    d.data.forEach((s, i) => {
      const len = d.seqlen[i]!;
      expect(len).toBeGreaterThanOrEqual(3);
      expect(len).toBeLessThanOrEqual(20);
      expect(s.length).toBe(20);
      expect(s.slice(len).every((v) => v.length === 1 && v[0] === 0)).toBe(true);
      if (d.labels[i]![0] === 1) for (let k = 1; k < len; k++) expect(s[k]![0]! - s[k - 1]![0]!).toBeCloseTo(0.001, 12);
      expect(d.labels[i]![0]! + d.labels[i]![1]!).toBe(1);
    });
    const [bx, by, bl] = d.next(128);
    expect([bx.length, by.length, bl.length]).toEqual([128, 128, 128]);
    expect(d.next(128)[0].length).toBe(72); // the rest, then it starts over
    expect(d.next(128)[0].length).toBe(128);
  });

  it('trains 20 steps and prints the steps, "Optimization Finished!" and the test accuracy', { timeout: 180_000 }, async () => {
    const { result, lines } = await runShort(dynamic_rnn);
    expect(lines.find((l) => l.startsWith('Step 128,'))).toMatch(/^Step 128, Minibatch Loss= \d+\.\d{6}, Training Accuracy= \d\.\d{5}$/);
    expect(lines.filter((l) => l.startsWith('Step ')).map((l) => l.split(',')[0])).toEqual(['Step 128', 'Step 1280', 'Step 2560']);
    expect(lines).toContain('Optimization Finished!');
    expect(lines.at(-1)).toMatch(/^Testing Accuracy: 0\.\d+$/);
    expect(result.losses.every((l) => Number.isFinite(l))).toBe(true);
    expect(result.accuracy).toBeGreaterThan(0);
  });
});
