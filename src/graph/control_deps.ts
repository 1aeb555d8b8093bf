// TF1's control-dependency controllers (ops.py's _ControlDependenciesController): each open
// `control_dependencies` block records the ops created while it is open, and a new op takes a block's
// control inputs only when none of its data inputs was created inside that block, since such an input
// already runs after them. A `null` block starts a fresh stack: the blocks around it neither give their
// control inputs to nor see the ops created inside it.
import type { Operation } from './operation.js';

/** One open `control_dependencies` block: its control inputs and the ops created while it is open. */
interface Controller {
  readonly controlInputs: readonly Operation[];
  readonly seen: Set<Operation>;
}

/** The graph's stack of open control-dependency blocks. */
export class ControlDependencyStack {
  private stack: Controller[] = [];

  /** Every control input of the open blocks (TF1's `_current_control_dependencies`). */
  current(): Set<Operation> {
    return new Set(this.stack.flatMap((c) => c.controlInputs));
  }

  /**
   * Opens a block with `ops` (already deduplicated against `current()`), or a fresh stack for `null`;
   * returns the function that closes it.
   */
  open(ops: readonly Operation[] | null): () => void {
    const saved = this.stack;
    const controller: Controller = { controlInputs: ops ?? [], seen: new Set() };
    this.stack = ops === null ? [controller] : [...saved, controller];
    return () => {
      this.stack = saved;
    };
  }

  /** TF1's `_control_dependencies_for_inputs`: the control inputs of every block none of `inputOps` was created in, less the inputs themselves. */
  forInputs(inputOps: ReadonlySet<Operation>): Operation[] {
    const out: Operation[] = [];
    for (const c of this.stack) {
      if ([...inputOps].some((op) => c.seen.has(op))) continue;
      for (const op of c.controlInputs) if (!inputOps.has(op) && !out.includes(op)) out.push(op);
    }
    return out;
  }

  /** Records a new op in every open block (TF1's `_record_op_seen_by_control_dependencies`). */
  record(op: Operation): void {
    for (const c of this.stack) c.seen.add(op);
  }
}
