import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NDArray } from '../../src/framework/ndarray.js';
import { seismic } from '../../src/tutorial/colormap.js';
import { decodePng } from '../../src/tutorial/figures_node.js';
import { row } from '../../src/tutorial/helpers.js';
import { pixelAt } from '../../src/tutorial/image.js';
import { mnist_data_dir, read_data_sets, type Datasets } from '../../src/examples/tutorials/mnist/input_data.js';
import { CommanderError } from 'commander';
import { tf1ts } from '../helpers/tutorial_cli.js';
import { imageOrigin } from '../../src/tutorial/svg.js';

const tmp = mkdtempSync(join(tmpdir(), 'tf1-ts-tutorial-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let mnist: Datasets;
beforeAll(() => {
  mnist = read_data_sets(undefined, { one_hot: true, log: null });
});

/** Float64 softmax, to check the printed one against. */
const softmax = (v: number[]): number[] => {
  const e = v.map(Math.exp);
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};
/** The numbers in a printed NumPy array. */
const numbers = (s: string): number[] => s.replace(/[[\]]/g, ' ').trim().split(/\s+/).map(Number);

describe('tf1-ts tutorial, a short run (20 steps on 200 examples)', () => {
  const out = join(tmp, 'short');
  let lines: string[];
  beforeAll(async () => {
    const r = await tf1ts([
      'tutorial',
      '--train-steps',
      '20',
      '--train-size',
      '200',
      '--test-size',
      '500',
      '--seed',
      '7',
      '--animation-sizes',
      '1,5',
      '--backend',
      'cpu',
      '--out',
      out,
    ]);
    expect(r.error).toBeNull();
    lines = r.lines;
  }, 120_000);
  /** The lines after the first `> code` line that starts with `start`, up to the next `> ` line. */
  const printedAfter = (start: string): string[] => {
    const i = lines.findIndex((l) => l.startsWith(`> ${start}`));
    expect(i, start).toBeGreaterThanOrEqual(0);
    const rest = lines.slice(i + 1);
    const end = rest.findIndex((l) => l.startsWith('> '));
    return end < 0 ? rest : rest.slice(0, end);
  };
  /** The random example display_digit showed, read from its figure's title. */
  const digitShown = (): number => Number(/"Example: (\d+) {2}Label: \d"\]$/.exec(printedAfter('await display_digit(')[1]!)![1]);
  /** The output lines from the statement that starts with `start` up to the end, without the `> ` lines. */
  const outputFrom = (start: string): string[] => {
    const i = lines.findIndex((l) => l.startsWith(`> ${start}`));
    expect(i, start).toBeGreaterThanOrEqual(0);
    return lines.slice(i).filter((l) => !l.startsWith('> '));
  };

  it("prints the article's data lines and a random digit's label", () => {
    expect(printedAfter('[x_train, y_train] = TRAIN_SIZE(55000)')).toEqual([
      'Total Training Images in Dataset = (55000, 784)',
      '--------------------------------------------------',
      'x_train Examples Loaded = (55000, 784)',
      'y_train Examples Loaded = (55000, 10)',
    ]);
    const num = digitShown();
    const label = row(mnist.train.labels, num);
    expect(printedAfter('await display_digit(ran.randint(0, x_train.shape[0]))')).toEqual([
      String(label),
      `[figure: ${join(out, 'display_digit.png')}  "Example: ${num}  Label: ${label.argmax()}"]`,
    ]);
  });

  it('prints y, the untrained 0.1 predictions and the two softmax examples', () => {
    expect(printedAfter('console.log(String(y))')).toEqual(['Tensor("Softmax:0", shape=(?, 10), dtype=float32)']);
    expect(printedAfter('console.log(String(await sess.run(y')).toEqual([
      '[[0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1]',
      ' [0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1]',
      ' [0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1]]',
    ]);
    expect(printedAfter('await sess.run(tf.nn.softmax(tf.zeros([4])))')).toEqual(['[0.25 0.25 0.25 0.25]']);
    const printed = numbers(printedAfter('await sess.run(tf.nn.softmax(tf.constant(').join(' '));
    softmax([0.1, 0.005, 2]).forEach((p, i) => expect(printed[i]).toBeCloseTo(p, 6));
  });

  it('works the cross entropy out by hand: 0.1053 against the label 3, 4.6051 against 2', () => {
    const j = [0.03, 0.03, 0.01, 0.9, 0.01, 0.01, 0.0025, 0.0025, 0.0025, 0.0025];
    expect(printedAfter('await sess.run(tf.log(j))').join('\n')).toBe(String(new NDArray(Float64Array.from(j, Math.log), [10], 'float64')));
    const sums = lines.flatMap((l, i) => (l.startsWith('> await sess.run(tf.reduce_sum(') ? [Number(lines[i + 1])] : []));
    expect(sums).toHaveLength(2);
    expect(sums[0]).toBeCloseTo(-Math.log(0.9), 12);
    expect(sums[1]).toBeCloseTo(-Math.log(0.01), 12);
    expect(sums.map((s) => s.toFixed(4))).toEqual(['0.1054', '4.6052']);
  });

  it('prints the loaded sizes and a Training Step line at step 0 and after the last step, the loss falling', () => {
    expect(printedAfter('[x_test, y_test] = TEST_SIZE(500)')).toEqual([
      'Total Test Examples in Dataset = (10000, 784)',
      '--------------------------------------------------',
      'x_test Examples Loaded = (500, 784)',
      'y_test Examples Loaded = (500, 10)',
    ]);
    const steps = printedAfter('await trainRun(');
    expect(steps).toHaveLength(2);
    const parsed = steps.map((l) => /^Training Step:(\d+) {2}Accuracy = {2}(\S+) {2}Loss = (\S+)$/.exec(l)!);
    expect(parsed.map((m) => Number(m[1]))).toEqual([0, 20]);
    const [acc0, loss0, acc20, loss20] = [parsed[0]![2], parsed[0]![3], parsed[1]![2], parsed[1]![3]].map(Number) as number[];
    expect(loss0).toBeLessThan(Math.log(10));
    expect(loss20).toBeLessThan(loss0!);
    expect(acc20).toBeGreaterThan(acc0!);
    // Accuracy over 500 test examples comes in steps of 1/500.
    expect(Math.round(acc20! * 500) / 500).toBeCloseTo(acc20!, 6);
  });

  it('prints the trained answer for the first training example and its argmax, and both display_compare calls', () => {
    expect(printedAfter('const answer = await sess.run(y, new Map([[x, x_train]]))')).toEqual([]);
    const answer = lines.slice(lines.indexOf('> answer') + 1, lines.indexOf('> answer.argmax()'));
    const probs = numbers(answer.join(' '));
    expect(probs).toHaveLength(10);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(printedAfter('answer.argmax()')).toEqual([String(probs.indexOf(Math.max(...probs)))]);
    const compare2 = printedAfter('await display_compare(2)');
    expect(compare2).toHaveLength(1);
    expect(compare2[0]).toMatch(new RegExp(`^\\[figure: .*display_compare_2\\.png {2}"Prediction: \\d Label: ${row(mnist.train.labels, 2).argmax()}"\\]$`));
  });

  it("prints one line per animation frame, the last being the main run's, then the GIF", () => {
    const frames = outputFrom('for (const size of [1, 5]) {').slice(0, -1); // the CLI's "finished" line ends the output
    const acc20 = /Accuracy = {2}(\S+)/.exec(printedAfter('await trainRun(')[1]!)![1];
    expect(frames.map((l) => l.replace(/ {2}Accuracy = {2}\S+$/, ''))).toEqual([
      'Training size: 1',
      'Training size: 5',
      'Training size: 200',
      `[animation: ${join(out, 'training_size.gif')}  3 frames]`,
    ]);
    expect(frames[2]).toBe(`Training size: 200  Accuracy =  ${acc20}`);
    expect(lines[lines.length - 1]).toMatch(/^\/\/ finished in \d+\.\d s \(the training loop: \d+\.\d s, cpu backend; --seed 7 repeats the random picks\)$/);
  });

  it('writes the figures: sizes, a white and a black pixel of the digit, both ends of seismic in every weights panel', () => {
    const png = (name: string) => decodePng(readFileSync(join(out, name)));
    const num = digitShown();
    const digit = png('display_digit.png');
    expect(digit.height).toBe(10 + 24 + 28 * 8 + 10);
    const o = imageOrigin(digit, 28 * 8);
    const pixels = row(mnist.train.images, num).data;
    const ink = pixels.indexOf(Math.max(...pixels));
    expect(pixelAt(digit, o.x + 4, o.y + 4)).toEqual([255, 255, 255, 255]); // pixel (0, 0) is blank
    expect(pixelAt(digit, o.x + (ink % 28) * 8 + 4, o.y + Math.floor(ink / 28) * 8 + 4)).toEqual([0, 0, 0, 255]);

    const flat = png('display_mult_flat.png');
    expect([flat.width, flat.height]).toEqual([784, 400]);
    expect(pixelAt(flat, 0, 0)).toEqual([255, 255, 255, 255]);

    const weights = png('weights.png');
    expect([weights.width, weights.height]).toEqual([5 * (28 * 4 + 8) + 8, 2 * (28 * 4 + 8) + 8]);
    const blue = [...seismic.lut.subarray(0, 3)].join();
    const red = [...seismic.lut.subarray(255 * 3)].join();
    for (let panel = 0; panel < 10; panel++) {
      const seen = new Set<string>();
      const x0 = 8 + (panel % 5) * 120;
      const y0 = 8 + Math.floor(panel / 5) * 120;
      for (let y = 0; y < 112; y++)
        for (let x = 0; x < 112; x++)
          seen.add(
            pixelAt(weights, x0 + x, y0 + y)
              .slice(0, 3)
              .join(),
          );
      expect(seen.has(blue) && seen.has(red), `panel ${panel}`).toBe(true);
    }
    const gif = readFileSync(join(out, 'training_size.gif'));
    expect(gif.subarray(0, 6).toString()).toBe('GIF89a');
  });
});

describe('tf1-ts tutorial with --train-steps 0 and no animation', () => {
  it('trains one step, prints its record, and writes no GIF', async () => {
    const out = join(tmp, 'tiny');
    const r = await tf1ts(['tutorial', '--train-steps', '0', '--train-size', '10', '--test-size', '10', '--animation-sizes', '', '--out', out]);
    expect(r.error).toBeNull();
    expect(r.lines.filter((l) => l.startsWith('Training Step:')).map((l) => l.split('  ')[0])).toEqual(['Training Step:0']);
    expect(r.lines.some((l) => l.includes('Training size') || l.includes('animation'))).toBe(false);
    expect(existsSync(join(out, 'weights.png'))).toBe(true);
    expect(existsSync(join(out, 'training_size.gif'))).toBe(false);
  }, 60_000);
});

/** Expects the command to fail before running anything, with exactly one line on stderr. */
async function expectOneLineError(args: string[], pattern: RegExp, exitCode?: number): Promise<void> {
  const r = await tf1ts(['tutorial', '--out', join(tmp, 'unused'), ...args]);
  expect(r.error, args.join(' ')).toBeInstanceOf(CommanderError);
  // main.ts exits 2 for every commander error (and the command's own errors ask for 2 themselves).
  expect(r.error!.code).toMatch(/^commander\./);
  if (exitCode !== undefined) expect(r.error!.exitCode).toBe(exitCode);
  expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.lines).toEqual([]);
}

