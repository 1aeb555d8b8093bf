import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { NDArray } from '../../src/framework/ndarray.js';
import { read_data_sets, type Datasets } from '../../src/examples/tutorials/mnist/input_data.js';
import { buildModel } from '../../src/tutorial/model.js';
import { formatStepRecord, trainRun, type Runner, type TrainingData } from '../../src/tutorial/training.js';

let mnist: Datasets;
let data: TrainingData;
beforeAll(() => {
  mnist = read_data_sets(undefined, { one_hot: true, log: null });
  const [x_train, y_train] = mnist.train.slice(0, 50);
  const [x_test, y_test] = mnist.test.slice(0, 100);
  data = { x_train, y_train, x_test, y_test };
});

/** A fresh model and session, and the session wrapped so the test can count training steps. */
async function setup() {
  const m = buildModel(new tf.Graph(), 0.1);
  const sess = new tf.Session({ graph: m.graph, backend: 'cpu' });
  await sess.run(m.init);
  const counted = { steps: 0 };
  const runner: Runner = {
    run: (fetch, feeds) => {
      if (fetch === m.training) counted.steps++;
      return sess.run(fetch, feeds) as Promise<NDArray | null>;
    },
  };
  return { m, sess, runner, counted };
}

describe('trainRun', () => {
  it('runs steps 0..TRAIN_STEPS and emits every evalEvery steps and after the last', async () => {
    const { m, runner, counted } = await setup();
    const records = await lastValueFrom(trainRun(runner, m, data, { TRAIN_STEPS: 12, evalEvery: 5 }).pipe(toArray()));
    expect(records.map((r) => r.step)).toEqual([0, 5, 10, 12]);
    expect(counted.steps).toBe(13);
    // The loss falls as gradient descent runs, from just under ln 10 (one step taken) ...
    expect(records[0]!.loss).toBeLessThan(Math.log(10));
    for (let i = 1; i < records.length; i++) expect(records[i]!.loss).toBeLessThan(records[i - 1]!.loss);
    for (const r of records) expect(r.accuracy).toBeGreaterThan(0.1);
  });

  it('emits what accuracy and cross_entropy evaluate to at that step', async () => {
    const { m, sess, runner } = await setup();
    const [r] = await lastValueFrom(trainRun(runner, m, data, { TRAIN_STEPS: 0 }).pipe(toArray()));
    const acc = await sess.run(
      m.accuracy,
      new Map([
        [m.x, data.x_test],
        [m.y_, data.y_test],
      ]),
    );
    const loss = await sess.run(
      m.cross_entropy,
      new Map([
        [m.x, data.x_train],
        [m.y_, data.y_train],
      ]),
    );
    expect(r).toEqual({ step: 0, accuracy: acc.item(), loss: loss.item() });
    expect(formatStepRecord(r!)).toBe(`Training Step:0  Accuracy =  ${String(acc)}  Loss = ${String(loss)}`);
  });

  it('does nothing until subscribed, and stops when unsubscribed', async () => {
    const { m, runner, counted } = await setup();
    const run$ = trainRun(runner, m, data, { TRAIN_STEPS: 1000, evalEvery: 3, yieldEveryMs: 0 });
    await new Promise((r) => setTimeout(r, 20));
    expect(counted.steps).toBe(0);
    const seen = await lastValueFrom(run$.pipe(take(2), toArray()));
    expect(seen.map((r) => r.step)).toEqual([0, 3]);
    await new Promise((r) => setTimeout(r, 100));
    expect(counted.steps).toBe(4);
  });

  it('starts over for each subscription', async () => {
    const { m, runner, counted } = await setup();
    const run$ = trainRun(runner, m, data, { TRAIN_STEPS: 2, evalEvery: 1 });
    expect((await firstValueFrom(run$)).step).toBe(0);
    expect((await lastValueFrom(run$)).step).toBe(2);
    expect(counted.steps).toBe(1 + 3);
  });

  it('rejects step counts that are not whole numbers', () => {
    const m = buildModel(new tf.Graph(), 0.1);
    const runner: Runner = { run: async () => null };
    expect(() => trainRun(runner, m, data, { TRAIN_STEPS: -1 })).toThrow(RangeError);
    expect(() => trainRun(runner, m, data, { TRAIN_STEPS: 2.5 })).toThrow(RangeError);
    expect(() => trainRun(runner, m, data, { TRAIN_STEPS: 5, evalEvery: 0 })).toThrow(RangeError);
  });
});
