// DepthwiseConv2dNative and its backprops on WebGPU: the host kernels' checks and geometry (NHWC only, as the CPU's),
// then one thread per output element.
import type { DepthwiseAttrs } from '../../../framework/ops/nn_depthwise.js';
import { UnimplementedError } from '../../../framework/errors.js';
import { depthwiseBackpropGeometry, depthwiseGeometry, depthwiseSizes, formatShape, type DepthwiseGeometry } from '../../kernels/nn_depthwise.js';
import type { GpuKernel } from '../kernel.js';
import { depthwiseBackpropFilterProgram, depthwiseBackpropInputProgram, depthwiseProgram } from '../programs/nn_depthwise.js';
import { flatGrid } from '../programs/wgsl.js';

/** The programs' uniforms: the geometry, then the output's element count. */
const uniforms = (g: DepthwiseGeometry, n: number): number[] => [g.B, g.IH, g.IW, g.IC, g.FH, g.FW, g.DM, g.OH, g.OW, g.s, g.padTop, g.padLeft, n];

/** NCHW, which TF1's GPU kernels run, is refused here as on the CPU. */
function nhwcOnly(name: string, a: DepthwiseAttrs): void {
  if (a.data_format !== 'NHWC') throw new UnimplementedError('Depthwise convolution on WebGPU is only supported for NHWC format', name);
}

/** DepthwiseConv2dNative: one thread per output element. */
const forward: GpuKernel<'DepthwiseConv2dNative'> = {
  run({ name, inputs, attrs, output, dispatch, limits }) {
    const [x, f] = [inputs[0]!, inputs[1]!];
    const g = depthwiseGeometry(name, x.shape, f.shape, attrs);
    const out = output(0, formatShape(attrs, g.B, g.OH, g.OW, g.OC));
    if (out.size === 0) return;
    nhwcOnly(name, attrs);
    dispatch({ program: depthwiseProgram(), inputs: [x, f], outputs: [out], uniforms: uniforms(g, out.size), workgroups: flatGrid(out.size, limits) });
  },
};

/** DepthwiseConv2dNativeBackpropInput: input_sizes on the host (it sizes the output), one thread per input element. */
const backpropInput: GpuKernel<'DepthwiseConv2dNativeBackpropInput'> = {
  hostInputs: () => [0],
  run({ name, inputs, attrs, host, output, dispatch, limits }) {
    const [f, dy] = [inputs[1]!, inputs[2]!];
    const sizes = depthwiseSizes(name, host(0), 'input_sizes');
    const g = depthwiseBackpropGeometry(name, 'DepthwiseConv2DBackpropInput', sizes, f.shape, dy.shape, attrs);
    const out = output(0, sizes);
    if (out.size === 0) return;
    nhwcOnly(name, attrs);
    const program = depthwiseBackpropInputProgram();
    dispatch({ program, inputs: [f, dy], outputs: [out], uniforms: uniforms(g, out.size), workgroups: flatGrid(out.size, limits) });
  },
};

/** DepthwiseConv2dNativeBackpropFilter: filter_sizes on the host, one thread per filter element. */
const backpropFilter: GpuKernel<'DepthwiseConv2dNativeBackpropFilter'> = {
  hostInputs: () => [1],
  run({ name, inputs, attrs, host, output, dispatch, limits }) {
    const [x, dy] = [inputs[0]!, inputs[2]!];
    const sizes = depthwiseSizes(name, host(1), 'filter_sizes');
    const g = depthwiseBackpropGeometry(name, 'DepthwiseConv2DBackpropFilter', x.shape, sizes, dy.shape, attrs);
    const out = output(0, sizes);
    if (out.size === 0) return;
    nhwcOnly(name, attrs);
    const program = depthwiseBackpropFilterProgram();
    dispatch({ program, inputs: [x, dy], outputs: [out], uniforms: uniforms(g, out.size), workgroups: flatGrid(out.size, limits) });
  },
};

/** WebGPU kernels of DepthwiseConv2dNative and its backprops. */
export const NN_DEPTHWISE_GPU: {
  DepthwiseConv2dNative: GpuKernel<'DepthwiseConv2dNative'>;
  DepthwiseConv2dNativeBackpropInput: GpuKernel<'DepthwiseConv2dNativeBackpropInput'>;
  DepthwiseConv2dNativeBackpropFilter: GpuKernel<'DepthwiseConv2dNativeBackpropFilter'>;
} = {
  DepthwiseConv2dNative: forward,
  DepthwiseConv2dNativeBackpropInput: backpropInput,
  DepthwiseConv2dNativeBackpropFilter: backpropFilter,
};
