// MaxPool, AvgPool and their gradient helpers on NHWC values, as TF1 r1.12's CPU kernels compute them
// (maxpooling_op.cc, avgpooling_op.cc): a max window's element is the first maximum in row-major window order
// (later equal values and NaNs do not replace it), so MaxPoolGrad routes the gradient there; a SAME average
// divides by the count of the window's in-bounds elements.
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';
import { type PoolGeometry, expectShape, poolGeometry } from './pool_geometry.js';
import { shapeFromValues } from './util.js';

type Data = NDArray['data'];

/**
 * Calls `visit(o, n, hs, he, ws, we)` for every output pixel: its flat index (times the output depth gives its
 * first element) and its window's clamped rows [hs, he) and columns [ws, we). The kernels loop over the channels
 * innermost, where NHWC keeps them contiguous.
 */
function eachPixel(g: PoolGeometry, visit: (o: number, n: number, hs: number, he: number, ws: number, we: number) => void): void {
  let o = 0;
  for (let n = 0; n < g.N; n++)
    for (let y = 0; y < g.oh; y++) {
      const h0 = y * g.sh - g.padTop;
      const [hs, he] = [Math.max(h0, 0), Math.min(h0 + g.kh, g.H)];
      for (let x = 0; x < g.ow; x++) {
        const w0 = x * g.sw - g.padLeft;
        visit(o++, n, hs, he, Math.max(w0, 0), Math.min(w0 + g.kw, g.W));
      }
    }
}

/**
 * The flat input index of each channel's first maximum in one window (TF1's rule: a later element replaces the
 * kept one only when strictly greater), into `arg` (C entries); -1 for an empty window.
 */
function argmaxWindow(x: Data, g: PoolGeometry, n: number, hs: number, he: number, ws: number, we: number, arg: Int32Array): void {
  const C = g.C;
  arg.fill(-1);
  for (let h = hs; h < he; h++)
    for (let w = ws; w < we; w++) {
      const base = ((n * g.H + h) * g.W + w) * C;
      for (let c = 0; c < C; c++) {
        const b = arg[c]!;
        if (b < 0 || x[b]! < x[base + c]!) arg[c] = base + c;
      }
    }
}

/** The first maximum of each depth window (kd consecutive channels) of every pixel: TF1's depthwise max pool. */
function depthwiseMaxPool(x: Data, g: PoolGeometry, out: Data): void {
  for (let p = 0, o = 0; p < g.N * g.H * g.W; p++)
    for (let d = 0; d < g.od; d++, o++) {
      let best = x[p * g.C + d * g.kd]!;
      for (let c = 1; c < g.kd; c++) {
        const v = x[p * g.C + d * g.kd + c]!;
        if (best < v) best = v;
      }
      out[o] = best;
    }
}

const maxPool: HostKernel<'MaxPool'> = ({ name, inputs, attrs, output, fast }) => {
  const x = inputs[0]!;
  const g = poolGeometry(name, 'MaxPool', x.shape, attrs, 'CPU');
  const out = output(0, g.outShape).data;
  if (fast && x.data instanceof Float32Array && out instanceof Float32Array && fast.maxPool(g, x.data, out)) return;
  if (g.kd !== 1) return depthwiseMaxPool(x.data, g, out);
  const arg = new Int32Array(g.C);
  eachPixel(g, (o, n, hs, he, ws, we) => {
    argmaxWindow(x.data, g, n, hs, he, ws, we, arg);
    for (let c = 0; c < g.C; c++) out[o * g.C + c] = arg[c]! < 0 ? Number.NEGATIVE_INFINITY : x.data[arg[c]!]!;
  });
};

/** Checks MaxPoolGrad's and MaxPoolGradGrad's three 4-D inputs as TF1's kernels do. */
function maxGradInputs(name: string, [x, y, g]: readonly NDArray[], last: string): void {
  if (x!.shape.length !== 4) throw new InvalidArgumentError('tensor_in must be 4-dimensional', name);
  if (y!.shape.length !== 4) throw new InvalidArgumentError('tensor_out must be 4-dimensional', name);
  if (g!.shape.length !== 4) throw new InvalidArgumentError(`${last} must be 4-dimensional`, name);
}

