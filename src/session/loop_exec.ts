// Plans with a while loop, run as TF1's executor runs frames (core/common_runtime/executor.cc): values are tagged
// with a frame instance and an iteration. Enter sends its input into a child frame (iteration 0; an is_constant
// Enter's value is seen by every iteration), NextIteration into the next iteration, Exit into the parent frame;
// a loop's Merge takes the Enter's value in iteration 0 and the NextIteration's after; a Switch sends its data to
// one output and the other is dead; an op with a dead input or control input does not run and its outputs are
// dead, except a Merge, which forwards its first live input. A dead NextIteration ends the loop; a frame that has
// ended with an Exit that never got a live value gives it a dead one. Plans without a loop never come here (plan.ts).
import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { InvalidArgumentError } from '../framework/errors.js';
import { NDArray } from '../framework/ndarray.js';
import { plainType, type OpAttrs } from '../framework/op_defs.js';

/** A dead value or op. */
const DEAD = Symbol('dead');
type Val = NDArray | typeof DEAD | true;

/** What a plan with a loop keeps: its ops in order (back edges left out), and where each op's outputs live. */
export interface LoopInfo {
  ops: Operation[];
  /** The fetched tensors and operations. */
  fetches: readonly (Tensor | Operation)[];
  /** Frame depth of each op's outputs (an Enter's: its child frame; an Exit's: its parent frame). */
  outDepth: Map<Operation, number>;
}

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

/** One instance of a frame: a loop as entered from one iteration of its parent frame. */
class Frame {
  readonly iters: Map<unknown, Val>[] = [new Map()];
  readonly invariants = new Map<unknown, Val>();
  readonly children = new Map<string, Frame>();
  readonly liveExits = new Set<Operation>();
  readonly deadExits = new Set<Operation>();
  readonly invariantEnters: Operation[] = [];
  constructor(
    readonly parent: Frame | null,
    readonly parentIter: number,
    readonly depth: number,
  ) {}
}

