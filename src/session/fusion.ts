// The fusion pass: trees of elementwise steps in a plan (with, where a backend's rules allow, one reduction over the
// last axis), each to run as one kernel (one WGSL dispatch) instead of one per op. A tree's inner values are read by
// nothing else, so the fused kernel never stores them.
import type { Operation } from '../graph/operation.js';
import type { Plan, PlanStep, PlanValue } from './plan.js';
import { writesVariable } from './plan.js';
import { sameShape } from './kernels/util.js';

/** Both shapes known and equal. */
const knownSame = (a: readonly number[] | null, b: readonly number[] | null): boolean => a !== null && b !== null && sameShape(a, b);

/** An argument of a fused node: one of the fused step's inputs (a leaf), or an earlier node's value. */
export type FusedArg = { leaf: number } | { node: number };

/** One op of a fused tree, with where its inputs come from. */
export interface FusedNode {
  op: Operation;
  args: FusedArg[];
}

/**
 * A tree of elementwise ops run as one kernel: inputs are the tree's leaves, output 0 is its root's output; nodes in
 * step order, the root last. With FusionRules.rowReduce, one node may be a reduction over its input's last axis: the
 * root (the kernel computes the tree below it per element as it reduces), or, kept dims, one whose row results the
 * nodes after it read; its axes are a leaf that the kernel need not read. Or a Softmax or LogSoftmax, whose per
 * element values come from its row's max and sum of exps.
 */
export interface FusedStep {
  kind: 'fused';
  /** The root's op (the step's name in errors and step stats). */
  op: Operation;
  inputs: number[];
  outputs: number[];
  nodes: FusedNode[];
  /** The index of the row reduction (or row op) among the nodes, or null for a tree of elementwise ops only. */
  reduction: number | null;
}

/** A plan whose elementwise trees are fused steps; its values are copies carrying the new lifetimes. */
export type FusedPlan = Omit<Plan, 'steps'> & { steps: (PlanStep | FusedStep)[] };

/** What a backend can fuse: whether a step is an elementwise op its fused kernels compute, and how many inputs a fused kernel may bind. */
export interface FusionRules {
  fusable(step: PlanStep, plan: Plan): boolean;
  maxLeaves: number;
  /**
   * Whether a step reduces its input over its last axis only (or is a row op of ROW_OPS), in a kernel that can
   * compute a tree's value as it reads each element; absent: no tree holds a reduction.
   */
  rowReduce?(step: PlanStep, plan: Plan): boolean;
}

/**
 * The plan with each tree of fusable steps of two or more ops replaced by one fused step at its root's place (a DAG:
 * a value may be read by several of the tree's steps). A step joins a tree when its output has the tree's shape and
 * no reader outside it (not fetched, not a view's storage), and no variable is written between the tree's first step
 * and its root: the fused kernel reads the
 * leaves at the root's place, so they must hold what the separate steps read. Where the rules have rowReduce, a row
 * reduction (or row op) roots a tree of its input's shape, and a tree of that shape may take in one such tree (a
 * reduction's with kept dims) whose result it broadcasts back; a tree holds one reduction at most. A plan with a
 * Switch or a while loop is returned as it is.
 */
