import type { HostKernel } from '../kernel.js';
import { transposeLayout, transposePerm } from './util.js';

/** Transpose(x, perm): out[i_0, .., i_r-1] = x[j] with j_perm[k] = i_k, walked over the coalesced layout. */
export const transpose: HostKernel<'Transpose'> = ({ name, inputs, output }) => {
  const x = inputs[0]!;
  const perm = transposePerm(name, x.shape, inputs[1]!);
  const o = output(
    0,
    perm.map((d) => x.shape[d]!),
  ).data;
  const n = o.length;
  if (n === 0) return;
  const src = x.data;
  const { dims, strides } = transposeLayout(x.shape, perm);
  const r = dims.length;
  if (r === 0 || (r === 1 && strides[0] === 1)) {
    for (let i = 0; i < n; i++) o[i] = src[i]!;
    return;
  }
  // The innermost output dim runs in a loop of its own; the outer ones count like an odometer.
  const inner = dims[r - 1]!;
  const step = strides[r - 1]!;
  const idx = new Array<number>(r - 1).fill(0);
  let base = 0;
  for (let p = 0; p < n; ) {
    for (let j = 0, q = base; j < inner; j++, q += step) o[p++] = src[q]!;
    for (let k = r - 2; k >= 0; k--) {
      base += strides[k]!;
      idx[k] = idx[k]! + 1;
      if (idx[k]! < dims[k]!) break;
      base -= strides[k]! * dims[k]!;
      idx[k] = 0;
    }
  }
};
