// Host kernels of the structural array ops that take a tensor apart or turn it around (Split, SplitV, Squeeze,
// ReverseV2), with TF1 r1.12's run-time checks (split_op.cc, split_v_op.cc, squeeze_op.h, reverse_op.cc).
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';
import { copyRows } from './array_structure.js';
import { prodOf } from './util.js';

/** Split's and SplitV's axis check (TF1's wording), made non-negative. */
export function splitAxis(name: string, rank: number, value: number): number {
  const axis = value < 0 ? value + rank : value;
  if (!(axis >= 0 && axis < rank)) throw new InvalidArgumentError(`-input rank(-${rank}) <= split_dim < input rank (${rank}), but got ${value}`, name);
  return axis;
}

/** Split's part sizes along its axis: `num` equal ones, with TF1's checks. */
export function splitSizes(name: string, shape: readonly number[], axisValue: number, num: number): { axis: number; sizes: number[] } {
  const axis = splitAxis(name, shape.length, axisValue);
  const d = shape[axis]!;
  if (d % num !== 0) {
    throw new InvalidArgumentError(
      `Number of ways to split should evenly divide the split dimension, but got split_dim ${axis} (size = ${d}) and num_split ${num}`,
      name,
    );
  }
  return { axis, sizes: new Array<number>(num).fill(d / num) };
}

/** SplitV's part sizes (one -1 takes the rest), with TF1's checks. */
export function splitVSizes(name: string, shape: readonly number[], sizesT: NDArray, axisValue: number, num: number): { axis: number; sizes: number[] } {
  if (sizesT.shape.length !== 1 || sizesT.size !== num) {
    throw new InvalidArgumentError(
      `size of the split_tensor must be 1-D and have the same elements as outputs got ${sizesT.shape.length} -D and ${sizesT.size} elements`,
      name,
    );
  }
  const axis = splitAxis(name, shape.length, axisValue);
  const d = shape[axis]!;
  const sizes = Array.from(sizesT.data);
  const neg = sizes.flatMap((k, i) => (k === -1 ? [i] : []));
  if (neg.length > 1) throw new InvalidArgumentError('There can only be one -1 in the input.', name);
  const known = sizes.reduce((n, k) => (k === -1 ? n : n + k), 0);
  if ((neg.length === 0 && known !== d) || (neg.length === 1 && known > d)) {
    throw new InvalidArgumentError(
      `Determined shape must either match input shape along split_dim exactly if fully specified, or be less than the size of the input along split_dim if not fully specified.  Got: ${known}`,
      name,
    );
  }
  if (neg.length === 1) sizes[neg[0]!] = d - known;
  return { axis, sizes };
}

/** Writes the parts of `x` along `axis` of the given sizes into outputs 0.. (Split and SplitV). */
function splitInto(x: NDArray, axis: number, sizes: readonly number[], output: (i: number, shape: readonly number[]) => NDArray): void {
  const outer = prodOf(x.shape, 0, axis);
  const row = prodOf(x.shape, axis);
  const tail = prodOf(x.shape, axis + 1);
  let off = 0;
  sizes.forEach((k, i) => {
    const shape = x.shape.map((d, j) => (j === axis ? k : d));
    copyRows(x.data, row, off, output(i, shape).data, k * tail, 0, outer, k * tail);
    off += k * tail;
  });
}

const split: HostKernel<'Split'> = ({ name, inputs, attrs, output }) => {
  const x = inputs[1]!;
  const { axis, sizes } = splitSizes(name, x.shape, inputs[0]!.data[0]!, attrs.num_split);
  splitInto(x, axis, sizes, output);
};

const splitV: HostKernel<'SplitV'> = ({ name, inputs, attrs, output }) => {
  const x = inputs[0]!;
  const { axis, sizes } = splitVSizes(name, x.shape, inputs[1]!, inputs[2]!.data[0]!, attrs.num_split);
  splitInto(x, axis, sizes, output);
};

/** Squeeze's output shape, with TF1's run-time checks. */
export function squeezedShape(name: string, shape: readonly number[], squeezeDims: readonly number[]): number[] {
  const r = shape.length;
  const wanted = squeezeDims.map((d) => {
    if (d < -r || d >= r) throw new InvalidArgumentError(`Tried to squeeze dim index ${d} for tensor with ${r} dimensions.`, name);
    return d < 0 ? d + r : d;
  });
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (wanted.includes(i)) {
      if (d !== 1) throw new InvalidArgumentError(`Can not squeeze dim[${i}], expected a dimension of 1, got ${d}`, name);
    } else if (!(wanted.length === 0 && d === 1)) out.push(d);
  });
  return out;
}

/** ReverseV2's axes as a per-dimension flag, with TF1's run-time checks. */
export function reversedAxes(name: string, rank: number, axis: NDArray): boolean[] {
  if (axis.shape.length !== 1) throw new InvalidArgumentError(`'dims' must be 1-dimension, not ${axis.shape.length}`, name);
  if (rank > 8) throw new InvalidArgumentError('reverse does not work on tensors with more than 8 dimensions', name);
  const flags = new Array<boolean>(rank).fill(false);
  Array.from(axis.data).forEach((a, i) => {
    const c = a < 0 ? a + rank : a;
    if (c < 0 || c >= rank) throw new InvalidArgumentError(`'axis'[${i}] = ${a} is out of valid range [0, ${rank - 1}].`, name);
    if (flags[c]) throw new InvalidArgumentError(`axis ${c} specified more than once.`, name);
    flags[c] = true;
  });
  return flags;
}

const reverseV2: HostKernel<'ReverseV2'> = ({ name, inputs, output }) => {
  const x = inputs[0]!;
  const flags = reversedAxes(name, x.shape.length, inputs[1]!);
  const o = output(0, x.shape).data;
  const r = x.shape.length;
  const strides = x.shape.map((_, i) => prodOf(x.shape, i + 1));
  for (let i = 0; i < o.length; i++) {
    let rem = i;
    let src = 0;
    for (let k = r - 1; k >= 0; k--) {
      const d = x.shape[k]!;
      const c = rem % d;
      rem = (rem - c) / d;
      src += (flags[k] ? d - 1 - c : c) * strides[k]!;
    }
    o[i] = x.data[src]!;
  }
};

/** Kernels of Split, SplitV, Squeeze and ReverseV2, keyed by op type. */
export const ARRAY_SPLIT_KERNELS: {
  Split: HostKernel<'Split'>;
  SplitV: HostKernel<'SplitV'>;
  Squeeze: HostKernel<'Squeeze'>;
  ReverseV2: HostKernel<'ReverseV2'>;
} = {
  Split: split,
  SplitV: splitV,
  Squeeze: ({ name, inputs, attrs, output }) => {
    const x = inputs[0]!;
    output(0, squeezedShape(name, x.shape, attrs.squeeze_dims)).data.set(x.data);
  },
  ReverseV2: reverseV2,
};
