// "Not another MNIST tutorial with TensorFlow", every step in the article's order, as one async function. Each
// statement is text that a Notebook prints (lines starting `> `) and then runs, so the printed code is the code
// that runs; what it prints follows. Figures go to the caller's `io`, so this module has no Node APIs: the CLI
// writes files, the web page could draw them.
import type { MonoTypeOperatorFunction } from 'rxjs';
import * as tf from '../index.js';
import { defineArticleScope } from './article_scope.js';
import type { Figure, Print } from './helpers.js';
import type { Datasets } from '../examples/tutorials/mnist/index.js';
import { FORWARD_CODE, learningRateCode, LOSS_CODE, TRAIN_CODE } from './model.js';
import { Notebook } from './notebook.js';
import type { StepRecord } from './training.js';

/** A backend the Session can be asked for. */
export type BackendChoice = NonNullable<tf.SessionOptions['backend']>;
/** A backend a Session runs on. */
export type BackendName = Exclude<BackendChoice, 'auto'>;

/** The article's ALL-CAPS values and the run's other choices. */
export interface ArticleOptions {
  readonly TRAIN_SIZE: number;
  readonly TEST_SIZE: number;
  readonly LEARNING_RATE: number;
  readonly TRAIN_STEPS: number;
  readonly backend: BackendChoice;
  /** Seeds the article's `ran.randint` picks (the random digit, the random display_compare). */
  readonly seed: number;
  /** Training sizes of the animation's frames (each trained afresh for TRAIN_STEPS); TRAIN_SIZE's frame reuses the main run. */
  readonly animationSizes: readonly number[];
}

/** The article's values, and an animation from 1 example up. */
export const ARTICLE_DEFAULTS: Omit<ArticleOptions, 'seed'> = {
  TRAIN_SIZE: 5500,
  TEST_SIZE: 10000,
  LEARNING_RATE: 0.1,
  TRAIN_STEPS: 2500,
  backend: 'auto',
  animationSizes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 50, 100, 200, 500, 1000],
};

/** Where the article's output goes. */
export interface ArticleIO {
  /** One printed line. */
  readonly print: Print;
  /** Shows (writes) a figure under a file name such as `display_digit.png`; resolves to where it went. */
  readonly figure: (name: string, fig: Figure) => Promise<string>;
  /** Shows (writes) an animation's frames under a file name such as `training_size.gif`; resolves to where it went. */
  readonly animation: (name: string, frames: readonly Figure[]) => Promise<string>;
  /** Watches a training run of `total` steps (a progress bar); called once per run. */
  readonly progress?: (label: string, total: number) => MonoTypeOperatorFunction<StepRecord>;
  /** Saving the trained weights, or restoring them instead of training (file access lives with the caller). */
  readonly checkpoint?: CheckpointHooks;
  /** A folder for TensorBoard's summaries of the main run (--logdir): scalars, histograms, weight images, the graph. */
  readonly logdir?: string;
}

/** Where the trained W and b go, or come from; each resolves to the checkpoint's prefix. */
export interface CheckpointHooks {
  /** Restores the variables from a checkpoint instead of training. */
  readonly restore?: (sess: tf.Session, vars: tf.Variable[]) => Promise<string>;
  /** Saves the variables after training, at `step`. */
  readonly save?: (sess: tf.Session, vars: tf.Variable[], step: number) => Promise<string>;
}

/** What a run found: the numbers the article states, for tests and docs. */
export interface ArticleResult {
  readonly backend: BackendName;
  readonly records: readonly StepRecord[];
  readonly finalAccuracy: number;
  /** y for the first training example after training (1×10), and its argmax. */
  readonly answer: tf.NDArray;
  readonly compare: { readonly num: number; readonly prediction: number; readonly label: number }[];
  readonly animation: { readonly size: number; readonly accuracy: number }[];
  /** Seconds spent in the main training loop (the 2,501 steps and their evaluations). */
  readonly trainingSeconds: number;
}

