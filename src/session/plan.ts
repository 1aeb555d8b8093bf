import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { TensorShape } from '../framework/shape.js';
import { InvalidArgumentError, ValueError } from '../framework/errors.js';
import { checkAllocation, NDArray } from '../framework/ndarray.js';
import { isOpaque, isVariable, isView, writesRef, isStateful, type OpAttrs } from '../framework/op_defs.js';
import { controlledReads, findReaders } from './plan_reads.js';
import { runShapeRule } from '../framework/op_defs.js';
import type { InputInfo } from '../framework/op_def.js';
import { valueInputs } from '../framework/op_defs.js';
import { HOST_KERNELS } from './kernels/index.js';
import type { Element } from './fetches.js';
import type { Flow } from './flow.js';
import { FlowBuilder, isMerge, isSwitch } from './flow_plan.js';
import { opaqueError, orderOps } from './plan_order.js';
import { foldable, foldOp } from './plan_fold.js';
import { frameDepths, isLoopOp, type LoopInfo } from './loop_nodes.js';
import { isStackOp } from './stack_store.js';
import { checkFrames } from './loop_frames.js';

/**
 * A plan with a while loop (or stack ops): no steps, values only for the feeds and fetches; the backend runs its ops by frame and
 * iteration (loop_exec.ts). Nothing is folded: an op in a loop runs once per iteration.
 */
function compileLoopPlan(order: Operation[], elements: readonly Element[], feeds: ReadonlyMap<Tensor, NDArray>): Plan {
  for (const op of order) if (isOpaque(op.type)) throw opaqueError(op);
  checkFrames(order);
  const values: PlanValue[] = [];
  const feedIds = new Map<Tensor, number>();
  const add = (t: Tensor, kind: 'feed' | 'step', shape: number[] | null): number => {
    values.push({ tensor: t, kind, shape, constValue: null, root: values.length, external: kind === 'feed', lastUse: Infinity });
    return values.length - 1;
  };
  for (const [t, arr] of feeds) feedIds.set(t, add(t, 'feed', [...arr.shape]));
  const fetchIds = elements.map((e) => (e instanceof Operation ? null : (feedIds.get(e) ?? add(e, 'step', null))));
  const variables: Plan['variables'] = order
    .filter((op) => isVariable(op.type))
    .map((v) => ({ op: v, reader: order.find((op) => op.inputs.some((t, k) => t === v.outputs[0] && !(writesRef(op.type) && k === 0))) ?? null }));
  return { values, steps: [], feedIds, fetchIds, variables, flow: null, loop: { ops: order, fetches: [...elements], outDepth: frameDepths(order) } };
}

/** One value of a plan: a fed tensor, a constant (folded at plan time), or a step's output. */
export interface PlanValue {
  tensor: Tensor;
  kind: 'feed' | 'const' | 'step';
  /** Concrete shape when known at plan time. */
  shape: number[] | null;
  constValue: NDArray | null;
  /** The value whose storage this one shares (itself unless a view or a variable's ref). */
  root: number;
  /** True when the storage belongs to a variable, not to the plan. */
  external: boolean;
  /** Index of the last step reading this storage; Infinity when fetched. */
  lastUse: number;
}

/**
 * What a backend does for a step, set once by the planner from the op's definition (steps.ts has the run-time
 * checks the kinds share): 'noop' computes nothing (NoOp: no outputs and no kernel; Assert, without outputs, is a 'kernel'); 'variable' binds the variable's storage
 * (VariableV2); 'view' makes output 0 input 0's storage (flag `view`); 'assign' copies the value into the variable's
 * storage or replaces it (Assign); 'update' runs a kernel that writes input 0, the variable's storage, in place, and
 * output 0 is that storage (the other `writesRef` ops; an optimizer's Apply* op also writes its slots' storage, the
 * ref inputs its definition lists in `refInputs`); 'kernel' runs the op's kernel; 'switch' (Switch, RefSwitch)
 * makes both outputs input 0's storage and the one its predicate does not take dead; 'merge' copies its first
 * live input into output 0 and that input's index into output 1 (flow.ts).
 */
export type StepKind = 'noop' | 'variable' | 'view' | 'assign' | 'update' | 'kernel' | 'switch' | 'merge';

/** One op to execute, with its kind and its input and output value ids. */
interface StepOf<K extends StepKind> {
  kind: K;
  op: Operation;
  inputs: number[];
  outputs: number[];
}

/** A step that writes a variable: `variable` is the VariableV2 op whose storage input 0 is. */
export type AssignStep = StepOf<'assign'> & { variable: Operation; validateShape: boolean };
export type UpdateStep = StepOf<'update'> & { variable: Operation };

/** One op to execute: its kind, its input and output value ids, and for a writer, the variable it writes. */
export type PlanStep = StepOf<'noop' | 'variable' | 'view' | 'kernel' | 'switch' | 'merge'> | AssignStep | UpdateStep;

/** True for a step that writes a variable's storage. */
export const writesVariable = (s: PlanStep): s is AssignStep | UpdateStep => s.kind === 'assign' || s.kind === 'update';

