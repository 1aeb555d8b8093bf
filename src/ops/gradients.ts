import { isFloating } from '../framework/dtypes.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { ValueError, TypeError as TFTypeError } from '../framework/errors.js';
import { LookupError } from '../framework/lookup_error.js';
import type { OpType } from '../framework/op_defs.js';
import { RefVariable } from './variables.js';
import { isOpType, OP_DEFS, plainType } from '../framework/op_defs.js';
import { GRAD_KIT } from './grad_kit.js';
import type { GradFn } from '../framework/op_def.js';
import * as A from './array_ops.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { aggregate, AggregationMethod, forRule, type Grad } from './gradient_aggregation.js';
import { tuple } from './control_flow_ops.js';
import { zerosLikeOutsideLoop } from './control_flow_switch.js';
import { checkNoGradWrtInitialLoopVal, isLoopSwitch, maybeCreateControlFlowState } from './control_flow_grad.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { MISMATCH, opt, repr, req, tf1, type Parsed } from '../framework/args.js';
import { BOOL, STR, TENSOR, kind } from './kinds.js';

/** TF1's LookupError, for an op on the path that has no gradient at all (or whose gradient is disabled). */
export { LookupError };

/** A rule given to RegisterGradient: one gradient per input, or (TF1's _AsList) one for a one-input op. */
export type RegisteredGradFn = (op: Operation, grads: readonly (Tensor | null)[]) => (Grad | null)[] | Grad | null;

const registry = new Map<string, RegisteredGradFn>();

/**
 * TF1's `tf.RegisterGradient(op_type)`, a decorator: `tf.RegisterGradient('MySquare')(fn)` registers `fn` as the
 * gradient named `op_type`, which `graph.gradient_override_map({ Square: 'MySquare' }, ...)` gives to ops created
 * inside it. Returns `fn`.
 */
export const RegisterGradient = tf1(
  'RegisterGradient',
  [
    req(
      'op_type',
      kind<string>('string', (v) => typeof v === 'string', {
        refuse: () => new TFTypeError('op_type must be a string'),
      }),
    ),
  ],
  (a) =>
    <F extends RegisteredGradFn>(fn: F): F => {
      if (typeof fn !== 'function') throw new TFTypeError(`RegisterGradient('${a.op_type}') decorates a gradient function, got ${typeof fn}`);
      // Python's KeyError, which is a LookupError.
      if (registry.has(a.op_type) || isOpType(a.op_type)) throw new LookupError(`Registering two gradient with name '${a.op_type}'!`);
      registry.set(a.op_type, fn);
      return fn;
    },
);

/** TF1's `get_gradient_function`: the override the op was created under, else its own type's rule. */
function gradientFunction(op: Operation): GradFn<OpType> | RegisteredGradFn | 'none' | null {
  const name = op.graph._gradient_op_type(op);
  if (name === undefined) return OP_DEFS[op.type].grad as GradFn<OpType> | 'none' | null;
  if (isOpType(name)) return OP_DEFS[name].grad as GradFn<OpType> | 'none' | null;
  return registry.get(name) ?? null;
}

const backprop = (t: Tensor): boolean => isFloating(t.dtype);

/** Ops reachable forward from `from` along backpropagatable tensors. */
function markReached(graph: Graph, from: readonly Operation[]): Set<Operation> {
  const reached = new Set<Operation>();
  const queue = [...from];
  while (queue.length) {
    const op = queue.pop()!;
    if (reached.has(op)) continue;
    reached.add(op);
    for (const out of op.outputs) if (backprop(out)) queue.push(...graph.consumersOf(out));
  }
  return reached;
}

const TENSORS = kind<TensorLike | readonly TensorLike[]>('Tensor or list of Tensors', (v) => TENSOR.parse(v) !== MISMATCH);
const XS = kind<Tensor | RefVariable | readonly (Tensor | RefVariable)[]>(
  'Tensor or list of Tensors',
  (v) => v instanceof Tensor || v instanceof RefVariable || (Array.isArray(v) && v.every((x) => x instanceof Tensor || x instanceof RefVariable)),
);
const GRAD_YS = kind<TensorLike | null | readonly (TensorLike | null)[]>(
  'list of Tensors',
  (v) => v === null || TENSOR.parse(v) !== MISMATCH || (Array.isArray(v) && v.every((g) => g === null || TENSOR.parse(g) !== MISMATCH)),
);
const STOP = kind<Tensor | readonly Tensor[]>(
  'Tensor or list of Tensors',
  (v) => v instanceof Tensor || (Array.isArray(v) && v.every((t) => t instanceof Tensor)),
);

