// "Not another MNIST tutorial with TensorFlow", every step in the article's order, as one async function. Each step
// prints the TypeScript it runs (lines starting `> `) and then what it prints. Figures go to the caller's `io`,
// so this module has no Node APIs: the CLI writes files, the web page could draw them.
import { identity, lastValueFrom, last, type MonoTypeOperatorFunction, tap, toArray } from 'rxjs';
import * as tf from '../index.js';
import { NDArray } from '../framework/ndarray.js';
import type { BackendName } from '../session/backend.js';
import { mulberry32 } from './dataset.js';
import {
  display_compare, display_digit, display_mult_flat, row, TEST_SIZE, TRAIN_SIZE, weights_figure, type Figure, type Print,
} from './helpers.js';
import type { Datasets } from './input_data.js';
import { buildModel, type ArticleModel } from './model.js';
import { formatStepRecord, trainRun, type StepRecord } from './training.js';

/** The article's ALL-CAPS values and the run's other choices. */
export interface ArticleOptions {
  readonly TRAIN_SIZE: number;
  readonly TEST_SIZE: number;
  readonly LEARNING_RATE: number;
  readonly TRAIN_STEPS: number;
  readonly backend: BackendName | 'auto';
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
  readonly answer: NDArray;
  readonly compare: { readonly num: number; readonly prediction: number; readonly label: number }[];
  readonly animation: { readonly size: number; readonly accuracy: number }[];
  /** Seconds spent in the main training loop (the 2,501 steps and their evaluations). */
  readonly trainingSeconds: number;
}

/** NumPy's `str()` of a float32 scalar. */
const f32 = (v: number): string => String(new NDArray(Float32Array.of(v), [], 'float32'));

