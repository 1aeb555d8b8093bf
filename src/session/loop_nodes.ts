// The loop executor's (loop_exec.ts) view of a plan with a while loop, made once per plan and feed set: each op's
// role, where its inputs are read, which ops its outputs wake, and how many reads a stored output awaits, as
// integer slots. A frame's iteration keeps its values in an array indexed by slot (tensors first, then ops, as
// TF1's executor keeps an iteration's values in a flat vector indexed by the graph's node ids), so running an op
// makes no Map lookup, closure or tuple.
import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { plainType, type OpAttrs } from '../framework/op_defs.js';

/** What a plan with a loop keeps: its ops in order (back edges left out), and where each op's outputs live. */
export interface LoopInfo {
  ops: Operation[];
  /** The fetched tensors and operations. */
  fetches: readonly (Tensor | Operation)[];
  /** Frame depth of each op's outputs (an Enter's: its child frame; an Exit's: its parent frame). */
  outDepth: Map<Operation, number>;
}

/** Whether `op` is one of the frame ops (Enter, Exit, NextIteration, LoopCond) that make a plan a loop plan. */
export const isLoopOp = (op: Operation): boolean => ['Enter', 'Exit', 'NextIteration', 'LoopCond'].includes(plainType(op.type));

/** A loop Merge's back edge: its input from a NextIteration. */
export const isBackEdge = (op: Operation, t: Tensor): boolean => plainType(op.type) === 'Merge' && plainType(t.op.type) === 'NextIteration';

/** The frame depth of each op's outputs, from its inputs (ops in plan order; a Merge by its Enter input). */
export function frameDepths(ops: readonly Operation[]): Map<Operation, number> {
  const depth = new Map<Operation, number>();
  for (const op of ops) {
    const from = [...op.inputs.map((t) => t.op), ...op.control_inputs].find((o) => depth.has(o));
    const d = from ? depth.get(from)! : 0;
    const type = plainType(op.type);
    depth.set(op, type === 'Enter' ? d + 1 : type === 'Exit' ? d - 1 : d);
  }
  return depth;
}

/** An op's role in the executor. */
export enum Role {
  Op,
  Merge,
  Enter,
  Exit,
  NextIteration,
  Switch,
  LoopCond,
}

const ROLES: Record<string, Role> = {
  Merge: Role.Merge,
  Enter: Role.Enter,
  Exit: Role.Exit,
  NextIteration: Role.NextIteration,
  Switch: Role.Switch,
  LoopCond: Role.LoopCond,
};

/** Where an input (or a control input) is read: a feed, or a slot of the frame at `depth` up from the reader. */
export interface Source {
  /** Index in LoopNodes.fixed, or -1. */
  readonly fixed: number;
  readonly slot: number;
  /** Frame depth of the producing op's outputs. */
  readonly depth: number;
  /** Produced by an is_constant Enter: read from the frame's invariants, not an iteration. */
  readonly invariant: boolean;
}

/** One op of a loop plan, with everything the executor asks of it per run. */
export interface LoopNode {
  readonly index: number;
  readonly op: Operation;
  readonly role: Role;
  /** Frame depth the op runs in (its outputs' but for an Enter, one less, and an Exit, one more). */
  readonly runDepth: number;
  readonly inputs: readonly Source[];
  /** The control inputs that are in the plan. */
  readonly ctrl: readonly Source[];
  /** A ControlTrigger runs even when its control inputs are dead (TF1's executor). */
  readonly trigger: boolean;
  /** The op's own slot (its run marker, and the value its control dependents read). */
  readonly slot: number;
  readonly outSlots: readonly number[];
  /** Per output: reads in its own frame and iteration before it is dropped (Infinity: kept for the run). */
  readonly reads: readonly number[];
  /** The ops woken by each output, and by the op itself (control edges), in the graph's order, one per edge. */
  readonly outConsumers: readonly (readonly LoopNode[])[];
  readonly opConsumers: readonly LoopNode[];
  /** A Merge: the inputs read in iteration 0 and in later ones (all of them, for a Merge outside a loop). */
  readonly mergeFirst: readonly number[];
  readonly mergeNext: readonly number[];
  /** An Enter: its frame_name and is_constant. */
  readonly frameName: string;
  readonly constant: boolean;
  /** A Switch on a LoopCond: a false predicate makes this iteration its frame's last. */
  readonly loopPred: boolean;
}

/** A loop plan compiled for the executor, for one set of fed tensors. */
export interface LoopNodes {
  readonly nodes: readonly LoopNode[];
  /** Slots in an iteration (tensors, then ops). */
  readonly slots: number;
  /** The fed tensors, in the order of Source.fixed. */
  readonly fixed: readonly Tensor[];
  /** In plan order: ops whose outputs are all fed (true: done from the start) and ops that read only feeds (false: run first). */
  readonly start: readonly (readonly [LoopNode, boolean])[];
  /** The LoopCond outputs' slots. */
  readonly loopConds: readonly number[];
  /** Each fetch's source (null: an Operation). */
  readonly fetches: readonly (Source | null)[];
}

