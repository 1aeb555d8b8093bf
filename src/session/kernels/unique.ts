// Unique and UniqueWithCounts on the host (tensorflow/core/kernels/unique_op.cc): distinct values in order of first
// appearance. TF1 keys a hash map by value, so 0 and -0 are one value and each NaN is its own.
import { InvalidArgumentError } from '../../framework/errors.js';
import type { HostArray } from '../../framework/dtypes.js';
import type { HostKernel, KernelArgs } from '../kernel.js';
import { onStringIds } from './strings.js';

/** Each element's position among the distinct values, and the first element of each distinct value. */
function positions(x: { shape: readonly number[]; data: HostArray }): { idx: Float64Array; firsts: number[] } {
  const n = x.data.length;
  const idx = new Float64Array(n);
  const firsts: number[] = [];
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = x.data[i]!;
    const nan = Number.isNaN(v);
    let at = nan ? undefined : seen.get(v);
    if (at === undefined) {
      at = firsts.push(i) - 1;
      if (!nan) seen.set(v, at);
    }
    idx[i] = at;
  }
  return { idx, firsts };
}

/** Unique's and UniqueWithCounts' shared body; `counts` adds the third output. */
function uniqueKernel<K extends 'Unique' | 'UniqueWithCounts'>(counts: boolean): HostKernel<K> {
  return ({ name, inputs, output }: KernelArgs<K>) => {
    const x = inputs[0]!;
    if (x.shape.length !== 1) throw new InvalidArgumentError('unique expects a 1D vector.', name);
    const { idx, firsts } = positions(x);
    const y = output(0, [firsts.length]).data;
    for (let j = 0; j < firsts.length; j++) y[j] = x.data[firsts[j]!]!;
    output(1, [idx.length]).data.set(idx);
    if (!counts) return;
    const c = output(2, [firsts.length]).data;
    for (let i = 0; i < idx.length; i++) c[idx[i]!]!++;
  };
}

/** Host kernels of Unique and UniqueWithCounts (string inputs through their element ids). */
export const UNIQUE_KERNELS: { Unique: HostKernel<'Unique'>; UniqueWithCounts: HostKernel<'UniqueWithCounts'> } = {
  Unique: onStringIds(uniqueKernel<'Unique'>(false)),
  UniqueWithCounts: onStringIds(uniqueKernel<'UniqueWithCounts'>(true)),
};
