// TF1 r1.12's ControlFlowState (control_flow_ops.py) and the loop cases of control_flow_grad.py (_SwitchGrad,
// _MergeGrad, _EnterGrad, _ExitGrad, _NextIterationGrad): what tf.gradients does when its path goes through
// while loops. Every forward loop it reaches gets a GradLoopState; each op's gradient is built inside the
// gradient loop of the loop the op is in. The op definitions call these rules through the gradient kit.
import { plainType } from '../framework/op_defs.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import * as A from './array_ops.js';
import { CondContext } from './cond.js';
import { merge, switchRefOrTensor, zerosLikeOutsideLoop } from './control_flow_switch.js';
import { GradLoopState, outputContext } from './control_flow_state.js';
import { GRAD_KIT, type LoopGradRules } from './grad_kit.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { toTensor } from './convert.js';
import { addSlicesBackEdge, eachPart, partsOf } from './while_loop_slices.js';
import { addBackpropAccumulator, addBackpropIndexedSlicesAccumulator, shapeOp } from './while_grad_loop.js';
import { enter, enterContext, exitContext, forward, whileContextOf, WhileContext } from './while_context.js';

/** TF1's IsLoopSwitch: a Switch on a loop's LoopCond. */
export const isLoopSwitch = (op: Operation): boolean => (op.type === 'Switch' || op.type === 'RefSwitch') && op.inputs[1]!.op.type === 'LoopCond';

/**
 * TF1's check in _GradientsHelper (and _RaiseNoGradWrtInitialLoopValError): tf.gradients called in a loop's body
 * reaches a Switch of that loop only from a loop variable's initial value, which it cannot differentiate; the error
 * names the nearest x above the Switch.
 */
export function checkNoGradWrtInitialLoopVal(op: Operation, fromOps: readonly Operation[]): void {
  if ((op.type !== 'Switch' && op.type !== 'RefSwitch') || !(op._control_flow_context instanceof WhileContext)) return;
  if (op._control_flow_context !== op.graph._get_control_flow_context()) return;
  const visited = new Set<Operation>();
  const queue = [op];
  let target: Operation | null = null;
  while (queue.length > 0 && target === null) {
    const cur = queue.shift()!;
    if (visited.has(cur)) continue;
    visited.add(cur);
    if (fromOps.includes(cur)) target = cur;
    else queue.push(...cur.inputs.map((t) => t.op));
  }
  throw new ValueError(
    `Cannot compute gradient inside while loop with respect to op '${target?.name}'. We do not support taking the gradient wrt or through the initial value of a loop variable. Gradients can be computed through loop invariants or wrt the input parameters to the loop body.`,
  );
}

/** TF1's ControlFlowState: the GradLoopState of every forward loop on a gradient's path. */
export class ControlFlowState {
  private readonly map = new Map<WhileContext, GradLoopState>();

  /** TF1's GetGradState: the state of the loop `op` is in (before its gradient, an Exit's is the loop around). */
  getGradState(op: Operation, before: boolean): GradLoopState | null {
    let fwd: WhileContext | null;
    if (before && plainType(op.type) === 'Exit') {
      const c = op._control_flow_context?.outer_context ?? null;
      fwd = whileContextOf(c);
    } else fwd = whileContextOf(op._control_flow_context);
    return fwd ? (this.map.get(fwd) ?? null) : null;
  }

  enterGradWhileContext(op: Operation, before: boolean): void {
    this.getGradState(op, before)?.grad_context.enter();
  }

  exitGradWhileContext(op: Operation, before: boolean): void {
    this.getGradState(op, before)?.grad_context.exit();
  }

  /** TF1's AddWhileContext: a GradLoopState for the loop of Exit `op`; all its exits join the ops between. */
  addWhileContext(op: Operation, between: Set<Operation>): void {
    const fwd = whileContextOf(op._control_flow_context)!;
    if (this.map.has(fwd)) return;
    const outerFwd = whileContextOf(fwd.outer_context);
    const outer = outerFwd ? (this.map.get(outerFwd) ?? null) : null;
    const state = new GradLoopState(fwd, outer);
    this.map.set(fwd, state);
    for (const e of state.forward_loop_exits) between.add(e.op);
  }

  /** TF1's ProcessUnusedLoopExits: the exits nothing differentiates, once all of a loop's exits are counted. */
  processUnusedLoopExits(pending: Map<Operation, number>, toOps: ReadonlySet<Operation>): Tensor[] {
    const exits: Tensor[] = [];
    for (const s of this.map.values()) {
      for (const y of s.forward_loop_exits) {
        if ((pending.get(y.op) ?? 0) !== 0) continue;
        s.pending_exits_count--;
        if (!toOps.has(y.op)) s.unused_exits.push(y);
        if (s.pending_exits_count === 0) exits.push(...s.unused_exits);
      }
      // the Enters take part in backprop (for higher-order gradients)
      for (const y of s.forward_context.loopEnters) if ((pending.get(y.op) ?? 0) === 0) pending.set(y.op, 1);
    }
    return exits;
  }

