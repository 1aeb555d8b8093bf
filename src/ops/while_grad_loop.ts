// The loops TF1 r1.12 adds for a while loop's gradient (control_flow_ops.py's WhileContext.AddForwardLoopCounter,
// AddBackpropLoopCounter, AddBackpropAccumulator): a counter of the forward loop's iterations (`f_count`), the
// gradient loop that runs that many times counting down (`b_count`, its LoopCond the gradient loop's pivot), and
// per loop-invariant input the sum of its gradient over the iterations (`b_acc`), or, for an IndexedSlices
// gradient, its values and indices concatenated over the iterations (AddBackpropIndexedSlicesAccumulator).
import type { Tensor } from '../graph/tensor.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { TensorShape } from '../framework/shape.js';
import type { Operation } from '../graph/operation.js';
import { applyOp } from './apply.js';
import { constant, zeros, zeros_like } from './array_ops.js';
import { concat } from './array_structure_ops.js';
import { sliceHelper } from './slice_helper.js';
import { merge, switch_ } from './control_flow_switch.js';
import { add, greater_equal, maximum, subtract } from './math_ops.js';
import { enter, enterContext, exitContext, forward, type WhileContext } from './while_context.js';

/** What the counters need of the gradient state of the loop around (control_flow_state.ts's GradLoopState). */
export interface OuterGradState {
  readonly forward_index: Tensor;
  readonly grad_sync: Operation;
  readonly forward_context: WhileContext;
  readonly grad_context: WhileContext;
  addForwardAccumulator(value: Tensor): Tensor;
  addBackpropAccumulatedValue(history: Tensor, value: Tensor): Tensor;
}

/** TF1's shape_internal(x, optimize=False): a Shape op even where the static shape is known. */
export const shapeOp = (x: Tensor, outType: 'int32' | 'int64' = 'int32'): Tensor =>
  applyOp({ type: 'Shape', defaultName: 'Shape', inputs: [['input', x]], attrs: { out_type: outType } }).outputs[0]!;

/** AddForwardLoopCounter: [the iteration count leaving the loop, the counter's NextIteration (forward_index)]. */
export function addForwardLoopCounter(ctx: WhileContext, outer: OuterGradState | null): [Tensor, Tensor] {
  const g = ctx.graph;
  const n = constant(0, { name: 'f_count' });
  // the pushes of an inner loop's i-th run come before those of its (i+1)-th
  if (outer) n.op.control_inputs.push(outer.forward_index.op.inputs[0]!.op);
  ctx.enter();
  try {
    ctx.addName(n.name);
    const enterN = enter(n, ctx.name, false, ctx.parallel_iterations, true, 'f_count');
    ctx.loopEnters.push(enterN);
    const mergeN = merge([enterN, enterN])[0];
    const switchN = switch_(mergeN, ctx.pivot!);
    const index = add(switchN[1], 1);
    const nextN = forward('NextIteration', index);
    g._update_input(mergeN.op, 1, nextN);
    const total = forward('Exit', switchN[0], 'f_count');
    ctx.loopExits.push(total);
    ctx.exitResult([total]);
    return [total, nextN];
  } finally {
    ctx.exit();
  }
}

/** AddBackpropLoopCounter: the gradient loop `ctx`, run `count` times; returns its counter's NextIteration (grad_index). */
export function addBackpropLoopCounter(ctx: WhileContext, count: Tensor, outer: OuterGradState | null): Tensor {
  const g = ctx.graph;
  const one = constant(1, { name: 'b_count' });
  ctx.enter();
  try {
    ctx.addName(count.name);
    const enterCount = enter(count, ctx.name, false, ctx.parallel_iterations, true, 'b_count');
    ctx.loopEnters.push(enterCount);
    const mergeCount = merge([enterCount, enterCount])[0];
    ctx.pivotForPred = mergeCount;
    const pred = greater_equal(mergeCount, one);
    ctx.pivot = forward('LoopCond', pred, 'b_count');
    const switchCount = switch_(mergeCount, ctx.pivot);
    const index = subtract(switchCount[1], one);
    ctx.pivotForBody = index;
    const nextCount = forward('NextIteration', index);
    g._update_input(mergeCount.op, 1, nextCount);
    const finalZero = forward('Exit', switchCount[0], 'b_count');
    ctx.loopExits.push(finalZero);
    // the pops of an inner gradient loop's i-th run come before those of its (i+1)-th
    if (outer) outer.grad_sync.control_inputs.push(finalZero.op);
    ctx.exitResult([finalZero]);
    return nextCount;
  } finally {
    ctx.exit();
  }
}

/**
 * AddBackpropAccumulator: the gradient of a loop invariant (an Enter with is_constant) `op`, the sum of `grad`
 * over the gradient loop's iterations. Called with `ctx` entered; returns with it entered.
 */
