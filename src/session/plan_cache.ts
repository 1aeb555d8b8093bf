// The plans a session has compiled, by fetches and feeds. A run whose fetches and feeds repeat those of a recent
// run (the same elements, the same fed tensors in the same order, with the same shapes) finds its plan by comparing
// them with the few most recent runs', element by element: no key is built and nothing is allocated. Anything else
// looks the plan up by a key naming them all (compiling it on a miss).
import type { NDArray } from '../framework/ndarray.js';
import { OpError } from '../framework/errors.js';
import type { Tensor } from '../graph/tensor.js';
import type { Element } from './fetches.js';
import { compilePlan, type Plan } from './plan.js';
import { asRunError } from './run_guard.js';
import { sameShape } from './kernels/util.js';

/** Plans kept per session (the CPU backend keeps as many plans' buffers). */
export const MAX_PLANS = 64;
/** Recent runs compared before a key is built. */
const RECENT = 4;

interface Recent {
  elements: readonly Element[];
  tensors: Tensor[];
  shapes: (readonly number[])[];
  plan: Plan;
}

/** True when a run of `elements` fed `feeds` is the run `r` was (the plan is then r's). */
function matches(r: Recent, elements: readonly Element[], feeds: ReadonlyMap<Tensor, NDArray>): boolean {
  if (r.elements.length !== elements.length || r.tensors.length !== feeds.size) return false;
  for (let i = 0; i < elements.length; i++) if (r.elements[i] !== elements[i]) return false;
  let i = 0;
  for (const [t, v] of feeds) {
    if (r.tensors[i] !== t || !sameShape(r.shapes[i]!, v.shape)) return false;
    i++;
  }
  return true;
}

/** A session's compiled plans: the most recent ones compared directly, the rest by key. */
export class PlanCache {
  private readonly plans = new Map<string, Plan>();
  /** Most recent first. */
  private recent: Recent[] = [];

  /** The plan for fetching `elements` with `feeds` (compiled on first use; a kernel's error while folding is a run error). */
  get(elements: readonly Element[], feeds: ReadonlyMap<Tensor, NDArray>): Plan {
    for (let i = 0; i < this.recent.length; i++) {
      const r = this.recent[i]!;
      if (!matches(r, elements, feeds)) continue;
      if (i > 0) {
        this.recent.splice(i, 1);
        this.recent.unshift(r);
      }
      return r.plan;
    }
    const plan = this.byKey(elements, feeds);
    this.recent.unshift({ elements: [...elements], tensors: [...feeds.keys()], shapes: [...feeds.values()].map((v) => [...v.shape]), plan });
    if (this.recent.length > RECENT) this.recent.pop();
    return plan;
  }

  private byKey(elements: readonly Element[], feeds: ReadonlyMap<Tensor, NDArray>): Plan {
    const key = [elements.map((e) => e.name).join(','), [...feeds].map(([t, v]) => `${t.name}:${v.shape.join('x')}`).join(',')].join('|');
    let plan = this.plans.get(key);
    if (!plan) {
      try {
        plan = compilePlan(elements, feeds);
      } catch (e) {
        // Planning folds constants with the kernels; what they throw is reported as a run-time error.
        throw e instanceof OpError ? e : asRunError(e, null);
      }
      if (this.plans.size >= MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, plan);
    }
    return plan;
  }

  /** Forgets every plan (the session closed). */
  clear(): void {
    this.plans.clear();
    this.recent = [];
  }
}
