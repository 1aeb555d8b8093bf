// The timing loop this project's engines share: timed training steps, evaluations where the workload asks for them,
// then a few profiled steps. No Node API here (the bench's page mode runs it in Chromium; a StepClock is passed in
// where the process's CPU time can be read).
import * as tf from '../../src/index.js';
import type { Workload } from '../workloads.js';
import type { EngineRun } from './engine.js';

/** Times the sections between start() and stop(); `cpu` where the platform can tell. */
export interface Clock {
  wall: number;
  cpu?: number;
  start(): void;
  stop(): void;
}

/** Sums the wall-clock seconds of the timed sections. */
export class WallClock implements Clock {
  wall = 0;
  private w0 = 0;
  start(): void {
    this.w0 = performance.now();
  }
  stop(): void {
    this.wall += (performance.now() - this.w0) / 1000;
  }
}

/** A training run in a Session: what it trains, its feeds, how it evaluates, how many steps it profiles afterwards. */
export interface SessionTraining {
  sess: tf.Session;
  train: tf.Operation;
  /** A step's feeds (a new mini-batch each call, or the same arrays). */
  feeds: () => Map<tf.Tensor, tf.FeedValue>;
  evaluate: () => Promise<{ accuracy: number; loss: number }>;
  profileSteps: number;
  clock?: Clock;
}

/** Runs `w.steps` timed steps (evaluating after the steps `w.evaluateAfter` names), then profiles a few more; `t0` is when loading began. */
export async function timeTraining(w: Workload, t0: number, r: SessionTraining): Promise<EngineRun> {
  const clock: Clock = r.clock ?? new WallClock();
  let evaluations = 0;
  let accuracy = NaN;
  let loss = NaN;
  for (let i = 0; i < w.steps; i++) {
    const feeds = r.feeds();
    clock.start();
    await r.sess.run(r.train, feeds);
    clock.stop();
    if (w.evaluateAfter(i)) {
      ({ accuracy, loss } = await r.evaluate());
      evaluations++;
    }
  }
  const total_s = (performance.now() - t0) / 1000;
  // Where the time goes: per-op times of a few more steps (not part of the timings above).
  const sums = new Map<string, number>();
  for (let i = 0; i < r.profileSteps; i++) {
    const md = new tf.RunMetadata();
    await r.sess.run(r.train, r.feeds(), { options: new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), run_metadata: md });
    for (const s of md.step_stats) sums.set(s.op, (sums.get(s.op) ?? 0) + s.ms);
  }
  const profile = Object.fromEntries([...sums].map(([op, ms]) => [op, ms / r.profileSteps]));
  const detail = (await r.sess.getBackend()).description;
  r.sess.close();
  const cpu = clock.cpu === undefined ? {} : { train_cpu_s: clock.cpu };
  return { detail, train_s: clock.wall, ...cpu, total_s, evaluations, accuracy, loss, profile };
}
