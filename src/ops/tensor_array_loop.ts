// A TensorArray as a while loop's variable: the loop carries its flow, and the body sees a TensorArray again.
import type { Tensor } from '../graph/tensor.js';
import { TensorArray } from './tensor_array_ops.js';

/** A loop variable as the loop carries it: a TensorArray's flow, anything else as it is (TF1's _convert_tensorarray_to_flow). */
export const tensorArrayToFlow = (v: unknown): unknown => (v instanceof TensorArray ? v.flow : v);

/** Where the original loop variable was a TensorArray, one on its handle with `t` as flow (TF1's _make_tensor_array). */
export function flowToTensorArray(orig: unknown, t: Tensor): unknown {
  if (!(orig instanceof TensorArray)) return t;
  const ta = new TensorArray(orig.dtype, { handle: orig.handle, flow: t, infer_shape: orig._infer_shape });
  ta._element_shape = orig._element_shape;
  return ta;
}
