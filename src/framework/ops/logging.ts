// Assert (tensorflow/core/ops/logging_ops.cc): `condition: bool`, `data: T` with `T: list(type)`, attr
// `summarize: int = 3`, stateful, no outputs (shape_inference::NoOutputs). TF1 registers it NotDifferentiable
// (python/ops/control_flow_ops.py). Its kernel (session/kernels/logging.ts) fails the run with
// InvalidArgumentError "assertion failed: [...] [...]" when the condition is false.
import { ALL_DTYPES } from '../dtypes.js';
import type { OpDefs } from '../op_def.js';

/** The attributes of Assert. */
export interface LoggingAttrs {
  Assert: { summarize: number };
}

/** Definition of Assert. */
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
};