/** Runs the article start to finish on `mnist` (read with `one_hot: true`). */
export async function runArticle(mnist: Datasets, opts: ArticleOptions, io: ArticleIO): Promise<ArticleResult> {
  // NumPy arrays print over several lines; the caller gets them one line at a time.
  const print: Print = (text) => text.split('\n').forEach((line) => io.print(line));
  const nb = new Notebook({ tf }, { print, graph: new tf.Graph() });
  const log = defineArticleScope(nb, mnist, opts.seed, {
    print,
    figure: io.figure,
    animation: io.animation,
    progress: io.progress,
    restore: io.checkpoint?.restore,
    save: io.checkpoint?.save,
    logdir: io.logdir,
  });
  const run = async (...statements: string[]): Promise<void> => {
    for (const s of statements) await nb.run(s);
  };
  try {
    // The data, and a first look at it.
    await run('[x_train, y_train] = TRAIN_SIZE(55000)', 'await display_digit(ran.randint(0, x_train.shape[0]))', 'await display_mult_flat(0, 400)');

    // The graph and the session.
    await run(`const sess = new tf.Session(${opts.backend === 'auto' ? '' : `{ backend: '${opts.backend}' }`})`);
    const sess = nb.get('sess', tf.Session);
    const backend = await sess.backendName();
    print(`// running on the ${backend} backend`);
    await run(...FORWARD_CODE, 'console.log(String(y))');

    // The untrained model, softmax, and cross entropy by hand.
    await run(
      '[x_train, y_train] = TRAIN_SIZE(3)',
      'await sess.run(tf.global_variables_initializer())',
      'console.log(String(await sess.run(y, new Map([[x, x_train]]))))',
      'await sess.run(tf.nn.softmax(tf.zeros([4])))',
      'await sess.run(tf.nn.softmax(tf.constant([0.1, 0.005, 2])))',
      ...LOSS_CODE,
    );
    await crossEntropyByHand(run);

    // Training with the ALL-CAPS values.
    await run(
      learningRateCode(opts.LEARNING_RATE),
      `const TRAIN_STEPS = ${opts.TRAIN_STEPS}`,
      `[x_train, y_train] = TRAIN_SIZE(${opts.TRAIN_SIZE})`,
      `[x_test, y_test] = TEST_SIZE(${opts.TEST_SIZE})`,
      ...TRAIN_CODE,
      'await sess.run(init)',
      'const model = { x, y_, training, accuracy, cross_entropy }',
    );
    const started = Date.now();
    if (io.checkpoint?.restore) {
      await run(
        "console.log('Restored', await restore_checkpoint(sess, [W, b]))  // --restore: W and b from a checkpoint, instead of training",
        'const records = [await evaluate(sess, model, { x_train, y_train, x_test, y_test }, TRAIN_STEPS)]',
        'console.log(formatStepRecord(records[0]))',
      );
    } else {
      await run(
        'const records = []',
        'await trainRun(sess, model, { x_train, y_train, x_test, y_test }, { TRAIN_STEPS }).forEach((r) => { records.push(r); console.log(formatStepRecord(r)) })',
      );
      if (io.checkpoint?.save) await run("console.log('Saved', await save_checkpoint(sess, [W, b], TRAIN_STEPS))  // --save: W and b in a checkpoint");
    }
    const trainingSeconds = (Date.now() - started) / 1000;
    const records = nb.get('records', Array) as StepRecord[];
    const finalAccuracy = records[records.length - 1]!.accuracy;

    // What the model learned.
    await run(
      'const weights = await sess.run(W)',
      'await display_weights(weights)  // ten 28×28 panels, seismic',
      '[x_train, y_train] = TRAIN_SIZE(1)',
      'const answer = await sess.run(y, new Map([[x, x_train]]))',
      'answer',
      'answer.argmax()',
      'await display_compare(ran.randint(0, mnist.train.num_examples))',
      'await display_compare(2)',
    );

    // The weights as the training size grows, each size trained afresh from zeros, then the main run's weights;
    // an empty list of sizes leaves the animation out.
    if (opts.animationSizes.length > 0) {
      await run(
        [
          `for (const size of [${opts.animationSizes.filter((s) => s < opts.TRAIN_SIZE).join(', ')}]) {`,
          '  await sess.run(init);',
          '  const [x_train, y_train] = mnist.train.slice(0, size);',
          '  const end = await lastValueFrom(trainRun(sess, model, { x_train, y_train, x_test, y_test }, { TRAIN_STEPS, evalEvery: TRAIN_STEPS + 1 }));',
          '  add_frame(size, end.accuracy, await sess.run(W));',
          '}',
        ].join('\n'),
        `add_frame(${opts.TRAIN_SIZE}, records.at(-1).accuracy, weights)`,
        "await show_animation('training_size.gif')",
      );
    }
    return {
      backend,
      records,
      finalAccuracy,
      answer: nb.get('answer', tf.NDArray),
      compare: log.compare,
      animation: log.animation,
      trainingSeconds,
    };
  } finally {
    if (nb.has('sess')) nb.get('sess', tf.Session).close();
  }
}

/** The article's cross entropy by hand: `-log(j) * k` for a confident "3", against the label 3 and then 2 (in float64, as NumPy). */
async function crossEntropyByHand(run: (...statements: string[]) => Promise<void>): Promise<void> {
  const j = [0.03, 0.03, 0.01, 0.9, 0.01, 0.01, 0.0025, 0.0025, 0.0025, 0.0025];
  await run(`const j = tf.constant([${j.join(', ')}], { dtype: tf.float64 })`, 'await sess.run(tf.log(j))');
  for (const label of [3, 2]) {
    const k = Array.from({ length: 10 }, (_, i) => (i === label ? 1 : 0));
    await run(
      `const k = tf.constant([${k.join(', ')}], { dtype: tf.float64 })  // the label ${label}`,
      'await sess.run(tf.log(j).mul(k).neg())',
      'await sess.run(tf.reduce_sum(tf.log(j).mul(k).neg()))',
    );
  }
}
