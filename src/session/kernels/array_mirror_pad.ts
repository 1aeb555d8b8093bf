// Host kernels of MirrorPad and MirrorPadGrad (tf.pad's REFLECT and SYMMETRIC modes), with TF1 r1.12's
// run-time checks (mirror_pad_op.cc).
import { InvalidArgumentError, UnimplementedError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';
import { prodOf, shapeStr } from './util.js';

type Mode = 'REFLECT' | 'SYMMETRIC';

/**
 * The checks of MirrorPad (`grad` false: `shape` is the input's) and MirrorPadGrad (`grad` true: `shape` is the
 * padded gradient's), and the paddings as [before, after] pairs with the unpadded shape.
 */
export function mirrorLayout(
  name: string,
  shape: readonly number[],
  paddings: NDArray,
  mode: Mode,
  grad: boolean,
): { pads: [number, number][]; inner: number[] } {
  const p = paddings.shape;
  if (p.length !== 2 || p[1] !== 2) throw new InvalidArgumentError(`paddings must be a matrix with 2 columns: ${shapeStr(p)}`, name);
  const r = shape.length;
  if (p[0] !== r) throw new InvalidArgumentError(`The first dimension of paddings must be the rank of inputs${shapeStr(p)}, ${shapeStr(shape)}`, name);
  if (r > 5) throw new UnimplementedError(`inputs rank not in [0,5]: ${r}`, name);
  const pads: [number, number][] = [];
  const inner: number[] = [];
  const offset = mode === 'REFLECT' ? 1 : 0;
  const which = grad ? 'output ' : '';
  for (let i = 0; i < r; i++) {
    const [before, after] = [paddings.data[2 * i]!, paddings.data[2 * i + 1]!];
    if (before < 0 || after < 0) throw new InvalidArgumentError(`paddings must be non-negative: ${before} ${after}`, name);
    const d = grad ? shape[i]! - before - after : shape[i]!;
    if (d < 0) throw new InvalidArgumentError(`paddings must be no greater than the dimension size: ${before}, ${after} greater than ${shape[i]}`, name);
    if (offset === 0 && !(before <= d && after <= d)) {
      throw new InvalidArgumentError(`paddings must be no greater than the ${which}dimension size: ${before}, ${after} greater than ${d}`, name);
    }
    if (offset === 1 && !(before < d && after < d)) {
      throw new InvalidArgumentError(`paddings must be less than the ${which}dimension size: ${before}, ${after} not less than ${d}`, name);
    }
    pads.push([before, after]);
    inner.push(d);
  }
  return { pads, inner };
}

/** The coordinate of the unpadded array (size `d`, `before` padded) that padded coordinate `c` mirrors. */
export function mirrored(c: number, before: number, d: number, mode: Mode): number {
  const j = c - before;
  if (j < 0) return mode === 'REFLECT' ? -j : -j - 1;
  if (j >= d) return mode === 'REFLECT' ? 2 * d - 2 - j : 2 * d - 1 - j;
  return j;
}

/** For each element of the padded shape `outer`, the index of the unpadded element (of shape `inner`) it mirrors. */
function sources(outer: readonly number[], inner: readonly number[], pads: readonly [number, number][], mode: Mode): Int32Array {
  const n = prodOf(outer);
  const r = outer.length;
  const strides = inner.map((_, i) => prodOf(inner, i + 1));
  const src = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let rem = i;
    let s = 0;
    for (let k = r - 1; k >= 0; k--) {
      const c = rem % outer[k]!;
      rem = (rem - c) / outer[k]!;
      s += mirrored(c, pads[k]![0], inner[k]!, mode) * strides[k]!;
    }
    src[i] = s;
  }
  return src;
}

const mirrorPad: HostKernel<'MirrorPad'> = ({ name, inputs, attrs, output }) => {
  const x = inputs[0]!;
  const { pads, inner } = mirrorLayout(name, x.shape, inputs[1]!, attrs.mode, false);
  const shape = inner.map((d, i) => d + pads[i]![0] + pads[i]![1]);
  const o = output(0, shape).data;
  const src = sources(shape, inner, pads, attrs.mode);
  for (let i = 0; i < o.length; i++) o[i] = x.data[src[i]!]!;
};

const mirrorPadGrad: HostKernel<'MirrorPadGrad'> = ({ name, inputs, attrs, output }) => {
  const g = inputs[0]!;
  const { pads, inner } = mirrorLayout(name, g.shape, inputs[1]!, attrs.mode, true);
  const o = output(0, inner).data;
  o.fill(0);
  const src = sources(g.shape, inner, pads, attrs.mode);
  for (let i = 0; i < g.size; i++) o[src[i]!] = o[src[i]!]! + g.data[i]!;
};

/** Kernels of MirrorPad and MirrorPadGrad, keyed by op type. */
export const MIRROR_PAD_KERNELS: { MirrorPad: HostKernel<'MirrorPad'>; MirrorPadGrad: HostKernel<'MirrorPadGrad'> } = {
  MirrorPad: mirrorPad,
  MirrorPadGrad: mirrorPadGrad,
};
