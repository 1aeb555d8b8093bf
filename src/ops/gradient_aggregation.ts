// How tf.gradients sums the gradients several consumers send one tensor (gradients_impl.py's _AggregatedGrads and
// _AggregateIndexedSlicesGradients), and which ops' rules take an IndexedSlices gradient as it is.
import type { Operation } from '../graph/operation.js';
import type { ControlFlowContext } from '../graph/control_flow_context.js';
import { Tensor } from '../graph/tensor.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import type { OpType } from '../framework/op_defs.js';
import { add_n } from './math_ops.js';
import { concat } from './array_structure_ops.js';
import { asIndexedSlicesList } from './indexed_slices_ops.js';
import { toTensor } from './convert.js';

/** A gradient as tf.gradients passes it: a Tensor, or an IndexedSlices (a gather's). */
export type Grad = Tensor | IndexedSlices;

/** TF1's `tf.AggregationMethod`: how gradients reaching one tensor from several consumers are summed. */
export const AggregationMethod = Object.freeze({ ADD_N: 0, DEFAULT: 0, EXPERIMENTAL_TREE: 1, EXPERIMENTAL_ACCUMULATE_N: 2 } as const);

/**
 * TF1's `_AggregateIndexedSlicesGradients`: null for none, the one for one, else one IndexedSlices of all but the
 * nulls (Tensors as the IndexedSlices of all their rows), values and indices concatenated, the first's dense_shape.
 * (TF1's `_HandleNestedIndexedSlices` has nothing to do: an IndexedSlices' values are always a Tensor here.)
 */
export function aggregateIndexedSlicesGradients(grads: readonly (Grad | null)[]): Grad | null {
  if (grads.length < 1) return null;
  if (grads.length === 1) return grads[0]!;
  const slices = asIndexedSlicesList(grads.filter((g): g is Grad => g !== null));
  const values = concat(
    slices.map((x) => x.values),
    0,
  );
  const indices = concat(
    slices.map((x) => x.indices),
    0,
  );
  return new IndexedSlices(values, indices, slices[0]!.dense_shape);
}

/**
 * TF1's `_AggregatedGrads` for several gradients of one output: all Tensors are summed by AddN (ADD_N, and
 * ACCUMULATE_N, whose AccumulateNV2 tf1-ts has not: the same sum), or EXPERIMENTAL_TREE's pairwise AddNs under
 * `<op>_gradient_sum`; any IndexedSlices among them makes one IndexedSlices of all (aggregateIndexedSlicesGradients).
 */
export function aggregate(list: readonly Grad[], op: Operation, method: number): Grad {
  if (list.length === 1) return list[0]!;
  if (!list.every((g) => g instanceof Tensor)) return aggregateIndexedSlicesGradients(list)!;
  const tensors = list as readonly Tensor[];
  if (method !== AggregationMethod.EXPERIMENTAL_TREE) return add_n([...tensors]);
  return op.graph.name_scope(`${op.name}_gradient_sum`, () => tensors.slice(1).reduce((sum, g) => add_n([sum, g]), tensors[0]!));
}

// The ops whose TF1 rule hands an IndexedSlices gradient on as it is (array_grad's _IdGrad); every other rule gets it
// converted to a Tensor, as TF1 converts it at the first op the rule builds on it.
const TAKES_SLICES = new Set<OpType>(['Identity', 'RefIdentity']);

// control_flow_grad's _SwitchGrad and _MergeGrad switch and merge an IndexedSlices part by part: tf1-ts's rules do
// for a cond outside any while loop (their cond paths build with switch and merge, which take IndexedSlices); a
// cond's, in a while loop or while a gradient loop is being built, get it densely: there a branch's gather gradient
// has indices alive in every iteration (made from constants again), which a part-wise merge with the untaken
// iterations' zeros would pair with the zeros' values.
const CONTROL_FLOW = new Set<OpType>(['Switch', 'RefSwitch', 'Merge', 'RefMerge']);

// The frame ops of a while loop, whose gradient rules take an IndexedSlices (a loop Merge's first input is an Enter).
const LOOP_FRAME = new Set<OpType>(['Enter', 'RefEnter', 'Exit', 'RefExit']);

/** True when no while loop holds `ctx` (an op's control-flow context, or the one gradients are built in). */
function outsideLoops(ctx: ControlFlowContext | null): boolean {
  for (let c = ctx; c; c = c.outer_context) if (c.is_while) return false;
  return true;
}

/** True when `op`'s rule takes an IndexedSlices gradient as it is. */
export function takesSlices(op: Operation): boolean {
  if (TAKES_SLICES.has(op.type)) return true;
  // a loop's rules carry one as r1.12's do: _EnterGrad accumulates an invariant's as one
  // (AddBackpropIndexedSlicesAccumulator), _ExitGrad enters it part by part, a loop Switch's and Merge's rules
  // merge and switch it, and the Switch's back edge converts it where the gradient Merge is dense
  if (LOOP_FRAME.has(op.type)) return true;
  if ((op.type === 'Switch' || op.type === 'RefSwitch') && op.inputs[1]!.op.type === 'LoopCond') return true;
  if ((op.type === 'Merge' || op.type === 'RefMerge') && LOOP_FRAME.has(op.inputs[0]!.op.type)) return true;
  if (!CONTROL_FLOW.has(op.type)) return false;
  const inputCtx = op.inputs[0]?.op._control_flow_context ?? null;
  return outsideLoops(op._control_flow_context) && outsideLoops(inputCtx) && outsideLoops(op.graph._get_control_flow_context());
}

/** An op's output gradients as its rule takes them: IndexedSlices converted densely unless the rule takes them. */
export function forRule(op: Operation, grads: readonly (Grad | null)[]): (Tensor | null)[] {
  // The rules that take one are typed for Tensors; what they do with one is switch, merge or pass it on.
  if (takesSlices(op)) return grads as (Tensor | null)[];
  return grads.map((g) => (g instanceof IndexedSlices ? toTensor(g) : g));
}