  /** TF1's ZerosLikeForExit: zeros for an exit that got no gradient. */
  zerosLikeForExit(val: Tensor): Tensor {
    const fwd = val.op._control_flow_context as WhileContext;
    const outerFwd = whileContextOf(fwd.outer_context);
    const outer = outerFwd ? (this.map.get(outerFwd) ?? null) : null;
    const shape = val.get_shape();
    if (!outer) return shape.is_fully_defined() ? A.zeros(shape.dims as number[], val.dtype) : A.zeros_like(val);
    if (shape.is_fully_defined()) {
      outer.grad_context.enter();
      const z = A.zeros(shape.dims as number[], val.dtype);
      outer.grad_context.exit();
      return z;
    }
    (fwd.outer_context as WhileContext).enter();
    const s = shapeOp(val);
    (fwd.outer_context as WhileContext).exit();
    const history = outer.addForwardAccumulator(s);
    outer.grad_context.enter();
    const z = A.zeros(outer.addBackpropAccumulatedValue(history, s), val.dtype);
    outer.grad_context.exit();
    return z;
  }

  /**
   * TF1's ZerosLike: zeros for output `index` of `op` that got no gradient (none for a loop Switch). For the Switch
   * of a cond branch in the loop, only in the iterations the branch is not taken (its dead branch): the zeros go
   * through a Switch on the kept predicate, or their shape is kept, when unknown, only in those iterations.
   */
  zerosLike(op: Operation, index: number): Tensor | null {
    if (isLoopSwitch(op)) return null;
    const fwd = whileContextOf(op._control_flow_context);
    const state = fwd ? this.map.get(fwd) : undefined;
    if (!state) return zerosLikeOutsideLoop(op, index);
    const opCtx = op._control_flow_context!;
    const dead = (op.type === 'Switch' || op.type === 'RefSwitch') && opCtx instanceof CondContext ? opCtx : null;
    const val = op.outputs[index]!;
    const shape = val.get_shape();
    if (shape.is_fully_defined()) {
      const zeros = A.constant(0, { shape: shape.dims as number[], dtype: val.dtype });
      return dead ? switchRefOrTensor(zeros, state.realPred(dead.pred))[1 - dead.branch]! : zeros;
    }
    let s: Tensor;
    if (dead) {
      // the Switch output the branch does not take, made beside the cond and placed in it
      enterContext(dead.outer_context);
      const other = switchRefOrTensor(op.inputs[0]!, dead.pred)[1 - dead.branch]!;
      s = shapeOp(other);
      exitContext(dead.outer_context);
      other.op._control_flow_context = dead;
      s.op._control_flow_context = dead;
    } else {
      enterContext(opCtx);
      s = shapeOp(val);
      exitContext(opCtx);
    }
    state.grad_context.exit();
    const history = state.addForwardAccumulator(s, dead !== null);
    state.grad_context.enter();
    return A.zeros(state.addBackpropAccumulatedValue(history, s, dead !== null), val.dtype);
  }

  /** TF1's PostProcessing: a loop variable whose next value does not depend on it gets zeros after iteration 0. */
  postProcessing(): void {
    for (const s of this.map.values()) {
      for (const bMerge of s.switch_map.values()) {
        // an IndexedSlices' Merge is its values' (TF1's b_merge.op)
        const m = bMerge instanceof IndexedSlices ? bMerge.values.op : bMerge.op;
        if (m.inputs[0] !== m.inputs[1]) continue;
        const first = m.inputs[0]!;
        const shape = first.get_shape();
        let next: Tensor;
        if (shape.is_fully_defined()) {
          s.grad_context.enter();
          next = forward('NextIteration', A.constant(0, { dtype: first.dtype, shape: shape.dims as number[] }));
          s.grad_context.exit();
        } else {
          const outer = s.grad_context.outer_context as WhileContext | null;
          outer?.enter();
          const zeros = A.zeros(shapeOp(first.op.inputs[0]!), first.dtype);
          outer?.exit();
          s.grad_context.enter();
          next = forward('NextIteration', zeros);
          s.grad_context.exit();
        }
        m.graph._update_input(m, 1, next);
      }
    }
  }
}

