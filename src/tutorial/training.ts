// The article's training loop as an rxjs stream, so the CLI's printed lines and progress bar, the docs' plots and
// the web page all watch the same run. No Node APIs here.
import { concatMap, defer, filter, from, type Observable, range, timer } from 'rxjs';
import * as tf from '../index.js';

/** One evaluated step of a training run: the step number (from 0) after its training step, test accuracy and training loss. */
export interface StepRecord {
  readonly step: number;
  /** `accuracy` on the test examples after this step. */
  readonly accuracy: number;
  /** `cross_entropy` on the training examples after this step. */
  readonly loss: number;
}

/** The graph elements a run needs: the article's `x`, `y_`, `training`, `accuracy` and `cross_entropy`. */
export interface TrainableModel {
  readonly x: tf.Tensor;
  readonly y_: tf.Tensor;
  readonly training: tf.Operation;
  readonly accuracy: tf.Tensor;
  readonly cross_entropy: tf.Tensor;
}

/** What a run feeds: the article's `x_train, y_train` and `x_test, y_test`. */
export interface TrainingData {
  readonly x_train: tf.NDArray;
  readonly y_train: tf.NDArray;
  readonly x_test: tf.NDArray;
  readonly y_test: tf.NDArray;
}

/** Options of `trainRun`, named as the article's ALL-CAPS values. */
export interface TrainRunOptions {
  /** The loop runs steps 0..TRAIN_STEPS, that is TRAIN_STEPS + 1 training steps, as the article's `range(TRAIN_STEPS+1)`. */
  readonly TRAIN_STEPS: number;
  /** Evaluate and emit every this many steps (and after the last). Default 100, as the article prints. */
  readonly evalEvery?: number;
  /** Let the event loop run (timers, redraws, input) at least this often, in milliseconds. Default 50. */
  readonly yieldEveryMs?: number;
  /** Called with each record before the next step trains (the CLI's --logdir writes summaries of it then). */
  readonly onRecord?: (r: StepRecord) => Promise<void>;
}

/** The one Session method a run uses, so a run can be watched or counted by wrapping it. */
export interface Runner {
  run(fetches: tf.Tensor | tf.Operation, feed_dict?: tf.FeedDict | null): Promise<tf.NDArray | null>;
}

/**
 * The article's training loop, `for i in range(TRAIN_STEPS+1)`: each step runs `training` on the training examples;
 * every `evalEvery` steps (and after the last) it measures test accuracy and training loss and emits a StepRecord.
 * Cold: nothing runs until subscribed, and each subscription is its own run (initialise the variables first).
 * Unsubscribing stops it: no step starts after that (one already running finishes).
 */
export function trainRun(sess: Runner, model: TrainableModel, data: TrainingData, opts: TrainRunOptions): Observable<StepRecord> {
  const { TRAIN_STEPS, evalEvery = 100, yieldEveryMs = 50, onRecord } = opts;
  if (!Number.isInteger(TRAIN_STEPS) || TRAIN_STEPS < 0) throw new RangeError(`TRAIN_STEPS must be a whole number ≥ 0, got ${TRAIN_STEPS}`);
  if (!Number.isInteger(evalEvery) || evalEvery < 1) throw new RangeError(`evalEvery must be a whole number ≥ 1, got ${evalEvery}`);
  return defer(() => {
    const { trainFeeds, testFeeds } = feedsOf(model, data);
    const step = async (i: number): Promise<StepRecord | null> => {
      await sess.run(model.training, trainFeeds);
      if (i % evalEvery !== 0 && i !== TRAIN_STEPS) return null;
      const r = await measure(sess, model, trainFeeds, testFeeds, i);
      if (onRecord) await onRecord(r);
      return r;
    };
    // Session.run settles in microtasks on the CPU backend, which would starve timers (the progress bar, the
    // page's repaint) for the whole run; a zero timer now and then gives them their turn.
    let lastYield = Date.now();
    const due = (): boolean => {
      if (Date.now() - lastYield < yieldEveryMs) return false;
      lastYield = Date.now();
      return true;
    };
    return range(0, TRAIN_STEPS + 1).pipe(
      concatMap((i) => (due() ? timer(0).pipe(concatMap(() => step(i))) : from(step(i)))),
      filter((r): r is StepRecord => r !== null),
    );
  });
}

/** One StepRecord at `step` without training: test accuracy and training loss, as `trainRun` measures them (a restored model's). */
export async function evaluate(sess: Runner, model: TrainableModel, data: TrainingData, step: number): Promise<StepRecord> {
  const { trainFeeds, testFeeds } = feedsOf(model, data);
  return measure(sess, model, trainFeeds, testFeeds, step);
}

/** The feeds of a training step (the training set) and of an evaluation (the test set). */
function feedsOf(model: TrainableModel, data: TrainingData): { trainFeeds: tf.FeedDict; testFeeds: tf.FeedDict } {
  return {
    trainFeeds: new Map<tf.Tensor, tf.NDArray>([
      [model.x, data.x_train],
      [model.y_, data.y_train],
    ]),
    testFeeds: new Map<tf.Tensor, tf.NDArray>([
      [model.x, data.x_test],
      [model.y_, data.y_test],
    ]),
  };
}

async function measure(sess: Runner, model: TrainableModel, trainFeeds: tf.FeedDict, testFeeds: tf.FeedDict, step: number): Promise<StepRecord> {
  const accuracy = (await sess.run(model.accuracy, testFeeds))!.item();
  const loss = (await sess.run(model.cross_entropy, trainFeeds))!.item();
  return { step, accuracy, loss };
}

/** The article's progress line: `Training Step:100  Accuracy =  0.8457  Loss = 0.6431`, numbers printed as NumPy prints float32. */
export function formatStepRecord(r: StepRecord): string {
  // The record holds plain numbers (for plots); printing goes back through float32 so `0.9067` is not `0.906700015...`.
  const float32 = (v: number): string => String(new tf.NDArray(Float32Array.of(v), [], 'float32'));
  return `Training Step:${r.step}  Accuracy =  ${float32(r.accuracy)}  Loss = ${float32(r.loss)}`;
}
