import { InvalidArgumentError } from '../../../framework/errors.js';
import { shapeStr } from '../../kernels/util.js';
import type { GpuKernel } from '../kernel.js';
import { inTopKProgram, topKProgram } from '../programs/nn_topk.js';
import { flatGrid } from '../programs/wgsl.js';

/** TopKV2: k on the host (it sizes the outputs), each input element placed by its rank in its row. */
const topK: GpuKernel<'TopKV2'> = {
  hostInputs: () => [1],
  run({ name, inputs, host, output, dispatch, limits }) {
    const x = inputs[0]!;
    const kv = host(1);
    if (kv.shape.length !== 0) throw new InvalidArgumentError(`k must be 0-D, got shape ${shapeStr(kv.shape)}`, name);
    const k = kv.data[0]!;
    if (k < 0) throw new InvalidArgumentError(`Need k >= 0, got ${k}`, name);
    if (x.shape.length < 1) throw new InvalidArgumentError(`input must be >= 1-D, got shape ${shapeStr(x.shape)}`, name);
    const C = x.shape[x.shape.length - 1]!;
    if (C < k) throw new InvalidArgumentError(`input must have at least k columns. Had ${C}, needed ${k}`, name);
    const outShape = [...x.shape.slice(0, -1), k];
    const values = output(0, outShape);
    const indices = output(1, outShape);
    if (values.size === 0) return;
    dispatch({ program: topKProgram(x.dtype), inputs: [x], outputs: [values, indices], uniforms: [x.size, C, k], workgroups: flatGrid(x.size, limits) });
  },
};

/** InTopKV2: k on the host (a uniform), one thread per row. */
const inTopK: GpuKernel<'InTopKV2'> = {
  hostInputs: () => [2],
  run({ name, inputs, host, output, dispatch, limits }) {
    const [p, t] = [inputs[0]!, inputs[1]!];
    if (p.shape.length !== 2) throw new InvalidArgumentError('predictions must be 2-dimensional', name);
    if (t.shape.length !== 1) throw new InvalidArgumentError('targets must be 1-dimensional', name);
    if (p.shape[0] !== t.shape[0])
      throw new InvalidArgumentError(`First dimension of predictions ${p.shape[0]} must match length of targets ${t.shape[0]}`, name);
    const kv = host(2);
    if (kv.shape.length !== 0) throw new InvalidArgumentError(`k must be 0-D, got shape ${shapeStr(kv.shape)}`, name);
    const [B, C] = [p.shape[0]!, p.shape[1]!];
    const out = output(0, [B]);
    if (B === 0) return;
    const k = Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, kv.data[0]!));
    dispatch({ program: inTopKProgram(), inputs: [p, t], outputs: [out], uniforms: [B, C, k], workgroups: flatGrid(B, limits) });
  },
};

/** WebGPU kernels of TopKV2 and InTopKV2. */
export const NN_TOPK_GPU: { TopKV2: GpuKernel<'TopKV2'>; InTopKV2: GpuKernel<'InTopKV2'> } = {
  TopKV2: topK,
  InTopKV2: inTopK,
};
