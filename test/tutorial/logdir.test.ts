// `tf1-ts tutorial --logdir`: the main run's summaries through tf.summary ops and a FileWriter, read back with
// tf.train.summary_iterator: the graph first, then at each evaluated step the loss and accuracy the run printed,
// the histograms of W and b and W's ten columns as 28×28 images. Without --logdir the printed lines are the same.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { CommanderError } from 'commander';
import { tf1ts } from '../helpers/tutorial_cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'tf1-ts-logdir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const short = ['tutorial', '--train-steps', '150', '--train-size', '200', '--test-size', '200', '--seed', '3', '--animation-sizes', '5', '--backend', 'cpu'];
const f32 = (v: number): number => Math.fround(v);

describe('tf1-ts tutorial --logdir', () => {
  it('writes the graph, then loss and accuracy scalars, W and b histograms and the weight images at each printed step', async () => {
    const logdir = join(tmp, 'logs');
    const plain = await tf1ts([...short, '--out', join(tmp, 'a')]);
    const logged = await tf1ts([...short, '--out', join(tmp, 'a'), '--logdir', logdir]);
    expect(logged.error).toBeNull();
    // the printed output is the same to the last digit, but for the timing line (the first run here starts the CPU
    // backend's worker threads; its products are split the same way before they listen as after)
    const untimed = (ls: string[]) => ls.filter((l) => !l.startsWith('// finished in'));
    expect(untimed(logged.lines)).toEqual(untimed(plain.lines));
    const files = readdirSync(logdir);
    expect(files.map((f) => /^events\.out\.tfevents\.\d{10}\./.test(f))).toEqual([true]);
    const events = [...tf.train.summary_iterator(join(logdir, files[0]!))];
    expect(events.slice(0, 3).map((e) => e.what.case)).toEqual(['fileVersion', 'graphDef', 'metaGraphDef']);
    const summaries = events.filter((e) => e.what.case === 'summary');
    // the steps printed (0, 100, 150), each with its numbers as printed
    const printed = logged.lines.filter((l) => l.startsWith('Training Step:'));
    expect(summaries.map((e) => Number(e.step))).toEqual([0, 100, 150]);
    expect(printed).toHaveLength(3);
    const images = Array.from({ length: 10 }, (_, d) => `digit_weights/image/${d}`);
    for (const [i, e] of summaries.entries()) {
      const s = e.what.case === 'summary' ? e.what.value : null;
      expect(s!.value.map((v) => v.tag)).toEqual(['loss', 'accuracy', 'weights', 'biases', ...images]);
      const value = (tag: string) => s!.value.find((v) => v.tag === tag)!.value;
      const [, acc, loss] = /Accuracy = +(\S+) +Loss = (\S+)/.exec(printed[i]!)!;
      expect(value('loss').value).toBe(f32(Number(loss)));
      expect(value('accuracy').value).toBe(f32(Number(acc)));
      const w = value('weights');
      expect(w.case === 'histo' && [w.value.num, w.value.bucket.reduce((a, b) => a + b, 0)]).toEqual([7840, 7840]);
      const bh = value('biases');
      expect(bh.case === 'histo' && bh.value.num).toBe(10);
      const im = value('digit_weights/image/3');
      expect(im.case === 'image' && [im.value.height, im.value.width, im.value.colorspace]).toEqual([28, 28, 1]);
    }
    // at step 0 (after one training step) W has moved off zero: its histogram spans negative and positive values
    const w0 = summaries[0]!.what.case === 'summary' ? summaries[0]!.what.value.value[2]!.value : null;
    expect(w0!.case === 'histo' && w0!.value.min < 0 && w0!.value.max > 0).toBe(true);
  }, 180_000);

  it("with --restore, the restored model's one evaluation at TRAIN_STEPS", async () => {
    const ckpt = join(tmp, 'ckpt');
    expect((await tf1ts([...short, '--animation-sizes', '', '--out', join(tmp, 'b'), '--save', ckpt])).error).toBeNull();
    const logdir = join(tmp, 'restored-logs');
    const r = await tf1ts([...short, '--animation-sizes', '', '--out', join(tmp, 'b'), '--restore', ckpt, '--logdir', logdir]);
    expect(r.error).toBeNull();
    const events = [...tf.train.summary_iterator(join(logdir, readdirSync(logdir)[0]!))].filter((e) => e.what.case === 'summary');
    expect(events.map((e) => Number(e.step))).toEqual([150]);
  }, 180_000);

  it('a --logdir that cannot be made is a one-line error, exit 2', async () => {
    const r = await tf1ts([...short, '--out', join(tmp, 'c'), '--logdir', '/proc/nope/logs']);
    expect(r.error).toBeInstanceOf(CommanderError);
    expect(r.error!.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: --logdir \/proc\/nope\/logs: cannot make the folder/);
  }, 60_000);
});
