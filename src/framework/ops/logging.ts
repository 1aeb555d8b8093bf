// Assert (tensorflow/core/ops/logging_ops.cc): `condition: bool`, `data: T` with `T: list(type)`, attr
// `summarize: int = 3`, stateful, no outputs (shape_inference::NoOutputs). TF1 registers it NotDifferentiable
// (python/ops/control_flow_ops.py). Its kernel (session/kernels/logging.ts) fails the run with
// InvalidArgumentError "assertion failed: [...] [...]" when the condition is false.
// Print: `input: T`, `data: U` with `U: list(type)`, attrs `message: string = ""`, `first_n: int = -1`,
// `summarize: int = 3`, stateful; its output is its input, and it writes the message and each data tensor to
// stderr. TF1 r1.12's logging_ops.py passes the gradient through to the input (`_PrintGrad`).
// StringFormat (core/ops/string_ops.cc): `inputs: T` with `T: list(type) >= 0`, attrs `template: string = "%s"`,
// `placeholder: string = "%s"`, `summarize: int = 3`; a string scalar, the template with each placeholder replaced
// by its input as Tensor::SummarizeValue(summarize, print_v2) prints it. PrintV2 (core/ops/logging_ops.cc): `input:
// string` (a scalar), attr `output_stream: string = "stderr"`, stateful, no outputs. r1.12 registers neither a gradient
// nor NotDifferentiable for either (logging_ops.py, string_ops.py), so both have none: reaching one is LookupError.
import { ALL_DTYPES } from '../dtypes.js';
import { TensorShape } from '../shape.js';
import { ShapeError, type OpDefs } from '../op_def.js';
import { one, inShape } from '../shape_util.js';

/** The attributes of Assert and Print. */
export interface LoggingAttrs {
  Assert: { summarize: number };
  Print: { message: string; first_n: number; summarize: number };
  StringFormat: { template: string; placeholder: string; summarize: number };
  PrintV2: { output_stream: string };
}

/** Definitions of Assert, Print, StringFormat and PrintV2. */
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
    grad: null,
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
  StringFormat: {
    inputs: [{ name: 'inputs', type: { attr: 'T', allowed: ALL_DTYPES }, typeList: true }],
    attrs: { template: 'string', placeholder: 'string', summarize: 'int' },
    // its shape function checks the template against the inputs, so a mismatch fails when the node is made
    shape: (c) => {
      const n = c.attrs.template.split(c.attrs.placeholder).length - 1;
      if (n !== c.inputs.length) throw new ShapeError(`num placeholders in template and num inputs must match: ${n} vs. ${c.inputs.length}`);
      return one('string', new TensorShape([]));
    },
    grad: null,
  },
  PrintV2: {
    inputs: [{ name: 'input', type: 'string' }],
    attrs: { output_stream: 'string' },
    // Its writing is its effect: never folded, and kept when only a control edge reads it.
    flags: { stateful: true },
    shape: (c) => {
      const s = inShape(c, 0);
      if (s.ndims !== null && s.ndims !== 0) throw new ShapeError(`Shape must be rank 0 but is rank ${s.ndims}`);
      return [];
    },
    grad: null,
  },
};
