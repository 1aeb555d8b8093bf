// TF1 r1.12's WhileContext (control_flow_ops.py): the context a while loop's cond and body are built in. Loop
// variables enter the frame through Enter ops, meet their next values in Merges, go through a Switch on the
// LoopCond into the body (an Identity each) or out of the loop (Exit); a value from outside the loop enters it
// through an Enter with is_constant, made the first time the loop reads it; an op without inputs gets a control
// input on the pivot, so that it runs once per iteration. The executor gives the ops their semantics
// (session/loop_exec.ts).
import { create } from '@bufbuild/protobuf';
import { isRefOutput, plainType } from '../framework/op_defs.js';
import type { ControlFlowContext } from '../graph/control_flow_context.js';
import type { Graph } from '../graph/graph.js';
import { strip_name_scope } from '../graph/names.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { ValueError } from '../framework/errors.js';
import type { TensorShape } from '../framework/shape.js';
import {
  ControlFlowContextDefSchema,
  WhileContextDefSchema,
  type ControlFlowContextDef,
  type WhileContextDef,
} from '../framework/proto/tensorflow/core/protobuf/control_flow_pb.js';
import { applyOp } from './apply.js';
import { addNested, takeRestored, toValuesDef, type ProtoContext, type RestoredValues } from './control_flow_values.js';

/**
 * TF1's `_Enter(data, frame_name, is_constant, parallel_iterations, use_ref, use_input_shape, name)`: `data` in the
 * loop's frame; a variable's storage through a RefEnter (named so by default, as TF1's ref_enter), which keeps it
 * writable in the loop.
 */
export function enter(data: Tensor, frameName: string, isConstant: boolean, parallelIterations: number, useInputShape = true, name?: string): Tensor {
  const type = isRefOutput(data.op.type, data.value_index) ? 'RefEnter' : 'Enter';
  const op = applyOp({
    type,
    name,
    defaultName: type,
    inputs: [['data', data]],
    attrs: { frame_name: frameName, is_constant: isConstant, parallel_iterations: parallelIterations },
  });
  const out = op.outputs[0]!;
  if (useInputShape) out.set_shape(data.get_shape());
  return out;
}

/** A forwarding op of the loop (Exit, NextIteration, LoopCond) on one input; RefExit, RefNextIteration for a variable's storage. */
export function forward(type: 'Exit' | 'NextIteration' | 'LoopCond', data: Tensor, name?: string): Tensor {
  const input = type === 'LoopCond' ? 'input' : 'data';
  const ref = type !== 'LoopCond' && isRefOutput(data.op.type, data.value_index);
  return applyOp({ type: ref ? (`Ref${type}` as const) : type, name, defaultName: type, inputs: [[input, data]], attrs: {} }).outputs[0]!;
}

/** TF1's gen_array_ops.ref_identity (the ref case of _Identity): a variable's storage, still writable, named `RefIdentity`. */
export function refIdentity(data: Tensor, name?: string): Tensor {
  return applyOp({ type: 'RefIdentity', name, defaultName: 'RefIdentity', inputs: [['input', data]], attrs: {} }).outputs[0]!;
}

/** True for an Enter with is_constant (TF1's util.IsLoopConstantEnter). */
const isLoopConstantEnter = (op: Operation): boolean => plainType(op.type) === 'Enter' && (op.attrs as { is_constant: boolean }).is_constant;

/** TF1's _ShapeLessThanOrEqual: `a` is as specific as `b` or more. */
export function shapeLessThanOrEqual(a: TensorShape, b: TensorShape): boolean {
  if (b.dims === null) return true;
  if (a.dims === null || a.dims.length !== b.dims.length) return false;
  return b.dims.every((d, i) => d === null || d === a.dims![i]);
}

/** What a gradient loop's context asks of its GradLoopState (control_flow_state.ts) when it reads a forward value. */
export interface GradStateLike {
  readonly forward_context: WhileContext;
  getRealValue(value: Tensor): Tensor;
}

/** TF1's GetWhileContext: the innermost while loop's context at `ctx` (a cond's: the loop it is in), or null. */
export function whileContextOf(ctx: ControlFlowContext | null): WhileContext | null {
  for (let c = ctx; c !== null; c = c.outer_context) if (c instanceof WhileContext) return c;
  return null;
}

/** TF1's Enter/Exit of a context that has them (a cond's or a loop's), for code that enters an outer one. */
export function enterContext(ctx: ControlFlowContext | null): void {
  (ctx as { enter?: () => void } | null)?.enter?.();
}
export function exitContext(ctx: ControlFlowContext | null): void {
  (ctx as { exit?: () => void } | null)?.exit?.();
}

