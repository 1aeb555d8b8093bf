// The execute stage of Session.run (validate -> plan -> execute -> fetch): TF1's check that the plan reads no
// uninitialized variable, the traced run's stats, and the backend's run guarded so that a failed run changes no
// variable (run_guard.ts says which variables are at risk).
import { FailedPreconditionError } from '../framework/errors.js';
import type { NDArray } from '../framework/ndarray.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { Backend, StepStat } from './backend.js';
import type { RunMetadata } from './config.js';
import type { Plan } from './plan.js';
import { asRunError, variablesAtRisk } from './run_guard.js';

/** What a plan's runs are guarded with, made once per plan. */
interface PlanGuard {
  /** The variables a failed run must put back (variablesAtRisk). */
  atRisk: Operation[];
  /** A run's outcome when there are none: its values (the variables it assigned initialized again), or its error as a run error. */
  done: (values: (NDArray | null)[]) => (NDArray | null)[];
  failed: (e: unknown) => never;
}

/** Runs a session's plans on its backend; remembers the variables a failed run left uninitialized again. */
export class GuardedRunner {
  private atRisk = new WeakMap<Plan, PlanGuard>();
  /** Variables a failed run had initialized: uninitialized again, whatever the backend still holds. */
  readonly forgotten = new Set<Operation>();

  /**
   * Runs `plan` on `backend` after TF1's check that it reads no uninitialized variable, filling `md`'s step stats
   * when traced. Synchronous up to the backend's run, which reads the feeds before it returns (see Backend.run).
   */
  execute(backend: Backend, plan: Plan, feeds: Map<Tensor, NDArray>, md: RunMetadata | undefined, deadline?: number): Promise<(NDArray | null)[]> {
    for (const v of plan.variables) {
      if (v.reader && (!backend.isInitialized(v.op) || this.forgotten.has(v.op))) {
        throw new FailedPreconditionError(`Attempting to use uninitialized value ${v.op.name}\n\t [[{{node ${v.reader.name}}}]]`, v.reader);
      }
    }
    if (md) recordFoldedFetches(plan, md.step_stats);
    return this.guardedRun(backend, plan, feeds, md ? md.step_stats : undefined, deadline);
  }

  // A failed run changes no variable (run_guard.ts): variables the plan may write after a step that can
  // still fail are copied first and put back; one the failed run initialized counts as uninitialized again.
  // The copies are taken (Backend.readVariable reads at its call) and the run started without an await between.
  private guardedRun(backend: Backend, plan: Plan, feeds: Map<Tensor, NDArray>, stats: StepStat[] | undefined, deadline?: number): Promise<(NDArray | null)[]> {
    let g = this.atRisk.get(plan);
    if (!g) this.atRisk.set(plan, (g = this.guardOf(plan, variablesAtRisk(plan, backend.checksAfterRun))));
    // nothing to put back (most plans): the run's own Promise, its outcome handled by the plan's kept functions
    if (g.atRisk.length === 0) return backend.run(plan, feeds, stats, deadline).then(g.done, g.failed);
    const saved = Promise.all(g.atRisk.map((op) => backend.readVariable(op)));
    const running = backend.run(plan, feeds, stats, deadline);
    return this.settle(backend, plan, g.atRisk, saved, running);
  }

  /** A plan's guard, made once: its variables at risk, and what a run that puts none back does when it ends. */
  private guardOf(plan: Plan, atRisk: Operation[]): PlanGuard {
    return {
      atRisk,
      done: (values) => {
        this.succeeded(plan);
        return values;
      },
      failed: (e: unknown) => {
        throw asRunError(e, plan);
      },
    };
  }

  /** A run of `plan` succeeded: the variables it assigned count as initialized again. */
  private succeeded(plan: Plan): void {
    if (this.forgotten.size) for (const s of plan.steps) if (s.kind === 'assign') this.forgotten.delete(s.variable);
  }

  private async settle(
    backend: Backend,
    plan: Plan,
    atRisk: readonly Operation[],
    saved: Promise<(NDArray | null)[]>,
    running: Promise<(NDArray | null)[]>,
  ): Promise<(NDArray | null)[]> {
    const [before, result] = await Promise.allSettled([saved, running]);
    if (result.status === 'fulfilled') {
      this.succeeded(plan);
      return result.value;
    }
    if (before.status === 'fulfilled') {
      for (const [i, op] of atRisk.entries()) {
        const v = before.value[i];
        if (v) await backend.writeVariable(op, v);
        else this.forgotten.add(op);
      }
    }
    throw asRunError(result.reason, plan);
  }
}

/**
 * A traced run lists the fetched nodes the plan folded to constants (taking no time now), as TF1's step stats
 * list the Const nodes its executor ran: a traced run that fetches only constants still has stats.
 */
function recordFoldedFetches(plan: Plan, stats: StepStat[]): void {
  const seen = new Set<Operation>();
  for (const id of plan.fetchIds) {
    const v = id === null ? undefined : plan.values[id];
    if (v?.kind !== 'const' || seen.has(v.tensor.op)) continue;
    seen.add(v.tensor.op);
    stats.push({ node_name: v.tensor.op.name, op: v.tensor.op.type, ms: 0 });
  }
}