const maxPoolGrad: HostKernel<'MaxPoolGrad'> = ({ name, inputs, attrs, output, fast }) => {
  const [x, y, dy] = [inputs[0]!, inputs[1]!, inputs[2]!];
  maxGradInputs(name, inputs, 'out_backprop');
  const g = poolGeometry(name, 'MaxPoolGrad', x.shape, attrs, 'CPU');
  expectShape(name, 'orig_output', y.shape, g.outShape);
  expectShape(name, 'grad', dy.shape, g.outShape);
  const out = output(0, x.shape).data;
  if (fast && x.data instanceof Float32Array && dy.data instanceof Float32Array && out instanceof Float32Array && fast.maxPoolGrad(g, x.data, dy.data, out))
    return;
  // Windows that cannot overlap give each input at most one term, written as it is; overlapping ones sum in doubles.
  const disjoint = g.sh >= g.kh && g.sw >= g.kw;
  const acc = disjoint ? out : new Float64Array(x.size);
  acc.fill(0);
  const arg = new Int32Array(g.C);
  eachPixel(g, (o, n, hs, he, ws, we) => {
    argmaxWindow(x.data, g, n, hs, he, ws, we, arg);
    for (let c = 0; c < g.C; c++) if (arg[c]! >= 0) acc[arg[c]!]! += dy.data[o * g.C + c]!;
  });
  if (!disjoint) out.set(acc);
};

const maxPoolGradGrad: HostKernel<'MaxPoolGradGrad'> = ({ name, inputs, attrs, output, fast }) => {
  const [x, y, ddx] = [inputs[0]!, inputs[1]!, inputs[2]!];
  maxGradInputs(name, inputs, 'out_grad_backprop');
  const g = poolGeometry(name, 'MaxPoolGradGrad', x.shape, attrs, 'CPU');
  expectShape(name, 'orig_output', y.shape, g.outShape);
  expectShape(name, 'grad', ddx.shape, x.shape);
  const out = output(0, g.outShape).data;
  if (
    fast &&
    x.data instanceof Float32Array &&
    ddx.data instanceof Float32Array &&
    out instanceof Float32Array &&
    fast.maxPoolGradGrad(g, x.data, ddx.data, out)
  )
    return;
  const arg = new Int32Array(g.C);
  eachPixel(g, (o, n, hs, he, ws, we) => {
    argmaxWindow(x.data, g, n, hs, he, ws, we, arg);
    for (let c = 0; c < g.C; c++) out[o * g.C + c] = arg[c]! < 0 ? 0 : ddx.data[arg[c]!]!;
  });
};

const avgPool: HostKernel<'AvgPool'> = ({ name, inputs, attrs, output, fast }) => {
  const x = inputs[0]!;
  const g = poolGeometry(name, 'AvgPool', x.shape, attrs, 'CPU');
  const out = output(0, g.outShape).data;
  if (fast && x.data instanceof Float32Array && out instanceof Float32Array && fast.avgPool(g, x.data, out)) return;
  const C = g.C;
  const sum = new Float64Array(C);
  eachPixel(g, (o, n, hs, he, ws, we) => {
    sum.fill(0);
    for (let h = hs; h < he; h++)
      for (let w = ws; w < we; w++) {
        const base = ((n * g.H + h) * g.W + w) * C;
        for (let c = 0; c < C; c++) sum[c]! += x.data[base + c]!;
      }
    const count = (he - hs) * (we - ws);
    for (let c = 0; c < C; c++) out[o * C + c] = sum[c]! / count;
  });
};

const avgPoolGrad: HostKernel<'AvgPoolGrad'> = ({ name, inputs, attrs, output, fast }) => {
  const [s, dy] = [inputs[0]!, inputs[1]!];
  if (s.shape.length !== 1 || s.size !== 4) throw new InvalidArgumentError('out_backprop must be 1-dimensional and 4 elements', name);
  if (dy.shape.length !== 4) throw new InvalidArgumentError('out_backprop must be 4-dimensional', name);
  const shape = shapeFromValues(s, name);
  const g = poolGeometry(name, 'AvgPoolGrad', shape, attrs, 'CPU');
  expectShape(name, 'grad', dy.shape, g.outShape);
  const out = output(0, shape).data;
  if (fast && dy.data instanceof Float32Array && out instanceof Float32Array && fast.avgPoolGrad(g, dy.data, out)) return;
  const C = g.C;
  const acc = new Float64Array(shape[0]! * shape[1]! * shape[2]! * shape[3]!);
  eachPixel(g, (o, n, hs, he, ws, we) => {
    const count = (he - hs) * (we - ws);
    for (let h = hs; h < he; h++)
      for (let w = ws; w < we; w++) {
        const base = ((n * g.H + h) * g.W + w) * C;
        for (let c = 0; c < C; c++) acc[base + c]! += dy.data[o * C + c]! / count;
      }
  });
  out.set(acc);
};

/** Host kernels of the pooling ops. */
export const NN_POOL_KERNELS: {
  MaxPool: HostKernel<'MaxPool'>;
  AvgPool: HostKernel<'AvgPool'>;
  MaxPoolGrad: HostKernel<'MaxPoolGrad'>;
  AvgPoolGrad: HostKernel<'AvgPoolGrad'>;
  MaxPoolGradGrad: HostKernel<'MaxPoolGradGrad'>;
} = { MaxPool: maxPool, AvgPool: avgPool, MaxPoolGrad: maxPoolGrad, AvgPoolGrad: avgPoolGrad, MaxPoolGradGrad: maxPoolGradGrad };
