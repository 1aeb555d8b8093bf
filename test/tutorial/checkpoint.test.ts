import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CommanderError } from 'commander';
import { tf1ts } from '../helpers/tutorial_cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'tf1-ts-ckpt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const short = ['tutorial', '--train-steps', '30', '--train-size', '300', '--test-size', '300', '--seed', '3', '--animation-sizes', '', '--backend', 'cpu'];

describe('tf1-ts tutorial --save / --restore', () => {
  it('saves the trained model and a later run restores it instead of training, with the same answers', async () => {
    const ckpt = join(tmp, 'ckpt');
    const trained = await tf1ts([...short, '--out', join(tmp, 'a'), '--save', ckpt]);
    expect(trained.error).toBeNull();
    expect(trained.lines).toContain(`Saved ${join(ckpt, 'model.ckpt-30')}`);
    expect(readFileSync(join(ckpt, 'checkpoint'), 'utf8')).toMatch(/model_checkpoint_path: ".*model\.ckpt-30"/);
    const restored = await tf1ts([...short, '--out', join(tmp, 'b'), '--restore', ckpt]);
    expect(restored.error).toBeNull();
    expect(restored.lines).toContain(`Restored ${join(ckpt, 'model.ckpt-30')}`);
    expect(restored.lines.some((l) => l.startsWith('Training Step:0 '))).toBe(false);
    const last = (ls: string[]): string => ls.filter((l) => l.startsWith('Training Step:')).at(-1)!;
    expect(last(restored.lines)).toBe(last(trained.lines));
    // The trained prediction for the first example prints the same after restoring.
    const answer = (ls: string[]): string => ls[ls.indexOf('> answer') + 1]!;
    expect(answer(trained.lines)).toMatch(/^\[\[\d/);
    expect(answer(restored.lines)).toBe(answer(trained.lines));
    expect(existsSync(join(tmp, 'b', 'weights.png'))).toBe(true);
  }, 120_000);

  it('a folder with no checkpoint is a one-line error, exit 2', async () => {
    const r = await tf1ts([...short, '--out', join(tmp, 'c'), '--restore', join(tmp, 'empty')]);
    expect(r.error).toBeInstanceOf(CommanderError);
    expect(r.error!.exitCode).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no checkpoint there/);
  }, 60_000);
});