/** Compiles `info` for a run whose fed tensors are `fed`. */
function loopNodes(info: LoopInfo, fed: ReadonlySet<Tensor>): LoopNodes {
  const tensorSlot = new Map<Tensor, number>();
  for (const op of info.ops) for (const t of op.outputs) tensorSlot.set(t, tensorSlot.size);
  const fixed = [...fed];
  const fixedIndex = new Map(fixed.map((t, k) => [t, k] as const));
  const tensorSlots = tensorSlot.size;
  const opSlot = new Map(info.ops.map((op, k) => [op, tensorSlots + k] as const));
  const needed = new Set(info.ops);
  const outDepth = (op: Operation): number => info.outDepth.get(op) ?? 0;
  const runDepth = (op: Operation): number => outDepth(op) + (plainType(op.type) === 'Enter' ? -1 : plainType(op.type) === 'Exit' ? 1 : 0);
  const isConstEnter = (op: Operation): boolean => plainType(op.type) === 'Enter' && (op.attrs as OpAttrs['Enter']).is_constant;
  // a tensor produced outside the plan (a feed's) gets a slot after the ops', which no iteration ever fills
  let slots = tensorSlots + info.ops.length;
  const slotOf = (t: Tensor): number => {
    const known = tensorSlot.get(t);
    if (known !== undefined) return known;
    tensorSlot.set(t, slots);
    return slots++;
  };
  const source = (k: Tensor | Operation): Source => {
    const op = k instanceof Operation ? k : k.op;
    const fixedAt = k instanceof Operation ? -1 : (fixedIndex.get(k) ?? -1);
    return { fixed: fixedAt, slot: k instanceof Operation ? opSlot.get(k)! : slotOf(k), depth: outDepth(op), invariant: isConstEnter(op) };
  };
  const consumers = new Map<unknown, Operation[]>();
  for (const op of info.ops) {
    for (const k of [...op.inputs, ...op.control_inputs]) if (!fed.has(k as Tensor)) (consumers.get(k) ?? consumers.set(k, []).get(k)!).push(op);
  }
  const fetched = new Set(info.fetches);
  const nodes: LoopNode[] = info.ops.map((op, index) => {
    const type = plainType(op.type);
    const d = outDepth(op);
    const reads = op.outputs.map((t) => {
      const cs = consumers.get(t) ?? [];
      const kept = fetched.has(t) || cs.some((c) => runDepth(c) !== d);
      return kept ? Infinity : cs.filter((c) => runDepth(c) === d).length;
    });
    const loopMerge = type === 'Merge' && op.inputs.some((t) => isBackEdge(op, t));
    const mergeInputs = (later: boolean): number[] => op.inputs.flatMap((t, k) => (!loopMerge || isBackEdge(op, t) === later ? [k] : []));
    return {
      index,
      op,
      role: ROLES[type] ?? Role.Op,
      runDepth: runDepth(op),
      inputs: op.inputs.map(source),
      ctrl: op.control_inputs.filter((c) => needed.has(c)).map(source),
      trigger: op.type === 'ControlTrigger',
      slot: opSlot.get(op)!,
      outSlots: op.outputs.map((t) => tensorSlot.get(t)!),
      reads,
      outConsumers: op.outputs.map((): LoopNode[] => []),
      opConsumers: [] as LoopNode[],
      mergeFirst: type === 'Merge' ? mergeInputs(false) : [],
      mergeNext: type === 'Merge' ? mergeInputs(true) : [],
      frameName: type === 'Enter' ? (op.attrs as OpAttrs['Enter']).frame_name : '',
      constant: isConstEnter(op),
      loopPred: type === 'Switch' && op.inputs[1]!.op.type === 'LoopCond',
    };
  });
  const nodeOf = new Map(nodes.map((n) => [n.op, n] as const));
  const woken = (k: unknown): LoopNode[] => (consumers.get(k) ?? []).map((c) => nodeOf.get(c)!);
  for (const n of nodes) {
    n.op.outputs.forEach((t, k) => (n.outConsumers[k] as LoopNode[]).push(...woken(t)));
    (n.opConsumers as LoopNode[]).push(...woken(n.op));
  }
  const fetches = info.fetches.map((e) => (e instanceof Operation ? null : source(e)));
  const allFed = (n: LoopNode): boolean => n.op.outputs.length > 0 && n.op.outputs.every((t) => fed.has(t));
  return {
    nodes,
    slots,
    fixed,
    start: nodes.flatMap((n): (readonly [LoopNode, boolean])[] =>
      allFed(n) ? [[n, true]] : n.op.inputs.every((t) => fed.has(t)) && n.ctrl.length === 0 ? [[n, false]] : [],
    ),
    loopConds: nodes.filter((n) => n.op.type === 'LoopCond').map((n) => n.outSlots[0]!),
    fetches,
  };
}

/** The compiled plans, with the feeds they were compiled for (a plan is cached per feed set, so one entry each). */
const compiled = new WeakMap<LoopInfo, LoopNodes>();

/** `info` compiled for a run with the feeds `fixed` (made once per plan and feed set). */
export function loopNodesFor(info: LoopInfo, fixed: ReadonlyMap<Tensor, unknown>): LoopNodes {
  const c = compiled.get(info);
  if (c && c.fixed.length === fixed.size && c.fixed.every((t) => fixed.has(t))) return c;
  const made = loopNodes(info, new Set(fixed.keys()));
  compiled.set(info, made);
  return made;
}
