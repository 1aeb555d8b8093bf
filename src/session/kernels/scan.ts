// Cumsum and Cumprod, as TF1's CPU kernel (scan_ops.cc): the axis checked, then each line along it scanned in the
// dtype's own arithmetic (float32 partial sums rounded to float32 as Eigen's accumulator, integers wrapping).
import type { DType } from '../../framework/dtypes.js';
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';
import { shapeStr } from './util.js';

/** The scan axis in [0, rank), or TF1's InvalidArgumentError (shared with the WebGPU kernel). */
export function scanAxis(x: readonly number[], axisT: NDArray, name: string): number {
  if (axisT.shape.length !== 0) throw new InvalidArgumentError(`ScanOp: axis must be a scalar, not ${shapeStr(axisT.shape)}`, name);
  const arg = axisT.data[0]!;
  const axis = arg < 0 ? x.length + arg : arg;
  if (!(axis >= 0 && axis < x.length))
    throw new InvalidArgumentError(`ScanOp: Expected scan axis in the range [${-x.length}, ${x.length}), but got ${axis}`, name);
  return axis;
}

/** The typed array each wrapping integer dtype lives in. */
const CELLS: Partial<Record<DType, Int32ArrayConstructor | Uint8ArrayConstructor | Int8ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor>> = {
  int32: Int32Array,
  uint8: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  uint16: Uint16Array,
};

/** A value kept as `dtype` keeps it: float32 rounded, 32-bit and narrower integers wrapped (int64 exact to 2^53). */
function rounder(dtype: DType): (v: number) => number {
  if (dtype === 'float32') return Math.fround;
  if (dtype === 'float64' || dtype === 'int64') return (v) => v;
  const cell = new (CELLS[dtype] ?? Int32Array)(1);
  return (v) => {
    cell[0] = v;
    return cell[0]!;
  };
}

function scanKernel<K extends 'Cumsum' | 'Cumprod'>(prod: boolean): HostKernel<K> {
  return ({ name, inputs, attrs, output }) => {
    const x = inputs[0]!;
    const axis = scanAxis(x.shape, inputs[1]!, name);
    const out = output(0, x.shape);
    if (x.size === 0) return;
    const len = x.shape[axis]!;
    const inner = x.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
    const outer = x.size / (len * inner);
    const round = rounder(x.dtype);
    // int32 products: Math.imul, exact where a double product would lose the low bits.
    const op = prod ? (x.dtype === 'int32' ? Math.imul : (a: number, b: number) => round(a * b)) : (a: number, b: number) => round(a + b);
    const d = x.data;
    const o = out.data;
    for (let p = 0; p < outer; p++) {
      for (let q = 0; q < inner; q++) {
        const base = p * len * inner + q;
        let acc = prod ? 1 : 0;
        for (let k = 0; k < len; k++) {
          const pos = base + (attrs.reverse ? len - 1 - k : k) * inner;
          if (attrs.exclusive) {
            o[pos] = acc;
            acc = op(acc, d[pos]!);
          } else {
            acc = op(acc, d[pos]!);
            o[pos] = acc;
          }
        }
      }
    }
  };
}

/** The host kernels of Cumsum and Cumprod. */
export const SCAN_KERNELS: { Cumsum: HostKernel<'Cumsum'>; Cumprod: HostKernel<'Cumprod'> } = {
  Cumsum: scanKernel<'Cumsum'>(false),
  Cumprod: scanKernel<'Cumprod'>(true),
};
