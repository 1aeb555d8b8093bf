// Properties of Session.run under the two things JavaScript adds to TF1's synchronous run: Promises that
// callers need not await, and buffers that change size. Random schedules of refills, un-awaited runs and
// awaits must give every run the values its feeds had when it was called (as TF1's run, which copies
// them); random resizes of a fed resizable buffer must never let a run read or write outside it, and
// pinned arrays allocated around it must keep their values.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import * as tf from '../../src/index.js';

type Resizable = ArrayBuffer & { resize(bytes: number): void };
const resizable = (bytes: number, max: number): Resizable =>
  new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => Resizable)(bytes, { maxByteLength: max });

/** s = sum(x) and v += sum(x): what each run saw, and their total. */
function accumulator(width: number | null) {
  const g = new tf.Graph();
  const m = g.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, width]);
    // small weights: every sum stays an integer below 2^24, exact in float32 as in doubles
    const W = tf.constant(
      Array.from({ length: width ?? 4 }, (_, k) => [(k % 3) + 1]),
      tf.float32,
    );
    const v = tf.Variable(0, { dtype: tf.float32 });
    const s = tf.reduce_sum(tf.matmul(x, W));
    return { x, v, s, step: v.assign_add(s), init: tf.global_variables_initializer() };
  });
  return { g, ...m };
}

/** What one run of s over rows of `data` (width k) gives: sum over rows and columns of x[i][c] * (c % 3 + 1). */
function expectedSum(data: Float32Array, k: number): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]! * (((i % k) % 3) + 1);
  return s;
}

// One step of a schedule: refill the shared buffer with small integers, call run() without awaiting it,
// or await everything called so far.
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('fill' as const), values: fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('run' as const), train: fc.boolean() }),
  fc.record({ kind: fc.constant('await' as const) }),
);

describe('un-awaited runs that refill one buffer (property)', () => {
  test.prop([fc.array(stepArb, { minLength: 1, maxLength: 40 }), fc.constantFrom(4, 1024), fc.boolean()], { numRuns: 60 })(
    'every run sees its feeds as they were at its call; the variable adds up exactly those',
    async (steps, k, pinned) => {
      const m = accumulator(k);
      const sess = new tf.Session({ graph: m.g, backend: 'cpu' });
      await sess.run(m.init);
      const rows = 8;
      const batch = pinned ? tf.pinned_zeros([rows, k]) : new tf.NDArray(new Float32Array(rows * k), [rows, k], 'float32');
      const pending: Promise<unknown>[] = [];
      const seen: Promise<tf.NDArray>[] = [];
      const want: number[] = [];
      let total = 0;
      for (const s of steps) {
        if (s.kind === 'fill') {
          for (let i = 0; i < batch.data.length; i++) batch.data[i] = s.values[i % s.values.length]!;
        } else if (s.kind === 'run') {
          const e = expectedSum(batch.data as Float32Array, k);
          want.push(e);
          if (s.train) total += e;
          seen.push(sess.run(m.s, new Map([[m.x, batch]])));
          if (s.train) pending.push(sess.run(m.step, new Map([[m.x, batch]])));
        } else {
          await Promise.all([...pending, ...seen]);
        }
      }
      batch.data.fill(99); // after the last call: no run may see this
      expect((await Promise.all(seen)).map((a) => a.item())).toEqual(want);
      await Promise.all(pending);
      expect((await sess.run(m.v)).item()).toBe(total);
      sess.close();
    },
  );
});

describe('a fed resizable buffer that grows and shrinks between runs (property)', () => {
  test.prop([fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 12 }), fc.boolean()], { numRuns: 40 })(
    'each run reads the rows the buffer has at its call; pinned arrays made around it keep their values',
    async (rowCounts, awaitEach) => {
      const k = 16;
      const m = accumulator(k);
      const sess = new tf.Session({ graph: m.g, backend: 'cpu' });
      await sess.run(m.init);
      const buffer = resizable(rowCounts[0]! * k * 4, 64 * k * 4);
      const x = new Float32Array(buffer); // length-tracking
      const pins: tf.NDArray[] = [];
      const runs: Promise<tf.NDArray>[] = [];
      const want: number[] = [];
      for (const [i, rows] of rowCounts.entries()) {
        buffer.resize(rows * k * 4);
        x.fill(i + 1);
        want.push(expectedSum(x, k));
        const p = sess.run(m.s, new Map([[m.x, x]]));
        runs.push(p);
        if (awaitEach) await p;
        const pin = tf.pinned_zeros([rows, 4]);
        pin.data.fill(i + 3);
        pins.push(pin);
      }
      expect((await Promise.all(runs)).map((a) => a.item())).toEqual(want);
      pins.forEach((p, i) => expect(p.data.every((v) => v === i + 3)).toBe(true));
      sess.close();
    },
  );
});