describe('tf1-ts tutorial, bad input', () => {
  it('rejects bad option values in one line', async () => {
    await expectOneLineError(['--train-size', 'abc'], /--train-size.*'abc' is invalid\. TRAIN_SIZE must be a whole number from 1 up\./);
    await expectOneLineError(['--train-size', '0'], /TRAIN_SIZE must be a whole number/);
    await expectOneLineError(['--test-size', '2.5'], /TEST_SIZE must be a whole number/);
    await expectOneLineError(['--learning-rate', '-0.1'], /LEARNING_RATE must be a number greater than 0\./);
    await expectOneLineError(['--learning-rate', 'fast'], /LEARNING_RATE/);
    await expectOneLineError(['--train-steps', '-1'], /TRAIN_STEPS must be a whole number from 0 up\./);
    await expectOneLineError(['--seed', 'x'], /seed must be a whole number/);
    await expectOneLineError(['--backend', 'tpu'], /Allowed choices are auto, cpu, webgpu/);
    await expectOneLineError(['--animation-sizes', '1,a'], /training sizes as whole numbers/);
    await expectOneLineError(['--bogus'], /unknown option '--bogus'/);
    await expectOneLineError(['extra'], /too many arguments/);
  });

  it('rejects sizes larger than the data, after reading it', async () => {
    await expectOneLineError(['--train-size', '55001'], /^error: TRAIN_SIZE 55001 is more than the 55000 training examples\.$/m, 2);
    await expectOneLineError(['--test-size', '10001'], /^error: TEST_SIZE 10001 is more than the 10000 test examples\.$/m, 2);
  });

  it('names a missing data folder, and the bad file in a folder', async () => {
    const missing = join(tmp, 'no-such-folder');
    await expectOneLineError(['--data-dir', missing], new RegExp(`^error: ${missing}: MNIST data folder not found`), 2);
    // A folder with the other three files intact and the training images cut short.
    const bad = join(tmp, 'bad-data');
    mkdirSync(bad);
    for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
      const bytes = readFileSync(join(mnist_data_dir(), f));
      writeFileSync(join(bad, f), bytes.subarray(0, f.startsWith('train-images') ? 1000 : bytes.length));
    }
    await expectOneLineError(['--data-dir', bad], new RegExp(`^error: ${join(bad, 'train-images-idx3-ubyte')}: truncated`), 2);
  });

  it('refuses an --out that is a file', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const r = await tf1ts(['tutorial', '--out', file]);
    expect(r.error?.exitCode).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: --out ${file}: cannot make the folder`));
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it("refuses an --out or --save under /proc in one line, at once (Node's recursive mkdir spun there at 100% CPU)", async () => {
    const r = await tf1ts(['tutorial', '--out', '/proc/tf1-ts-out']);
    expect(r.error?.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: --out \/proc\/tf1-ts-out: cannot make the folder \(Failed to create \/proc\/tf1-ts-out: ENOENT/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    await expectOneLineError(
      ['--save', '/proc/tf1-ts-save/deeper'],
      /^error: --save \/proc\/tf1-ts-save\/deeper: cannot make the folder \(Failed to create \/proc\/tf1-ts-save\/deeper: ENOENT/,
      2,
    );
  });

  it('lists every option under --help', async () => {
    const r = await tf1ts(['tutorial', '--help']);
    expect(r.error?.code).toBe('commander.helpDisplayed');
    for (const o of ['--train-size', '--test-size', '--learning-rate', '--train-steps', '--out', '--backend', '--seed', '--data-dir', '--animation-sizes']) {
      expect(r.stdout).toContain(o);
    }
    expect(r.stdout).toContain('(default: 5500)');
  });
});

describe('the tf1-ts program (src/cli/main.ts, in a child process)', () => {
  /** Runs the real entry point through tsx, as `npx tf1-ts` runs its compiled twin. */
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('exits 2 with one line on stderr for a bad option value and for a bad data folder', () => {
    for (const args of [
      ['tutorial', '--train-size', '0'],
      ['tutorial', '--out', join(tmp, 'o'), '--data-dir', join(tmp, 'nothing-here')],
    ]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('exits 0 for --help', () => {
    const r = run(['tutorial', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--train-size <n>');
  });
});
