// Dead tensors, as TF1's executor propagates them (core/common_runtime/executor.cc): a Switch's untaken output is
// dead; an op with a dead input, or a control input on an op that did not run, does not run and its outputs are
// dead; a Merge runs when any input is alive and forwards the first live one. The planner works out which steps can
// ever be dead (only those downstream of a Switch: a plan without one has no Flow and its run costs nothing extra);
// both backends keep a Liveness per run.
import { InvalidArgumentError } from '../framework/errors.js';

/** A step or value is dead when any of these values or steps is. */
export interface Guard {
  readonly values: readonly number[];
  readonly steps: readonly number[];
}

/** What a plan with a Switch knows of deadness, by step index. */
export interface Flow {
  /** Per step: the guard that makes it dead (null: never dead). A Merge's guard is unused (see mergeInputs). */
  readonly guards: readonly (Guard | null)[];
  /** Per Merge step: each input's guard (null: never dead); dead when every input is; null for other steps. */
  readonly mergeInputs: readonly ((Guard | null)[] | null)[];
  /** Per fetched element: its guard (null: never dead, or an operation). */
  readonly fetches: readonly (Guard | null)[];
}

/** One run's dead values and skipped steps. */
export class Liveness {
  private readonly dead: Uint8Array;
  private readonly deadStep: Uint8Array;

  constructor(
    private readonly flow: Flow,
    values: number,
    steps: number,
  ) {
    this.dead = new Uint8Array(values);
    this.deadStep = new Uint8Array(steps);
  }

  private isDead(g: Guard | null): boolean {
    if (g === null) return false;
    for (const id of g.values) if (this.dead[id]) return true;
    for (const s of g.steps) if (this.deadStep[s]) return true;
    return false;
  }

  /** True when step `i` does not run: its outputs are marked dead. */
  skip(i: number, outputs: readonly number[]): boolean {
    const ins = this.flow.mergeInputs[i];
    const dead = ins ? ins.every((g) => this.isDead(g)) : this.isDead(this.flow.guards[i]!);
    if (!dead) return false;
    this.deadStep[i] = 1;
    for (const id of outputs) this.dead[id] = 1;
    return true;
  }

  /** The input a live Merge step forwards: its first live one. */
  mergeIndex(i: number): number {
    const ins = this.flow.mergeInputs[i];
    return ins ? ins.findIndex((g) => !this.isDead(g)) : 0;
  }

  /** A Switch ran: the output its predicate did not take (output_true when false, output_false when true) is dead. */
  switched(outputs: readonly number[], pred: boolean): void {
    this.dead[outputs[pred ? 0 : 1]!] = 1;
  }

  /** TF1's error for a fetched tensor that is dead (its value never computed). */
  checkFetches(): void {
    this.flow.fetches.forEach((g, k) => {
      if (this.isDead(g)) throw new InvalidArgumentError(`Retval[${k}] does not have value`);
    });
  }
}

/** The index of a Merge step's first input, for a plan without a Switch (nothing is dead). */
export const mergeIndexOf = (live: Liveness | null, i: number): number => (live ? live.mergeIndex(i) : 0);
