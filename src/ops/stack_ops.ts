// TF1's generated stack builders (gen_data_flow_ops.stack_v2, stack_push_v2, stack_pop_v2, stack_close_v2) and
// control_trigger: what the while loop's gradient keeps its forward values with (control_flow_state.ts).
import type { DType } from '../framework/dtypes.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { applyOp } from './apply.js';
import type { TensorLike } from './convert.js';

/** `stack_v2(max_size, elem_type, stack_name, name)`: a new stack's handle (`max_size` < 0: no limit). */
export function stack_v2(max_size: TensorLike, elem_type: DType, stack_name = '', name?: string): Tensor {
  return applyOp({ type: 'StackV2', name, defaultName: 'StackV2', inputs: [['max_size', max_size]], fallback: 'int32', attrs: { elem_type, stack_name } })
    .outputs[0]!;
}

/** `stack_push_v2(handle, elem, swap_memory, name)`: pushes `elem`, and outputs it. */
export function stack_push_v2(handle: Tensor, elem: TensorLike, swap_memory = false, name?: string): Tensor {
  return applyOp({
    type: 'StackPushV2',
    name,
    defaultName: 'StackPushV2',
    inputs: [
      ['handle', handle],
      ['elem', elem],
    ],
    shared: ['elem'],
    fallback: 'float32',
    attrs: { swap_memory },
  }).outputs[0]!;
}

/** `stack_pop_v2(handle, elem_type, name)`: the value last pushed, taken off the stack. */
export function stack_pop_v2(handle: Tensor, elem_type: DType, name?: string): Tensor {
  return applyOp({ type: 'StackPopV2', name, defaultName: 'StackPopV2', inputs: [['handle', handle]], attrs: { elem_type } }).outputs[0]!;
}

/** `stack_close_v2(handle, name)`: drops the stack's values; pushing or popping after is an error. */
export function stack_close_v2(handle: Tensor, name?: string): Operation {
  return applyOp({ type: 'StackCloseV2', name, defaultName: 'StackCloseV2', inputs: [['handle', handle]], attrs: {} });
}

/** `control_trigger(name)`: an op that does nothing, for control edges; it runs even when they are dead. */
export function control_trigger(name?: string): Operation {
  return applyOp({ type: 'ControlTrigger', name, defaultName: 'ControlTrigger', inputs: [], attrs: {} });
}
