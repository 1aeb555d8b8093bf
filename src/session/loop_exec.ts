// Plans with a while loop, run as TF1's executor runs frames (core/common_runtime/executor.cc): values are tagged
// with a frame instance and an iteration. Enter sends its input into a child frame (iteration 0; an is_constant
// Enter's value is seen by every iteration), NextIteration into the next iteration, Exit into the parent frame;
// a loop's Merge takes the Enter's value in iteration 0 and the NextIteration's after; a Switch sends its data to
// one output and the other is dead; an op with a dead input or control input does not run and its outputs are
// dead, except a Merge, which forwards its first live input. A dead NextIteration ends the loop; a frame that has
// ended with an Exit that never got a live value gives it a dead one. Plans without a loop never come here (plan.ts).
// A Ref* op (RefEnter, RefMerge, ...) works as its plain twin: it forwards a variable's storage as the other a value.
// The values are the backend's (host arrays on the CPU, GPU buffers on WebGPU): a live value stored in a frame is
// held, and dropped once every op of its frame and iteration that reads it has run, so a backend that pools its
// storage reuses it while the loop goes on instead of keeping every iteration's.
import { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { DeadlineExceededError, InvalidArgumentError } from '../framework/errors.js';
import { NDArray } from '../framework/ndarray.js';
import { plainType, type OpAttrs } from '../framework/op_defs.js';

/** A dead value or op. */
const DEAD = Symbol('dead');
type Val<V> = V | typeof DEAD | true;

/** What a backend gives runLoop: how it computes an op and reads a Switch's predicate, and the values' lifetimes. */
export interface LoopValues<V> {
  /** An ordinary op's outputs from its inputs. */
  exec(op: Operation, inputs: V[]): V[] | Promise<V[]>;
  /** A Switch's predicate (a scalar bool). */
  pred(v: V): boolean | Promise<boolean>;
  /** A Merge's value_index output. */
  index(k: number): V;
  /** A value is stored in a frame (once per store). */
  hold?(v: V): void;
  /** A store of a value has no reader left. */
  drop?(v: V): void;
}

/** The host values of the CPU backend. */
export const hostLoopValues = (exec: (op: Operation, inputs: NDArray[]) => NDArray[]): LoopValues<NDArray> => ({
  exec,
  pred: (v) => v.data[0] !== 0,
  index: (k) => new NDArray(Int32Array.of(k), [], 'int32'),
});

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
class Frame<V> {
  readonly iters: Map<unknown, Val<V>>[] = [new Map()];
  /** Per iteration: how many reads each live value stored there still awaits. */
  readonly pending: Map<unknown, number>[] = [new Map()];
  readonly invariants = new Map<unknown, Val<V>>();
  readonly children = new Map<string, Frame<V>>();
  readonly liveExits = new Set<Operation>();
  readonly deadExits = new Set<Operation>();
  readonly invariantEnters: Operation[] = [];
  /** The iterations whose LoopCond a Switch read as false. */
  readonly stopped = new Set<number>();
  constructor(
    readonly parent: Frame<V> | null,
    readonly parentIter: number,
    readonly depth: number,
  ) {}
}

/** Runs a plan with a loop on a backend's values (`fixed`: the feeds, neither held nor dropped); past `deadline` (performance.now()), DeadlineExceededError. */
export async function runLoop<V>(info: LoopInfo, fixed: ReadonlyMap<Tensor, V>, values: LoopValues<V>, deadline?: number): Promise<(V | null)[]> {
  const needed = new Set(info.ops);
  const runDepth = (op: Operation): number => info.outDepth.get(op)! + (plainType(op.type) === 'Enter' ? -1 : plainType(op.type) === 'Exit' ? 1 : 0);
  const consumers = new Map<unknown, Operation[]>();
  for (const op of info.ops) {
    for (const k of [...op.inputs, ...op.control_inputs]) if (!fixed.has(k as Tensor)) (consumers.get(k) ?? consumers.set(k, []).get(k)!).push(op);
  }
  const root = new Frame<V>(null, 0, 0);
  const frames: Frame<V>[] = [root];
  const work: [Operation, Frame<V>, number][] = [];
  // A next iteration's ops wait until nothing of the current ones is ready: a loop whose counter needs no device
  // work does not run ahead of its body, and each iteration's values are dropped before the next ones are made.
  const later: [Operation, Frame<V>, number][] = [];
  // Reads of a tensor's value in its own frame and iteration; a read from a deeper frame (or a fetch) keeps it.
  const reads = new Map<Tensor, number>();
  const fetched = new Set(info.fetches);
  for (const op of info.ops) {
    for (const t of op.outputs) {
      const d = info.outDepth.get(op)!;
      const cs = consumers.get(t) ?? [];
      const kept = fetched.has(t) || cs.some((c) => runDepth(c) !== d);
      reads.set(t, kept ? Infinity : cs.filter((c) => runDepth(c) === d).length);
    }
  }
  /** Stores a live value under tensor `t` in iteration `i` of `f`. */
  const store = (t: Tensor, v: V, f: Frame<V>, i: number): void => {
    f.iters[i]!.set(t, v);
    values.hold?.(v);
    const n = reads.get(t) ?? Infinity;
    if (n === 0) values.drop?.(v);
    else f.pending[i]!.set(t, n);
  };
  /** `op` has run (or is dead) in iteration `i` of `f`: the values it read there have one reader fewer. */
  const readDone = (op: Operation, f: Frame<V>, i: number): void => {
    const pend = f.pending[i]!;
    for (const t of op.inputs) {
      const n = pend.get(t);
      if (n === undefined || n === Infinity) continue;
      if (n > 1) pend.set(t, n - 1);
      else {
        pend.delete(t);
        values.drop?.(f.iters[i]!.get(t) as V);
      }
    }
  };
  const isConstEnter = (op: Operation): boolean => plainType(op.type) === 'Enter' && (op.attrs as OpAttrs['Enter']).is_constant;

  const lookup = (k: Tensor | Operation, f: Frame<V>, i: number): Val<V> | undefined => {
    if (fixed.has(k as Tensor)) return fixed.get(k as Tensor);
    const op = k instanceof Operation ? k : k.op;
    const d = info.outDepth.get(op) ?? 0;
    while (f.depth > d && f.parent) {
      i = f.parentIter;
      f = f.parent;
    }
    return isConstEnter(op) ? f.invariants.get(k) : f.iters[i]?.get(k);
  };
  const notify = (k: unknown, f: Frame<V>, i: number, into = work): void => {
    for (const c of consumers.get(k) ?? []) if (runDepth(c) === f.depth) into.push([c, f, i]);
  };
  const put = (op: Operation, outs: readonly Val<V>[], f: Frame<V>, i: number, dead: boolean): void => {
    const at = f.iters[i]!;
    at.set(op, dead ? DEAD : true);
    op.outputs.forEach((t, k) => (dead ? at.set(t, DEAD) : store(t, outs[k] as V, f, i)));
    for (const t of op.outputs) notify(t, f, i);
    notify(op, f, i);
  };
  const startIteration = (f: Frame<V>, i: number): void => {
    while (f.iters.length <= i) {
      f.iters.push(new Map());
      f.pending.push(new Map());
    }
    for (const e of f.invariantEnters) for (const k of [e.outputs[0]!, e]) notify(k, f, i, later);
  };

  const step = async (op: Operation, f: Frame<V>, i: number): Promise<void> => {
    const at = f.iters[i]!;
    if (at.has(op)) return;
    await run(op, f, i);
    if (at.has(op)) readDone(op, f, i);
  };
  const run = async (op: Operation, f: Frame<V>, i: number): Promise<void> => {
    const at = f.iters[i]!;
    const ctrl = op.control_inputs.filter((c) => needed.has(c)).map((c) => lookup(c, f, i));
    if (ctrl.some((v) => v === undefined)) return;
    // a ControlTrigger runs even when its control inputs are dead (TF1's executor)
    const ctrlDead = op.type !== 'ControlTrigger' && ctrl.some((v) => v === DEAD);
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
      put(op, [vals[live] as V, values.index(ins[live]![1])], f, i, false);
      return;
    }
    const vals = op.inputs.map((t) => lookup(t, f, i));
    if (vals.some((v) => v === undefined)) return;
    const dead = ctrlDead || vals.some((v) => v === DEAD);
    const x = vals[0] as V;
    switch (type) {
      case 'Enter': {
        at.set(op, dead ? DEAD : true);
        const key = `${i}:${(op.attrs as OpAttrs['Enter']).frame_name}`;
        let child = f.children.get(key);
        if (!child) {
          f.children.set(key, (child = new Frame<V>(f, i, f.depth + 1)));
          frames.push(child);
        }
        const out = op.outputs[0]!;
        if (isConstEnter(op)) {
          // an invariant is read by every iteration: held until the run ends
          child.invariants.set(out, dead ? DEAD : x);
          if (!dead) values.hold?.(x);
          child.invariants.set(op, dead ? DEAD : true);
          child.invariantEnters.push(op);
          for (let k = 0; k < child.iters.length; k++) for (const key2 of [out, op]) notify(key2, child, k);
        } else {
          if (dead) child.iters[0]!.set(out, DEAD);
          else store(out, x, child, 0);
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
        store(op.outputs[0]!, x, p, pi);
        p.iters[pi]!.set(op, true);
        notify(op.outputs[0]!, p, pi);
        notify(op, p, pi);
        return;
      }
      case 'NextIteration': {
        at.set(op, dead ? DEAD : true);
        if (dead) return;
        if (f.iters.length <= i + 1) startIteration(f, i + 1);
        store(op.outputs[0]!, x, f, i + 1);
        notify(op.outputs[0]!, f, i + 1, later);
        return;
      }
      case 'Switch': {
        if (dead) {
          put(op, [], f, i, true);
          return;
        }
        const pred = await values.pred(vals[1] as V);
        // the loop's own predicate false: this iteration is the frame's last (read here, as the value may be dropped after)
        if (!pred && op.inputs[1]!.op.type === 'LoopCond') f.stopped.add(i);
        at.set(op, true);
        at.set(op.outputs[pred ? 0 : 1]!, DEAD);
        store(op.outputs[pred ? 1 : 0]!, x, f, i);
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
    put(op, await values.exec(op, vals as V[]), f, i, false);
  };

  let steps = 0;
  const drain = async (): Promise<void> => {
    while (work.length || later.length) {
      // the clock is read every 1024 steps: a loop that never ends is stopped within that many of its deadline
      if (deadline !== undefined && ++steps % 1024 === 0 && performance.now() > deadline) {
        throw new DeadlineExceededError('Timed out waiting for notification');
      }
      const [op, f, i] = work.length ? work.pop()! : later.shift()!;
      await step(op, f, i);
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
  await drain();
  // A frame has ended (TF1: no outstanding iteration or op) when its last iteration's LoopCond is false or dead and
  // every exit has run in that iteration; one still waiting (e.g. on a skipped inner loop's dead exits, given only
  // below) has not, and its exits may yet get live values.
  const loopConds = info.ops.filter((op) => op.type === 'LoopCond').map((op) => op.outputs[0]!);
  const ended = (f: Frame<V>): boolean => {
    const n = f.iters.length - 1;
    const last = f.iters[n]!;
    const stopped = f.stopped.has(n) || loopConds.some((t) => last.get(t) === DEAD);
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
    await drain();
  }
  return info.fetches.map((e, k) => {
    if (e instanceof Operation) return null;
    const v = lookup(e, root, 0);
    if (v === undefined || v === DEAD || v === true) throw new InvalidArgumentError(`Retval[${k}] does not have value`);
    return v as V;
  });
}
