// tf.cond as TF1 r1.12's control_flow_ops.py builds it: a Switch of the predicate on itself, its outputs' identities
// `switch_t` and `switch_f` as the branches' pivots, `pred_id`, and each branch built inside a CondContext, which
// makes every value from outside the branch enter through a Switch on the predicate (`cond/Switch_1`, ...) and
// gives every op without inputs a control input on the pivot, so that only the taken branch runs. The branches'
// results meet in Merge ops.
import { create } from '@bufbuild/protobuf';
import type { ControlFlowContext } from '../graph/control_flow_context.js';
import { get_default_graph, GraphKeys } from '../graph/graph.js';
import { strip_name_scope } from '../graph/names.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { opt, tf1, type Call } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import {
  CondContextDefSchema,
  ControlFlowContextDefSchema,
  type CondContextDef,
  type ControlFlowContextDef,
} from '../framework/proto/tensorflow/core/protobuf/control_flow_pb.js';
import { identity } from './array_ops.js';
import { with_dependencies } from './control_flow_ops.js';
import { addNested, takeRestored, toValuesDef, type ProtoContext, type RestoredValues } from './control_flow_values.js';
import { merge, switch_, switchRefOrTensor } from './control_flow_switch.js';
import { toTensor, type TensorLike } from './convert.js';
import { ANY, BOOL, FUNC, STR } from './kinds.js';
import { assert_same_structure, flatten, isSequence, map_structure, pack_sequence_as } from './nest.js';
import { name_scope } from './scopes.js';
import { removeExternalControlEdges } from './while_context.js';

/** True when `op` was created in `ctx` or a context nested in it (TF1's util.OpInContext). */
function opInContext(op: Operation, ctx: ControlFlowContext): boolean {
  for (let c = op._control_flow_context; c !== null; c = c.outer_context) if (c === ctx) return true;
  return false;
}

/** TF1's CondContext: one branch of a cond, its predicate, its pivot and the values it has seen. */
export class CondContext implements ProtoContext {
  readonly outer_context: ControlFlowContext | null;
  readonly is_while = false;
  /** TF1's name: `<scope>/cond_text` (unique in the graph), or the name its proto gives. */
  readonly name: string;
  /** The contexts made inside this one (a cond or loop in the branch), written into its proto. */
  readonly _nested_contexts: ProtoContext[] = [];
  /** Names of the tensors this branch has seen (made in it, or entered through its Switches). */
  readonly values = new Set<string>();
  /** For an external value, what the branch reads instead (its Switch output). */
  private readonly externalValues = new Map<string, Tensor>();
  /** TF1's _context_stack: the contexts this one was entered from (a gradient may enter it again). */
  private readonly saved: (ControlFlowContext | null)[] = [];

  /** `restored` rebuilds a context from its proto (cond_context_from_proto) instead of starting an empty one. */
  constructor(
    readonly pred: Tensor,
    readonly pivot: Tensor,
    readonly branch: 0 | 1,
    name = 'cond_text',
    restored: ((ctx: CondContext) => RestoredValues) | null = null,
  ) {
    this.outer_context = pred.graph._get_control_flow_context();
    this.name = pred.graph.unique_name(name);
    addNested(this);
    if (restored) {
      this.name = takeRestored(restored(this), this.values, this.externalValues);
      return;
    }
    this.values.add(pred.name);
    this.externalValues.set(pred.name, pred);
    this.values.add(pivot.name);
    pivot.op._control_flow_context = this;
  }

  /** Makes this the graph's context (TF1's Enter). */
  enter(): void {
    this.saved.push(this.pred.graph._get_control_flow_context());
    this.pred.graph._set_control_flow_context(this);
  }

  /** Restores the context entered from (TF1's Exit). */
  exit(): void {
    this.pred.graph._set_control_flow_context(this.saved.pop() ?? null);
  }

  /**
   * Marks `name` seen here and in the contexts around: every one for an op's output (TF1's _AddOpInternal), only
   * the conds for a Switch made by addValue (r1.12's loop around it does not list those: its proto would differ).
   */
  private seen(name: string, loopsToo: boolean): void {
    for (let c: ControlFlowContext | null = this; c !== null; c = c.outer_context) {
      if (loopsToo || c instanceof CondContext) (c as { values?: Set<string> }).values?.add(name);
    }
  }

  /** TF1's `to_proto(export_scope)`: this branch as a CondContextDef, names relative to `export_scope`; null outside it. */
  to_proto(export_scope: string | null = null): CondContextDef | null {
    if (export_scope !== null && !this.name.startsWith(export_scope)) return null;
    return create(CondContextDefSchema, {
      contextName: strip_name_scope(this.name, export_scope),
      predName: strip_name_scope(this.pred.name, export_scope),
      pivotName: strip_name_scope(this.pivot.name, export_scope),
      branch: this.branch,
      valuesDef: toValuesDef(this.values, this.externalValues, export_scope),
      // TF1 r1.12 writes the nested contexts without the export scope.
      nestedContexts: this._nested_contexts.map((c) => c.to_control_flow_context_def()),
    });
  }

