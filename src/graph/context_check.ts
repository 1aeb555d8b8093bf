// TF1 r1.12's control_flow_util.CheckInputFromValidContext: an op may read a value made in its own context, in a
// loop around it, or outside all loops; a value made inside a loop the op is not in could never reach it (it exists
// only in that loop's frame), and is refused as the op is made, with TF1's ValueError.
import { ValueError } from '../framework/errors.js';
import { plainType, type OpType } from '../framework/op_defs.js';
import type { ControlFlowContext } from './control_flow_context.js';
import type { Operation } from './operation.js';

const plain = (type: string): OpType => plainType(type as OpType);

/** TF1's GetOutputContext: an Exit's outputs belong to the context around its loop. */
function outputContext(op: Operation): ControlFlowContext | null {
  const ctx = op._control_flow_context;
  return plain(op.type) === 'Exit' ? (ctx?.outer_context ?? null) : ctx;
}

/** TF1's GetContainingWhileContext: the innermost while loop at `ctx`, or null. */
function containingWhile(ctx: ControlFlowContext | null): ControlFlowContext | null {
  let c = ctx;
  while (c !== null && !c.is_while) c = c.outer_context;
  return c;
}

/** TF1's IsContainingContext: `outer` is `ctx` or one of the contexts around it (null contains everything). */
function contains(ctx: ControlFlowContext | null, outer: ControlFlowContext | null): boolean {
  for (let c = ctx; c !== outer; c = c.outer_context) if (c === null) return false;
  return true;
}

/** Throws TF1's ValueError when `op` (made in `opCtx`) may not read an output of `input`. */
export function checkInputFromValidContext(op: { name: string; type: string }, opCtx: ControlFlowContext | null, input: Operation): void {
  const inputCtx = outputContext(input);
  if (inputCtx === null || inputCtx === opCtx) return;
  const loop = containingWhile(opCtx);
  const inputLoop = containingWhile(inputCtx);
  let valid: boolean;
  if (loop === null) {
    // conds only: allowed (the run fails if input's branch is not taken); a loop's Enter, or a cond's Switch, is
    // made outside the context it feeds
    valid = inputLoop === null || plain(op.type) === 'Enter' || plain(op.type) === 'Switch';
  } else {
    const fwd = loop.grad_state?.forward_context ?? null;
    const inputFwd = inputLoop?.grad_state?.forward_context ?? null;
    valid =
      contains(loop, inputLoop) ||
      // a gradient loop reads its forward loop (or a loop around it), or a loop nested in it (a cond's gradient)
      (fwd !== null && (contains(fwd, inputLoop) || fwd === inputLoop?.outer_context)) ||
      // the gradient of a loop's gradient reads that gradient loop, or its own gradient loop's
      (inputFwd !== null && (inputFwd === loop || inputFwd.grad_state?.forward_context === loop));
  }
  if (valid) return;
  const msg =
    loop !== null
      ? `Cannot use '${op.name}' as input to '${input.name}' because they are in different while loops.`
      : `Cannot use '${input.name}' as input to '${op.name}' because '${input.name}' is in a while loop.`;
  throw new ValueError(`${msg} See info log for more details.`);
}
