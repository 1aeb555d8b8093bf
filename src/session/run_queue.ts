// A session's work (runs, variable reads and writes) happens one task at a time, in call order.
// A task called while nothing is queued or in flight, with the backend ready, starts inside the
// call itself: its synchronous part (for a run: reading the feeds; on the CPU backend: the whole
// run) is over when the call returns. A task that must wait is told so first, so that its caller
// can copy what the task will read (TF1 takes feeds' values at the call).
import type { Backend } from './backend.js';

/** One unit of session work, given the backend once it is its turn. */
export type Task<T> = (backend: Backend) => Promise<T> | T;

const ignore = (): undefined => undefined;

/** Serializes a session's tasks; see the file comment for when a task starts inside its call. */
export class RunQueue {
  private backend: Backend | null = null;
  private pending = 0;
  private tail: Promise<unknown> = Promise.resolve();

  private readonly backendPromise: Promise<Backend>;

  /** A queue for the backend `backend` is or will be; one given as a value is ready at once. */
  constructor(backend: Backend | Promise<Backend>) {
    this.backendPromise = Promise.resolve(backend);
    if (backend instanceof Promise)
      backend.then(
        (b) => (this.backend = b),
        () => undefined,
      );
    else this.backend = backend;
  }

  /** Whether a task scheduled now would start inside the call: nothing queued or running, and the backend ready. */
  get idle(): boolean {
    return this.pending === 0 && this.backend !== null;
  }

  /**
   * Runs `task` after every task scheduled before it (at once when idle). The returned Promise settles
   * after the queue has counted the task done, so a caller that awaits it finds the queue idle again.
   */
  schedule<T>(task: Task<T>): Promise<T> {
    const now = this.idle;
    // Counted before the task starts, so that anything it schedules while starting waits for it.
    this.pending++;
    let started: Promise<T>;
    if (now) {
      try {
        started = Promise.resolve(task(this.backend!));
      } catch (e) {
        started = Promise.reject(e);
      }
    } else {
      started = this.tail.then(() => this.backendPromise).then(task);
    }
    const done = started.then(this.finished, this.failed) as Promise<T>;
    this.tail = done.catch(ignore);
    return done;
  }

  // made once, not per task: a repeated run allocates no functions here
  private readonly finished = <T>(v: T): T => {
    this.pending--;
    return v;
  };
  private readonly failed = (e: unknown): never => {
    this.pending--;
    throw e;
  };

  /** Resolves once every task scheduled so far has settled. */
  drained(): Promise<unknown> {
    return this.tail;
  }
}
