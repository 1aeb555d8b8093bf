// Host kernels of the structural array ops (ConcatV2, ConcatOffset, Pack, Unpack, ShapeN, Slice, Pad, PadV2),
// with TF1 r1.12's run-time checks (concat_op.cc, pack_op.cc, unpack_op.cc, slice_op.cc, pad_op.cc).
import type { HostArray } from '../../framework/dtypes.js';
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';
import { prodOf, sameShape, shapeStr } from './util.js';

/** Copies `outer` rows of `inner` elements: row o of src (at o·srcRow + srcOff) to row o of dst (at o·dstRow + dstOff). */
export function copyRows(src: HostArray, srcRow: number, srcOff: number, dst: HostArray, dstRow: number, dstOff: number, outer: number, inner: number): void {
  if (inner === 0) return;
  for (let o = 0; o < outer; o++) {
    const s = o * srcRow + srcOff;
    dst.set(src.subarray(s, s + inner), o * dstRow + dstOff);
  }
}

/**
 * Copies the box of `size` at `srcBegin` in src (of `srcShape`) to `dstBegin` in dst (of `dstShape`), a run of
 * the last dimension at a time.
 */
export function copyBox(
  src: HostArray,
  srcShape: readonly number[],
  srcBegin: readonly number[],
  dst: HostArray,
  dstShape: readonly number[],
  dstBegin: readonly number[],
  size: readonly number[],
): void {
  const r = size.length;
  if (prodOf(size) === 0) return;
  if (r === 0) {
    dst[0] = src[0]!;
    return;
  }
  const ss = srcShape.map((_, i) => prodOf(srcShape, i + 1));
  const ds = dstShape.map((_, i) => prodOf(dstShape, i + 1));
  const run = size[r - 1]!;
  const idx = new Array<number>(r - 1).fill(0);
  for (;;) {
    let s = srcBegin[r - 1]!;
    let d = dstBegin[r - 1]!;
    for (let k = 0; k < r - 1; k++) {
      s += (srcBegin[k]! + idx[k]!) * ss[k]!;
      d += (dstBegin[k]! + idx[k]!) * ds[k]!;
    }
    dst.set(src.subarray(s, s + run), d);
    let k = r - 2;
    while (k >= 0 && ++idx[k]! === size[k]!) idx[k--] = 0;
    if (k < 0) return;
  }
}

/** ConcatV2's checks and output shape; the axis made non-negative. */
export function concatLayout(name: string, values: readonly { shape: readonly number[] }[], axisValue: number): { axis: number; shape: number[] } {
  const s0 = values[0]!.shape;
  const r = s0.length;
  const axis = axisValue < 0 ? axisValue + r : axisValue;
  if (!(axis >= 0 && axis < r)) {
    throw new InvalidArgumentError(`ConcatOp : Expected concatenating dimensions in the range [${-r}, ${r}), but got ${axisValue}`, name);
  }
  let total = 0;
  values.forEach((v, i) => {
    if (v.shape.length !== r) {
      throw new InvalidArgumentError(
        `ConcatOp : Ranks of all input tensors should match: shape[0] = ${shapeStr(s0)} vs. shape[${i}] = ${shapeStr(v.shape)}`,
        name,
      );
    }
    for (let j = 0; j < r; j++) {
      if (j !== axis && v.shape[j] !== s0[j]) {
        throw new InvalidArgumentError(`ConcatOp : Dimensions of inputs should match: shape[0] = ${shapeStr(s0)} vs. shape[${i}] = ${shapeStr(v.shape)}`, name);
      }
    }
    total += v.shape[axis]!;
  });
  const shape = [...s0];
  shape[axis] = total;
  return { axis, shape };
}

const concatV2: HostKernel<'ConcatV2'> = ({ name, inputs, output }) => {
  const n = inputs.length - 1;
  const axisT = inputs[n]!;
  if (axisT.shape.length !== 0) throw new InvalidArgumentError(`axis tensor should be a scalar integer, but got shape ${shapeStr(axisT.shape)}`, name);
  const values = inputs.slice(0, n);
  const { axis, shape } = concatLayout(name, values, axisT.data[0]!);
  const o = output(0, shape).data;
  const outer = prodOf(shape, 0, axis);
  const row = prodOf(shape, axis);
  let off = 0;
  for (const v of values) {
    const inner = prodOf(v.shape, axis);
    copyRows(v.data, inner, 0, o, row, off, outer, inner);
    off += inner;
  }
};

