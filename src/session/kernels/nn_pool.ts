// MaxPool, AvgPool and their gradient helpers on NHWC values, as TF1 r1.12's CPU kernels compute them
// (maxpooling_op.cc, avgpooling_op.cc): a max window's element is the first maximum in row-major window order
// (later equal values and NaNs do not replace it), so MaxPoolGrad routes the gradient there; a SAME average
// divides by the count of the window's in-bounds elements.
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';
import { type PoolGeometry, expectShape, poolGeometry } from './pool_geometry.js';
import { shapeFromValues } from './util.js';

/** Calls `visit(outIndex, hs, he, ws, we, d)` for every output element: its clamped window rows [hs, he) and columns [ws, we). */
function eachWindow(g: PoolGeometry, visit: (o: number, n: number, hs: number, he: number, ws: number, we: number, d: number) => void): void {
  let o = 0;
  for (let n = 0; n < g.N; n++)
    for (let y = 0; y < g.oh; y++) {
      const h0 = y * g.sh - g.padTop;
      const [hs, he] = [Math.max(h0, 0), Math.min(h0 + g.kh, g.H)];
      for (let x = 0; x < g.ow; x++) {
        const w0 = x * g.sw - g.padLeft;
        const [ws, we] = [Math.max(w0, 0), Math.min(w0 + g.kw, g.W)];
        for (let d = 0; d < g.od; d++) visit(o++, n, hs, he, ws, we, d);
      }
    }
}

/** The flat input index of the first maximum of a window (-1 for an empty one), depth window kd from channel d * kd. */
function argmaxOf(x: NDArray['data'], g: PoolGeometry, n: number, hs: number, he: number, ws: number, we: number, d: number): number {
  let best = -1;
  for (let h = hs; h < he; h++)
    for (let w = ws; w < we; w++) {
      const base = ((n * g.H + h) * g.W + w) * g.C;
      for (let c = d * g.kd; c < d * g.kd + g.kd; c++) {
        const i = base + c;
        if (best < 0 || x[best]! < x[i]!) best = i;
      }
    }
  return best;
}

const maxPool: HostKernel<'MaxPool'> = ({ name, inputs, attrs, output }) => {
  const x = inputs[0]!;
  const g = poolGeometry(name, 'MaxPool', x.shape, attrs, 'CPU');
  const out = output(0, g.outShape).data;
  eachWindow(g, (o, n, hs, he, ws, we, d) => {
    const i = argmaxOf(x.data, g, n, hs, he, ws, we, d);
    out[o] = i < 0 ? Number.NEGATIVE_INFINITY : x.data[i]!;
  });
};

const maxPoolGrad: HostKernel<'MaxPoolGrad'> = ({ name, inputs, attrs, output }) => {
  const [x, y, dy] = [inputs[0]!, inputs[1]!, inputs[2]!];
  if (x.shape.length !== 4) throw new InvalidArgumentError('tensor_in must be 4-dimensional', name);
  if (y.shape.length !== 4) throw new InvalidArgumentError('tensor_out must be 4-dimensional', name);
  if (dy.shape.length !== 4) throw new InvalidArgumentError('out_backprop must be 4-dimensional', name);
  const g = poolGeometry(name, 'MaxPoolGrad', x.shape, attrs, 'CPU');
  expectShape(name, 'orig_output', y.shape, g.outShape);
  expectShape(name, 'grad', dy.shape, g.outShape);
  const acc = new Float64Array(x.size);
  eachWindow(g, (o, n, hs, he, ws, we, d) => {
    const i = argmaxOf(x.data, g, n, hs, he, ws, we, d);
    if (i >= 0) acc[i]! += dy.data[o]!;
  });
  output(0, x.shape).data.set(acc);
};

const maxPoolGradGrad: HostKernel<'MaxPoolGradGrad'> = ({ name, inputs, attrs, output }) => {
  const [x, y, ddx] = [inputs[0]!, inputs[1]!, inputs[2]!];
  if (x.shape.length !== 4) throw new InvalidArgumentError('tensor_in must be 4-dimensional', name);
  if (y.shape.length !== 4) throw new InvalidArgumentError('tensor_out must be 4-dimensional', name);
  if (ddx.shape.length !== 4) throw new InvalidArgumentError('out_grad_backprop must be 4-dimensional', name);
  const g = poolGeometry(name, 'MaxPoolGradGrad', x.shape, attrs, 'CPU');
  expectShape(name, 'orig_output', y.shape, g.outShape);
  expectShape(name, 'grad', ddx.shape, x.shape);
  const out = output(0, g.outShape).data;
  eachWindow(g, (o, n, hs, he, ws, we, d) => {
    const i = argmaxOf(x.data, g, n, hs, he, ws, we, d);
    out[o] = i < 0 ? 0 : ddx.data[i]!;
  });
};

const avgPool: HostKernel<'AvgPool'> = ({ name, inputs, attrs, output }) => {
  const x = inputs[0]!;
  const g = poolGeometry(name, 'AvgPool', x.shape, attrs, 'CPU');
  const out = output(0, g.outShape).data;
  eachWindow(g, (o, n, hs, he, ws, we, d) => {
    let s = 0;
    for (let h = hs; h < he; h++) for (let w = ws; w < we; w++) s += x.data[((n * g.H + h) * g.W + w) * g.C + d]!;
    out[o] = s / ((he - hs) * (we - ws));
  });
};

const avgPoolGrad: HostKernel<'AvgPoolGrad'> = ({ name, inputs, attrs, output }) => {
  const [s, dy] = [inputs[0]!, inputs[1]!];
  if (s.shape.length !== 1 || s.size !== 4) throw new InvalidArgumentError('out_backprop must be 1-dimensional and 4 elements', name);
  if (dy.shape.length !== 4) throw new InvalidArgumentError('out_backprop must be 4-dimensional', name);
  const shape = shapeFromValues(s, name);
  const g = poolGeometry(name, 'AvgPoolGrad', shape, attrs, 'CPU');
  expectShape(name, 'grad', dy.shape, g.outShape);
  const acc = new Float64Array(shape[0]! * shape[1]! * shape[2]! * shape[3]!);
  eachWindow(g, (o, n, hs, he, ws, we, d) => {
    const v = dy.data[o]! / ((he - hs) * (we - ws));
    for (let h = hs; h < he; h++) for (let w = ws; w < we; w++) acc[((n * g.H + h) * g.W + w) * g.C + d]! += v;
  });
  output(0, shape).data.set(acc);
};

/** Host kernels of the pooling ops. */
export const NN_POOL_KERNELS: {
  MaxPool: HostKernel<'MaxPool'>;
  AvgPool: HostKernel<'AvgPool'>;
  MaxPoolGrad: HostKernel<'MaxPoolGrad'>;
  AvgPoolGrad: HostKernel<'AvgPoolGrad'>;
  MaxPoolGradGrad: HostKernel<'MaxPoolGradGrad'>;
} = { MaxPool: maxPool, AvgPool: avgPool, MaxPoolGrad: maxPoolGrad, AvgPoolGrad: avgPoolGrad, MaxPoolGradGrad: maxPoolGradGrad };