/** Runs a plan with a loop: `exec` computes an ordinary op's outputs from its inputs. */
export function runLoop(info: LoopInfo, fixed: ReadonlyMap<Tensor, NDArray>, exec: (op: Operation, inputs: NDArray[]) => NDArray[]): (NDArray | null)[] {
  const needed = new Set(info.ops);
  const runDepth = (op: Operation): number => info.outDepth.get(op)! + (plainType(op.type) === 'Enter' ? -1 : plainType(op.type) === 'Exit' ? 1 : 0);
  const consumers = new Map<unknown, Operation[]>();
  for (const op of info.ops) {
    for (const k of [...op.inputs, ...op.control_inputs]) if (!fixed.has(k as Tensor)) (consumers.get(k) ?? consumers.set(k, []).get(k)!).push(op);
  }
  const root = new Frame(null, 0, 0);
  const frames: Frame[] = [root];
  const work: [Operation, Frame, number][] = [];
  const isConstEnter = (op: Operation): boolean => plainType(op.type) === 'Enter' && (op.attrs as OpAttrs['Enter']).is_constant;

  const lookup = (k: Tensor | Operation, f: Frame, i: number): Val | undefined => {
    if (fixed.has(k as Tensor)) return fixed.get(k as Tensor);
    const op = k instanceof Operation ? k : k.op;
    const d = info.outDepth.get(op) ?? 0;
    while (f.depth > d && f.parent) {
      i = f.parentIter;
      f = f.parent;
    }
    return isConstEnter(op) ? f.invariants.get(k) : f.iters[i]?.get(k);
  };
  const notify = (k: unknown, f: Frame, i: number): void => {
    for (const c of consumers.get(k) ?? []) if (runDepth(c) === f.depth) work.push([c, f, i]);
  };
  const put = (op: Operation, outs: readonly Val[], f: Frame, i: number, dead: boolean): void => {
    const at = f.iters[i]!;
    at.set(op, dead ? DEAD : true);
    op.outputs.forEach((t, k) => at.set(t, dead ? DEAD : outs[k]!));
    for (const t of op.outputs) notify(t, f, i);
    notify(op, f, i);
  };
  const startIteration = (f: Frame, i: number): void => {
    while (f.iters.length <= i) f.iters.push(new Map());
    for (const e of f.invariantEnters) for (const k of [e.outputs[0]!, e]) notify(k, f, i);
  };

  const step = (op: Operation, f: Frame, i: number): void => {
    const at = f.iters[i]!;
    if (at.has(op)) return;
    const ctrl = op.control_inputs.filter((c) => needed.has(c)).map((c) => lookup(c, f, i));
    if (ctrl.some((v) => v === undefined)) return;
    // a ControlTrigger runs even when its control inputs are dead (TF1's executor)
    const ctrlDead = op.type !== 'ControlTrigger' && ctrl.some((v) => v === DEAD);
    // a Ref* op works as its plain twin: it forwards the variable's storage as the other forwards a value
    const type = plainType(op.type);
    if (type === 'Merge') {
      const loop = op.inputs.some((t) => isBackEdge(op, t));
      const ins = op.inputs.map((t, k) => [t, k] as const).filter(([t]) => !loop || isBackEdge(op, t) === i > 0);
      const vals = ins.map(([t]) => lookup(t, f, i));
      const live = vals.findIndex((v) => v !== undefined && v !== DEAD);
      if (live < 0 && vals.some((v) => v === undefined)) return;
      if (live < 0 || ctrlDead) {
        put(op, [], f, i, true);
        return;
      }
      put(op, [vals[live] as NDArray, new NDArray(Int32Array.of(ins[live]![1]), [], 'int32')], f, i, false);
      return;
    }
    const vals = op.inputs.map((t) => lookup(t, f, i));
    if (vals.some((v) => v === undefined)) return;
    const dead = ctrlDead || vals.some((v) => v === DEAD);
    const x = vals[0] as NDArray;
    switch (type) {
      case 'Enter': {
        at.set(op, dead ? DEAD : true);
        const key = `${i}:${(op.attrs as OpAttrs['Enter']).frame_name}`;
        let child = f.children.get(key);
        if (!child) {
          f.children.set(key, (child = new Frame(f, i, f.depth + 1)));
          frames.push(child);
        }
        const out = op.outputs[0]!;
        if (isConstEnter(op)) {
          child.invariants.set(out, dead ? DEAD : x);
          child.invariants.set(op, dead ? DEAD : true);
          child.invariantEnters.push(op);
          for (let k = 0; k < child.iters.length; k++) for (const key2 of [out, op]) notify(key2, child, k);
        } else {
          child.iters[0]!.set(out, dead ? DEAD : x);
          child.iters[0]!.set(op, dead ? DEAD : true);
          notify(out, child, 0);
          notify(op, child, 0);
        }
        return;
      }
      case 'Exit': {
        at.set(op, dead ? DEAD : true);
        if (dead) {
          f.deadExits.add(op);
          return;
        }
        f.liveExits.add(op);
        const p = f.parent!;
        const pi = f.parentIter;
        p.iters[pi]!.set(op.outputs[0]!, x);
        p.iters[pi]!.set(op, true);
        notify(op.outputs[0]!, p, pi);
        notify(op, p, pi);
        return;
      }
      case 'NextIteration': {
        at.set(op, dead ? DEAD : true);
        if (dead) return;
        if (f.iters.length <= i + 1) startIteration(f, i + 1);
        f.iters[i + 1]!.set(op.outputs[0]!, x);
        notify(op.outputs[0]!, f, i + 1);
        return;
      }
      case 'Switch': {
        if (dead) {
          put(op, [], f, i, true);
          return;
        }
        const pred = (vals[1] as NDArray).data[0] !== 0;
        at.set(op, true);
        at.set(op.outputs[0]!, pred ? DEAD : x);
        at.set(op.outputs[1]!, pred ? x : DEAD);
        for (const t of op.outputs) notify(t, f, i);
        notify(op, f, i);
        return;
      }
      case 'LoopCond':
        put(op, [x], f, i, dead);
        return;
    }
    if (dead) {
      put(op, [], f, i, true);
      return;
    }
    put(op, exec(op, vals as NDArray[]), f, i, false);
  };

  const drain = (): void => {
    while (work.length) {
      const [op, f, i] = work.pop()!;
      step(op, f, i);
    }
  };
  for (const op of info.ops) {
    // an op whose outputs are all fed is done (it is in the plan only as a control input)
    if (op.outputs.length > 0 && op.outputs.every((t) => fixed.has(t))) {
      root.iters[0]!.set(op, true);
      notify(op, root, 0);
    } else if (op.inputs.every((t) => fixed.has(t)) && op.control_inputs.every((c) => !needed.has(c))) work.push([op, root, 0]);
  }
  for (const t of fixed.keys()) notify(t, root, 0);
  drain();
  // A frame has ended (TF1: no outstanding iteration or op) when its last iteration's LoopCond is false or dead and
  // every exit has run in that iteration; one still waiting (e.g. on a skipped inner loop's dead exits, given only
  // below) has not, and its exits may yet get live values.
  const loopConds = info.ops.filter((op) => op.type === 'LoopCond').map((op) => op.outputs[0]!);
  const ended = (f: Frame): boolean => {
    const last = f.iters[f.iters.length - 1]!;
    const stopped = loopConds.some((t) => {
      const v = last.get(t);
      return v === DEAD || (v instanceof NDArray && v.data[0] === 0);
    });
    return stopped && [...f.deadExits, ...f.liveExits].every((e) => last.has(e));
  };
  // A frame that ended without a live value at an Exit gives a dead one (TF1's dead_exits), until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of frames) {
      if (!f.parent || !ended(f)) continue;
      for (const e of f.deadExits) {
        if (f.liveExits.has(e)) continue;
        f.liveExits.add(e);
        const pi = f.parentIter;
        f.parent.iters[pi]!.set(e.outputs[0]!, DEAD);
        f.parent.iters[pi]!.set(e, DEAD);
        notify(e.outputs[0]!, f.parent, pi);
        notify(e, f.parent, pi);
        changed = true;
      }
    }
    drain();
  }
  return info.fetches.map((e, k) => {
    if (e instanceof Operation) return null;
    const v = lookup(e, root, 0);
    if (v === undefined || v === DEAD || v === true) throw new InvalidArgumentError(`Retval[${k}] does not have value`);
    return v;
  });
}