const concatOffset: HostKernel<'ConcatOffset'> = ({ name, inputs, output }) => {
  const cd = inputs[0]!;
  if (cd.size !== 1) throw new InvalidArgumentError(`Concat dim tensor should be a scalar integer, but got shape ${shapeStr(cd.shape)}`, name);
  const shapes = inputs.slice(1);
  shapes.forEach((s, i) => {
    if (s.shape.length !== 1) throw new InvalidArgumentError(`input ${i} should be a vector, but got shape ${shapeStr(s.shape)}`, name);
  });
  const s0 = shapes[0]!.data;
  const dims = s0.length;
  const c = cd.data[0]!;
  const axis = c < 0 ? c + dims : c;
  if (!(axis >= 0 && axis < dims)) throw new InvalidArgumentError(`Concat dim is out of range: ${c} vs. ${dims}`, name);
  let offset = 0;
  shapes.forEach((s, i) => {
    if (s.size !== dims) throw new InvalidArgumentError(`input ${i} should contain ${dims} elements, but got ${s.size}`, name);
    const o = output(i, [dims]).data;
    for (let j = 0; j < dims; j++) {
      if (j === axis) {
        o[j] = offset;
        offset += s.data[j]!;
      } else {
        if (s.data[j] !== s0[j]) {
          throw new InvalidArgumentError(
            `All dimensions except ${axis} must match. Input ${i} has shape [${Array.from(s.data).join(' ')}] and doesn't match input 0 with shape [${Array.from(s0).join(' ')}].`,
            name,
          );
        }
        o[j] = 0;
      }
    }
  });
};

const pack: HostKernel<'Pack'> = ({ name, inputs, attrs, output }) => {
  const s0 = inputs[0]!.shape;
  const n = s0.length + 1;
  const axis = attrs.axis < 0 ? attrs.axis + n : attrs.axis;
  if (!(axis >= 0 && axis < n)) throw new InvalidArgumentError(`axis = ${attrs.axis} not in [${-n}, ${n})`, name);
  inputs.forEach((t, i) => {
    if (!sameShape(t.shape, s0)) {
      throw new InvalidArgumentError(`Shapes of all inputs must match: values[0].shape = ${shapeStr(s0)} != values[${i}].shape = ${shapeStr(t.shape)}`, name);
    }
  });
  const shape = [...s0];
  shape.splice(axis, 0, inputs.length);
  const o = output(0, shape).data;
  const outer = prodOf(s0, 0, axis);
  const inner = prodOf(s0, axis);
  inputs.forEach((t, i) => copyRows(t.data, inner, 0, o, inner * inputs.length, i * inner, outer, inner));
};

const unpack: HostKernel<'Unpack'> = ({ name, inputs, attrs, output }) => {
  const x = inputs[0]!;
  const r = x.shape.length;
  const axis = attrs.axis < 0 ? attrs.axis + r : attrs.axis;
  if (!(axis >= 0 && axis < r)) throw new InvalidArgumentError(`axis = ${attrs.axis} not in [${-r}, ${r})`, name);
  const num = attrs.num;
  if (x.shape[axis] !== num) throw new InvalidArgumentError(`Input shape axis ${axis} must equal ${num}, got shape ${shapeStr(x.shape)}`, name);
  const shape = x.shape.filter((_, i) => i !== axis);
  const outer = prodOf(x.shape, 0, axis);
  const inner = prodOf(x.shape, axis + 1);
  for (let i = 0; i < num; i++) copyRows(x.data, num * inner, i * inner, output(i, shape).data, inner, 0, outer, inner);
};