export function addBackpropAccumulator(ctx: WhileContext, op: Operation, grad: Tensor, outerGrad: OuterGradState | null): Tensor {
  const g = ctx.graph;
  ctx.exit();
  // zeros of the right shape: the result when the loop ran no iteration
  let acc: Tensor;
  const shape = grad.get_shape();
  if (shape.is_fully_defined()) {
    enterContext(ctx.outer_context);
    acc = constant(0, { dtype: grad.dtype, shape: shape.dims as number[], name: 'b_acc' });
    exitContext(ctx.outer_context);
  } else if (outerGrad) {
    // a nested loop: the shape of each run of the inner loop, kept by the outer one (made where the inner loop is,
    // so in a cond's branch it is kept only when the branch runs)
    const value = op.inputs[0]!;
    const fwdOuter = ctx.grad_state!.forward_context.outer_context;
    enterContext(fwdOuter);
    const zerosShape = shapeOp(value);
    exitContext(fwdOuter);
    const history = outerGrad.addForwardAccumulator(zerosShape);
    enterContext(ctx.outer_context);
    acc = zeros(outerGrad.addBackpropAccumulatedValue(history, zerosShape), grad.dtype);
    exitContext(ctx.outer_context);
  } else {
    enterContext(ctx.outer_context);
    acc = zeros(shapeOp(op.inputs[0]!), grad.dtype);
    exitContext(ctx.outer_context);
  }
  ctx.enter();
  ctx.addName(acc.name);
  const enterAcc = enter(acc, ctx.name, false, ctx.parallel_iterations, true, 'b_acc');
  ctx.loopEnters.push(enterAcc);
  const mergeAcc = merge([enterAcc, enterAcc], 'b_acc')[0];
  const [accFalse, accTrue] = switch_(mergeAcc, ctx.pivot!);
  const addAcc = add(accTrue, grad);
  const nextAcc = forward('NextIteration', addAcc);
  g._update_input(mergeAcc.op, 1, nextAcc);
  const result = forward('Exit', accFalse, 'b_acc');
  ctx.loopExits.push(result);
  ctx.exitResult([result]);
  return result;
}

/**
 * AddBackpropIndexedSlicesAccumulator: the gradient of a loop invariant `op` that arrives as an IndexedSlices (a
 * gather's), kept one: the gradient loop carries its indices, values and dense_shape (`b_acc`), starting from one
 * zero row at index 0, and concatenates each iteration's slices after them (dense_shape: the largest seen). Called
 * with `ctx` entered; returns with it entered.
 */
export function addBackpropIndexedSlicesAccumulator(ctx: WhileContext, op: Operation, grad: IndexedSlices): IndexedSlices {
  const g = ctx.graph;
  const { values, indices, dense_shape: denseShape } = grad;
  ctx.exit();
  // the initial values are made beside the gradient loop: they feed its Enters
  const outer = ctx.outer_context;
  enterContext(outer);
  let valuesAcc: Tensor;
  const valuesShape = values.get_shape();
  if (valuesShape.is_fully_defined()) {
    valuesAcc = constant(0, { dtype: values.dtype, shape: [1, ...(valuesShape.dims!.slice(1) as number[])], name: 'b_acc' });
  } else {
    const rowShape = sliceHelper(shapeOp(op.inputs[0]!), ['1:']);
    valuesAcc = zeros(concat([[1], rowShape], 0), values.dtype);
  }
  const indicesAcc = constant([0], { dtype: indices.dtype });
  let shapeAcc: Tensor | null = null;
  if (denseShape) {
    const s = denseShape.get_shape();
    if (s.is_fully_defined()) shapeAcc = constant(0, { dtype: denseShape.dtype, shape: s.dims as number[] });
    else shapeAcc = zeros_like(shapeOp(op.inputs[0]!, denseShape.dtype as 'int32' | 'int64'), { optimize: false });
  }
  exitContext(outer);

  ctx.enter();
  const init = [indicesAcc, valuesAcc, ...(shapeAcc ? [shapeAcc] : [])];
  for (const t of init) ctx.addName(t.name);
  // the accumulators grow each iteration, so their Enters take no shape from the initial values but [None] + rows
  const enterAcc = init.map((t) => enter(t, ctx.name, false, ctx.parallel_iterations, false, 'b_acc'));
  enterAcc[0]!.set_shape(new TensorShape([null]));
  if (valuesAcc.get_shape().dims !== null) enterAcc[1]!.set_shape(new TensorShape([null, ...valuesAcc.get_shape().dims!.slice(1)]));
  ctx.loopEnters.push(...enterAcc);
  const mergeAcc = enterAcc.map((t) => merge([t, t], 'b_acc')[0]);
  const switchAcc = mergeAcc.map((t) => switch_(t, ctx.pivot!));
  const accumulated = [concat([switchAcc[0]![1], indices], 0), concat([switchAcc[1]![1], values], 0)];
  if (denseShape) accumulated.push(maximum(denseShape, switchAcc[2]![1]));
  accumulated.forEach((t, i) => g._update_input(mergeAcc[i]!.op, 1, forward('NextIteration', t)));
  const exitAcc = switchAcc.map(([t]) => forward('Exit', t, 'b_acc'));
  ctx.loopExits.push(...exitAcc);
  ctx.exitResult(exitAcc);
  return new IndexedSlices(exitAcc[1]!, exitAcc[0]!, denseShape ? exitAcc[2]! : null);
}
