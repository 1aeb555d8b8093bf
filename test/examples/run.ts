// Runs an example program (examples/NAME.ts) on CI's short setting, capturing what it prints.
import { vi } from 'vitest';

/** The example's figures (what its main returns) and the lines it printed. */
export async function runShort<R>(main: (opts: { short: boolean; tmp?: string }) => Promise<R>, tmp?: string): Promise<{ result: R; lines: string[] }> {
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
