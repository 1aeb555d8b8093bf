// The TensorArray ops' host kernels: TA_KERNELS (tensor_array.ts) run on host arrays in the run's array store. A host
// kernel without a store (constant folding) refuses: the ops are stateful, so the planner never folds them.
import { UnimplementedError } from '../../framework/errors.js';
import { NDArray } from '../../framework/ndarray.js';
import type { HostKernel, KernelArgs } from '../kernel.js';
import type { TensorArrayStore } from '../tensor_array_store.js';
import { TA_KERNELS, type ElementIO, type TaKernel, type TAType } from './tensor_array.js';

/** The run's store, or TF1-style refusal where there is none. */
function storeOf<K extends TAType>(a: KernelArgs<K>): TensorArrayStore {
  if (!a.tensorArrays) throw new UnimplementedError(`TensorArray ops run on the CPU backend only (node ${a.name})`, a.name);
  return a.tensorArrays;
}

/** The host arrays' ElementIO. */
const HOST_IO: ElementIO<NDArray> = {
  wrap: (a) => a,
  rows: (v, from, to, shape) => {
    const inner = v.shape.slice(1).reduce((p, d) => p * d, 1);
    return v.dtype === 'string'
      ? new NDArray(v.strings.slice(from * inner, to * inner), shape, 'string')
      : new NDArray(v.data.slice(from * inner, to * inner), shape, v.dtype);
  },
  combine: (values, shape, dtype) => {
    const o = NDArray.zeros(shape, dtype);
    let at = 0;
    for (const v of values) {
      if (v.dtype === 'string') o.strings.splice(at, v.size, ...v.strings);
      else o.data.set(v.data, at);
      at += v.size;
    }
    return o;
  },
  zeros: (shape, dtype) => NDArray.zeros(shape, dtype),
};

/** A host kernel running a TensorArray op on the host arrays of the run's store. */
function hostKernel<K extends TAType>(k: TaKernel<K>): HostKernel<K> {
  return (a) =>
    k<NDArray>({
      name: a.name,
      attrs: a.attrs,
      inputs: a.inputs,
      host: (i) => a.inputs[i]!,
      get store() {
        return storeOf(a);
      },
      io: HOST_IO,
      out: (i, v) => {
        const o = a.output(i, v.shape);
        if (v.dtype === 'string') o.strings.splice(0, v.size, ...v.strings);
        else o.data.set(v.data);
      },
    });
}

/** The TensorArray host kernels. */
export const TENSOR_ARRAY_KERNELS = Object.fromEntries(Object.entries(TA_KERNELS).map(([k, f]) => [k, hostKernel(f as TaKernel<TAType>)])) as {
  [K in TAType]: HostKernel<K>;
};