/** The kind of step an op is (see StepKind). */
export function stepKind(op: Operation): StepKind {
  // An op without outputs computes nothing, unless it has a kernel (Assert: its failure is its effect).
  if (op.outputs.length === 0 && !HOST_KERNELS[op.type]) return 'noop';
  if (isSwitch(op)) return 'switch';
  if (isMerge(op)) return 'merge';
  if (isVariable(op.type)) return 'variable';
  if (isView(op.type)) return 'view';
  if (writesRef(op.type)) return op.type === 'Assign' ? 'assign' : 'update';
  return 'kernel';
}

/** The step of `op`; `root` is the root value of its input 0 (for a writer, the variable's storage). */
function planStep(op: Operation, kind: StepKind, inputs: number[], outputs: number[], root: PlanValue | undefined): PlanStep {
  if (kind === 'assign') return { kind, op, inputs, outputs, variable: root!.tensor.op, validateShape: (op.attrs as OpAttrs['Assign']).validate_shape };
  if (kind === 'update') return { kind, op, inputs, outputs, variable: root!.tensor.op };
  return { kind, op, inputs, outputs };
}

/** A compiled run: the pruned, ordered steps, every value's shape and lifetime, and what to return. */
export interface Plan {
  values: PlanValue[];
  steps: PlanStep[];
  feedIds: Map<Tensor, number>;
  /** For each fetched element: its value id, or null for an operation. */
  fetchIds: (number | null)[];
  /** Variables the plan touches, and for each, the first op that reads it (for the uninitialized check). */
  variables: { op: Operation; reader: Operation | null }[];
  /** Dead-tensor bookkeeping, for a plan with a Switch (null otherwise: nothing can be dead). */
  flow: Flow | null;
  /** For a plan with a while loop: the ops loop_exec.ts runs by frame and iteration (its `steps` are empty). */
  loop?: LoopInfo;
}

/**
 * Compiles the plan for these fetches and feed shapes: prune, order, fold constants, infer concrete shapes, lifetimes.
 * Shapes come from the fed shapes and the constants' values only, never from the graph's static shapes: those may
 * rest on the value of a tensor that this run feeds (TF1 lets a Const be fed). A shape the rules could only infer
 * by assuming a value unknown now (a fed shape vector) is checked by the kernel when the value arrives.
 */
