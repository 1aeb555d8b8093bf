// binary.ts (the compiled kernels, their exports' type and the SIMD op codes) is generated and
// gitignored, so it can lag behind the WAT and the op list it is made from; build.mjs --check
// says when it does. The codes and the kernels' br_tables come from one list (simd_ops.mjs), and
// wasm_elementwise.test.ts runs every listed code against that op's JavaScript kernel.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../../src/session/cpu/wasm/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'wasm-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs build.mjs with `args`: its exit status and what it printed. */
function build(...args: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [join(dir, 'build.mjs'), ...args], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('the generated kernels (binary.ts)', () => {
  it('are what build.mjs makes of the current WAT and op list', () => {
    const r = build('--check');
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('fail the check when their op codes differ from the list the br_tables are written from', () => {
    const current = readFileSync(join(dir, 'binary.ts'), 'utf8');
    const swapped = current.replace('Add: 0, Sub: 1', 'Add: 1, Sub: 0');
    expect(swapped).not.toBe(current);
    const stale = join(scratch, 'binary.ts');
    writeFileSync(stale, swapped);
    const r = build('--check', '--out', stale);
    expect(r.status).toBe(1);
    expect(r.output).toContain('is not what build.mjs makes of');
  });
});
