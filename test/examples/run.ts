// Runs an example program (examples/NAME.ts) on CI's short setting, capturing what it prints.
import { vi } from 'vitest';
import { numpy_random } from '../../examples/lib/example.js';

const SEED = 20161205;

/** The example's figures (what its main returns) and the lines it printed. NumPy's draws (numpy_random) are seeded
 * first, so a short run that starts from NumPy's random values (linear_regression's W and b, gan's noise) repeats. */
export async function runShort<R>(main: (opts: { short: boolean; tmp?: string }) => Promise<R>, tmp?: string): Promise<{ result: R; lines: string[] }> {
  numpy_random.seed(SEED);
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  try {
    const result = await main(tmp === undefined ? { short: true } : { short: true, tmp });
    return { result, lines };
  } finally {
    spy.mockRestore();
  }
}