export function fusePlan(plan: Plan, rules: FusionRules): FusedPlan {
  if (plan.flow || plan.loop) return plan;
  const { steps, values } = plan;
  const readers = new Int32Array(values.length);
  for (const s of steps) for (const id of s.inputs) readers[id]!++;
  for (const id of plan.fetchIds) if (id !== null) readers[id]! += 2;
  values.forEach((v, id) => {
    if (v.root !== id) readers[v.root]! += 2;
  });
  // writers[i]: steps before i that write a variable
  const writers = new Int32Array(steps.length + 1);
  steps.forEach((s, i) => (writers[i + 1] = writers[i]! + (writesVariable(s) ? 1 : 0)));
  const producer = new Map<number, number>();
  // Each fusable step's tree: its step indices in order; absorbed trees are deleted.
  const trees = new Map<number, number[]>();
  // The steps (tree roots) whose trees hold a row reduction, with the shape the reduction reads.
  const reducing = new Map<number, readonly number[]>();
  // The steps that rowReduce took (a fusable reduction over no axes is not one).
  const rowSteps = new Set<number>();
  steps.forEach((s, i) => {
    const reduces = rules.rowReduce?.(s, plan) === true;
    if (reduces) rowSteps.add(i);
    if (!(reduces || rules.fusable(s, plan)) || s.outputs.length !== 1) return;
    // the shape the tree computes its elements over: a reduction's input's, else the output's
    const shape = values[reduces ? s.inputs[0]! : s.outputs[0]!]!.shape;
    let tree: number[] = [];
    let holds = reduces;
    // In rounds over the tree's leaves: a value that two of its steps read (or one, twice: x·x) joins once all its
    // readers are in the tree, so the tree is a DAG whose shared values stay in registers.
    for (let grew = true; grew; ) {
      grew = false;
      for (const id of leavesOf(steps, [...tree, i])) {
        const p = producer.get(id);
        const sub = p === undefined ? undefined : trees.get(p);
        if (!sub || writers[i]! !== writers[sub[0]!]! || (reduces && id === s.inputs[1])) continue;
        const subRows = reducing.get(p!);
        // a tree with a reduction joins one without, of the shape it reduces over: rooted at the reduction, with kept
        // dims, so that its rows broadcast back
        const fits =
          subRows === undefined
            ? knownSame(values[id]!.shape, shape)
            : !holds &&
              knownSame(subRows as number[], shape) &&
              (!rowSteps.has(p!) || ROW_OPS[steps[p!]!.op.type as keyof typeof ROW_OPS] === 'row' || keepsDims(steps[p!]!));
        if (!fits) continue;
        if (readsOf(steps, [...tree, i], id) !== readers[id]) continue;
        const merged = [...tree, ...sub].sort((a, b) => a - b);
        if (leavesOf(steps, [...merged, i]).length > rules.maxLeaves) continue;
        tree = merged;
        trees.delete(p!);
        holds ||= subRows !== undefined;
        grew = true;
      }
    }
    tree.push(i);
    trees.set(i, tree);
    if (holds) reducing.set(i, shape!);
    producer.set(s.outputs[0]!, i);
  });
  const fusedAt = new Map<number, FusedStep>();
  const absorbed = new Set<number>();
  for (const [root, tree] of trees) {
    if (tree.length < 2) continue;
    fusedAt.set(root, fusedStep(steps, tree, rowSteps));
    for (const k of tree) if (k !== root) absorbed.add(k);
  }
  if (fusedAt.size === 0) return plan;
  const out = steps.flatMap((s, i): (PlanStep | FusedStep)[] => (absorbed.has(i) ? [] : [fusedAt.get(i) ?? s]));
  return { ...plan, steps: out, values: lifetimes(values, out, plan.fetchIds) };
}

/** How many times the steps of `tree` read value `id`. */
function readsOf(steps: readonly PlanStep[], tree: readonly number[], id: number): number {
  let n = 0;
  for (const k of tree) for (const x of steps[k]!.inputs) if (x === id) n++;
  return n;
}

/** The value ids a tree reads from outside it, in first-read order. */
function leavesOf(steps: readonly PlanStep[], tree: readonly number[]): number[] {
  const made = new Set(tree.map((k) => steps[k]!.outputs[0]!));
  const leaves: number[] = [];
  for (const k of tree) for (const id of steps[k]!.inputs) if (!made.has(id) && !leaves.includes(id)) leaves.push(id);
  return leaves;
}

function fusedStep(steps: readonly PlanStep[], tree: readonly number[], rowSteps: ReadonlySet<number>): FusedStep {
  const leaves = leavesOf(steps, tree);
  const nodeOf = new Map(tree.map((k, j) => [steps[k]!.outputs[0]!, j]));
  const nodes = tree.map((k) => ({
    op: steps[k]!.op,
    args: steps[k]!.inputs.map((id): FusedArg => (nodeOf.has(id) ? { node: nodeOf.get(id)! } : { leaf: leaves.indexOf(id) })),
  }));
  const root = steps[tree[tree.length - 1]!]!;
  const r = tree.findIndex((k) => rowSteps.has(k));
  return { kind: 'fused', op: root.op, inputs: leaves, outputs: [...root.outputs], nodes, reduction: r < 0 ? null : r };
}

/**
 * The ops that rowReduce may accept, the only ones of a fused tree that are not elementwise: reductions, and the row
 * ops whose value per element comes from its row's (Softmax, LogSoftmax). (A backend's `fusable` may also take a
 * reduction that reduces nothing, as a copy.)
 */
export const ROW_OPS = { Sum: 'reduce', Mean: 'reduce', Max: 'reduce', Min: 'reduce', Prod: 'reduce', Softmax: 'row', LogSoftmax: 'row' } as const;

/** Whether a reduction step keeps the reduced dims (so its rows broadcast back over its input). */
const keepsDims = (s: PlanStep): boolean => (s.op.attrs as { keep_dims?: boolean }).keep_dims === true;

/** Copies of the values with each storage's last reader among the new steps (as compilePlan computes them). */
function lifetimes(values: readonly PlanValue[], steps: readonly { inputs: number[] }[], fetchIds: readonly (number | null)[]): PlanValue[] {
  const out = values.map((v) => ({ ...v, lastUse: -1 }));
  steps.forEach((s, i) => {
    for (const id of s.inputs) {
      const root = out[id]!.root;
      out[root]!.lastUse = Math.max(out[root]!.lastUse, i);
    }
  });
  for (const id of fetchIds) if (id !== null) out[out[id]!.root]!.lastUse = Infinity;
  return out;
}