  /** TF1's to_control_flow_context_def: the proto in a ControlFlowContextDef (as a nested context). */
  to_control_flow_context_def(export_scope: string | null = null): ControlFlowContextDef {
    const value = this.to_proto(export_scope);
    if (value === null) throw new ValueError(`CondContext ${this.name} is outside export_scope ${export_scope}`);
    return create(ControlFlowContextDefSchema, { ctxt: { case: 'condCtxt', value } });
  }

  /** TF1's AddValue: `val` as this branch reads it, through a Switch on the predicate when it comes from outside. */
  addValue(val: Tensor): Tensor {
    if (this.values.has(val.name)) return this.externalValues.get(val.name) ?? val;
    this.values.add(val.name);
    let result = val;
    // an outer cond branch or while loop reads it first (through its Switch or Enter)
    const outerCtx = this.outer_context as { addValue?: (t: Tensor) => Tensor } | null;
    if (outerCtx?.addValue) {
      result = outerCtx.addValue(val);
      this.values.add(result.name);
      this.externalValues.set(result.name, result);
    }
    const outer = result;
    result = val.graph.control_dependencies(null, () => switchRefOrTensor(outer, this.pred)[this.branch]!);
    val.graph.prevent_fetching(result.op);
    result.op._control_flow_context = this;
    this.seen(result.name, false);
    this.externalValues.set(val.name, result);
    return result;
  }

  addInputs(inputs: readonly Tensor[]): Tensor[] {
    return inputs.map((x) => this.addValue(x));
  }

  addOp(op: Operation): void {
    // in a while loop, a control input from outside the loop is dropped (TF1's _RemoveExternalControlEdges)
    removeExternalControlEdges(this, op);
    // An op without inputs runs only when the branch does: a control input on the pivot, unless one of its
    // control inputs is in the branch already.
    if (op.inputs.length === 0 && !op.control_inputs.some((c) => opInContext(c, this))) op.control_inputs.push(this.pivot.op);
    for (const t of op.outputs) this.seen(t.name, true);
    op.graph.prevent_fetching(op);
  }

  /** TF1's _ProcessOutputTensor: a branch result from outside the branch goes through a Switch (`lambda: x`). */
  private processOutput(val: Tensor): Tensor {
    if (this.values.has(val.name)) return this.externalValues.get(val.name) ?? val;
    this.values.add(val.name);
    let real = val;
    const outer = this.outer_context as { addValue?: (t: Tensor) => Tensor } | null;
    if (outer?.addValue) {
      real = outer.addValue(val);
      this.values.add(real.name);
      this.externalValues.set(real.name, real);
    }
    real = switchRefOrTensor(real, this.pred)[this.branch]!;
    this.externalValues.set(val.name, real);
    return real;
  }

  /** TF1's _BuildCondTensor: an Operation stands as the pivot after it; an IndexedSlices part by part; anything else as a tensor. */
  private buildCondTensor(v: unknown): Tensor | IndexedSlices {
    if (v instanceof Operation) return with_dependencies([v], this.pivot);
    if (v instanceof IndexedSlices) {
      const values = this.processOutput(v.values);
      const indices = this.processOutput(v.indices);
      return new IndexedSlices(values, indices, v.dense_shape && this.processOutput(v.dense_shape));
    }
    return this.processOutput(toTensor(v as TensorLike, { graph: this.pred.graph }));
  }

  /** TF1's BuildCondBranch: the branch's result as returned, and as tensors of this branch (a list). */
  buildCondBranch(fn: () => unknown): [unknown, Tensor[]] | [null, null] {
    const original = fn();
    if (original === null || original === undefined) return [null, null];
    const result = map_structure((v: unknown) => this.buildCondTensor(v), original);
    return [original, (isSequence(result) ? result : [result]) as Tensor[]];
  }
}

/** TF1's _UnpackIfSingleton. */
const unpackIfSingleton = (res: unknown): unknown => (Array.isArray(res) && res.length === 1 ? res[0] : res);

/** Builds one branch in its context; TF1's ValueError when it returns nothing. */
function branch(ctx: CondContext, fn: () => unknown, which: 'true_fn' | 'false_fn'): [unknown, unknown] {
  ctx.enter();
  try {
    const [orig, res] = ctx.buildCondBranch(fn);
    if (orig === null) throw new ValueError(`${which} must have a return value.`);
    return [orig, res];
  } finally {
    ctx.exit();
  }
}

const COND = [
  opt('pred', ANY),
  opt('true_fn', FUNC),
  opt('false_fn', FUNC),
  opt('strict', BOOL),
  opt('name', STR),
  opt('fn1', FUNC),
  opt('fn2', FUNC),
] as const;

