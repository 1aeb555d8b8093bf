// A failed run changes no variable. Session.run validates feeds, fetches and every shape it can before
// any kernel runs, but some failures depend on values (a fed shape for Reshape, an integer division by
// zero) and can come after a step has written a variable. For the plans where that can happen, the
// session keeps a copy of the variables the plan writes and puts them back if the run fails (a loop plan: when it
// writes one in a loop body).
import type { Operation } from '../graph/operation.js';
import { InternalError, InvalidArgumentError, OpError, ValueError } from '../framework/errors.js';
import { isInteger } from '../framework/dtypes.js';
import type { OpType } from '../framework/op_defs.js';
import { valueInputs, writesRef } from '../framework/op_defs.js';
import type { LoopInfo } from './loop_nodes.js';
import { writesVariable, type Plan, type PlanStep } from './plan.js';
import { refVariable } from './steps.js';

// Kernels that can fail on their input values even when every shape is known at plan time.
const VALUE_CHECKED = new Set<OpType>([
  'FloorDiv',
  'FloorMod',
  'RealDiv',
  'ArgMax',
  'DynamicStitch',
  'RandomUniformInt',
  'Pow',
  'CheckNumerics',
  'Assert',
  'SaveV2',
  'RestoreV2',
]);

// Integer division raises "Integer division by zero" (TF1's safe_div), integer Pow on a negative exponent;
// on floats they give inf or nan.
const DIVISIONS = new Set<OpType>(['FloorDiv', 'FloorMod', 'RealDiv', 'Pow']);

/**
 * Whether a step's value check is one a backend that cannot raise inside a kernel (WGSL) makes only
 * once the run has executed (Backend.checksAfterRun): integer division, whose divisor lives on the GPU, and CheckNumerics.
 */
export function checkedAfterRun(s: PlanStep): boolean {
  return s.op.type === 'CheckNumerics' || (DIVISIONS.has(s.op.type) && isInteger(s.op.outputs[0]!.dtype));
}

/** Whether a step may still fail at run time, given what the plan knows. */
function mayFail(plan: Plan, s: PlanStep): boolean {
  const t = s.op.type;
  if (s.kind === 'noop') return false;
  if (VALUE_CHECKED.has(t) && (!DIVISIONS.has(t) || isInteger(s.op.outputs[0]!.dtype))) return true;
  // A shape vector, axes or multiples unknown when planning: only the kernel can check them (axes out of range).
  if (valueInputs(t, s.inputs.length).some((k) => plan.values[s.inputs[k]!]!.kind !== 'const')) return true;
  // Every input and output shape known: the plan's shape rules have already checked the step.
  const known = (id: number): boolean => plan.values[id]!.shape !== null;
  return !(s.inputs.every(known) && s.outputs.every(known)) && !(s.kind === 'view' && s.outputs.every(known));
}

/** The variables (VariableV2 ops) a plan's steps write. */
export function writtenVariables(plan: Plan): Operation[] {
  const out = new Set<Operation>();
  for (const s of plan.steps) if (writesVariable(s)) out.add(s.variable);
  return [...out];
}

/**
 * The variables to save before running `plan`: those it writes, when some step at or after the first write
 * may fail; empty when a failure can only come before any write (the usual training step). On a backend
 * that checks some values only after the run (`checksAfterRun`), such a check anywhere puts every write at risk.
 */
export function variablesAtRisk(plan: Plan, checksAfterRun = false): Operation[] {
  if (plan.loop) return loopVariablesAtRisk(plan.loop);
  const first = plan.steps.findIndex(writesVariable);
  if (first < 0) return [];
  if (checksAfterRun && plan.steps.some(checkedAfterRun)) return writtenVariables(plan);
  return plan.steps.slice(first).some((s) => mayFail(plan, s)) ? writtenVariables(plan) : [];
}

/**
 * A loop plan's (it has no steps): every variable it writes, when one is written inside a loop body, since any op of
 * a later iteration may still fail; none when the writes are outside loops only (a training step beside a dynamic_rnn).
 */
function loopVariablesAtRisk(info: LoopInfo): Operation[] {
  const writes = info.ops.filter((op) => writesRef(op.type));
  if (!writes.some((op) => info.outDepth.get(op)! > 0)) return [];
  return [...new Set(writes.map(refVariable).filter((v): v is Operation => v !== null))];
}

/** A run-time failure as a tf.errors class: shape errors found while running are InvalidArgumentError, anything else InternalError. */
export function asRunError(e: unknown, plan: Plan | null): Error {
  if (e instanceof OpError) return e;
  if (e instanceof ValueError) return new InvalidArgumentError(e.message);
  const err = e instanceof Error ? e : new Error(String(e));
  const wrapped = new InternalError(`${err.name}: ${err.message} (${plan ? `while running a plan of ${plan.steps.length} ops` : 'while planning the run'})`);
  (wrapped as Error & { cause?: unknown }).cause = e;
  return wrapped;
}
