// TF1's control-flow contexts as the graph sees them (ops.py's `_control_flow_context`): while a context is
// entered, every op the graph creates passes through it (TF1's Operation._control_flow_post_processing, which
// calls the context's AddOp). The contexts themselves (CondContext) live in the ops layer.
import type { Operation } from './operation.js';
import type { Tensor } from './tensor.js';

/** What the graph asks of the control-flow context an op is created in. */
export interface ControlFlowContext {
  /** The context this one is nested in, or null. */
  readonly outer_context: ControlFlowContext | null;
  /**
   * TF1's AddOp for the op's data inputs, before the op exists: the tensors the op reads instead (an external
   * value enters a cond branch through a Switch).
   */
  addInputs(inputs: readonly Tensor[]): Tensor[];
  /** TF1's AddOp once the op exists: a source op gets a control input on the pivot; its outputs join the context. */
  addOp(op: Operation): void;
  /** Set on a while loop's context (TF1's IsWhileContext): a gradient loop's names the loop it differentiates. */
  readonly grad_state?: { readonly forward_context: ControlFlowContext } | null;
  /** True for a while loop's context, false for a cond's. */
  readonly is_while: boolean;
}