export { AggregationMethod };
const AGGREGATION = kind<number>('AggregationMethod', (v) => typeof v === 'number');

/** TF 1.13's `tf.UnconnectedGradients`: what tf.gradients returns for an x that ys do not depend on. */
export const UnconnectedGradients = Object.freeze({ NONE: 'none', ZERO: 'zero' } as const);
const UNCONNECTED = kind<string>('UnconnectedGradients', (v) => typeof v === 'string');

const GRADIENTS_PARAMS = [
  req('ys', TENSORS),
  req('xs', XS),
  opt('grad_ys', GRAD_YS),
  opt('name', STR),
  opt('colocate_gradients_with_ops', BOOL),
  opt('gate_gradients', BOOL),
  opt('aggregation_method', AGGREGATION),
  opt('stop_gradients', STOP),
  opt('unconnected_gradients', UNCONNECTED),
] as const;

/** Options of `tf.gradients` after `ys` and `xs`, with TF1's names. */
export type GradientsOptions = Partial<Omit<Parsed<typeof GRADIENTS_PARAMS>, 'ys' | 'xs'>>;

const asList = <T>(v: T | readonly T[]): readonly T[] => (Array.isArray(v) ? (v as readonly T[]) : [v as T]);

/**
 * TF1's `_DefaultGradYs`: ones shaped like each y where no grad_y is given, else the given one as an Identity
 * named `grad_ys_<i>` (so the backward pass starts from nodes of its own), with TF1's dtype checks.
 */
function defaultGradYs(ys: readonly Tensor[], given: readonly (TensorLike | null)[] | null, graph: Graph): Grad[] {
  if (given && given.length !== ys.length) throw new ValueError(`Passed ${given.length} grad_ys for ${ys.length} ys`);
  // TF1's convert_n_to_tensor_or_indexed_slices: an IndexedSlices stays one.
  const grads = given?.map((g) => (g === null || g === undefined ? null : g instanceof IndexedSlices ? g : toTensor(g, { name: 'grad_y', graph })));
  return ys.map((y, i) => {
    const g = grads?.[i];
    if (!g) return A.fill(A.shape(y), A.constant(1, { dtype: y.dtype, name: `grad_ys_${i}` }));
    const numeric = (d: string): boolean => d !== 'bool';
    if (!numeric(y.dtype)) throw new TFTypeError(`Tensor ${y} with type ${y.dtype} must be numeric to obtain a default gradient`);
    if (!numeric(g.dtype))
      throw new TFTypeError(`Gradient type ${g.dtype} generated for real or integer-valued tensor ${y} with type ${y.dtype} must be real or integer`);
    if (g instanceof Tensor) return A.identity(g, { name: `grad_ys_${i}` });
    const indices = A.identity(g.indices, { name: `grad_ys_${i}_indices` });
    const values = A.identity(g.values, { name: `grad_ys_${i}_values` });
    return new IndexedSlices(values, indices, g.dense_shape && A.identity(g.dense_shape, { name: `grad_ys_${i}_shape` }));
  });
}

/**
 * `tf.gradients(ys, xs, grad_ys, name, colocate_gradients_with_ops, gate_gradients, aggregation_method,
 * stop_gradients, unconnected_gradients)`: adds the backward pass to the graph under `gradients/`, as TF1
 * does, and returns d(sum ys)/dx for each x (null where x does not affect ys, or zeros with TF 1.13's
 * `unconnected_gradients: 'zero'`). `gate_gradients` wraps each op's input gradients in a tuple
 * (`.../tuple/control_dependency`), as optimizers do.
 */
