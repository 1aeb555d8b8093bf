// The pooling ops on the GPU: the geometry checked on the host as the CPU kernels check it (NCHW allowed here,
// as TF1's GPU kernels allow it; depthwise max pooling refused, as TF1 refuses it off the CPU).
import type { PoolAttrs } from '../../../framework/ops/nn_pool.js';
import { InvalidArgumentError } from '../../../framework/errors.js';
import { type PoolGeometry, type PoolOp, expectShape, poolGeometry } from '../../kernels/pool_geometry.js';
import { shapeFromValues } from '../../kernels/util.js';
import type { GpuKernel, GpuKernelArgs } from '../kernel.js';
import { type PoolKind, poolProgram } from '../programs/nn_pool.js';
import { flatGrid } from '../programs/wgsl.js';

const uniforms = (n: number, g: PoolGeometry): number[] => [n, g.N, g.H, g.W, g.C, g.oh, g.ow, g.kh, g.kw, g.sh, g.sw, g.padTop, g.padLeft];

/** Dispatches `kind` over `n` threads. */
function run<K extends PoolOp>(args: GpuKernelArgs<K>, kind: PoolKind, g: PoolGeometry, inputs: GpuKernelArgs<K>['inputs'], outShape: readonly number[]): void {
  const out = args.output(0, outShape);
  if (out.size === 0) return;
  const a = args.attrs as PoolAttrs;
  args.dispatch({
    program: poolProgram(kind, out.dtype, a.data_format === 'NCHW'),
    inputs,
    outputs: [out],
    uniforms: uniforms(out.size, g),
    workgroups: flatGrid(out.size, args.limits),
  });
}

function rank4(name: string, shape: readonly number[], what: string): void {
  if (shape.length !== 4) throw new InvalidArgumentError(`${what} must be 4-dimensional`, name);
}

/** WebGPU kernels of the pooling ops. */
export const NN_POOL_GPU: {
  MaxPool: GpuKernel<'MaxPool'>;
  AvgPool: GpuKernel<'AvgPool'>;
  MaxPoolGrad: GpuKernel<'MaxPoolGrad'>;
  AvgPoolGrad: GpuKernel<'AvgPoolGrad'>;
  MaxPoolGradGrad: GpuKernel<'MaxPoolGradGrad'>;
} = {
  MaxPool: {
    run(a) {
      const g = poolGeometry(a.name, 'MaxPool', a.inputs[0]!.shape, a.attrs, 'GPU');
      run(a, 'max', g, [a.inputs[0]!], g.outShape);
    },
  },
  AvgPool: {
    run(a) {
      const g = poolGeometry(a.name, 'AvgPool', a.inputs[0]!.shape, a.attrs, 'GPU');
      run(a, 'avg', g, [a.inputs[0]!], g.outShape);
    },
  },
  MaxPoolGrad: {
    run(a) {
      const [x, y, dy] = [a.inputs[0]!, a.inputs[1]!, a.inputs[2]!];
      rank4(a.name, x.shape, 'tensor_in');
      rank4(a.name, y.shape, 'tensor_out');
      rank4(a.name, dy.shape, 'out_backprop');
      const g = poolGeometry(a.name, 'MaxPoolGrad', x.shape, a.attrs, 'GPU');
      expectShape(a.name, 'orig_output', y.shape, g.outShape);
      expectShape(a.name, 'grad', dy.shape, g.outShape);
      run(a, 'max_grad', g, [x, dy], x.shape);
    },
  },
  AvgPoolGrad: {
    hostInputs: () => [0],
    run(a) {
      const s = a.host(0);
      const dy = a.inputs[1]!;
      if (s.shape.length !== 1 || s.size !== 4) throw new InvalidArgumentError('out_backprop must be 1-dimensional and 4 elements', a.name);
      rank4(a.name, dy.shape, 'out_backprop');
      const shape = shapeFromValues(s, a.name);
      const g = poolGeometry(a.name, 'AvgPoolGrad', shape, a.attrs, 'GPU');
      expectShape(a.name, 'grad', dy.shape, g.outShape);
      run(a, 'avg_grad', g, [dy], shape);
    },
  },
  MaxPoolGradGrad: {
    run(a) {
      const [x, y, ddx] = [a.inputs[0]!, a.inputs[1]!, a.inputs[2]!];
      rank4(a.name, x.shape, 'tensor_in');
      rank4(a.name, y.shape, 'tensor_out');
      rank4(a.name, ddx.shape, 'out_grad_backprop');
      const g = poolGeometry(a.name, 'MaxPoolGradGrad', x.shape, a.attrs, 'GPU');
      expectShape(a.name, 'orig_output', y.shape, g.outShape);
      expectShape(a.name, 'grad', ddx.shape, x.shape);
      run(a, 'max_grad_grad', g, [x, ddx], g.outShape);
    },
  },
};
