// The planner's side of dead tensors (flow.ts): which values and steps can ever be dead, and the guards that say
// when. Only plans with a Switch make one, so other plans are compiled and run as before.
import type { Operation } from '../graph/operation.js';
import { plainType } from '../framework/op_defs.js';
import type { Flow, Guard } from './flow.js';
import type { PlanStep } from './plan.js';

/** A guard while planning: values by id, steps by their op (step indices are known only at the end). */
interface Pending {
  values: Set<number>;
  ops: Set<Operation>;
}

const union = (gs: readonly (Pending | null)[]): Pending | null => {
  const live = gs.filter((g): g is Pending => g !== null);
  if (live.length === 0) return null;
  return { values: new Set(live.flatMap((g) => [...g.values])), ops: new Set(live.flatMap((g) => [...g.ops])) };
};

/** True for the ops that make a plan need a Flow. */
export const isSwitch = (op: Operation): boolean => plainType(op.type) === 'Switch';
/** A Merge or RefMerge. */
export const isMerge = (op: Operation): boolean => plainType(op.type) === 'Merge';

/** Collects, op by op in plan order, what can be dead; then the Flow of the final steps. */
export class FlowBuilder {
  /** Step values that may be dead. */
  private readonly mayDie = new Set<number>();
  /** Folded values that are dead when their guard is (a Const inside a cond branch, made after its pivot). */
  private readonly constGuards = new Map<number, Pending>();
  /** Steps that may not run, with their guards. */
  private readonly stepGuards = new Map<Operation, Pending>();
  private readonly mergeGuards = new Map<Operation, (Pending | null)[]>();

  private ofValue(id: number): Pending | null {
    if (this.mayDie.has(id)) return { values: new Set([id]), ops: new Set() };
    return this.constGuards.get(id) ?? null;
  }

  /** The guard of an op from its inputs' and its control inputs' (null: it always runs). */
  guardOf(op: Operation, ins: readonly number[]): Pending | null {
    const ctrl = op.control_inputs.filter((c) => this.stepGuards.has(c) || this.mergeGuards.get(c)?.every((g) => g !== null));
    return union([...ins.map((id) => this.ofValue(id)), ctrl.length ? { values: new Set(), ops: new Set(ctrl) } : null]);
  }

  /** True when the value may be dead at run time (a step's output). */
  mayBeDead(id: number): boolean {
    return this.mayDie.has(id);
  }

  /** True when the op's step may not run (an input or control input may be dead). */
  mayNotRun(op: Operation): boolean {
    return this.stepGuards.has(op);
  }

  /** Values folded at plan time that are dead whenever `guard` is. */
  folded(outs: readonly number[], guard: Pending | null): void {
    if (guard) for (const id of outs) this.constGuards.set(id, guard);
  }

  /** A step: its outputs may be dead when it may not run, or when it is a Switch. */
  step(op: Operation, ins: readonly number[], outs: readonly number[], guard: Pending | null): void {
    if (isMerge(op)) {
      const gs = ins.map((id) => this.ofValue(id));
      this.mergeGuards.set(op, gs);
      if (gs.every((g) => g !== null)) for (const id of outs) this.mayDie.add(id);
      return;
    }
    if (guard) {
      this.stepGuards.set(op, guard);
      for (const id of outs) this.mayDie.add(id);
    }
    if (isSwitch(op)) for (const id of outs) this.mayDie.add(id);
  }

  /** Steps whose deadness another step's control input reads: kept even when nothing reads their outputs. */
  controlSources(): Set<Operation> {
    const out = new Set<Operation>();
    const guards = [...this.stepGuards.values(), ...this.constGuards.values(), ...[...this.mergeGuards.values()].flat()];
    for (const g of guards) for (const op of g?.ops ?? []) out.add(op);
    return out;
  }

  /** The Flow of the final steps and fetches. */
  build(steps: readonly PlanStep[], fetchIds: readonly (number | null)[]): Flow {
    const index = new Map(steps.map((s, i) => [s.op, i]));
    const final = (g: Pending | null): Guard | null => {
      if (g === null) return null;
      const stepIds = [...g.ops].flatMap((op) => (index.has(op) ? [index.get(op)!] : []));
      return g.values.size === 0 && stepIds.length === 0 ? null : { values: [...g.values], steps: stepIds };
    };
    return {
      guards: steps.map((s) => final(this.stepGuards.get(s.op) ?? null)),
      mergeInputs: steps.map((s) => this.mergeGuards.get(s.op)?.map(final) ?? null),
      fetches: fetchIds.map((id) => (id === null ? null : final(this.ofValue(id)))),
    };
  }
}