/**
 * TF1's _RemoveExternalControlEdges: in a while loop, `op`'s control inputs whose outputs are outside the loop
 * (`ctx`'s innermost) are removed, and returned; an op's control input from another frame could never be met.
 */
export function removeExternalControlEdges(ctx: ControlFlowContext, op: Operation): Operation[] {
  const loop = whileContextOf(ctx);
  if (loop === null) return [];
  const outputContext = (x: Operation): ControlFlowContext | null =>
    plainType(x.type) === 'Exit' ? (x._control_flow_context?.outer_context ?? null) : x._control_flow_context;
  const external = op.control_inputs.filter((x) => whileContextOf(outputContext(x)) !== loop);
  for (const x of external) op.control_inputs.splice(op.control_inputs.indexOf(x), 1);
  return external;
}

/** TF1's WhileContext. */
export class WhileContext implements ProtoContext {
  readonly outer_context: ControlFlowContext | null;
  readonly is_while = true;
  /** The contexts made inside this one (a loop or cond in the body), written into its proto. */
  readonly _nested_contexts: ProtoContext[] = [];
  /** The frame's name (every Enter's frame_name): `<scope>/while_context`. */
  readonly name: string;
  /** Names of the tensors the loop has seen (made in it, or entered through its Enters). */
  readonly values = new Set<string>();
  /** For an external value, the Enter the loop reads instead. */
  private readonly externalValues = new Map<string, Tensor>();
  /** The LoopCond, and the control pivots of the cond (the first Merge) and the body (the first Identity). */
  pivot: Tensor | null = null;
  pivotForPred: Tensor | null = null;
  pivotForBody: Tensor | null = null;
  loopExits: Tensor[] = [];
  loopEnters: Tensor[] = [];
  /** TF1's _context_stack: the contexts this one was entered from (a gradient loop is entered more than once). */
  private readonly saved: (ControlFlowContext | null)[] = [];

  constructor(
    readonly graph: Graph,
    readonly maximum_iterations: Tensor | null,
    readonly parallel_iterations: number,
    readonly back_prop: boolean,
    readonly swap_memory: boolean,
    /** A gradient loop's name is its forward loop's (`gradients/while/while_context`). */
    name = 'while_context',
    /** Set on a gradient loop: the state of the loop it differentiates (TF1's grad_state). */
    readonly grad_state: GradStateLike | null = null,
    /** Rebuilds a loop's context from its proto (while_context_from_proto): its name and values. */
    restored: ((ctx: WhileContext) => RestoredValues) | null = null,
  ) {
    this.outer_context = graph._get_control_flow_context();
    addNested(this);
    this.name = restored ? takeRestored(restored(this), this.values, this.externalValues) : graph.unique_name(name);
  }

  /** TF1's `to_proto(export_scope)`: the loop as a WhileContextDef, names relative to `export_scope`; null outside it. */
  to_proto(export_scope: string | null = null): WhileContextDef | null {
    if (export_scope !== null && !this.name.startsWith(export_scope)) return null;
    const strip = (t: Tensor): string => strip_name_scope(t.name, export_scope);
    const def = create(WhileContextDefSchema, {
      contextName: strip_name_scope(this.name, export_scope),
      parallelIterations: this.parallel_iterations,
      backProp: this.back_prop,
      swapMemory: this.swap_memory,
      pivotForPredName: this.pivotForPred ? strip(this.pivotForPred) : '',
      pivotForBodyName: this.pivotForBody ? strip(this.pivotForBody) : '',
      pivotName: this.pivot ? strip(this.pivot) : '',
      loopExitNames: this.loopExits.map(strip),
      loopEnterNames: this.loopEnters.map(strip),
      valuesDef: toValuesDef(this.values, this.externalValues, export_scope),
      // TF1 r1.12 writes the nested contexts without the export scope.
      nestedContexts: this._nested_contexts.map((c) => c.to_control_flow_context_def()),
    });
    if (this.maximum_iterations !== null) def.maximumIterationsName = strip(this.maximum_iterations);
    return def;
  }

  /** TF1's to_control_flow_context_def: the proto in a ControlFlowContextDef (as a nested context). */
  to_control_flow_context_def(export_scope: string | null = null): ControlFlowContextDef {
    const value = this.to_proto(export_scope);
    if (value === null) throw new ValueError(`WhileContext ${this.name} is outside export_scope ${export_scope}`);
    return create(ControlFlowContextDefSchema, { ctxt: { case: 'whileCtxt', value } });
  }

  /** Makes this the graph's context (TF1's Enter). */
  enter(): void {
    this.saved.push(this.graph._get_control_flow_context());
    this.graph._set_control_flow_context(this);
  }

  /** Restores the context entered from (TF1's Exit). */
  exit(): void {
    this.graph._set_control_flow_context(this.saved.pop() ?? null);
  }

