// The control-flow ops of conditionals (tensorflow/core/ops/control_flow_ops.cc): Switch sends its data to one of
// two outputs, Merge forwards whichever input is alive. With TF1 r1.12's gradients (python/ops/control_flow_grad.py's
// _SwitchGrad and _MergeGrad, cond case and plain case). The executors give them their semantics: an output a
// Switch does not take is dead, and so is everything that reads a dead value (see session/plan.ts, flow.ts).
import { ALL_DTYPES, type DType } from '../dtypes.js';
import type { GradFn, NoAttrs, OpDefs, OutputSpec, ShapeCtx } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { inShape, withRank } from '../shape_util.js';
import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';

/** The attributes of the control-flow ops (beyond the inferred `T` and `N`). */
export interface ControlFlowAttrs {
  Switch: NoAttrs;
  RefSwitch: NoAttrs;
  Merge: NoAttrs;
  Enter: { frame_name: string; is_constant: boolean; parallel_iterations: number };
  Exit: NoAttrs;
  NextIteration: NoAttrs;
  LoopCond: NoAttrs;
  RefEnter: { frame_name: string; is_constant: boolean; parallel_iterations: number };
  RefExit: NoAttrs;
  RefNextIteration: NoAttrs;
  RefMerge: NoAttrs;
}

/** Enter, Exit and NextIteration forward their input unchanged (UnchangedShape). */
const sameAsInput = (c: ShapeCtx<'Exit' | 'NextIteration' | 'RefExit' | 'RefNextIteration'>): OutputSpec[] => [
  { dtype: c.inputs[0]!.dtype, shape: inShape(c, 0) },
];

/** What a gradient needs of a cond branch's context (ops/cond.ts's CondContext). */
interface CondLike {
  readonly pred: Tensor;
  readonly branch: 0 | 1;
}

/** The cond context an op was created in, or null (TF1's `op._get_control_flow_context()`, a CondContext). */
const condContextOf = (op: Operation): CondLike | null => {
  const c = op._control_flow_context as unknown as Partial<CondLike> | null;
  return c && c.pred !== undefined && c.branch !== undefined ? (c as CondLike) : null;
};

/** Switch's shape function: pred is a scalar; both outputs have data's shape. */
const switchShape = (c: ShapeCtx<'Switch' | 'RefSwitch'>): OutputSpec[] => {
  withRank(inShape(c, 1), 0);
  const dtype = c.inputs[0]!.dtype;
  return [
    { dtype, shape: inShape(c, 0) },
    { dtype, shape: inShape(c, 0) },
  ];
};

/** TF1's `T: type` of the control-flow ops: any dtype, a stack's resource handle included. */
const ANY_TYPE: readonly DType[] = [...ALL_DTYPES, 'resource'];

const SWITCH_INPUTS = [
  { name: 'data', type: { attr: 'T', allowed: ANY_TYPE } },
  { name: 'pred', type: 'bool' },
] as const;

/**
 * _SwitchGrad: in a cond branch, the Merge of both outputs' gradients (the untaken one is the zeros made under the
 * other Switch output, or none); elsewhere each gradient through a Switch on the predicate.
 */
const switchGrad: GradFn<'Switch' | 'RefSwitch'> = (op, grads, tf) => {
  const loop = tf.loop?.switch(op, grads);
  if (loop) return loop;
  const ctx = condContextOf(op);
  if (ctx) {
    if (grads[1 - ctx.branch] === null) return [null, null];
    return [tf.cf_merge(grads as Tensor[], 'cond_grad')[0]!, null];
  }
  const f = tf.cf_switch(grads[0]!, op.inputs[1]!)[0]!;
  const t = tf.cf_switch(grads[1]!, op.inputs[1]!)[1]!;
  return [tf.cf_merge([f, t])[0]!, null];
};

/** MergeShape: input 0's shape, with each dimension the inputs disagree on unknown; unknown when a rank differs. */
const mergeShape = (c: ShapeCtx<'Merge' | 'RefMerge'>): OutputSpec[] => {
  const dtype = c.inputs[0]!.dtype;
  let out = inShape(c, 0);
  if (out.dims !== null) {
    const dims = [...out.dims];
    for (const i of c.inputs.slice(1)) {
      if (i.shape.dims === null || i.shape.dims.length !== dims.length) {
        out = TensorShape.unknown();
        break;
      }
      i.shape.dims.forEach((d, k) => {
        if (d !== dims[k]) dims[k] = null;
      });
    }
    if (out.dims !== null) out = new TensorShape(dims);
  }
  return [
    { dtype, shape: out },
    { dtype: 'int32', shape: new TensorShape([]) },
  ];
};