export const gradients = tf1('gradients', GRADIENTS_PARAMS, (opts): (Grad | null)[] => {
  const ysList = asList(opts.ys as TensorLike | readonly TensorLike[]);
  const xsList = asList(opts.xs);
  const stopList = opts.stop_gradients ? asList(opts.stop_gradients) : [];
  const gradYsList = opts.grad_ys === null || opts.grad_ys === undefined ? null : asList(opts.grad_ys as TensorLike | readonly (TensorLike | null)[]);
  if (ysList.length === 0) throw new ValueError('gradients needs at least one tensor in ys');
  const method = opts.aggregation_method ?? AggregationMethod.DEFAULT;
  if (![0, 1, 2].includes(method)) throw new ValueError(`Invalid aggregation_method specified ${method}.`);
  const unconnected = opts.unconnected_gradients ?? UnconnectedGradients.NONE;
  if (unconnected !== 'none' && unconnected !== 'zero') throw new ValueError(`Unknown value for unconnected_gradients: ${repr(unconnected)}`);
  const graph = graphOf([...ysList, ...xsList, ...stopList, ...(gradYsList ?? [])]);

  return graph.as_default(() =>
    graph.name_scope(opts.name ?? 'gradients', () => {
      // TF1 reserves `<scope>/uid` for the call's id (it clusters the call's ops for compilation).
      graph.unique_name('uid');
      const ys = ysList.map((y) => toTensor(y, { name: 'y', graph }));
      const xs = xsList.map((x) => (x instanceof RefVariable ? x._ref() : x));
      const gys = defaultGradYs(ys, gradYsList, graph);
      const stop = new Set(stopList.map((t) => t.op));
      const fromOps = xs.map((x) => x.op);
      const reached = markReached(graph, fromOps);
      // Between ops: reachable from xs and reaching ys; pending counts how many between consumers each has.
      const between = new Set<Operation>();
      const queue = ys.map((y) => y.op);
      while (queue.length) {
        const op = queue.shift()!;
        if (!reached.has(op) || between.has(op)) continue;
        between.add(op);
        for (const inp of op.inputs) queue.push(inp.op);
      }
      // TF1's MaybeCreateControlFlowState: the gradient loops of the while loops on the path (their exits join `between`)
      const loopState = maybeCreateControlFlowState(between);
      const pending = new Map<Operation, number>();
      for (const op of between) for (const inp of op.inputs) if (between.has(inp.op)) pending.set(inp.op, (pending.get(inp.op) ?? 0) + 1);
      const grads = new Map<Operation, Grad[][]>();
      const addGrad = (t: Tensor, g: Grad): void => {
        let list = grads.get(t.op);
        if (!list) grads.set(t.op, (list = t.op.outputs.map(() => [])));
        list[t.value_index]!.push(g);
      };
      ys.forEach((y, i) => addGrad(y, gys[i]!));
      const stopOps = new Set<Operation>([...fromOps.filter((op) => op.inputs.every((i) => !between.has(i.op))), ...stop]);
      const ready: Operation[] = [];
      for (const y of ys) if (!pending.get(y.op) && between.has(y.op) && !ready.includes(y.op)) ready.push(y.op);
      if (loopState) {
        // TF1's ProcessUnusedLoopExits: a loop's exits that nothing differentiates get zeros
        for (const y of loopState.processUnusedLoopExits(pending, new Set(ready))) {
          if (!backprop(y)) continue;
          addGrad(y, loopState.zerosLikeForExit(y));
          ready.push(y.op);
        }
      }
      while (ready.length) {
        const op = ready.shift()!;
        loopState?.enterGradWhileContext(op, true);
        const lists = grads.get(op) ?? op.outputs.map(() => []);
        const outGrads: (Grad | null)[] = lists.map((list, i) => {
          if (list.length > 1) lists[i] = [aggregate(list, op, method)];
          return lists[i]![0] ?? null;
        });
        loopState?.exitGradWhileContext(op, true);
        const live = outGrads.some((g) => g !== null);
        checkNoGradWrtInitialLoopVal(op, fromOps);
        loopState?.enterGradWhileContext(op, false);
        if (live && (op.outputs.length > 1 || loopState)) {
          // TF1 gives a multi-output op zeros for the outputs nobody differentiated (a cond's Switch: only when alive).
          outGrads.forEach((g, i) => {
            if (!g && backprop(op.outputs[i]!)) outGrads[i] = loopState ? loopState.zerosLike(op, i) : zerosLikeOutsideLoop(op, i);
          });
        }
        if (live && !stopOps.has(op)) {
          const entry = gradientFunction(op);
          if (entry === null) throw new LookupError(`No gradient defined for operation '${op.name}' (op type: ${op.type})`);
          let inGrads: (Grad | null)[] = op.inputs.map(() => null);
          if (entry !== 'none') {
            inGrads = graph.name_scope(`${op.name}_grad`, () => {
              // TF1's _AsList: a rule registered with RegisterGradient may return one tensor for a one-input op.
              const got: unknown = entry(op, forRule(op, outGrads), GRAD_KIT);
              let res = (Array.isArray(got) ? got : [got]) as (Grad | null)[];
              if (res.length !== op.inputs.length)
                throw new ValueError(`Num gradients ${res.length} generated for op ${op.name} do not match num inputs ${op.inputs.length}`);
              res = res.map((g, i) => (g && backprop(op.inputs[i]!) ? g : null));
              if (opts.gate_gradients && res.filter((g) => g !== null).length > 1) res = tuple(res);
              return res;
            });
          }
          inGrads.forEach((g, i) => {
            if (!g) return;
            const t = op.inputs[i]!;
            // As TF1, the gradient takes what is known of its input's static shape (an IndexedSlices has none).
            if (g instanceof IndexedSlices) return addGrad(t, g);
            try {
              g.set_shape(t.shape);
            } catch {
              throw new ValueError(
                `Incompatible shapes between op input and calculated input gradient.  Forward operation: ${op.name}.  Input index: ${i}. Original input shape: ${t.shape}.  Calculated input gradient shape: ${g.shape}`,
              );
            }
            addGrad(t, g);
          });
        }
        loopState?.exitGradWhileContext(op, false);
        // TF1's _UpdatePendingAndEnqueueReady: a loop Switch is ready at its first gradient (from the Exit); a
        // loop's exits wait for each other
        // TF1 counts down every input, between or not: a loop's Enter outside `between` that ProcessUnusedLoopExits
        // gave a count of 1 becomes ready here, so a gradient loop gets the Exit a later tf.gradients goes through
        for (const inp of op.inputs) {
          const n = (pending.get(inp.op) ?? 0) - 1;
          pending.set(inp.op, n);
          if (n !== 0 && !(loopState && n > 0 && isLoopSwitch(inp.op))) continue;
          if (!loopState || plainType(inp.op.type) !== 'Exit') {
            ready.push(inp.op);
            continue;
          }
          const state = loopState.getGradState(inp.op, false)!;
          state.deferred_exits.push(inp);
          if (--state.pending_exits_count > 0) continue;
          const used = state.deferred_exits.filter((y) => (grads.get(y.op)?.[y.value_index]?.length ?? 0) > 0);
          for (const y of state.deferred_exits) {
            if (used.includes(y)) ready.push(y.op);
            else state.unused_exits.push(y);
          }
          if (used.length > 0) {
            for (const y of state.unused_exits) {
              if (backprop(y)) addGrad(y, loopState.zerosLikeForExit(y));
              ready.push(y.op);
            }
          } else for (const y of state.unused_exits) ready.push(y.op);
        }
      }
      loopState?.postProcessing();
      return xs.map((x) => {
        const opGrads = grads.get(x.op);
        if (!opGrads) return unconnected === 'zero' ? A.zeros_like(x) : null;
        const list = opGrads[x.value_index] ?? [];
        if (list.length === 0) return null;
        return aggregate(list, x.op, method);
      });
    }),
  );
});

// Gradient rules that differentiate a graph of their own (TF1's _FusedBatchNormGradGrad) call tf.gradients through the kit.
GRAD_KIT.gradients = (ys, xs, grad_ys) => gradients([...ys], [...xs], [...grad_ys]).map((g) => (g instanceof IndexedSlices ? toTensor(g) : g));
