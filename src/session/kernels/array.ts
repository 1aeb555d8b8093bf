import { isSmallInt, type HostArray } from '../../framework/dtypes.js';
import { InvalidArgumentError } from '../../framework/errors.js';
import type { HostKernel } from '../kernel.js';
import { incompatible, prodOf, sameShape, shapeFromValues, shapeStr, rangeSize, tiledShape } from './util.js';

/**
 * Cast between any two dtypes. A typed-array `set` already does C's conversions for most pairs
 * (float64→float32 rounds, int64→int32 wraps, bool→anything is 0/1); float→int needs x86's
 * truncating conversion, which gives the integer minimum for NaN, infinities and values out of
 * range (TF1's cast_op_test expects INT_MIN and INT64_MIN there), and bool needs "nonzero".
 */
const cast: HostKernel<'Cast'> = ({ inputs, attrs, output }) => {
  const x = inputs[0]!;
  const o = output(0, x.shape).data;
  const d = x.data;
  const float = x.dtype === 'float32' || x.dtype === 'float64';
  if (attrs.DstT === 'bool') {
    for (let i = 0; i < d.length; i++) o[i] = d[i] !== 0 ? 1 : 0;
  } else if (float && attrs.DstT === 'int32') {
    // NaN fails both comparisons; + 0 turns trunc(-0.5) = -0 into 0.
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      o[i] = v > -2147483649 && v < 2147483648 ? Math.trunc(v) + 0 : -2147483648;
    }
  } else if (float && isSmallInt(attrs.DstT)) {
    // through int32 as x86 converts, then the narrow store wraps: static_cast<uint8>(300.5f) is 44
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      o[i] = v > -2147483649 && v < 2147483648 ? Math.trunc(v) : -2147483648;
    }
  } else if (float && attrs.DstT === 'int64') {
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      o[i] = v >= -(2 ** 63) && v < 2 ** 63 ? Math.trunc(v) + 0 : -(2 ** 63);
    }
  } else {
    o.set(d);
  }
};

/** Fill(dims, value). */
const fill: HostKernel<'Fill'> = ({ name, inputs, output }) => {
  const v = inputs[1]!;
  if (v.size !== 1) throw new InvalidArgumentError(`value must be a scalar, got shape ${shapeStr(v.shape)}`, name);
  output(0, shapeFromValues(inputs[0]!, name)).data.fill(v.data[0]!);
};

/** Shape(input) as an int vector. */
const shape: HostKernel<'Shape'> = ({ inputs, output }) => {
  const s = inputs[0]!.shape;
  output(0, [s.length]).data.set(s);
};

/** Tile(input, multiples): each axis repeated; built innermost-first, then blocks copied whole. */
const tile: HostKernel<'Tile'> = ({ name, inputs, output }) => {
  const x = inputs[0]!;
  const mult = inputs[1]!.data;
  const r = x.shape.length;
  const outShape = tiledShape(name, x.shape, mult);
  const o = output(0, outShape).data;
  if (o.length === 0) return;
  const src = x.data;
  if (r === 0) {
    o[0] = src[0]!;
    return;
  }
  // tileAxis writes the tile of input block `inOff` at axis `ax` to `outOff`; returns its length.
  const inStride = x.shape.map((_, i) => prodOf(x.shape, i + 1));
  const tileAxis = (ax: number, inOff: number, outOff: number): number => {
    const d = x.shape[ax]!;
    let len: number;
    if (ax === r - 1) {
      o.set(src.subarray(inOff, inOff + d), outOff);
      len = d;
    } else {
      len = 0;
      for (let i = 0; i < d; i++) len += tileAxis(ax + 1, inOff + i * inStride[ax]!, outOff + len);
    }
    const m = mult[ax]!;
    for (let t = 1; t < m; t++) o.copyWithin(outOff + t * len, outOff, outOff + len);
    return len * m;
  };
  tileAxis(0, 0, 0);
};

/** Range(start, limit, delta), accumulating `val += delta` in the dtype as TF1's kernel does. */
const range: HostKernel<'Range'> = ({ name, inputs, output }) => {
  const start = inputs[0]!.data[0]!;
  const limit = inputs[1]!.data[0]!;
  const delta = inputs[2]!.data[0]!;
  const int = inputs[0]!.dtype === 'int32' || inputs[0]!.dtype === 'int64';
  const size = rangeSize(name, start, limit, delta, int);
  const o = output(0, [size]).data;
  if (size === 0) return;
  o[0] = start;
  for (let i = 1; i < size; i++) o[i] = o[i - 1]! + delta;
};

