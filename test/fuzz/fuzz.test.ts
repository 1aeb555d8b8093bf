// Fuzzing the engine with fast-check: random graphs from the op vocabulary, run with random and
// malformed feeds and fetches. Every call returns or throws one of TF1's errors (never a raw JS
// error, never a hang), values agree with their tensors' static dtypes and shapes, and a failed run
// changes no variable (see check.ts). Each property runs in a child process that is killed if it
// stops making progress. FUZZ_SEED and FUZZ_RUNS explore beyond the fixed CI seed.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./fuzz_child.ts', import.meta.url));
const SEED = Number(process.env.FUZZ_SEED ?? 20240901);
const scale = Number(process.env.FUZZ_RUNS ?? 1);
/** A case that makes no progress for this long is a hang. */
const STALL_MS = 30_000;

type Report = { ok: boolean; report?: string; cases?: number; failedAfterWrite?: number };

/** Runs a property in a child; resolves with its final report, or a hang report naming the last case. */
function fuzz(property: string, numRuns: number): Promise<Report> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, property, String(Math.round(numRuns * scale)), String(SEED)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let last = '';
    let buf = '';
    let stderr = '';
    let result: Report | null = null;
    let timer = setTimeout(() => p.kill('SIGKILL'), STALL_MS);
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const msg = JSON.parse(line) as { ok?: boolean };
        if ('ok' in msg) result = msg as typeof result;
        else last = line;
        clearTimeout(timer);
        timer = setTimeout(() => p.kill('SIGKILL'), STALL_MS);
      }
    });
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else if (signal === 'SIGKILL') resolve({ ok: false, report: `hang: no progress for ${STALL_MS / 1000}s (seed ${SEED}) in case ${last}` });
      else resolve({ ok: false, report: `the fuzz process died (code ${code}, seed ${SEED}) during case ${last}\n${stderr}` });
    });
  });
}

describe('fuzzing Session.run with random graphs and malformed inputs', () => {
  it('random graphs, random and malformed feeds and fetches: only TF1 errors, consistent results', async () => {
    const r = await fuzz('graphs', 600);
    expect(r.report ?? '', r.report).toBe('');
    expect(r.ok).toBe(true);
    expect(r.cases).toBeGreaterThanOrEqual(600 * scale);
  }, 120_000);

  it('variables written next to ops that fail on fed values: a failed run changes no variable', async () => {
    const r = await fuzz('stateful', 500);
    expect(r.report ?? '', r.report).toBe('');
    expect(r.ok).toBe(true);
    expect(r.cases).toBeGreaterThanOrEqual(500 * scale);
    // The property is only as good as its cases: enough runs must have failed after a write, for the rollback to be tested.
    expect(r.failedAfterWrite).toBeGreaterThanOrEqual(10 * scale);
  }, 120_000);
});