/** Runs the article start to finish on `mnist` (read with `one_hot: true`). */
export async function runArticle(mnist: Datasets, opts: ArticleOptions, io: ArticleIO): Promise<ArticleResult> {
  // NumPy arrays print over several lines; the caller gets them one line at a time.
  const print: Print = (text) => text.split('\n').forEach((line) => io.print(line));
  const code = (line: string): void => print(`> ${line}`);
  const randint = ((next) => (n: number): number => Math.floor((next() / 0x100000000) * n))(mulberry32(opts.seed));
  const shown = async (name: string, fig: Figure): Promise<void> => {
    const where = await io.figure(name, fig);
    print(fig.title === null ? `[figure: ${where}]` : `[figure: ${where}  "${fig.title}"]`);
  };

  // The data, and a first look at it.
  code('[x_train, y_train] = TRAIN_SIZE(55000)');
  let [x_train, y_train] = TRAIN_SIZE(mnist, 55000, print);
  const num = randint(x_train.shape[0]!);
  code(`display_digit(${num})  // ran.randint(0, x_train.shape[0])`);
  print(String(row(y_train, num)));
  await shown('display_digit.png', display_digit(x_train, y_train, num));
  code('display_mult_flat(0, 400)');
  await shown('display_mult_flat.png', display_mult_flat(x_train, 0, 400));

  // The graph and the session.
  const graph = new tf.Graph();
  const sessCode = opts.backend === 'auto' ? 'new tf.Session()' : `new tf.Session({ backend: '${opts.backend}' })`;
  code(`const sess = ${sessCode}`);
  const sess = new tf.Session({ graph, backend: opts.backend });
  try {
    const backend = await sess.backendName();
    print(`// running on the ${backend} backend`);
    const m = buildModel(graph, opts.LEARNING_RATE);
    for (const line of m.forwardCode) code(line);
    code('console.log(String(y))');
    print(String(m.y));

    // The untrained model, softmax, and cross entropy by hand.
    code('[x_train, y_train] = TRAIN_SIZE(3)');
    [x_train, y_train] = TRAIN_SIZE(mnist, 3, print);
    code('await sess.run(tf.global_variables_initializer())');
    await sess.run(graph.as_default(() => tf.global_variables_initializer()));
    code('console.log(String(await sess.run(y, new Map([[x, x_train]]))))');
    print(String(await sess.run(m.y, new Map([[m.x, x_train]]))));
    const [soft4, soft3] = graph.as_default(() => [tf.nn.softmax(tf.zeros([4])), tf.nn.softmax(tf.constant([0.1, 0.005, 2]))]);
    code('await sess.run(tf.nn.softmax(tf.zeros([4])))');
    print(String(await sess.run(soft4!)));
    code('await sess.run(tf.nn.softmax(tf.constant([0.1, 0.005, 2])))');
    print(String(await sess.run(soft3!)));
    for (const line of m.lossCode) code(line);
    await crossEntropyByHand(sess, graph, code, print);

    // Training with the ALL-CAPS values.
    code(`LEARNING_RATE = ${opts.LEARNING_RATE}; TRAIN_STEPS = ${opts.TRAIN_STEPS}`);
    code(`[x_train, y_train] = TRAIN_SIZE(${opts.TRAIN_SIZE})`);
    [x_train, y_train] = TRAIN_SIZE(mnist, opts.TRAIN_SIZE, print);
    code(`[x_test, y_test] = TEST_SIZE(${opts.TEST_SIZE})`);
    const [x_test, y_test] = TEST_SIZE(mnist, opts.TEST_SIZE, print);
    for (const line of m.trainCode) code(line);
    code('await sess.run(init)');
    await sess.run(m.init);
    const started = Date.now();
    let records: StepRecord[];
    if (io.checkpoint?.restore) {
      code('await new tf.train.Saver([W, b]).restore(sess, tf.train.latest_checkpoint(dir))  // instead of training');
      print(`Restored ${await io.checkpoint.restore(sess, [m.W, m.b])}`);
      const accuracy = (await sess.run(m.accuracy, new Map([[m.x, x_test], [m.y_, y_test]]))).item();
      const loss = (await sess.run(m.cross_entropy, new Map([[m.x, x_train], [m.y_, y_train]]))).item();
      records = [{ step: opts.TRAIN_STEPS, accuracy, loss }];
      print(formatStepRecord(records[0]!));
    } else {
      code('const model = { x, y_, training, accuracy, cross_entropy }');
      code('await trainRun(sess, model, { x_train, y_train, x_test, y_test }, { TRAIN_STEPS }).forEach((r) => console.log(formatStepRecord(r)))');
      const data = { x_train, y_train, x_test, y_test };
      records = await lastValueFrom(
        trainRun(sess, m, data, { TRAIN_STEPS: opts.TRAIN_STEPS }).pipe(
          tap((r) => print(formatStepRecord(r))),
          io.progress ? io.progress('training', opts.TRAIN_STEPS) : identity,
          toArray(),
        ),
      );
      if (io.checkpoint?.save) {
        code(`await new tf.train.Saver([W, b]).save(sess, 'model.ckpt', { global_step: ${opts.TRAIN_STEPS} })`);
        print(`Saved ${await io.checkpoint.save(sess, [m.W, m.b], opts.TRAIN_STEPS)}`);
      }
    }
    const trainingSeconds = (Date.now() - started) / 1000;
    const finalAccuracy = records[records.length - 1]!.accuracy;

    // What the model learned.
    code('const weights = await sess.run(W)  // ten 28×28 panels, seismic');
    const weights = await sess.run(m.W);
    await shown('weights.png', weights_figure(weights));
    code('[x_train, y_train] = TRAIN_SIZE(1)');
    [x_train, y_train] = TRAIN_SIZE(mnist, 1, print);
    code('const answer = await sess.run(y, new Map([[x, x_train]]))');
    const answer = await sess.run(m.y, new Map([[m.x, x_train]]));
    print(String(answer));
    code('answer.argmax()');
    print(String(answer.argmax()));
    const compare = [];
    for (const [n, note] of [[randint(mnist.train.num_examples), '  // ran.randint(0, 55000)'], [2, '']] as const) {
      code(`await display_compare(${n})${note}`);
      const fig = await display_compare(sess, m, mnist, n);
      await shown(`display_compare_${n}.png`, fig);
      compare.push({ num: n, prediction: fig.prediction, label: fig.label });
    }

    // The weights as the training size grows; an empty list of sizes leaves the animation out.
    const animation = opts.animationSizes.length === 0 ? []
      : await animateTrainingSizes(sess, m, mnist, { x_test, y_test }, opts, { ...io, print }, { accuracy: finalAccuracy, weights });

    return { backend, records, finalAccuracy, answer, compare, animation, trainingSeconds };
  } finally {
    sess.close();
  }
}

