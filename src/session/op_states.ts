// The per-op objects a kernel keeps across a session's runs (KernelArgs.state), made the same way on both backends.
import type { Operation } from '../graph/operation.js';

/** The objects kernels keep per op across a session's runs (KernelArgs.state: Print's count of runs), by op name. */
export class OpStates {
  private readonly byName = new Map<string, object>();

  /** `op`'s kept object, made by `make` the first time it is asked for. */
  get<T extends object>(op: Operation, make: () => T): T {
    let s = this.byName.get(op.name);
    if (!s) this.byName.set(op.name, (s = make()));
    return s as T;
  }

  /** KernelArgs.state for `op`'s kernel. */
  of(op: Operation): <T extends object>(make: () => T) => T {
    return (make) => this.get(op, make);
  }

  /** Drops every op's object (the session closes). */
  clear(): void {
    this.byName.clear();
  }
}