export function compilePlan(elements: readonly Element[], feeds: ReadonlyMap<Tensor, NDArray>): Plan {
  const order = orderOps(elements, feeds);
  // a run's stacks live in the loop executor (stack_store.ts), so a plan with stack ops runs there too
  if (order.some((op) => isLoopOp(op) || isStackOp(op))) return compileLoopPlan(order, elements, feeds);
  const values: PlanValue[] = [];
  // What the plan knows of each value's shape, partly known ones included.
  const known: TensorShape[] = [];
  const idOf = new Map<Tensor, number>();
  const feedIds = new Map<Tensor, number>();
  const add = (v: Omit<PlanValue, 'root' | 'lastUse'>, shape: TensorShape, root?: number): number => {
    const id = values.length;
    values.push({ ...v, root: root ?? id, lastUse: -1 });
    known.push(shape);
    // A fed tensor keeps its fed value for every reader, even when its op runs for another output.
    if (v.kind === 'feed' || !feeds.has(v.tensor)) idOf.set(v.tensor, id);
    return id;
  };
  const exact = (s: readonly number[]): TensorShape => new TensorShape([...s]);
  for (const [t, arr] of feeds) feedIds.set(t, add({ tensor: t, kind: 'feed', shape: [...arr.shape], constValue: null, external: true }, exact(arr.shape)));
  const steps: PlanStep[] = [];
  const variables: Plan['variables'] = [];
  const flow = order.some(isSwitch) ? new FlowBuilder() : null;
  for (const op of order) {
    // An op whose outputs are all fed has nothing to do; it is here only as a control input (a fed placeholder).
    if (op.outputs.length > 0 && op.outputs.every((t) => feeds.has(t))) continue;
    if (isOpaque(op.type)) throw opaqueError(op);
    const ins = op.inputs.map((t) => idOf.get(t)!);
    const guard = flow ? flow.guardOf(op, ins) : null;
    const infos: InputInfo[] = ins.map((id) => ({ dtype: values[id]!.tensor.dtype, shape: known[id]!, value: values[id]!.constValue, partial: null }));
    let outSpecs: TensorShape[];
    try {
      outSpecs = runShapeRule(op.type, op.name, infos, op.attrs as OpAttrs[typeof op.type]).map((o) => o.shape);
    } catch (e) {
      if (e instanceof ValueError) throw new InvalidArgumentError(e.message, op);
      throw e;
    }
    // An Assign with validate_shape=false may give the variable another shape (TF1 allows it): its
    // stored shape is known only when the run reads it.
    if (op.type === 'VariableV2' && op.outputs[0]!.consumers().some((c) => c.type === 'Assign' && !(c.attrs as OpAttrs['Assign']).validate_shape)) {
      outSpecs = [TensorShape.unknown()];
    }
    const outShapes = outSpecs.map((s) => (s.is_fully_defined() ? (s.dims as number[]) : null));
    const allConst = ins.every((id) => values[id]!.kind === 'const');
    if (op.type === 'Const' || foldable(op, allConst)) {
      const outs = foldOp(
        op,
        ins.map((id) => values[id]!.constValue!),
      );
      // (the ids first: an optional call would skip evaluating its arguments)
      const ids = op.outputs.map((t, i) =>
        add({ tensor: t, kind: 'const', shape: [...outs[i]!.shape], constValue: outs[i]!, external: true }, exact(outs[i]!.shape)),
      );
      flow?.folded(ids, guard);
      continue;
    }
    if ((op.type === 'Shape' || op.type === 'Size' || op.type === 'Rank') && infos[0]!.shape.is_fully_defined() && !flow?.mayBeDead(ins[0]!)) {
      const s = infos[0]!.shape.dims as number[];
      const arr = op.type === 'Shape' ? Int32Array.from(s) : Int32Array.of(op.type === 'Size' ? s.reduce((a, b) => a * b, 1) : s.length);
      const c = new NDArray(arr, op.type === 'Shape' ? [s.length] : [], op.outputs[0]!.dtype);
      const id = add({ tensor: op.outputs[0]!, kind: 'const', shape: [...c.shape], constValue: c, external: true }, exact(c.shape));
      flow?.folded([id], guard);
      continue;
    }
    // A view gets its shape at run time, where the kernel's checks run, when its input's size is unknown now
    // or when the rule had to assume a value (a fed shape vector) to infer it. What follows the view may rely
    // on the inferred shape: the view fails before anything reads it otherwise.
    const kind = stepKind(op);
    const assumed = valueInputs(op.type, ins.length).some((k) => values[ins[k]!]!.kind !== 'const');
    if (kind === 'view' && (assumed || values[ins[0]!]!.shape === null)) outShapes[0] = null;
    const viewOf = kind === 'view' || kind === 'assign' || kind === 'update' || kind === 'switch' ? values[ins[0]!]!.root : undefined;
    if (kind === 'variable') variables.push({ op, reader: null });
    const outs = op.outputs.map((t, i) =>
      add(
        {
          tensor: t,
          kind: 'step',
          shape: outShapes[i] ?? null,
          constValue: null,
          external: kind === 'variable' || (viewOf !== undefined && values[viewOf]!.external),
        },
        outSpecs[i]!,
        i === 0 || kind === 'switch' ? viewOf : undefined,
      ),
    );
    flow?.step(op, ins, outs, guard);
    steps.push(planStep(op, kind, ins, outs, viewOf === undefined ? undefined : values[viewOf]));
  }
  const fetched = new Set(elements.filter((e): e is Tensor => !(e instanceof Operation)).map((t) => idOf.get(t)!));
  const controlReads = controlledReads(order);
  const live = removeDeadSteps(steps, values.length, fetched, controlReads, flow?.controlSources());
  steps.length = 0;
  steps.push(...live);
  // Oversized or negative shapes known now fail here, before any kernel runs or any variable changes.
  for (const s of steps) for (const id of s.outputs) if (values[id]!.shape) checkAllocation(values[id]!.shape!, values[id]!.tensor.dtype, s.op.name);
  steps.forEach((s, i) => {
    for (const id of s.inputs) {
      const root = values[id]!.root;
      values[root]!.lastUse = Math.max(values[root]!.lastUse, i);
    }
  });
  findReaders(variables, steps, values, elements, flow);
  const fetchIds = elements.map((e) => {
    if (e instanceof Operation) return null;
    const id = idOf.get(e)!;
    values[values[id]!.root]!.lastUse = Infinity;
    return id;
  });
  return { values, steps, feedIds, fetchIds, variables, flow: flow ? flow.build(steps, fetchIds) : null };
}

/**
 * Drops pure steps whose outputs nothing reads (only control edges point at them): their kernels
 * could have no observable effect. TF1's gated gradients create such work, e.g. the gradient
 * with respect to a fed placeholder that `tuple/control_dependency` wraps but no one consumes.
 */
function removeDeadSteps(
  steps: readonly PlanStep[],
  nValues: number,
  fetched: ReadonlySet<number>,
  controlReads: ReadonlySet<Operation>,
  keep?: ReadonlySet<Operation>,
): PlanStep[] {
  const readers = new Int32Array(nValues);
  for (const s of steps) for (const id of s.inputs) readers[id]!++;
  for (const id of fetched) readers[id]!++;
  const dead = new Set<PlanStep>();
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    const pure = (!isStateful(s.op.type) && !writesVariable(s)) || s.kind === 'noop';
    if (pure && s.outputs.every((id) => readers[id] === 0) && !keep?.has(s.op) && !controlReads.has(s.op)) {
      dead.add(s);
      for (const id of s.inputs) readers[id]!--;
    }
  }
  return steps.filter((s) => !dead.has(s));
}