/** Slice's checks and sizes (TF1's SharedValidation), with size -1 resolved to the rest of the dimension. */
export function sliceLayout(name: string, shape: readonly number[], begin: NDArray, size: NDArray): { begin: number[]; size: number[] } {
  const r = shape.length;
  if (begin.shape.length !== 1 || size.shape.length !== 1 || begin.size !== r || size.size !== r) {
    throw new InvalidArgumentError(
      `Expected begin and size arguments to be 1-D tensors of size ${r}, but got shapes ${shapeStr(begin.shape)} and ${shapeStr(size.shape)} instead.`,
      name,
    );
  }
  const b = Array.from(begin.data);
  const s = Array.from(size.data, (v, i) => (v === -1 ? shape[i]! - b[i]! : v));
  for (let i = 0; i < r; i++) {
    const d = shape[i]!;
    if (d === 0) {
      if (b[i] !== 0 || s[i] !== 0) {
        throw new InvalidArgumentError(`Expected begin[${i}] == 0 (got ${b[i]}) and size[${i}] == 0 (got ${s[i]}) when input.dim_size(${i}) == 0`, name);
      }
    } else {
      if (!(b[i]! >= 0 && b[i]! <= d)) throw new InvalidArgumentError(`Expected begin[${i}] in [0, ${d}], but got ${b[i]}`, name);
      if (!(s[i]! >= 0 && b[i]! + s[i]! <= d)) throw new InvalidArgumentError(`Expected size[${i}] in [0, ${d - b[i]!}], but got ${s[i]}`, name);
    }
  }
  return { begin: b, size: s };
}

const slice: HostKernel<'Slice'> = ({ name, inputs, output }) => {
  const x = inputs[0]!;
  const { begin, size } = sliceLayout(name, x.shape, inputs[1]!, inputs[2]!);
  const o = output(0, size).data;
  copyBox(x.data, x.shape, begin, o, size, new Array<number>(size.length).fill(0), size);
};

/** Pad's checks (TF1's PadOp) and the paddings as [before, after] pairs. */
export function padLayout(name: string, shape: readonly number[], paddings: NDArray, constant: NDArray | null): [number, number][] {
  const p = paddings.shape;
  if (p.length !== 2 || p[1] !== 2) throw new InvalidArgumentError(`paddings must be a matrix with 2 columns: ${shapeStr(p)}`, name);
  if (p[0] !== shape.length)
    throw new InvalidArgumentError(`The first dimension of paddings must be the rank of inputs${shapeStr(p)} ${shapeStr(shape)}`, name);
  if (constant && constant.shape.length !== 0) throw new InvalidArgumentError(`constant_values must be a scalar. Found: ${shapeStr(constant.shape)}`, name);
  const out: [number, number][] = [];
  for (let i = 0; i < shape.length; i++) {
    const before = paddings.data[2 * i]!;
    const after = paddings.data[2 * i + 1]!;
    if (before < 0 || after < 0) throw new InvalidArgumentError(`Paddings must be non-negative: ${before} ${after}`, name);
    out.push([before, after]);
  }
  return out;
}

const padKernel =
  <K extends 'Pad' | 'PadV2'>(): HostKernel<K> =>
  ({ name, inputs, output }) => {
    const x = inputs[0]!;
    const constant = inputs[2] ?? null;
    const pads = padLayout(name, x.shape, inputs[1]!, constant);
    const shape = x.shape.map((d, i) => d + pads[i]![0] + pads[i]![1]);
    const o = output(0, shape).data;
    o.fill(constant ? constant.data[0]! : 0);
    copyBox(
      x.data,
      x.shape,
      new Array<number>(x.shape.length).fill(0),
      o,
      shape,
      pads.map(([b]) => b),
      x.shape,
    );
  };

/** Kernels of the structural array ops, keyed by op type. */
export const ARRAY_STRUCTURE_KERNELS: {
  ConcatV2: HostKernel<'ConcatV2'>;
  ConcatOffset: HostKernel<'ConcatOffset'>;
  Pack: HostKernel<'Pack'>;
  Unpack: HostKernel<'Unpack'>;
  ShapeN: HostKernel<'ShapeN'>;
  Slice: HostKernel<'Slice'>;
  Pad: HostKernel<'Pad'>;
  PadV2: HostKernel<'PadV2'>;
} = {
  ConcatV2: concatV2,
  ConcatOffset: concatOffset,
  Pack: pack,
  Unpack: unpack,
  ShapeN: ({ inputs, output }) => inputs.forEach((t, i) => output(i, [t.shape.length]).data.set(t.shape)),
  Slice: slice,
  Pad: padKernel<'Pad'>(),
  PadV2: padKernel<'PadV2'>(),
};