  /** TF1's AddName: `name` is a value of this loop. */
  addName(name: string): void {
    this.values.add(name);
  }

  /** TF1's ExitResult: values leaving the loop become values of the context around it. */
  exitResult(results: readonly Tensor[]): void {
    const outer = this.outer_context as { values?: Set<string> } | null;
    for (const t of results) outer?.values?.add(t.name);
  }

  /** TF1's GetControlPivot: the body's pivot once the body is being built, else the cond's. */
  getControlPivot(): Tensor | null {
    return this.pivotForBody ?? this.pivotForPred;
  }

  /** True when `op` was made in this loop or in a context nested in it (a cond's results: TF1's ExitResult). */
  private contains(op: Operation): boolean {
    for (let c = op._control_flow_context; c !== null; c = c.outer_context) if (c === this) return true;
    return false;
  }

  /** TF1's AddValue: `val` as the loop reads it, through an Enter with is_constant when it comes from outside. */
  addValue(val: Tensor): Tensor {
    if (this.values.has(val.name) || this.contains(val.op)) return this.externalValues.get(val.name) ?? val;
    this.values.add(val.name);
    // In a gradient loop, a value of the forward loop it differentiates is that iteration's value, kept on a stack
    // (TF1's GetRealValue).
    const grad = whileContextOf(this.graph._get_control_flow_context());
    if (grad?.grad_state) {
      let fwd = whileContextOf(val.op._control_flow_context);
      if (plainType(val.op.type) === 'Exit') fwd = fwd ? whileContextOf(fwd.outer_context) : null;
      if (fwd === grad.grad_state.forward_context) {
        const real = grad.grad_state.getRealValue(val);
        this.externalValues.set(val.name, real);
        return real;
      }
    }
    const outer = this.outer_context as (ControlFlowContext & { addValue?: (t: Tensor) => Tensor }) | null;
    const result = outer?.addValue ? outer.addValue(val) : val;
    const e = this.graph.control_dependencies(null, () => enter(result, this.name, true, this.parallel_iterations));
    this.graph.prevent_feeding(e);
    // TF1's _FixControlInputsAndContext: the Enter belongs to the loop
    e.op._control_flow_context = this;
    this.values.add(e.name);
    this.externalValues.set(val.name, e);
    return e;
  }

  addInputs(inputs: readonly Tensor[]): Tensor[] {
    return inputs.map((x) => this.addValue(x));
  }

  /** TF1's _AddOpInternal once the op exists: control inputs on the pivot where nothing else would start it. */
  addOp(op: Operation): void {
    const pivot = this.getControlPivot();
    // An Enter reads from the frame around the loop, so its control inputs from there stay (TF1's
    // _FixControlInputsAndContext); pulled in as an Identity they would wait on the frame it starts.
    const external = plainType(op.type) === 'Enter' ? [] : removeExternalControlEdges(this, op);
    if (pivot !== null && op.control_inputs.length === 0) {
      // an op without inputs, or one reading only loop invariants (TF1's _MaybeAddControlDependency)
      if (op.inputs.every((x) => isLoopConstantEnter(x.op))) op.control_inputs.push(pivot.op);
    }
    for (const t of op.outputs) this.values.add(t.name);
    // TF1 pulls an external control input in as data: an Identity of its output in the loop, which the op waits for
    if (external.some((x) => x.outputs.length > 0)) {
      const ids = this.graph.control_dependencies(null, () => {
        this.enter();
        try {
          return external
            .filter((x) => x.outputs.length > 0)
            .map((x) => applyOp({ type: 'Identity', defaultName: 'Identity', inputs: [['input', x.outputs[0]!]], attrs: {} }));
        } finally {
          this.exit();
        }
      });
      op.control_inputs.push(...ids);
    }
    if (this.outer_context !== null || plainType(op.type) !== 'Exit') {
      this.graph.prevent_fetching(op);
      for (const t of op.outputs) this.graph.prevent_feeding(t);
    }
  }
}

/**
 * TF1's _EnforceShapeInvariant: a loop variable's next value must be as specific as its Merge's shape (the
 * shape it entered with, or its shape invariant).
 */
export function enforceShapeInvariant(m: Tensor, next: Tensor): void {
  if (shapeLessThanOrEqual(next.get_shape(), m.get_shape())) return;
  const input = m.op.inputs[0]!.op.inputs[0]!;
  throw new ValueError(
    `Input tensor '${input.name}' enters the loop with shape ${input.get_shape()}, but has shape ${next.get_shape()} after one iteration. To allow the shape to vary across iterations, use the \`shape_invariants\` argument of tf.while_loop to specify a less-specific shape.`,
  );
}
