// tf.while_loop as TF1 r1.12's control_flow_ops.py builds it (while_loop, WhileContext.BuildLoop): under the
// `while` name scope, each loop variable enters the frame (`while/Enter`), meets its next value in a Merge
// (`while/Merge`, whose second input becomes `while/NextIteration` once the body is built), the cond's result
// becomes `while/LoopCond`, a Switch on it (`while/Switch`) sends the value into the body (`while/Identity`) or
// out of the loop (`while/Exit`). maximum_iterations adds a counter (`iteration_counter`, `while/Less`).
import { get_default_graph, GraphKeys } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { TensorShape, type ShapeLike } from '../framework/shape.js';
import { constant, identity } from './array_ops.js';
import { isRefTensor, merge, switchRefOrTensor } from './control_flow_switch.js';
import { toTensor, type TensorLike } from './convert.js';
import { ANY, BOOL, FUNC, INT, STR } from './kinds.js';
import { logical_and } from './logical_ops.js';
import { less } from './math_ops.js';
import { assert_same_structure, flatten, isSequence, pack_sequence_as } from './nest.js';
import { name_scope } from './scopes.js';
import { enforceShapeInvariant, enter, forward, refIdentity, shapeLessThanOrEqual, WhileContext } from './while_context.js';
import { flowToTensorArray, tensorArrayToFlow } from './tensor_array_loop.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { addSlicesBackEdge, eachPart, identityVar, partsOf, setSlicesInvariant, type LoopVar } from './while_loop_slices.js';

type Fn = (...args: never[]) => unknown;

/** TF1's _SetShapeInvariants: each loop variable's Enter gets its invariant, which its initial shape must meet. */
function setShapeInvariants(inputs: readonly LoopVar[], enters: readonly LoopVar[], invariants: unknown): void {
  if (invariants === null || invariants === undefined) return;
  const shapes = flatten<ShapeLike>(invariants);
  inputs.forEach((inp, i) => {
    const shape = shapes[i] instanceof TensorShape ? (shapes[i] as TensorShape) : new TensorShape(shapes[i] as never);
    if (inp instanceof IndexedSlices) return setSlicesInvariant(inp, enters[i] as IndexedSlices, shape);
    if (!shapeLessThanOrEqual(inp.get_shape(), shape)) {
      throw new ValueError(
        `The shape invariant specified for ${inp.name} is not compatible with the initial shape of the loop variable. It enters the loop with shape ${inp.get_shape()}, but the specified shape invariant is ${shape}.`,
      );
    }
    (enters[i] as Tensor).set_shape(shape);
  });
}

/** TF1's BuildLoop/_BuildLoop: the loop's ops in `ctx`, and its results in the body's structure. */
function buildLoop(ctx: WhileContext, pred: Fn, body: Fn, loopVars: unknown, invariants: unknown, sameStructure: boolean): unknown {
  const g = ctx.graph;
  // TensorArrays travel as their flows (TF1's _convert_tensorarray_to_flow) and come back as TensorArrays
  const flatOrig = flatten<unknown>(loopVars);
  const asVar = (v: unknown): LoopVar => (v instanceof IndexedSlices ? v : toTensor(tensorArrayToFlow(v) as TensorLike, { graph: g }));
  const flatVars = flatOrig.map(asVar);
  const userValue = (i: number, t: LoopVar): unknown => (t instanceof IndexedSlices ? t : flowToTensorArray(flatOrig[i], t));
  const asUser = (ts: readonly LoopVar[]): unknown =>
    pack_sequence_as(
      loopVars,
      ts.map((t, i) => userValue(i, t)),
    );
  const spread = (vs: unknown): never[] => (Array.isArray(vs) ? vs : [vs]) as never[];
  ctx.enter();
  let bodyResult: unknown;
  let exits: LoopVar[];
  try {
    for (const x of flatVars.flatMap(partsOf)) ctx.values.add(x.name);
    const outer = ctx.outer_context as { addValue?: (t: Tensor) => Tensor } | null;
    const real = flatVars.map((x) => eachPart(x, (t) => (outer?.addValue ? outer.addValue(t) : t)));
    const enters = g.control_dependencies(null, () =>
      real.map((x) =>
        eachPart(x, (t, name) => {
          const e = enter(t, ctx.name, false, ctx.parallel_iterations, invariants === null || invariants === undefined, name);
          g.prevent_feeding(e);
          e.op._control_flow_context = ctx;
          return e;
        }),
      ),
    );
    setShapeInvariants(real, enters, invariants);
    // TF1's _InitializeValues: the loop's values are its Enters (the loop variables outside it enter again when read)
    ctx.values.clear();
    for (const e of enters.flatMap(partsOf)) ctx.values.add(e.name);
    ctx.loopEnters = enters.flatMap(partsOf);
    const merges = enters.map((x) => merge([x, x])[0]);
    ctx.pivotForPred = partsOf(merges[0]!)[0]!;
    const c = toTensor(pred(...spread(asUser(merges))) as TensorLike, { graph: g });
    ctx.pivot = forward('LoopCond', c, 'LoopCond');
    const switches = merges.map((m) => switchRefOrTensor(m as Tensor, ctx.pivot!) as [LoopVar, LoopVar]);
    // TF1's _Identity: a RefIdentity keeps a variable's storage writable in the body
    const forBody = switches.map(([, t]) => (t instanceof IndexedSlices ? identityVar(t) : isRefTensor(t) ? refIdentity(t) : identity(t)));
    ctx.pivotForBody = partsOf(forBody[0]!)[0]!;
    bodyResult = body(...spread(asUser(forBody)));
    if (!isSequence(bodyResult)) bodyResult = [bodyResult];
    assert_same_structure(Array.isArray(loopVars) ? loopVars : [loopVars], bodyResult);
    const result = flatten<unknown>(bodyResult).map(asVar);
    if (merges.length !== result.length) {
      throw new ValueError(`Number of inputs and outputs of body must match loop_vars: ${merges.length}, ${result.length}`);
    }
    // TF1's _AddNextAndBackEdge: the body's result through NextIteration becomes each Merge's second input.
    merges.forEach((m, i) => {
      if (m instanceof IndexedSlices) return addSlicesBackEdge(m, result[i]!, (mm, v) => g._update_input(mm.op, 1, v));
      // TF1 converts what the body returns for a Tensor variable (an IndexedSlices densely)
      const v = forward('NextIteration', toTensor(result[i]!, { graph: g }));
      enforceShapeInvariant(m, v);
      if (v.dtype !== m.dtype) throw new TFTypeError(`Loop variable ${i} has dtype ${m.dtype} but the body returns ${v.dtype}`);
      g._update_input(m.op, 1, v);
    });
    exits = switches.map(([f]) => eachPart(f, (t, name) => forward('Exit', t, name)));
    ctx.loopExits = exits.flatMap(partsOf);
    // TF1's ExitResult: the exits are values of the context around (a cond's branch returns them without a Switch)
    ctx.exitResult(exits.flatMap(partsOf));
  } finally {
    ctx.exit();
  }
  const packed = pack_sequence_as(
    bodyResult,
    exits.map((t, i) => userValue(i, t)),
  );
  if (sameStructure) return packed;
  return exits.length === 1 ? userValue(0, exits[0]!) : packed;
}

