import type { RandomAttrs } from '../../framework/ops/state.js';
import type { Operation } from '../../graph/operation.js';

/** The seed pair and run counter of each random op of a WebGPU backend (GpuKernelArgs.random). */
export class RandomSeeds {
  private readonly byOp = new Map<string, { seed: number; seed2: number; counter: number }>();

  /** The seeds and run counter of a random op; seeds (0, 0) mean fresh ones, drawn once per session as TF1 does. */
  next(op: Operation): { seed: number; seed2: number; counter: number } {
    let r = this.byOp.get(op.name);
    if (!r) {
      const a = op.attrs as RandomAttrs;
      const fresh = a.seed === 0 && a.seed2 === 0;
      r = {
        seed: fresh ? (Math.random() * 2 ** 32) >>> 0 : a.seed,
        seed2: fresh ? (Math.random() * 2 ** 32) >>> 0 : a.seed2,
        counter: 0,
      };
      this.byOp.set(op.name, r);
    }
    return { seed: r.seed, seed2: r.seed2, counter: r.counter++ };
  }
}
