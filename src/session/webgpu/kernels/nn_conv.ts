import { backpropGeometry, conv2dGeometry, sizesOf, type ConvGeometry } from '../../kernels/nn_conv.js';
import type { GpuKernel } from '../kernel.js';
import { conv2dBackpropFilterProgram, conv2dBackpropInputProgram, conv2dProgram } from '../programs/nn_conv.js';
import { flatGrid } from '../programs/wgsl.js';

/** The programs' uniforms: the geometry, then the output's element count. */
const uniforms = (g: ConvGeometry, n: number): number[] => [
  g.B,
  g.IH,
  g.IW,
  g.IC,
  g.FH,
  g.FW,
  g.OC,
  g.OH,
  g.OW,
  g.sh,
  g.sw,
  g.dh,
  g.dw,
  g.padTop,
  g.padLeft,
  n,
];

/** Conv2D: the host kernel's checks and geometry, one thread per output element. */
const conv2d: GpuKernel<'Conv2D'> = {
  run({ name, inputs, attrs, output, dispatch, limits }) {
    const [x, f] = [inputs[0]!, inputs[1]!];
    const g = conv2dGeometry(name, x.shape, f.shape, attrs);
    const out = output(0, [g.B, g.OH, g.OW, g.OC]);
    if (out.size === 0) return;
    dispatch({ program: conv2dProgram(), inputs: [x, f], outputs: [out], uniforms: uniforms(g, out.size), workgroups: flatGrid(out.size, limits) });
  },
};

/** Conv2DBackpropInput: input_sizes on the host (it sizes the output), one thread per input element. */
const backpropInput: GpuKernel<'Conv2DBackpropInput'> = {
  hostInputs: () => [0],
  run({ name, inputs, attrs, host, output, dispatch, limits }) {
    const [f, dy] = [inputs[1]!, inputs[2]!];
    const sizes = sizesOf(name, host(0), 'input_sizes', 'Conv2DBackpropInput');
    const g = backpropGeometry(name, 'Input', sizes, f.shape, dy.shape, attrs);
    const out = output(0, sizes);
    if (out.size === 0) return;
    dispatch({
      program: conv2dBackpropInputProgram(),
      inputs: [f, dy],
      outputs: [out],
      uniforms: uniforms(g, out.size),
      workgroups: flatGrid(out.size, limits),
    });
  },
};

/** Conv2DBackpropFilter: filter_sizes on the host, one thread per filter element. */
const backpropFilter: GpuKernel<'Conv2DBackpropFilter'> = {
  hostInputs: () => [1],
  run({ name, inputs, attrs, host, output, dispatch, limits }) {
    const [x, dy] = [inputs[0]!, inputs[2]!];
    const sizes = sizesOf(name, host(1), 'filter_sizes', 'Conv2DBackpropFilter');
    const g = backpropGeometry(name, 'Filter', x.shape, sizes, dy.shape, attrs);
    const out = output(0, sizes);
    if (out.size === 0) return;
    dispatch({
      program: conv2dBackpropFilterProgram(),
      inputs: [x, dy],
      outputs: [out],
      uniforms: uniforms(g, out.size),
      workgroups: flatGrid(out.size, limits),
    });
  },
};

/** WebGPU kernels of Conv2D and its backprops. */
export const NN_CONV_GPU: {
  Conv2D: GpuKernel<'Conv2D'>;
  Conv2DBackpropInput: GpuKernel<'Conv2DBackpropInput'>;
  Conv2DBackpropFilter: GpuKernel<'Conv2DBackpropFilter'>;
} = {
  Conv2D: conv2d,
  Conv2DBackpropInput: backpropInput,
  Conv2DBackpropFilter: backpropFilter,
};
