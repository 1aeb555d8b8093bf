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
// An op runs without a promise where the backend's work is synchronous (the CPU's): the run awaits only what the
// backend returns as one, so a loop on the CPU makes no promise per op.
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { DeadlineExceededError, InvalidArgumentError } from '../framework/errors.js';
import { DEAD, Frame, type Val } from './loop_frame_state.js';
import { loopNodesFor, Role, type LoopInfo, type LoopNode, type Source } from './loop_nodes.js';

export type { LoopInfo } from './loop_nodes.js';

/** What a backend gives runLoop: how it computes an op and reads a Switch's predicate, and the values' lifetimes. */
export interface LoopValues<V> {
  /** An ordinary op's outputs from its inputs (`index`: the op's place in the plan's ops, for a backend's per-op state). */
  exec(op: Operation, inputs: V[], index: number): V[] | Promise<V[]>;
  /** A Switch's predicate (a scalar bool). */
  pred(v: V): boolean | Promise<boolean>;
  /** A Merge's value_index output. */
  index(k: number): V;
  /** A value is stored in a frame (once per store). */
  hold?(v: V): void;
  /** A store of a value has no reader left. */
  drop?(v: V): void;
}

/** Runs a plan with a loop on a backend's values (`fixed`: the feeds, neither held nor dropped); past `deadline` (performance.now()), DeadlineExceededError. */
export async function runLoop<V>(info: LoopInfo, fixed: ReadonlyMap<Tensor, V>, values: LoopValues<V>, deadline?: number): Promise<(V | null)[]> {
  const c = loopNodesFor(info, fixed);
  const fixedVals = c.fixed.map((t) => fixed.get(t)!);
  const root = new Frame<V>(null, 0, 0, c.slots);
  const frames: Frame<V>[] = [root];
  // The ops to run, a stack, as three parallel arrays (no tuple per op).
  const workN: LoopNode[] = [];
  const workF: Frame<V>[] = [];
  const workI: number[] = [];
  // A next iteration's ops wait until nothing of the current ones is ready: a loop whose counter needs no device
  // work does not run ahead of its body, and each iteration's values are dropped before the next ones are made.
  const laterN: LoopNode[] = [];
  const laterF: Frame<V>[] = [];
  const laterI: number[] = [];
  let laterHead = 0;

  const notify = (nodes: readonly LoopNode[], f: Frame<V>, i: number): void => {
    for (const n of nodes) {
      if (n.runDepth !== f.depth) continue;
      workN.push(n);
      workF.push(f);
      workI.push(i);
    }
  };
  const notifyLater = (nodes: readonly LoopNode[], f: Frame<V>, i: number): void => {
    for (const n of nodes) {
      if (n.runDepth !== f.depth) continue;
      laterN.push(n);
      laterF.push(f);
      laterI.push(i);
    }
  };
  const lookup = (s: Source, f: Frame<V>, i: number): Val<V> | undefined => {
    if (s.fixed >= 0) return fixedVals[s.fixed];
    while (f.depth > s.depth && f.parent) {
      i = f.parentIter;
      f = f.parent;
    }
    return s.invariant ? f.invariants[s.slot] : f.iters[i]?.[s.slot];
  };
  /** Stores a live value in `slot` of iteration `i` of `f`, awaiting `reads` reads there. */
  const store = (slot: number, reads: number, v: V, f: Frame<V>, i: number): void => {
    f.iters[i]![slot] = v;
    values.hold?.(v);
    if (reads === 0) values.drop?.(v);
    else if (reads !== Infinity) f.pending[i]![slot] = reads;
  };
  /** `n` has run (or is dead) in iteration `i` of `f`: the values it read there have one reader fewer. */
  const readDone = (n: LoopNode, f: Frame<V>, i: number): void => {
    const pend = f.pending[i]!;
    for (const s of n.inputs) {
      const left = pend[s.slot]!;
      if (left > 1) pend[s.slot] = left - 1;
      else if (left === 1) {
        pend[s.slot] = 0;
        values.drop?.(f.iters[i]![s.slot] as V);
      }
    }
  };
  const put = (n: LoopNode, outs: readonly Val<V>[] | null, f: Frame<V>, i: number): void => {
    const at = f.iters[i]!;
    at[n.slot] = outs ? true : DEAD;
    for (let k = 0; k < n.outSlots.length; k++) {
      if (outs) store(n.outSlots[k]!, n.reads[k]!, outs[k] as V, f, i);
      else at[n.outSlots[k]!] = DEAD;
    }
    for (const cs of n.outConsumers) notify(cs, f, i);
    notify(n.opConsumers, f, i);
  };
  const startIteration = (f: Frame<V>, i: number): void => {
    while (f.iters.length <= i) {
      f.iters.push(new Array<Val<V>>(f.slots));
      f.pending.push(new Array<number>(f.slots).fill(0));
    }
    for (const e of f.invariantEnters) {
      notifyLater(e.outConsumers[0]!, f, i);
      notifyLater(e.opConsumers, f, i);
    }
  };

  const enter = (n: LoopNode, x: V, dead: boolean, f: Frame<V>, i: number): void => {
    f.iters[i]![n.slot] = dead ? DEAD : true;
    const key = `${i}:${n.frameName}`;
    let child = f.children.get(key);
    if (!child) {
      f.children.set(key, (child = new Frame<V>(f, i, f.depth + 1, c.slots)));
      frames.push(child);
    }
    const out = n.outSlots[0]!;
    if (n.constant) {
      // an invariant is read by every iteration: held until the run ends
      child.invariants[out] = dead ? DEAD : x;
      if (!dead) values.hold?.(x);
      child.invariants[n.slot] = dead ? DEAD : true;
      child.invariantEnters.push(n);
      for (let k = 0; k < child.iters.length; k++) {
        notify(n.outConsumers[0]!, child, k);
        notify(n.opConsumers, child, k);
      }
    } else {
      if (dead) child.iters[0]![out] = DEAD;
      else store(out, n.reads[0]!, x, child, 0);
      child.iters[0]![n.slot] = dead ? DEAD : true;
      notify(n.outConsumers[0]!, child, 0);
      notify(n.opConsumers, child, 0);
    }
  };
  const exit = (n: LoopNode, x: V, dead: boolean, f: Frame<V>, i: number): void => {
    f.iters[i]![n.slot] = dead ? DEAD : true;
    if (dead) {
      f.deadExits.add(n);
      return;
    }
    f.liveExits.add(n);
    const p = f.parent!;
    const pi = f.parentIter;
    store(n.outSlots[0]!, n.reads[0]!, x, p, pi);
    p.iters[pi]![n.slot] = true;
    notify(n.outConsumers[0]!, p, pi);
    notify(n.opConsumers, p, pi);
  };
  const nextIteration = (n: LoopNode, x: V, dead: boolean, f: Frame<V>, i: number): void => {
    f.iters[i]![n.slot] = dead ? DEAD : true;
    if (dead) return;
    if (f.iters.length <= i + 1) startIteration(f, i + 1);
    store(n.outSlots[0]!, n.reads[0]!, x, f, i + 1);
    notifyLater(n.outConsumers[0]!, f, i + 1);
  };
  const switched = (n: LoopNode, x: V, pred: boolean, f: Frame<V>, i: number): void => {
    // the loop's own predicate false: this iteration is the frame's last (read here, as the value may be dropped after)
    if (!pred && n.loopPred) f.stopped.add(i);
    const at = f.iters[i]!;
    at[n.slot] = true;
    at[n.outSlots[pred ? 0 : 1]!] = DEAD;
    store(n.outSlots[pred ? 1 : 0]!, n.reads[pred ? 1 : 0]!, x, f, i);
    for (const cs of n.outConsumers) notify(cs, f, i);
    notify(n.opConsumers, f, i);
  };
  const merge = (n: LoopNode, ctrlDead: boolean, f: Frame<V>, i: number): void => {
    const ins = i > 0 ? n.mergeNext : n.mergeFirst;
    let waiting = false;
    for (const k of ins) {
      const v = lookup(n.inputs[k]!, f, i);
      if (v === undefined) waiting = true;
      else if (v !== DEAD) {
        put(n, ctrlDead ? null : [v, values.index(k)], f, i);
        return;
      }
    }
    if (!waiting) put(n, null, f, i);
  };

  /** Runs `n` in iteration `i` of `f` if its inputs are there; a promise only where the backend gave one. */
  const run = (n: LoopNode, f: Frame<V>, i: number): void | Promise<void> => {
    let ctrlDead = false;
    for (const s of n.ctrl) {
      const v = lookup(s, f, i);
      if (v === undefined) return;
      if (v === DEAD) ctrlDead = true;
    }
    // a ControlTrigger runs even when its control inputs are dead (TF1's executor)
    if (n.trigger) ctrlDead = false;
    if (n.role === Role.Merge) return merge(n, ctrlDead, f, i);
    const vals: V[] = new Array(n.inputs.length);
    let dead = ctrlDead;
    for (let k = 0; k < vals.length; k++) {
      const v = lookup(n.inputs[k]!, f, i);
      if (v === undefined) return;
      if (v === DEAD) dead = true;
      vals[k] = v as V;
    }
    const x = vals[0] as V;
    switch (n.role) {
      case Role.Enter:
        return enter(n, x, dead, f, i);
      case Role.Exit:
        return exit(n, x, dead, f, i);
      case Role.NextIteration:
        return nextIteration(n, x, dead, f, i);
      case Role.Switch: {
        if (dead) return put(n, null, f, i);
        const pred = values.pred(vals[1]!);
        if (pred instanceof Promise) return pred.then((p) => switched(n, x, p, f, i));
        return switched(n, x, pred, f, i);
      }
      case Role.LoopCond:
        return put(n, dead ? null : [x], f, i);
    }
    if (dead) return put(n, null, f, i);
    const outs = values.exec(n.op, vals, n.index);
    if (outs instanceof Promise) return outs.then((o) => put(n, o, f, i));
    put(n, outs, f, i);
  };
  const step = (n: LoopNode, f: Frame<V>, i: number): void | Promise<void> => {
    const at = f.iters[i]!;
    if (at[n.slot] !== undefined) return;
    const r = run(n, f, i);
    if (r) return r.then(() => (at[n.slot] !== undefined ? readDone(n, f, i) : undefined));
    if (at[n.slot] !== undefined) readDone(n, f, i);
  };

  let steps = 0;
  const drain = async (): Promise<void> => {
    for (;;) {
      let n: LoopNode;
      let f: Frame<V>;
      let i: number;
      if (workN.length > 0) {
        n = workN.pop()!;
        f = workF.pop()!;
        i = workI.pop()!;
      } else if (laterHead < laterN.length) {
        n = laterN[laterHead]!;
        f = laterF[laterHead]!;
        i = laterI[laterHead]!;
        if (++laterHead === laterN.length) laterHead = laterN.length = laterF.length = laterI.length = 0;
      } else return;
      // the clock is read every 1024 steps: a loop that never ends is stopped within that many of its deadline
      if (deadline !== undefined && ++steps % 1024 === 0 && performance.now() > deadline) {
        throw new DeadlineExceededError('Timed out waiting for notification');
      }
      const r = step(n, f, i);
      if (r) await r;
    }
  };
  for (const [n, fed] of c.start) {
    // an op whose outputs are all fed is done (it is in the plan only as a control input)
    if (fed) {
      root.iters[0]![n.slot] = true;
      notify(n.opConsumers, root, 0);
    } else {
      workN.push(n);
      workF.push(root);
      workI.push(0);
    }
  }
  await drain();
  // A frame that ended without a live value at an Exit gives a dead one (TF1's dead_exits), until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of frames) {
      if (!f.parent || !f.ended(c.loopConds)) continue;
      for (const e of f.deadExits) {
        if (f.liveExits.has(e)) continue;
        f.liveExits.add(e);
        const pi = f.parentIter;
        f.parent.iters[pi]![e.outSlots[0]!] = DEAD;
        f.parent.iters[pi]![e.slot] = DEAD;
        notify(e.outConsumers[0]!, f.parent, pi);
        notify(e.opConsumers, f.parent, pi);
        changed = true;
      }
    }
    await drain();
  }
  return c.fetches.map((s, k) => {
    if (!s) return null;
    const v = lookup(s, root, 0);
    if (v === undefined || v === DEAD || v === true) throw new InvalidArgumentError(`Retval[${k}] does not have value`);
    return v as V;
  });
}
