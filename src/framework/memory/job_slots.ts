// The job protocol of this project's worker threads: the CPU kernels' pool (session/cpu/wasm/pool.ts) and the byte
// comparison in parts (compare.ts) each keep a control block of 32-bit words in a SharedArrayBuffer shared with their
// workers, laid out alike:
//   ctl[0]  the generation: bumped by the posting thread to start a job; workers sleep on it
//   ctl[1]  workers still busy with the current job; the last one to finish wakes the posting thread
//   ctl[2]  set by a worker whose job threw (or, for a comparison, whose part differs)
//   a slot per worker, at a base of the pool's choosing: [base] the generation its job belongs to, [base + 1] the
//           worker's state (0 until it listens, AWAKE while it looks for the next job in a loop, ASLEEP once it sleeps
//           on ctl[0]), then the job's own words (each worker writes only its own slot's state, so no worker's start
//           can touch another's job, however many there are)
// A worker runs its slot only when the slot's generation is the current one and it has not run that generation yet,
// so a worker left out of a job (or one that wakes late) never runs a stale job, and never runs one twice. Both sides
// sleep with a timeout and look again, woken or not, so a lost wake-up costs at most RECHECK_MS instead of a hung run.
// Waking a sleeping thread takes the system tens of µs (12 to 80 measured on this project's 2-core VM, the more the
// longer the core was idle), longer than a mini-batch's kernels take, so both sides first look in a loop for SPIN_MS:
// a worker after each job (a training loop's next job comes well within that, and finds it awake), the posting thread
// for the workers to finish.

/** How long either side sleeps before it looks at the control block again. */
export const RECHECK_MS = 20;
/** How long either side looks for the other's word in a loop before it sleeps. */
export const SPIN_MS = 1;
/** Words of a slot before its job's own: the job's generation and the worker's state. */
export const SLOT_HEADER = 2;
/** A worker's state (its slot's second word): running a job, or looking for the next in a loop (it finds it within a µs). */
export const AWAKE = 2;
/** A worker's state: asleep on ctl[0] (or about to be), so a job reaches it only after the system wakes it. */
export const ASLEEP = 1;

/**
 * JavaScript source of a worker's loop (for the worker's own source text: workers are started from strings, so that
 * they need no file of their own): with `ctl` an Int32Array over the control block in scope, serves the slot at
 * `base` (an expression), running `job` (statements, with `base` in scope) once for each job posted to it.
 */
export function workerLoop(base: string, job: string): string {
  return `
  const base = ${base};
  let seen = Atomics.load(ctl, 0);
  let done = Atomics.load(ctl, base);
  let spin = true;
  for (;;) {
    if (spin) {
      Atomics.store(ctl, base + 1, ${AWAKE});
      for (let i = 1, until = performance.now() + ${SPIN_MS}; Atomics.load(ctl, 0) === seen; i++) if ((i & 255) === 0 && performance.now() > until) break;
    }
    if (Atomics.load(ctl, 0) === seen) {
      // asleep until notified (a job, or a stray wake-up: awake a while again) or the re-check (straight back to sleep)
      Atomics.store(ctl, base + 1, ${ASLEEP});
      spin = Atomics.wait(ctl, 0, seen, ${RECHECK_MS}) !== 'timed-out';
    }
    seen = Atomics.load(ctl, 0);
    const posted = Atomics.load(ctl, base);
    if (posted !== seen || posted === done) continue;
    done = posted;
    spin = true;
    Atomics.store(ctl, base + 1, ${AWAKE});
    try {
      ${job}
    } catch {
      Atomics.store(ctl, 2, 1);
    }
    if (Atomics.sub(ctl, 1, 1) === 1) Atomics.notify(ctl, 1);
  }
`;
}

/** The workers listening now, of `workers`: the first ones in order whose slot (at `slotAt(w)`) says so (a later one may be up before an earlier). */
export function listeningSlots(ctl: Int32Array, workers: number, slotAt: (w: number) => number): number {
  let ready = 0;
  while (ready < workers && Atomics.load(ctl, slotAt(ready) + 1) !== 0) ready++;
  return ready;
}

/** The generation of the next job: give it to each slot the job uses (assign) once the slot's words are written. */
export function nextGeneration(ctl: Int32Array): number {
  return (Atomics.load(ctl, 0) + 1) | 0;
}

/** Hands the slot at `base` (its job's words written) the job of `generation`. */
export function assign(ctl: Int32Array, base: number, generation: number): void {
  Atomics.store(ctl, base, generation);
}

/** Starts the job of `generation` on the `posted` slots assigned it: clears the failure word and wakes the workers. */
export function startJob(ctl: Int32Array, generation: number, posted: number): void {
  Atomics.store(ctl, 2, 0);
  Atomics.store(ctl, 1, posted);
  Atomics.store(ctl, 0, generation);
  Atomics.notify(ctl, 0);
}

/**
 * Waits until every worker of the current job is done: looks in a loop for SPIN_MS, then sleeps where the thread may
 * (`canWait`; a page's main thread may not, and keeps looking). True when none set the failure word.
 */
export function finishJob(ctl: Int32Array, canWait = true): boolean {
  let busy = Atomics.load(ctl, 1);
  for (let i = 1, until = performance.now() + SPIN_MS; busy !== 0 && (!canWait || (i & 255) !== 0 || performance.now() < until); i++)
    busy = Atomics.load(ctl, 1);
  for (; busy !== 0; busy = Atomics.load(ctl, 1)) if (canWait) Atomics.wait(ctl, 1, busy, RECHECK_MS);
  return Atomics.load(ctl, 2) === 0;
}
