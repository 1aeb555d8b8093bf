// TF1 r1.12's gradient state of a while loop (control_flow_ops.py's GradLoopState and ControlFlowState): for each
// forward loop tf.gradients goes through, a counter of its iterations, the gradient loop that runs as many times
// (a WhileContext with this state), and the stacks that keep each forward value the gradient reads: the forward
// loop pushes it every iteration (`<op>/f_acc`, `StackPushV2`), the gradient loop pops it in reverse (`StackPopV2`).
// A value made in a tf.cond branch inside the loop is pushed only in the iterations that take the branch, so its
// pop is guarded by a Switch on that iteration's predicate, itself kept on a stack.
import { plainType } from '../framework/op_defs.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import { constantValue } from '../graph/infer.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { IndexedSlices } from '../graph/indexed_slices.js';
import { constant } from './array_ops.js';
import { CondContext } from './cond.js';
import { switchRefOrTensor } from './control_flow_switch.js';
import { stack_pop_v2, stack_push_v2, stack_v2, control_trigger } from './stack_ops.js';
import { addBackpropLoopCounter, addForwardLoopCounter } from './while_grad_loop.js';
import { enterContext, exitContext, whileContextOf, WhileContext } from './while_context.js';

const ID_OPS = new Set(['Switch', 'RefSwitch', 'Identity', 'RefIdentity']);
const isConstEnter = (op: Operation): boolean => plainType(op.type) === 'Enter' && (op.attrs as { is_constant: boolean }).is_constant;

/** TF1's GetLoopConstantEnter: the loop-invariant Enter `value` forwards (through identities), or null. */
function loopConstantEnter(value: Tensor): Operation | null {
  let op = value.op;
  while (ID_OPS.has(op.type)) op = op.inputs[0]!.op;
  return isConstEnter(op) ? op : null;
}

/** TF1's GetOutputContext: the context `op`'s outputs are in (an Exit's: the one around its loop). */
export function outputContext(op: Operation): WhileContext['outer_context'] {
  const c = op._control_flow_context;
  return c !== null && plainType(op.type) === 'Exit' ? c.outer_context : c;
}

/** TF1's GradLoopState: the gradient of one forward while loop. */
export class GradLoopState {
  readonly forward_context: WhileContext;
  readonly forward_index: Tensor;
  readonly grad_context: WhileContext;
  readonly grad_index: Tensor;
  /** Forward value name -> its value in the gradient loop (a pop, or the value itself for an invariant). */
  readonly history_map = new Map<string, Tensor>();
  /** Loop Switch -> the gradient Merge (`b_switch`) made at its first visit. */
  readonly switch_map = new Map<Operation, Tensor | IndexedSlices>();
  readonly forward_loop_exits: Tensor[];
  pending_exits_count: number;
  readonly deferred_exits: Tensor[] = [];
  readonly unused_exits: Tensor[] = [];
  private gradSync: Operation | null = null;
  private forwardSync: Operation | null = null;

  constructor(
    forward: WhileContext,
    readonly outer_grad_state: GradLoopState | null,
  ) {
    this.forward_context = forward;
    this.forward_loop_exits = [...forward.loopExits];
    this.pending_exits_count = forward.loopExits.length;
    // the context around the loop (a cond's branch when the loop is in one: its counter runs only with the branch)
    const outerForward = forward.outer_context;
    // As TF1's AddForwardAccumulator does for the stacks: the counter joins the forward loop, so the caller's
    // control dependencies (often the loop's own outputs) are not its own; they would wait on the loop they count.
    const [cnt, forwardIndex] = forward.graph.control_dependencies(null, () => {
      enterContext(outerForward);
      const counted = addForwardLoopCounter(forward, outer_grad_state);
      exitContext(outerForward);
      return counted;
    });
    this.forward_index = forwardIndex;
    const make = (): WhileContext =>
      new WhileContext(forward.graph, forward.maximum_iterations, forward.parallel_iterations, forward.back_prop, forward.swap_memory, forward.name, this);
    if (outer_grad_state) {
      // a nested loop: the iteration count of each of its runs, kept by the outer loop
      (outerForward as { addName?: (n: string) => void }).addName?.(cnt.name);
      const historyCnt = outer_grad_state.addForwardAccumulator(cnt);
      const outerGrad = outer_grad_state.grad_context;
      outerGrad.enter();
      this.grad_context = make();
      const realCnt = outer_grad_state.addBackpropAccumulatedValue(historyCnt, cnt);
      this.grad_index = addBackpropLoopCounter(this.grad_context, realCnt, outer_grad_state);
      outerGrad.exit();
    } else {
      enterContext(outerForward);
      this.grad_context = make();
      this.grad_index = addBackpropLoopCounter(this.grad_context, cnt, null);
      exitContext(outerForward);
    }
  }

  /** TF1's grad_sync: a ControlTrigger (`b_sync`) every pop of an iteration comes before the next iteration. */
  get grad_sync(): Operation {
    if (this.gradSync === null) {
      const g = this.grad_context.graph;
      const sync = g.control_dependencies(null, () => control_trigger('b_sync'));
      sync._control_flow_context = this.grad_context;
      this.grad_index.op.control_inputs.push(sync);
      this.gradSync = sync;
    }
    return this.gradSync;
  }

  /** TF1's forward_sync: a ControlTrigger (`f_sync`) the pushes made in a cond branch come before the next iteration. */
  get forward_sync(): Operation {
    if (this.forwardSync === null) {
      const g = this.forward_context.graph;
      const sync = g.control_dependencies(null, () => control_trigger('f_sync'));
      sync._control_flow_context = this.forward_context;
      this.forward_index.op.control_inputs.push(sync);
      this.forwardSync = sync;
    }
    return this.forwardSync;
  }