const WHILE = [
  req('cond', FUNC),
  req('body', FUNC),
  req('loop_vars', ANY),
  opt('shape_invariants', ANY),
  opt('parallel_iterations', INT),
  opt('back_prop', BOOL),
  opt('swap_memory', BOOL),
  opt('name', STR),
  opt('maximum_iterations', ANY),
  opt('return_same_structure', BOOL),
] as const;

/**
 * `tf.while_loop(cond, body, loop_vars, shape_invariants, parallel_iterations, back_prop, swap_memory, name,
 * maximum_iterations, return_same_structure)`: repeats `body` while `cond` is true. `loop_vars` is a list (or
 * nested structure) of tensors; `cond(...vars)` returns a scalar bool tensor, `body(...vars)` the next values in
 * the same structure. The result is the loop variables after the last iteration (a single one unpacked unless
 * `return_same_structure`). `shape_invariants` relaxes the shapes a variable may take across iterations;
 * `maximum_iterations` stops the loop after that many iterations. tf.gradients through it builds TF1's gradient loop
 * (forward values kept on stacks); `back_prop: false` gives no gradient.
 */
export const while_loop = tf1('while_loop', WHILE, (a): unknown => {
  let cond = a.cond as Fn;
  let body = a.body as Fn;
  const parallel = a.parallel_iterations ?? 10;
  if (parallel < 1) throw new TFTypeError('parallel_iterations must be a positive integer.');
  let loopVars = a.loop_vars as unknown;
  const sameStructure = a.return_same_structure ?? false;
  const g = flatten<unknown>(loopVars).find((v): v is Tensor => v instanceof Tensor)?.graph ?? get_default_graph();
  return g.as_default(() =>
    name_scope(a.name ?? null, 'while', flatten<Tensor>(loopVars), () => {
      if (!Array.isArray(loopVars) || loopVars.length === 0) {
        if (!Array.isArray(loopVars)) throw new TFTypeError('loop_vars must be a list or tuple');
        throw new ValueError('No loop variables provided');
      }
      let invariants = a.shape_invariants as unknown;
      let maxIter: Tensor | null = null;
      if (a.maximum_iterations !== null && a.maximum_iterations !== undefined) {
        const m = toTensor(a.maximum_iterations as TensorLike, { name: 'maximum_iterations', graph: g });
        maxIter = m;
        if (m.get_shape().ndims !== 0) throw new ValueError(`maximum_iterations must be a scalar, saw shape: ${m.get_shape()}`);
        const counter = constant(0, { dtype: m.dtype, name: 'iteration_counter' });
        const origCond = cond;
        const origBody = body;
        const tryToPack = loopVars.length === 1 && !sameStructure;
        const lv = (v: unknown): never[] => (tryToPack ? [v] : (v as never[])) as never[];
        cond = ((i: Tensor, v: unknown) => logical_and(less(i, m), origCond(...lv(v)) as Tensor)) as Fn;
        body = ((i: Tensor, v: unknown) => [i.add(1), origBody(...lv(v))]) as Fn; // TF1's `i + 1` (node 'add')
        loopVars = [counter, tryToPack ? loopVars[0] : loopVars];
        if (invariants !== null && invariants !== undefined) invariants = [new TensorShape([]), tryToPack ? (invariants as unknown[])[0] : invariants];
      }
      if (invariants !== null && invariants !== undefined) assert_same_structure(loopVars, invariants);
      const ctx = new WhileContext(g, maxIter, parallel, a.back_prop ?? true, a.swap_memory ?? false);
      if (ctx.outer_context === null) g.add_to_collection(GraphKeys.WHILE_CONTEXT, ctx);
      const result = buildLoop(ctx, cond, body, loopVars, invariants, sameStructure);
      return maxIter !== null ? (result as unknown[])[1] : result;
    }),
  );
});
