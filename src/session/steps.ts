// The run-time checks of the steps that hold or write a variable (plan.ts's step kinds), as TF1's kernels make
// them where the plan could not (a value whose shape is known only when it is fed). Both backends call these, so
// they raise the same errors; each keeps only its storage handling and its kernels.
import type { Operation } from '../graph/operation.js';
import { FailedPreconditionError, InvalidArgumentError, UnimplementedError } from '../framework/errors.js';
import { forwardsRef, isVariable, isView, OP_DEFS, refInputs, writesRef, type OpAttrs } from '../framework/op_defs.js';
import type { AssignStep, UpdateStep } from './plan.js';
import { sameShape } from './kernels/util.js';
import { checkScatterShapes } from './kernels/scatter.js';
import { scatterKind } from '../framework/ops/scatter.js';
import { isSparseApply } from '../framework/ops/training_sparse.js';

/** A value as a backend holds it (an NDArray, a GPU slot): only its shape matters here. */
interface Shaped {
  readonly shape: readonly number[];
}

const shapeStr = (s: readonly number[]): string => `[${s.join(',')}]`;

/**
 * The shape of the stand-in a 'variable' step binds for an uninitialized variable: its declared shape, unknown dims
 * as 0. Its elements are never read: the session rejects a run that reads an uninitialized variable, and an Assign
 * gives the variable its own storage.
 */
export function declaredShape(variable: Operation): number[] {
  return ((variable.attrs as OpAttrs['VariableV2']).shape ?? []).map((d) => d ?? 0);
}

const standIns = new WeakMap<object, string>();

/**
 * Marks `value` as the stand-in a 'variable' step bound for the uninitialized variable `variable` (see
 * declaredShape); returns it.
 */
export function standIn<T extends object>(value: T, variable: Operation): T {
  standIns.set(value, variable.name);
  return value;
}

/** True for a stand-in (IsVariableInitialized's answer is its negation). */
export function isStandIn(value: object): boolean {
  return standIns.has(value);
}

/**
 * TF1's error for a view (`v/read`) reading an uninitialized variable's stand-in as it runs: the session's check
 * before a run leaves reads inside a cond's branch to this, as only a taken branch reads (a Ref* forward is no read).
 */
export function checkRead(op: Operation, input: object): void {
  const name = standIns.get(input);
  if (name !== undefined && !forwardsRef(op.type)) {
    throw new FailedPreconditionError(`Attempting to use uninitialized value ${name}\n\t [[{{node ${op.name}}}]]`, op.name);
  }
}

/**
 * The storage an 'assign' step copies its value into: the variable's `current` one, or null when the variable needs
 * new storage (it has none, or validate_shape is false and the shape changes). With validate_shape, an initialized
 * variable's shape must be the value's (TF1's AssignOp).
 */
export function assignTarget<T extends Shaped>(step: AssignStep, current: T | undefined, value: Shaped): T | null {
  if (!current) return null;
  if (sameShape(current.shape, value.shape)) return current;
  if (step.validateShape) {
    throw new InvalidArgumentError(
      `Assign requires shapes of both tensors to match. lhs shape= ${shapeStr(current.shape)} rhs shape= ${shapeStr(value.shape)}`,
      step.op.name,
    );
  }
  return null;
}

/**
 * An 'update' step's inputs. An op writing only its variable (AssignAdd, ApplyGradientDescent): the storage (input 0)
 * and the update (the last input) have one shape (TF1's DenseUpdateOp). An optimizer's Apply* op: its slots and
 * `grad` have the variable's shape and its other inputs are scalars, with TF1's training_ops.cc messages. A scatter
 * op: its indices and updates fit the variable (checkScatterShapes). A SparseApply* op's kernel makes all its checks
 * (training_sparse_checks.ts), since TF1 interleaves its shape checks with checks of its hyperparameters' values.
 */
export function checkUpdate(step: UpdateStep, inputs: readonly Shaped[]): void {
  if (isSparseApply(step.op.type)) return;
  if (scatterKind(step.op.type)) {
    checkScatterShapes(step.op.type, step.op.name, inputs[0]!.shape, inputs[1]!.shape, inputs[2]!.shape);
    return;
  }
  const refs = refInputs(step.op.type);
  const ref = inputs[0]!.shape;
  if (refs.length <= 1) {
    const update = inputs[inputs.length - 1]!.shape;
    if (!sameShape(ref, update)) {
      throw new InvalidArgumentError(
        `Cannot update variable with shape ${shapeStr(ref)} using a Tensor with shape ${shapeStr(update)}, shapes must be equal.`,
        step.op.name,
      );
    }
    return;
  }
  const names = OP_DEFS[step.op.type].inputs.map((i) => i.name);
  names.forEach((name, i) => {
    const s = inputs[i]!.shape;
    if (i === 0) return;
    if (refs.includes(i) || name === 'grad') {
      if (!sameShape(ref, s)) throw new InvalidArgumentError(`var and ${name} do not have the same shape${shapeStr(ref)} ${shapeStr(s)}`, step.op.name);
    } else if (s.length !== 0) {
      throw new InvalidArgumentError(`${name} is not a scalar: ${shapeStr(s)}`, step.op.name);
    }
  });
}

/** The variable whose storage a ref-writing op's input 0 is (through views, other writers and the loop's Ref* ops), or null. */
export function refVariable(op: Operation): Operation | null {
  let t = op.inputs[0];
  while (t && !isVariable(t.op.type)) t = isView(t.op.type) || writesRef(t.op.type) || forwardsRef(t.op.type) ? t.op.inputs[0] : undefined;
  return t?.op ?? null;
}

/** The variable a loop plan's Assign or update op writes (refVariable), or TF1's UnimplementedError when its ref is no variable's. */
export function loopWriteTarget(op: Operation): Operation {
  const variable = refVariable(op);
  if (!variable) throw new UnimplementedError(`A plan with a while loop cannot run ${op.type} on a ref that is not a variable's (node ${op.name})`, op);
  return variable;
}
