// The stack ops of TF1's data_flow_ops.cc (StackV2, StackPushV2, StackPopV2, StackCloseV2) and ControlTrigger
// (control_flow_ops.cc). A while loop's gradient keeps the forward values it needs on stacks: the forward loop
// pushes them, the gradient loop pops them in reverse. The handle is a `resource` scalar that lives for one run
// (TF1's per-step container); the executor keeps the stacks (session/stack_store.ts). None is differentiable.
import { ALL_DTYPES, type DType } from '../dtypes.js';
import type { NoAttrs, OpDefs } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { inShape, withRank } from '../shape_util.js';

/** The attributes of the stack ops (beyond the inferred `T`). */
export interface StackAttrs {
  StackV2: { elem_type: DType; stack_name: string };
  StackPushV2: { swap_memory: boolean };
  StackPopV2: { elem_type: DType };
  StackCloseV2: NoAttrs;
  ControlTrigger: NoAttrs;
}

const STATEFUL = { stateful: true } as const;
const HANDLE = { name: 'handle', type: 'resource' } as const;

/** Definitions of the stack ops and ControlTrigger. */
export const STACK_OPS: OpDefs<StackAttrs> = {
  // max_size: an int32 scalar (a negative one: no limit)
  StackV2: {
    inputs: [{ name: 'max_size', type: 'int32' }],
    attrs: { elem_type: 'dtype', stack_name: 'string' },
    flags: STATEFUL,
    shape: (c) => {
      withRank(inShape(c, 0), 0);
      return [{ dtype: 'resource', shape: new TensorShape([]) }];
    },
    grad: 'none',
  },
  StackPushV2: {
    // a TensorArray's handle too: a gradient loop pushes the handles a forward loop made
    inputs: [HANDLE, { name: 'elem', type: { attr: 'T', allowed: [...ALL_DTYPES, 'resource'] } }],
    attrs: { swap_memory: 'bool' },
    flags: STATEFUL,
    shape: (c) => [{ dtype: c.inputs[1]!.dtype, shape: inShape(c, 1) }],
    grad: 'none',
  },
  StackPopV2: {
    inputs: [HANDLE],
    attrs: { elem_type: 'dtype' },
    flags: STATEFUL,
    shape: (c) => [{ dtype: c.attrs.elem_type, shape: TensorShape.unknown() }],
    grad: 'none',
  },
  StackCloseV2: { inputs: [HANDLE], attrs: {}, flags: STATEFUL, shape: () => [], grad: 'none' },
  // does nothing; runs even when its control inputs are dead (TF1's executor: a control trigger is always live)
  ControlTrigger: { inputs: [], attrs: {}, flags: STATEFUL, shape: () => [], grad: 'none' },
};
