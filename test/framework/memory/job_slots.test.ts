// The worker threads' job protocol (framework/memory/job_slots.ts) on its own, with workers whose job adds its slot's
// word into a counter of their own: a posted job runs once on each slot it was assigned to and on no other, a worker
// that wakes again without a new job does not run the old one twice, a job that throws is reported to the posting
// thread, a worker looks for the next job in a loop after one and then sleeps (and stays asleep through its re-checks),
// and a job still finishes when every wake-up is lost.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  ASLEEP,
  assign,
  AWAKE,
  finishJob,
  listeningSlots,
  nextGeneration,
  RECHECK_MS,
  SLOT_HEADER,
  SPIN_MS,
  startJob,
  workerLoop,
} from '../../../src/framework/memory/job_slots.js';

const WORKERS = 3;
const SLOT = SLOT_HEADER + 1;
/** Worker w's slot; its counter at 32 + w. */
const slotAt = (w: number): number => 4 + SLOT * w;
const COUNTERS = 32;
// the job adds its word to the worker's counter; a word of -1 throws
const SOURCE = `
const { control, index } = require('node:worker_threads').workerData;
const ctl = new Int32Array(control);
${workerLoop(
  `4 + ${SLOT} * index`,
  `const v = ctl[base + ${SLOT_HEADER}];
    if (v === -1) throw new Error('job failed');
    Atomics.add(ctl, ${COUNTERS} + index, v);`,
)}
`;

const control = new SharedArrayBuffer(4 * 64);
const ctl = new Int32Array(control);
const workers: Worker[] = [];

beforeAll(async () => {
  for (let index = 0; index < WORKERS; index++) workers.push(new Worker(SOURCE, { eval: true, workerData: { control, index } }));
  for (let waited = 0; listeningSlots(ctl, WORKERS, slotAt) < WORKERS && waited < 20_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
});

/** Posts a job with `words[w]` to each worker w given one (null: not assigned); waits for it; whether none failed. */
function post(words: (number | null)[]): boolean {
  const generation = nextGeneration(ctl);
  let posted = 0;
  words.forEach((v, w) => {
    if (v === null) return;
    ctl[slotAt(w) + SLOT_HEADER] = v;
    assign(ctl, slotAt(w), generation);
    posted++;
  });
  startJob(ctl, generation, posted);
  return finishJob(ctl);
}

/** Each worker's state word (AWAKE, looking for a job in a loop; ASLEEP). */
const states = (): number[] => Array.from({ length: WORKERS }, (_, w) => Atomics.load(ctl, slotAt(w) + 1));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (up to 2 s) until every worker sleeps. */
async function allAsleep(): Promise<void> {
  for (let waited = 0; waited < 2000 && states().some((s) => s !== ASLEEP); waited += 2) await sleep(2);
  expect(states()).toEqual(Array(WORKERS).fill(ASLEEP));
}

/**
 * Waits (up to 3 s) until every worker has been seen asleep for `ms` on end: a wake-up posted earlier (each post
 * notifies every worker) may reach a worker only when the machine gives it a core, after allAsleep() saw it asleep.
 */
async function quietFor(ms: number): Promise<void> {
  const end = performance.now() + 3000;
  let since = performance.now();
  while (performance.now() - since < ms && performance.now() < end) {
    if (states().some((s) => s !== ASLEEP)) since = performance.now();
    await sleep(1);
  }
  expect(performance.now() - since).toBeGreaterThanOrEqual(ms);
}

const counters = (): number[] => Array.from({ length: WORKERS }, (_, w) => Atomics.load(ctl, COUNTERS + w));

it('says how many workers listen, in slot order', () => {
  expect(listeningSlots(ctl, WORKERS, slotAt)).toBe(WORKERS);
  expect(listeningSlots(ctl, 2, slotAt)).toBe(2);
});

it('runs a job once on each slot assigned it, and on no other', async () => {
  const before = counters();
  expect(post([5, null, 7])).toBe(true);
  expect(counters()).toEqual([before[0]! + 5, before[1]!, before[2]! + 7]);
  // the workers wake on their timers (and on later notifies) without a new job: nothing runs again
  await new Promise((r) => setTimeout(r, 60));
  Atomics.notify(ctl, 0);
  await new Promise((r) => setTimeout(r, 30));
  expect(counters()).toEqual([before[0]! + 5, before[1]!, before[2]! + 7]);
  expect(post([1, 1, 1])).toBe(true);
  expect(counters()).toEqual([before[0]! + 6, before[1]! + 1, before[2]! + 8]);
});

it("reports a job that threw, and the next job's failure word starts clear", () => {
  const before = counters();
  expect(post([2, -1, 3])).toBe(false);
  expect(counters()).toEqual([before[0]! + 2, before[1]!, before[2]! + 3]);
  expect(post([1, 1, null])).toBe(true);
});

it('keeps a worker awake for SPIN_MS after a job, then asleep: the re-check does not wake it to look again', async () => {
  // the job's worker looks for the next job in a loop on finishing it (tried a few times: on a loaded machine this
  // thread may get its core back only after the worker's SPIN_MS)
  let awake = false;
  for (let tries = 0; tries < 20 && !awake; tries++) {
    expect(post([1, null, null])).toBe(true);
    awake = states()[0] === AWAKE;
  }
  expect(awake).toBe(true);
  await allAsleep();
  await quietFor(5 * RECHECK_MS);
  // a worker that looked again on each re-check would be found awake a twentieth of the time (and would seldom let
  // quietFor see five re-checks' time without it)
  const seen = new Set<number>();
  for (let t = 0; t < 10 * RECHECK_MS; t += 1) {
    states().forEach((s) => seen.add(s));
    await sleep(1);
  }
  expect([...seen]).toEqual([ASLEEP]);
  expect(SPIN_MS).toBeLessThan(RECHECK_MS);
});

it('finishes a job whose wake-ups are all lost (both sides look again on a timer)', async () => {
  // asleep first: an awake worker would find the job without a wake-up
  await allAsleep();
  const before = counters();
  const notify = Atomics.notify;
  Atomics.notify = (() => 0) as typeof Atomics.notify;
  try {
    expect(post([4, 4, 4])).toBe(true);
  } finally {
    Atomics.notify = notify;
  }
  expect(counters()).toEqual(before.map((c) => c + 4));
});
