// The names the article's statements call besides `tf`: its helpers bound to the data and to where the output
// goes, as the article's Python reads its globals (`display_digit(num)` shows the current `x_train[num]`).
// No Node APIs here: figures and checkpoints go through the caller's hooks.
import { finalize, identity, lastValueFrom, type MonoTypeOperatorFunction } from 'rxjs';
import * as tf from '../index.js';
import { mulberry32 } from '../examples/tutorials/mnist/dataset.js';
import * as helpers from './helpers.js';
import type { Datasets } from '../examples/tutorials/mnist/index.js';
import type { Notebook } from './notebook.js';
import { runSummaries, type RunSummaries } from './summaries.js';
import {
  evaluate,
  formatStepRecord,
  trainRun,
  type Runner,
  type StepRecord,
  type TrainableModel,
  type TrainingData,
  type TrainRunOptions,
} from './training.js';

/** Where the article's figures, progress and checkpoints go (the CLI's files and bar, or a test's lists). */
export interface ScopeIO {
  /** One printed line. */
  readonly print: helpers.Print;
  /** Shows (writes) a figure under a file name such as `display_digit.png`; resolves to where it went. */
  readonly figure: (name: string, fig: helpers.Figure) => Promise<string>;
  /** Shows (writes) an animation's frames under a file name such as `training_size.gif`; resolves to where it went. */
  readonly animation: (name: string, frames: readonly helpers.Figure[]) => Promise<string>;
  /** Watches a training run of `total` steps (a progress bar). */
  readonly progress?: (label: string, total: number) => MonoTypeOperatorFunction<StepRecord>;
  /** Restores the variables from a checkpoint; resolves to its prefix. */
  readonly restore?: (sess: tf.Session, vars: tf.Variable[]) => Promise<string>;
  /** Saves the variables at `step`; resolves to the checkpoint's prefix. */
  readonly save?: (sess: tf.Session, vars: tf.Variable[], step: number) => Promise<string>;
  /** A folder for TensorBoard's summaries of the main run (or the restored model's evaluation). */
  readonly logdir?: string;
}

/** What the helpers saw, for the run's result: display_compare's picks and the animation's frames. */
export interface ScopeLog {
  readonly compare: { num: number; prediction: number; label: number }[];
  readonly animation: { size: number; accuracy: number }[];
}

/** NumPy's `str()` of a float32 scalar. */
const f32 = (v: number): string => String(new tf.NDArray(Float32Array.of(v), [], 'float32'));

/** Adds the article's helpers to `nb` (they read its `x_train`, `sess`, `x`, `y`, ...); returns what they log. */
export function defineArticleScope(nb: Notebook, mnist: Datasets, seed: number, io: ScopeIO): ScopeLog {
  const log: ScopeLog = { compare: [], animation: [] };
  const next = mulberry32(seed);
  const frames: helpers.Figure[] = [];
  const arr = (name: string): tf.NDArray => nb.get(name, tf.NDArray);
  const shown = async (name: string, fig: helpers.Figure): Promise<void> => {
    const where = await io.figure(name, fig);
    io.print(fig.title === null ? `[figure: ${where}]` : `[figure: ${where}  "${fig.title}"]`);
  };
  // --logdir: the first run (the main one; the animation's come later) or the restored model's evaluation.
  let summarized = io.logdir === undefined;
  const summaries = (model: TrainableModel): RunSummaries | null => {
    if (summarized) return null;
    summarized = true;
    const sess = nb.get('sess', tf.Session);
    return runSummaries(io.logdir!, sess, model, nb.get('W', tf.Variable), nb.get('b', tf.Variable));
  };
  const missing = (what: string) => async (): Promise<never> => {
    throw new Error(`this run has no ${what}`);
  };
  nb.define({
    console: {
      log: (...args: unknown[]): void => {
        for (const line of args.map(String).join(' ').split('\n')) io.print(line);
      },
    },
    mnist,
    /** Python's `random` as the article imports it; `randint(lo, hi)` here stays below `hi`, inside the data. */
    ran: { randint: (lo: number, hi: number): number => lo + Math.floor((next() / 0x100000000) * (hi - lo)) },
    TRAIN_SIZE: (num: number) => helpers.TRAIN_SIZE(mnist, num, io.print),
    TEST_SIZE: (num: number) => helpers.TEST_SIZE(mnist, num, io.print),
    display_digit: async (num: number): Promise<void> => {
      io.print(String(helpers.row(arr('y_train'), num)));
      await shown('display_digit.png', helpers.display_digit(arr('x_train'), arr('y_train'), num));
    },
    display_mult_flat: (start: number, stop: number) => shown('display_mult_flat.png', helpers.display_mult_flat(arr('x_train'), start, stop)),
    display_weights: (weights: tf.NDArray) => shown('weights.png', helpers.weights_figure(weights)),
    display_compare: async (num: number): Promise<void> => {
      const model = { x: nb.get('x', tf.Tensor), y: nb.get('y', tf.Tensor) };
      const fig = await helpers.display_compare(nb.get('sess', tf.Session) as helpers.Predictor, model, mnist, num);
      await shown(`display_compare_${num}.png`, fig);
      log.compare.push({ num, prediction: fig.prediction, label: fig.label });
    },
    /** trainRun, watched by the caller's progress bar, its records summarized for --logdir. */
    trainRun: (sess: Runner, model: TrainableModel, data: TrainingData, opts: TrainRunOptions) => {
      const s = summaries(model);
      return trainRun(sess, model, data, s ? { ...opts, onRecord: s.write } : opts).pipe(
        io.progress ? io.progress(`TRAIN_SIZE(${data.x_train.shape[0]})`, opts.TRAIN_STEPS) : identity,
        finalize(() => s?.close()),
      );
    },
    evaluate: async (sess: Runner, model: TrainableModel, data: TrainingData, step: number): Promise<StepRecord> => {
      const r = await evaluate(sess, model, data, step);
      const s = summaries(model);
      if (s) {
        await s.write(r);
        s.close();
      }
      return r;
    },
    formatStepRecord,
    lastValueFrom,
    restore_checkpoint: io.restore ?? missing('--restore'),
    save_checkpoint: io.save ?? missing('--save'),
    /** One frame of the training-size animation: the weights `W` after training on `size` examples. */
    add_frame: (size: number, accuracy: number, W: tf.NDArray): void => {
      io.print(`Training size: ${size}  Accuracy =  ${f32(accuracy)}`);
      // Scale 3, not the figure's 4: GIF frames compress far worse than PNG, and the file is committed.
      frames.push({ title: `Training size: ${size}  Accuracy: ${f32(accuracy)}`, image: helpers.weights_figure(W, { scale: 3, gap: 6 }).image });
      log.animation.push({ size, accuracy });
    },
    show_animation: async (name: string): Promise<void> => {
      const where = await io.animation(name, frames);
      io.print(`[animation: ${where}  ${frames.length} frames]`);
    },
  });
  return log;
}