  /**
   * TF1's AddForwardAccumulator: a stack (`f_acc`) the forward loop pushes `value` on every iteration (in a cond
   * branch: every iteration that takes it; `deadBranch`: that does not take it, for ZerosLike's shapes).
   */
  addForwardAccumulator(value: Tensor, deadBranch = false): Tensor {
    const g = value.graph;
    const current = g._get_control_flow_context();
    return g.control_dependencies(null, () => {
      enterContext(current);
      const acc = stack_v2(constant(-1, { dtype: 'int32' }), value.dtype, '', 'f_acc');
      exitContext(current);
      const enterAcc = this.forward_context.addValue(acc);
      const valueCtx = outputContext(value.op);
      const swap = this.forward_context.swap_memory;
      let push: Tensor;
      if (valueCtx === this.forward_context) {
        this.forward_context.enter();
        push = stack_push_v2(enterAcc, value, swap);
        this.forward_context.exit();
        // the push comes before this iteration's NextIteration
        this.forward_index.op.control_inputs.push(push.op);
      } else {
        if (!(valueCtx instanceof CondContext)) throw new TFTypeError(`value_ctxt is not a CondContext: ${String(valueCtx)}`);
        if (deadBranch) {
          // made beside the cond and placed in it: it reads the Switch output the branch does not take
          enterContext(valueCtx.outer_context);
          push = stack_push_v2(enterAcc, value, swap);
          exitContext(valueCtx.outer_context);
          push.op._control_flow_context = valueCtx;
        } else {
          // in the branch: the stack's handle enters it through a Switch, so only a taken branch pushes
          valueCtx.enter();
          push = stack_push_v2(enterAcc, value, swap);
          valueCtx.exit();
        }
        // a dead push still triggers f_sync, which comes before the NextIteration
        this.forward_sync.control_inputs.push(push.op);
      }
      // ... and after this iteration's counter step
      push.op.control_inputs.push(this.forward_index.op.inputs[0]!.op);
      return acc;
    });
  }

  /**
   * TF1's AddBackpropAccumulatedValue: the pop, in the gradient loop, of the stack `history` keeps `value` on; for a
   * value of a cond branch, only in the iterations that pushed it (a Switch of the stack on the kept predicate).
   */
  addBackpropAccumulatedValue(history: Tensor, value: Tensor, deadBranch = false): Tensor {
    const g = value.graph;
    const historyCtx = history.op._control_flow_context;
    let condCtx: CondContext | null = null;
    for (let c = value.op._control_flow_context; c !== null && c !== historyCtx; c = c.outer_context) {
      if (c instanceof CondContext) {
        condCtx = c;
        break;
      }
    }
    const pop = g.control_dependencies(null, () => {
      this.grad_context.enter();
      try {
        let stack = history;
        if (condCtx !== null) {
          let pred: Tensor | null = null;
          for (let s: GradLoopState | null = this; pred === null && s !== null; s = s.outer_grad_state) pred = s.history_map.get(condCtx.pred.name) ?? null;
          const branch = deadBranch ? 1 - condCtx.branch : condCtx.branch;
          stack = switchRefOrTensor(history, pred ?? condCtx.pred)[branch]!;
        }
        const p = stack_pop_v2(stack, value.dtype);
        p.set_shape(value.get_shape());
        return p;
      } finally {
        this.grad_context.exit();
      }
    });
    // all pops of an iteration come before the next one
    if (this.grad_context.parallel_iterations > 1) this.grad_sync.control_inputs.push(pop.op);
    return pop;
  }

  /**
   * _MergeGrad's predicate of a cond in the loop: `pred` of each forward iteration, as the gradient loop reads it
   * (kept on a stack the first time; popped through a Switch when `pred` is itself in a cond).
   */
  realPred(pred: Tensor): Tensor {
    const known = this.history_map.get(pred.name);
    if (known) return known;
    this.grad_context.exit();
    const history = this.addForwardAccumulator(pred);
    this.grad_context.enter();
    const real = this.addBackpropAccumulatedValue(history, pred);
    this.history_map.set(pred.name, real);
    return real;
  }

  /** TF1's GetRealValue: `value` of the forward loop as the gradient loop reads it in the matching iteration. */
  getRealValue(value: Tensor): Tensor {
    const known = this.history_map.get(value.name);
    if (known) return known;
    let real: Tensor | null = null;
    let cur = value;
    let curState: GradLoopState | null = this;
    let history: Tensor | null = null;
    for (;;) {
      const enterOp = loopConstantEnter(cur);
      if (enterOp) {
        // a loop invariant: no history needed, once outside every loop of this gradient
        cur = enterOp.inputs[0]!;
        curState = curState!.outer_grad_state;
        if (curState === null) {
          real = this.grad_context.addValue(cur);
          break;
        }
      } else if (cur.op.type === 'Const') {
        // a constant is made again in the gradient loop rather than kept on a stack
        real = constant(constantValue(cur)!, { dtype: cur.dtype });
        break;
      } else {
        this.grad_context.exit();
        history = curState!.addForwardAccumulator(cur);
        this.grad_context.enter();
        break;
      }
    }
    if (real === null) {
      real = curState!.addBackpropAccumulatedValue(history!, cur);
      if (curState !== this) real = this.grad_context.addValue(real);
    }
    this.history_map.set(value.name, real);
    return real;
  }
}

export { whileContextOf };