/** DynamicStitch(indices..., data...): out[indices[i][...]] = data[i][...], later inputs winning. */
const dynamicStitch: HostKernel<'DynamicStitch'> = ({ name, inputs, output }) => {
  const n = inputs.length / 2;
  const idx = inputs.slice(0, n);
  const data = inputs.slice(n);
  const first = idx[0]!;
  const tail = data[0]!.shape.slice(first.shape.length);
  let max = -1;
  idx.forEach((t, i) => {
    const want = [...t.shape, ...tail];
    if (!sameShape(data[i]!.shape, want)) {
      throw new InvalidArgumentError(`data[${i}].shape = ${shapeStr(data[i]!.shape)} does not start with indices[${i}].shape = ${shapeStr(t.shape)}`, name);
    }
    for (const v of t.data) {
      if (v < 0) throw new InvalidArgumentError(`indices[${i}] is out of range`, name);
      max = Math.max(max, v);
    }
  });
  const o = output(0, [max + 1, ...tail]).data;
  o.fill(0); // rows no index names stay defined, since the buffer may be reused
  const row = prodOf(tail);
  idx.forEach((t, i) => {
    const src = data[i]!.data;
    for (let p = 0; p < t.data.length; p++) o.set(src.subarray(p * row, (p + 1) * row), t.data[p]! * row);
  });
};

/** TF1's BCast: for each side, the axes of the broadcast shape it was stretched along, ascending; a dim of 1 on both sides counts for both. */
const broadcastGradientArgs: HostKernel<'BroadcastGradientArgs'> = ({ name, inputs, output }) => {
  const sx = Array.from(inputs[0]!.data);
  const sy = Array.from(inputs[1]!.data);
  const rx: number[] = [];
  const ry: number[] = [];
  // Identical shapes take TF1's fast path: nothing to reduce, even along dims of 1.
  if (!sameShape(sx, sy)) {
    const n = Math.max(sx.length, sy.length);
    for (let i = 0; i < n; i++) {
      const x = sx[sx.length - n + i] ?? 1;
      const y = sy[sy.length - n + i] ?? 1;
      if (x === y) {
        if (x === 1) {
          rx.push(i);
          ry.push(i);
        }
      } else if (x === 1) rx.push(i);
      else if (y === 1) ry.push(i);
      else throw incompatible(sx, sy, name);
    }
  }
  output(0, [rx.length]).data.set(rx);
  output(1, [ry.length]).data.set(ry);
};

/**
 * AddN: the elementwise sum of equal-shaped inputs, rounded per addition as TF1 does. In float32 each addition runs
 * on the fast paths' Add where there are some (the same bits: a double sum of two floats rounds to the float sum), as
 * the gradient of a variable used at every step of an unrolled RNN sums one term per step.
 */
const addN: HostKernel<'AddN'> = ({ name, inputs, output, fast }) => {
  const x0 = inputs[0]!;
  for (const t of inputs) if (!sameShape(t.shape, x0.shape)) throw incompatible(x0.shape, t.shape, name);
  const out = output(0, x0.shape);
  const o: HostArray = out.data;
  if (inputs.length === 1) {
    o.set(x0.data);
    return;
  }
  for (let k = 1; k < inputs.length; k++) {
    const acc = k === 1 ? x0 : out;
    if (fast && x0.dtype === 'float32' && fast.binary('Add', acc, inputs[k]!, out)) continue;
    const a = acc.data;
    const c = inputs[k]!.data;
    for (let i = 0; i < o.length; i++) o[i] = a[i]! + c[i]!;
  }
};

/** Kernels of the array and shape ops, keyed by op type. */
export const ARRAY_KERNELS: {
  Cast: HostKernel<'Cast'>;
  Fill: HostKernel<'Fill'>;
  ZerosLike: HostKernel<'ZerosLike'>;
  OnesLike: HostKernel<'OnesLike'>;
  Tile: HostKernel<'Tile'>;
  Range: HostKernel<'Range'>;
  DynamicStitch: HostKernel<'DynamicStitch'>;
  BroadcastGradientArgs: HostKernel<'BroadcastGradientArgs'>;
  Shape: HostKernel<'Shape'>;
  Size: HostKernel<'Size'>;
  Rank: HostKernel<'Rank'>;
  AddN: HostKernel<'AddN'>;
} = {
  Cast: cast,
  Fill: fill,
  ZerosLike: ({ inputs, output }) => {
    output(0, inputs[0]!.shape).data.fill(0);
  },
  OnesLike: ({ inputs, output }) => {
    output(0, inputs[0]!.shape).data.fill(1);
  },
  Tile: tile,
  Range: range,
  DynamicStitch: dynamicStitch,
  BroadcastGradientArgs: broadcastGradientArgs,
  Shape: shape,
  Size: ({ inputs, output }) => {
    output(0, []).data[0] = inputs[0]!.size;
  },
  Rank: ({ inputs, output }) => {
    output(0, []).data[0] = inputs[0]!.shape.length;
  },
  AddN: addN,
};