/**
 * _MergeGrad: in a cond, the gradient through a Switch on the cond's predicate (`cond_grad`); elsewhere through a
 * Switch per input on value_index == i.
 */
const mergeGrad: GradFn<'Merge' | 'RefMerge'> = (op, [g], tf) => {
  const loop = tf.loop?.merge(op, g!);
  if (loop) return loop;
  const ctx = condContextOf(op.inputs[0]!.op);
  if (ctx) return tf.cf_switch(g!, ctx.pred, 'cond_grad');
  return op.inputs.map((_, i) => tf.cf_switch(g!, tf.equal(op.outputs[1]!, i))[1]!);
};

const MERGE_INPUTS = [{ name: 'inputs', type: { attr: 'T', allowed: ANY_TYPE }, list: true }] as const;
const DATA_INPUT = [{ name: 'data', type: { attr: 'T', allowed: ANY_TYPE } }] as const;
const ENTER_ATTRS = { frame_name: 'string', is_constant: 'bool', parallel_iterations: 'int' } as const;
/** Enter's output shape is unknown unless is_constant (the builder sets a loop variable's to its input's shape or invariant, as TF1's _Enter does). */
const enterShape = (c: ShapeCtx<'Enter' | 'RefEnter'>): OutputSpec[] => [
  { dtype: c.inputs[0]!.dtype, shape: c.attrs.is_constant ? inShape(c, 0) : TensorShape.unknown() },
];
/** _EnterGrad: out of the gradient loop (an invariant's gradient summed over its iterations: b_acc). */
const enterGrad: GradFn<'Enter' | 'RefEnter'> = (op, [g], tf) => [tf.loop!.enter(op, g!)];
/** _ExitGrad: into the gradient loop (b_exit). */
const exitGrad: GradFn<'Exit' | 'RefExit'> = (op, [g], tf) => [tf.loop!.exit(op, g!)];

/** Definitions of the conditionals' and while loops' ops. */
export const CONTROL_FLOW_OPS: OpDefs<ControlFlowAttrs> = {
  Switch: {
    inputs: SWITCH_INPUTS,
    attrs: {},
    shape: switchShape,
    grad: switchGrad,
  },
  RefSwitch: {
    inputs: SWITCH_INPUTS,
    attrs: {},
    flags: { forwardsRef: true },
    shape: switchShape,
    grad: switchGrad,
  },
  Merge: { inputs: MERGE_INPUTS, attrs: {}, shape: mergeShape, grad: mergeGrad },
  // The while loop's ops (control_flow_ops.cc)
  Enter: { inputs: DATA_INPUT, attrs: ENTER_ATTRS, shape: enterShape, grad: enterGrad },
  Exit: { inputs: DATA_INPUT, attrs: {}, shape: sameAsInput, grad: exitGrad },
  NextIteration: {
    inputs: [{ name: 'data', type: { attr: 'T', allowed: ANY_TYPE } }],
    attrs: {},
    shape: sameAsInput,
    // _NextIterationGrad: the gradient itself
    grad: (_op, [g]) => [g!],
  },
  // LoopCond: a scalar bool, the loop's predicate (NotDifferentiable in TF1).
  LoopCond: {
    inputs: [{ name: 'input', type: 'bool' }],
    attrs: {},
    shape: (c) => [{ dtype: 'bool', shape: withRank(inShape(c, 0), 0) }],
    grad: 'none',
  },
  // The Ref* twins, which r1.12's builders make for a variable's storage (a `_ref` dtype): they forward the storage
  // itself, so an Assign or Apply* op in the loop writes the variable.
  RefEnter: { inputs: DATA_INPUT, attrs: ENTER_ATTRS, flags: { forwardsRef: true }, shape: enterShape, grad: enterGrad },
  RefExit: { inputs: DATA_INPUT, attrs: {}, flags: { forwardsRef: true }, shape: sameAsInput, grad: exitGrad },
  RefNextIteration: { inputs: DATA_INPUT, attrs: {}, flags: { forwardsRef: true }, shape: sameAsInput, grad: (_op, [g]) => [g!] },
  RefMerge: { inputs: MERGE_INPUTS, attrs: {}, flags: { forwardsRef: true }, shape: mergeShape, grad: mergeGrad },
};