/** What a branch's result becomes: each Tensor, Operation, Variable or value a Tensor (the Merge's output). */
type Merged<T> = T extends Tensor | Operation | number | boolean | { readonly _variable: Tensor }
  ? Tensor
  : T extends readonly unknown[]
    ? { -readonly [K in keyof T]: Merged<T[K]> }
    : T extends object
      ? { -readonly [K in keyof T]: Merged<T[K]> }
      : Tensor;
/** Non-strict: a singleton tuple is unpacked. */
export type CondResult<T> = T extends readonly [infer X] ? Merged<X> : Merged<T>;

/** cond's types: the result has the branches' structure, with tensors where they returned tensors, ops or values. */
export interface CondFn {
  <T>(pred: TensorLike, true_fn: () => T, false_fn: () => T, options?: { strict?: boolean | null; name?: string | null }): CondResult<T>;
  (...args: Call<typeof COND>): unknown;
}

/**
 * `tf.cond(pred, true_fn, false_fn, strict, name)`: `true_fn()`'s result where the scalar bool `pred` is true, else
 * `false_fn()`'s; only the taken branch's ops run. Both return the same structure of tensors (singleton lists are
 * unpacked unless `strict`). `fn1`/`fn2` are TF1's deprecated names of the two functions.
 */
export const cond: CondFn = tf1('cond', COND, (a): unknown => {
  let trueFn = a.true_fn;
  let falseFn = a.false_fn;
  if (a.fn1 != null) {
    if (trueFn != null) throw new TFTypeError('cond(): true_fn and fn1 may not be set simultaneously.');
    trueFn = a.fn1;
  } else if (trueFn == null) throw new TFTypeError('cond(): true_fn argument required');
  if (a.fn2 != null) {
    if (falseFn != null) throw new TFTypeError('cond(): false_fn and fn2 may not be set simultaneously.');
    falseFn = a.fn2;
  } else if (falseFn == null) throw new TFTypeError('cond(): false_fn argument required');
  const strict = a.strict ?? false;
  const predIn = a.pred;
  const g = predIn instanceof Tensor ? predIn.graph : get_default_graph();
  return g.as_default(() =>
    name_scope(a.name ?? null, 'cond', [predIn], () => {
      if (typeof predIn === 'boolean') throw new TFTypeError('pred must not be a Python bool');
      const pred0 = toTensor(predIn as TensorLike, { graph: g });
      const [p2, p1] = switch_(pred0, pred0);
      const pivot1 = identity(p1, { name: 'switch_t' });
      const pivot2 = identity(p2, { name: 'switch_f' });
      const pred = identity(pred0, { name: 'pred_id' });
      // Tensors only on one branch of the cond cannot be fetched.
      for (const t of [p1, p2, pivot1, pivot2, pred]) g.prevent_fetching(t.op);

      const contextT = new CondContext(pred, pivot1, 1);
      let [origT, resT] = branch(contextT, trueFn as () => unknown, 'true_fn');
      const contextF = new CondContext(pred, pivot2, 0);
      let [origF, resF] = branch(contextF, falseFn as () => unknown, 'false_fn');
      if (!strict) {
        origT = unpackIfSingleton(origT);
        origF = unpackIfSingleton(origF);
      }
      try {
        assert_same_structure(origT, origF);
      } catch (e) {
        if (e instanceof TFTypeError) throw new TFTypeError(`Incompatible return types of true_fn and false_fn: ${e.message}`);
        if (e instanceof ValueError) throw new ValueError(`Incompatible return values of true_fn and false_fn: ${e.message}`);
        throw e;
      }
      const flatT = flatten<Tensor | IndexedSlices>(resT);
      const flatF = flatten<Tensor | IndexedSlices>(resF);
      if (flatT.length === 0) throw new ValueError('true_fn and false_fn must return at least one result.');
      flatT.forEach((x, i) => {
        const y = flatF[i]!;
        if (x instanceof IndexedSlices !== y instanceof IndexedSlices)
          throw new TFTypeError(`Incompatible return types of true_fn and false_fn: ${x} and ${y} are not both Tensors or both IndexedSlices`);
        if (x.dtype !== y.dtype) throw new ValueError(`Outputs of true_fn and false_fn must have the same type: ${x.dtype}, ${y.dtype}`);
      });
      const merges = flatT.map((t, i) => merge([flatF[i]!, t])[0]);
      // Only outermost conds join the collection; a nested one is in its outer context's proto.
      if (contextT.outer_context === null) {
        g.add_to_collection(GraphKeys.COND_CONTEXT, contextT);
        g.add_to_collection(GraphKeys.COND_CONTEXT, contextF);
      }
      const packed = pack_sequence_as(origT, merges);
      return strict ? packed : unpackIfSingleton(packed);
    }),
  );
}) as CondFn;
