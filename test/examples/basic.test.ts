import { describe, expect, it } from 'vitest';
import { main as basic_operations } from '../../examples/basic_operations.js';
import { main as linear_regression } from '../../examples/linear_regression.js';
import { main as nearest_neighbor } from '../../examples/nearest_neighbor.js';
import { runShort } from './run.js';

// The examples that need no training set (and nearest_neighbor, which trains nothing), on CI's short setting.

describe('examples/basic_operations', () => {
  it('prints what the original prints, line for line', async () => {
    const { result, lines } = await runShort(basic_operations);
    expect(lines).toEqual([
      'a=2, b=3',
      'Addition with constants: 5',
      'Multiplication with constants: 6',
      'Addition with variables: 5',
      'Multiplication with variables: 6',
      '[[12.]]',
    ]);
    expect(result.result).toEqual([[12]]);
  });
});

describe('examples/linear_regression', () => {
  it('fits the line: the cost falls and ends near the least-squares fit (W 0.2516, b 0.7988, cost 0.0769)', async () => {
    const { result, lines } = await runShort(linear_regression);
    expect(lines.filter((l) => l.startsWith('Epoch:'))).toHaveLength(2); // epochs 50 and 100, display_step 50
    expect(lines[0]).toMatch(/^Epoch: 0050 cost= \d+\.\d{9} W= \S+ b= \S+$/);
    expect(lines).toContain('Optimization Finished!');
    expect(result.costs[1]!).toBeLessThanOrEqual(result.costs[0]!);
    // 100 epochs from NumPy's random W and b end at 0.077-0.22 (numpy_random seeds 1 to 12; the full 1000 reach 0.0769).
    expect(result.training_cost).toBeLessThan(0.25);
    expect(result.W).toBeGreaterThan(0);
    expect(Math.abs(result.training_cost - result.testing_cost)).toBeLessThan(0.2);
  });
});

describe('examples/nearest_neighbor', () => {
  it('classifies test digits by their L1-nearest training digit', async () => {
    const { result, lines } = await runShort(nearest_neighbor);
    expect(lines.filter((l) => /^Test \d+ Prediction: \d True Class: \d$/.test(l))).toHaveLength(20);
    expect(lines.at(-2)).toBe('Done!');
    expect(result.accuracy).toBeGreaterThanOrEqual(0.75);
  });
});
