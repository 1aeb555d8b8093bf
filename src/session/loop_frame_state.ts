// The loop executor's frames (loop_exec.ts): a frame instance is a loop as entered from one iteration of its parent
// frame, with its iterations' values by slot (loop_nodes.ts).
import type { LoopNode } from './loop_nodes.js';

/** A dead value or op. */
export const DEAD = Symbol('dead');
/** A stored value, DEAD, or (for an op) true: it ran. */
export type Val<V> = V | typeof DEAD | true;

/** One instance of a frame: a loop as entered from one iteration of its parent frame. Values by slot (loop_nodes.ts). */
export class Frame<V> {
  readonly iters: Val<V>[][];
  /** Per iteration and slot: how many reads the live value stored there still awaits (0: none counted). */
  readonly pending: number[][];
  readonly invariants: Val<V>[] = [];
  readonly children = new Map<string, Frame<V>>();
  readonly liveExits = new Set<LoopNode>();
  readonly deadExits = new Set<LoopNode>();
  readonly invariantEnters: LoopNode[] = [];
  /** The iterations whose LoopCond a Switch read as false. */
  readonly stopped = new Set<number>();
  constructor(
    readonly parent: Frame<V> | null,
    readonly parentIter: number,
    readonly depth: number,
    readonly slots: number,
  ) {
    this.iters = [new Array<Val<V>>(slots)];
    this.pending = [new Array<number>(slots).fill(0)];
  }

  /**
   * Whether the frame has ended (TF1: no outstanding iteration or op): its last iteration's LoopCond (one of the
   * `loopConds` slots) is false or dead and every exit has run in that iteration. One still waiting (e.g. on a
   * skipped inner loop's dead exits, given only at the run's end) has not, and its exits may yet get live values.
   */
  ended(loopConds: readonly number[]): boolean {
    const n = this.iters.length - 1;
    const last = this.iters[n]!;
    const stopped = this.stopped.has(n) || loopConds.some((s) => last[s] === DEAD);
    return stopped && [...this.deadExits, ...this.liveExits].every((e) => last[e.slot] !== undefined);
  }
}