/** The training-size animation: each size below TRAIN_SIZE trained afresh from zeros, then the main run's weights. */
async function animateTrainingSizes(
  sess: tf.Session, m: ArticleModel, mnist: Datasets, test: { x_test: NDArray; y_test: NDArray },
  opts: ArticleOptions, io: ArticleIO, main: { accuracy: number; weights: NDArray },
): Promise<{ size: number; accuracy: number }[]> {
  const sizes = opts.animationSizes.filter((s) => s < opts.TRAIN_SIZE);
  io.print(`> for (const size of [${[...sizes, opts.TRAIN_SIZE].join(', ')}]) { await sess.run(init); train on the first size examples; draw W }`);
  const frames: Figure[] = [];
  const animation: { size: number; accuracy: number }[] = [];
  const frame = (size: number, accuracy: number, W: NDArray): void => {
    io.print(`Training size: ${size}  Accuracy =  ${f32(accuracy)}`);
    // Scale 3, not the figure's 4: GIF frames compress far worse than PNG, and the file is committed.
    frames.push({ title: `Training size: ${size}  Accuracy: ${f32(accuracy)}`, image: weights_figure(W, { scale: 3, gap: 6 }).image });
    animation.push({ size, accuracy });
  };
  for (const size of sizes) {
    await sess.run(m.init);
    const [x_train, y_train] = mnist.train.slice(0, size);
    const end = await lastValueFrom(
      trainRun(sess, m, { x_train, y_train, ...test }, { TRAIN_STEPS: opts.TRAIN_STEPS, evalEvery: opts.TRAIN_STEPS + 1 })
        .pipe(io.progress ? io.progress(`TRAIN_SIZE(${size})`, opts.TRAIN_STEPS) : identity, last()),
    );
    frame(size, end.accuracy, await sess.run(m.W));
  }
  frame(opts.TRAIN_SIZE, main.accuracy, main.weights);
  const where = await io.animation('training_size.gif', frames);
  io.print(`[animation: ${where}  ${frames.length} frames]`);
  return animation;
}

/** The article's cross entropy by hand: `-log(j) * k` for a confident "3", against the label 3 and then 2 (in float64, as NumPy). */
async function crossEntropyByHand(sess: tf.Session, graph: tf.Graph, code: Print, print: Print): Promise<void> {
  const j = [0.03, 0.03, 0.01, 0.9, 0.01, 0.01, 0.0025, 0.0025, 0.0025, 0.0025];
  code(`const j = tf.constant([${j.join(', ')}], { dtype: tf.float64 })`);
  const jT = graph.as_default(() => tf.constant(j, { dtype: tf.float64 }));
  code('await sess.run(tf.log(j))');
  print(String(await sess.run(graph.as_default(() => tf.log(jT)))));
  for (const label of [3, 2]) {
    const k = Array.from({ length: 10 }, (_, i) => (i === label ? 1 : 0));
    code(`const k = tf.constant([${k.join(', ')}], { dtype: tf.float64 })  // the label ${label}`);
    const terms = graph.as_default(() => tf.log(jT).mul(tf.constant(k, { dtype: tf.float64 })).neg());
    code('await sess.run(tf.log(j).mul(k).neg())');
    print(String(await sess.run(terms)));
    code('await sess.run(tf.reduce_sum(tf.log(j).mul(k).neg()))');
    print(String(await sess.run(graph.as_default(() => tf.reduce_sum(terms)))));
  }
}
