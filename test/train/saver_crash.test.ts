// Kills (SIGKILL) a process in the middle of Saver.save and checks the last good checkpoint still restores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '../../src/index.js';
import { smallModel, values } from './model.js';

const child = fileURLToPath(new URL('./fixtures/save_child.ts', import.meta.url));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the child in `mode`, kills it with SIGKILL once `killWhen` accepts a line it printed, returns its lines. */
function runAndKill(mode: string, prefix: string, killWhen: (line: string, lines: string[]) => number | null): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, mode, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    let buf = '';
    let armed = false;
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        const delay = armed ? null : killWhen(line, lines);
        if (delay !== null) {
          armed = true;
          setTimeout(() => p.kill('SIGKILL'), delay);
        }
      }
    });
    p.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(lines) : reject(new Error(`child exited (${code}) before it was killed:\n${stderr}`))));
  });
}

/** Restores `prefix` into a fresh model and returns its values. */
async function restoredValues(prefix: string) {
  const m = smallModel(new tf.Graph(), [256, 256]);
  const sess = new tf.Session({ graph: m.g, backend: 'cpu' });
  await new tf.train.Saver([m.W, m.b, m.step, m.flags]).restore(sess, prefix);
  const v = (await values(sess, m)) as { W: number[][]; b: number[]; step: number; flags: boolean[] };
  sess.close();
  return v;
}

const expectStep = (v: Awaited<ReturnType<typeof restoredValues>>, k: number): void => {
  expect(v.step).toBe(k);
  expect(v.b).toEqual([-k, -k]);
  expect(v.flags).toEqual([k % 2 === 1, k % 2 === 0]);
  expect(v.W.every((row) => row.every((x) => x === k))).toBe(true);
};

describe('a process killed in the middle of save', () => {
  it('half way through writing the new file: the previous checkpoint is the latest and restores', async () => {
    const base = path.join(dir, 'model.ckpt');
    const lines = await runAndKill('mid-write', base, (l) => (l.startsWith('paused') ? 0 : null));
    const tmp = lines.at(-1)!.split(' ')[2]!;
    expect((await stat(tmp)).size).toBeGreaterThan(0); // the kill really came mid-save, with a partial file on disk
    expect(tf.train.latest_checkpoint(dir)).toBe(`${base}-1`);
    expectStep(await restoredValues(`${base}-1`), 1);
  }, 30_000);

  it('between the complete temporary file and the rename, overwriting the same prefix: the old file restores', async () => {
    const base = path.join(dir, 'model.ckpt');
    await runAndKill('before-rename', base, (l) => (l.startsWith('paused') ? 0 : null));
    expect((await readdir(dir)).filter((f) => f.includes('.tmp'))).toHaveLength(1);
    expect(tf.train.latest_checkpoint(dir)).toBe(base);
    expectStep(await restoredValues(base), 1);
  }, 30_000);

  it('at a random moment of a save loop: every checkpoint the index lists restores, the latest to its own step', async () => {
    const base = path.join(dir, 'model.ckpt');
    const lines = await runAndKill('loop', base, (l) => (l === 'saved 3' ? Math.floor(Math.random() * 40) : null));
    const latest = tf.train.latest_checkpoint(dir);
    expect(latest).not.toBeNull();
    const step = Number(/-(\d+)$/.exec(latest!)![1]);
    // Every step the child reported is on disk; at most one more finished between its last report and the kill.
    const reported = lines.filter((l) => l.startsWith('saved')).length;
    expect(step).toBeGreaterThanOrEqual(reported);
    expect(step).toBeLessThanOrEqual(reported + 1);
    const state = tf.train.get_checkpoint_state(dir)!;
    for (const p of state.all_model_checkpoint_paths) expectStep(await restoredValues(p), Number(/-(\d+)$/.exec(p)![1]));
    expectStep(await restoredValues(latest!), step);
  }, 30_000);
});
