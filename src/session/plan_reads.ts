// Which steps of a plan read a variable: the session refuses a run whose first read of a variable comes before any
// Assign of it while the variable has no value (TF1's "Attempting to use uninitialized value"), and the planner keeps
// reads whose only use is to fail such a run.
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { isVariable, isView } from '../framework/op_defs.js';
import type { FlowBuilder } from './flow_plan.js';
import type { PlanStep, PlanValue } from './plan.js';

const readsVariable = (o: Operation): boolean => o.inputs.some((t) => isVariable(t.op.type));

/**
 * The variable reads to keep when nothing reads their values: one that another needed op waits on (a control input)
 * runs, as in TF1, and so does one whose Shape, Size or Rank the planner folded (TF1's kernels take the value).
 */
export function controlledReads(order: readonly Operation[]): Set<Operation> {
  const out = new Set<Operation>();
  for (const op of order) {
    for (const c of op.control_inputs) if (readsVariable(c)) out.add(c);
    const x = op.inputs[0]?.op;
    if ((op.type === 'Shape' || op.type === 'Size' || op.type === 'Rank') && x && isView(x.type) && readsVariable(x)) out.add(x);
  }
  return out;
}

/**
 * Sets each variable's `reader`: the first step that reads it before any Assign of it in the run, or the variable
 * itself when fetched, or null. A RefSwitch forwards the storage without reading it (TF1 allows an uninitialized one
 * through), IsVariableInitialized asks whether it has a value, and a read that may be dead (in a cond's branch)
 * happens only when its inputs are live: that step checks it as it runs (steps.ts checkRead).
 */
export function findReaders(
  variables: { op: Operation; reader: Operation | null }[],
  steps: readonly PlanStep[],
  values: readonly PlanValue[],
  elements: readonly (Tensor | Operation)[],
  flow: FlowBuilder | null | undefined,
): void {
  for (const v of variables) {
    const read = steps.findIndex(
      (s) =>
        s.kind !== 'switch' &&
        s.op.type !== 'IsVariableInitialized' &&
        !flow?.mayNotRun(s.op) &&
        s.inputs.some((id, k) => values[id]!.tensor === v.op.outputs[0] && !(s.kind === 'assign' && k === 0)),
    );
    // An Assign of the variable earlier in the run initializes it before that read (TF1's tuple/with_dependencies on an initializer).
    const assigned = steps.findIndex((s) => s.kind === 'assign' && s.variable === v.op);
    v.reader = read >= 0 && (assigned < 0 || assigned > read) ? steps[read]!.op : null;
    // Fetching the variable itself reads it too (TF1 raises for an uninitialized one rather than returning zeros).
    if (!v.reader && elements.includes(v.op.outputs[0]!)) v.reader = v.op;
  }
}