/** TF1's MaybeCreateControlFlowState: a ControlFlowState when the ops between ys and xs leave a while loop. */
export function maybeCreateControlFlowState(between: Set<Operation>): ControlFlowState | null {
  let state: ControlFlowState | null = null;
  for (const op of [...between]) {
    if (plainType(op.type) !== 'Exit') continue;
    state ??= new ControlFlowState();
    state.addWhileContext(op, between);
  }
  return state;
}

/** The graph's current context as a gradient loop (TF1's `graph._get_control_flow_context()` in a loop's rules). */
const gradContext = (op: Operation): WhileContext | null => whileContextOf(op.graph._get_control_flow_context());

/** The loop cases of the control-flow ops' gradients; each returns undefined where the op is not a loop's. */
export const LOOP_GRADS: LoopGradRules = {
  /** _SwitchGrad of a loop Switch: the gradient Merge (`b_switch`), its back edge made at the second visit. */
  switch(op: Operation, grads: readonly (Tensor | null)[]): (Tensor | null)[] | undefined {
    if (!(op._control_flow_context instanceof WhileContext) || !isLoopSwitch(op)) return undefined;
    const state = gradContext(op)!.grad_state as GradLoopState;
    const mergeGrad = state.switch_map.get(op);
    if (mergeGrad) {
      // the second visit, from the loop body: the gradient of the next iteration (TF1's _AddNextAndBackEdge without
      // the shape check: onto a Tensor Merge an IndexedSlices is converted, onto an IndexedSlices' a Tensor is one)
      const next = grads[1] as Tensor | IndexedSlices | null;
      if (!next) return [null, null];
      const update = (m: Tensor, n: Tensor): void => op.graph._update_input(m.op, 1, n);
      if (mergeGrad instanceof IndexedSlices) addSlicesBackEdge(mergeGrad, next, update, false);
      else update(mergeGrad, forward('NextIteration', toTensor(next)));
      return [null, null];
    }
    if (grads[0]) {
      const m = merge([grads[0], grads[0]], 'b_switch')[0];
      state.switch_map.set(op, m);
      return [m as Tensor, null];
    }
    return [null, null];
  },
  /**
   * _MergeGrad of a loop Merge: the gradient through a Switch on the gradient loop's predicate; of a cond's Merge
   * in a gradient loop: through a Switch on the cond's predicate of the matching forward iteration (`cond_grad`).
   */
  merge(op: Operation, grad: Tensor): (Tensor | null)[] | undefined {
    const ctx = outputContext(op.inputs[0]!.op);
    if (ctx instanceof WhileContext) return switchRefOrTensor(grad, gradContext(op)!.pivot!);
    const state = gradContext(op)?.grad_state as GradLoopState | null | undefined;
    if (!(ctx instanceof CondContext) || !state) return undefined;
    return switchRefOrTensor(grad, state.realPred(ctx.pred), 'cond_grad');
  },
  /** _ExitGrad: the gradient enters the gradient loop (`b_exit`). */
  exit(op: Operation, grad: Tensor | null): Tensor | null {
    const ctx = gradContext(op);
    if (!ctx) return grad;
    if (!ctx.back_prop) return null;
    if ((op._control_flow_context as WhileContext).grad_state) throw new TFTypeError('Second-order gradient for while loops not supported.');
    if (!grad) return null;
    // an IndexedSlices (a gather of the loop's result) enters part by part (its indices as `indices`, ...)
    for (const t of partsOf(grad)) ctx.addName(t.name);
    ctx.enter();
    const result = eachPart(grad, (t, name) => enter(t, ctx.name, false, ctx.parallel_iterations, true, name ?? 'b_exit'));
    ctx.loopEnters.push(...partsOf(result));
    ctx.exit();
    return result as Tensor;
  },
  /**
   * _EnterGrad: a loop variable's gradient leaves the gradient loop; an invariant's is summed over its iterations,
   * or, an IndexedSlices, accumulated as one; a loop variable's IndexedSlices leaves part by part.
   */
  enter(op: Operation, grad: Tensor | null): Tensor | null {
    const ctx = gradContext(op);
    if (!ctx?.back_prop || !ctx.grad_state || !grad) return grad;
    if ((op.attrs as { is_constant: boolean }).is_constant) {
      // typed as a Tensor for the op definitions' rule; tf.gradients takes the IndexedSlices it is
      if (grad instanceof IndexedSlices) return addBackpropIndexedSlicesAccumulator(ctx, op, grad) as unknown as Tensor;
      const state = ctx.grad_state as GradLoopState;
      return addBackpropAccumulator(ctx, op, grad, state.outer_grad_state);
    }
    const result = eachPart(grad, (t, name) => forward('Exit', t, name));
    ctx.loopExits.push(...partsOf(result));
    ctx.exitResult(partsOf(result));
    return result as Tensor;
  },
};

GRAD_KIT.loop = LOOP_GRADS;
