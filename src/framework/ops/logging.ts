// Assert (tensorflow/core/ops/logging_ops.cc): `condition: bool`, `data: T` with `T: list(type)`, attr
// `summarize: int = 3`, stateful, no outputs (shape_inference::NoOutputs). TF1 registers it NotDifferentiable
// (python/ops/control_flow_ops.py). Its kernel (session/kernels/logging.ts) fails the run with
// InvalidArgumentError "assertion failed: [...] [...]" when the condition is false.
// Print: `input: T`, `data: U` with `U: list(type)`, attrs `message: string = ""`, `first_n: int = -1`,
// `summarize: int = 3`, stateful; its output is its input, and it writes the message and each data tensor to
// stderr. TF1 r1.12's logging_ops.py passes the gradient through to the input (`_PrintGrad`).
import { ALL_DTYPES } from '../dtypes.js';
import type { OpDefs } from '../op_def.js';
import { one, inShape } from '../shape_util.js';

/** The attributes of Assert and Print. */
export interface LoggingAttrs {
  Assert: { summarize: number };
  Print: { message: string; first_n: number; summarize: number };
}

/** Definitions of Assert and Print. */
export const LOGGING_OPS: OpDefs<LoggingAttrs> = {
  Assert: {
    inputs: [
      { name: 'condition', type: 'bool' },
      { name: 'data', type: { attr: 'T', allowed: ALL_DTYPES }, typeList: true },
    ],
    attrs: { summarize: 'int' },
    // Its failure is its effect: never folded, and kept when only a control edge reads it.
    flags: { stateful: true, valueChecked: true },
    shape: () => [],
    grad: 'none',
  },
  Print: {
    inputs: [
      { name: 'input', type: { attr: 'T', allowed: ALL_DTYPES } },
      { name: 'data', type: { attr: 'U', allowed: ALL_DTYPES }, typeList: true },
    ],
    attrs: { message: 'string', first_n: 'int', summarize: 'int' },
    // Its writing is its effect: never folded or cached.
    flags: { stateful: true },
    shape: (c) => one(c.inputs[0]!.dtype, inShape(c, 0)),
    grad: (op, [g]) => [g ?? null, ...op.inputs.slice(1).map(() => null)],
  },
};
