// BiasAdd and BiasAddGrad over an [outer, C, inner] view of the value: the channels last (NHWC, inner = 1) or
// second (NCHW, outer = the batch).
import { InvalidArgumentError } from '../../framework/errors.js';
import { channelAxis, type DataFormat } from '../../framework/ops/nn_extra.js';
import type { HostKernel } from '../kernel.js';
import { prodOf, shapeStr } from './util.js';

/** [outer, C, inner] of a value of `shape` for `format`, with TF1's kernel checks of its rank. */
export function biasLayout(name: string, shape: readonly number[], format: DataFormat): [number, number, number] {
  if (shape.length < 2) throw new InvalidArgumentError(`Input tensor must be at least 2D: ${shapeStr(shape)}`, name);
  if (format === 'NCHW' && shape.length < 3) throw new InvalidArgumentError(`Input tensor must be at least 3D: ${shapeStr(shape)}`, name);
  const k = channelAxis(format, shape.length);
  return [prodOf(shape, 0, k), shape[k]!, prodOf(shape, k + 1)];
}

/** value + bias[c], each sum rounded once into the output (int32 wraps on the store, as TF1's). */
const biasAdd: HostKernel<'BiasAdd'> = ({ name, inputs, attrs, output }) => {
  const x = inputs[0]!;
  const b = inputs[1]!;
  if (b.shape.length !== 1) throw new InvalidArgumentError(`Biases must be 1D: ${shapeStr(b.shape)}`, name);
  const [outer, C, inner] = biasLayout(name, x.shape, attrs.data_format);
  if (b.shape[0] !== C) {
    throw new InvalidArgumentError(
      `Must provide as many biases as the last dimension of the input tensor: ${shapeStr(b.shape)} vs. ${shapeStr(x.shape)}`,
      name,
    );
  }
  const o = output(0, x.shape).data;
  const xd = x.data;
  const bd = b.data;
  for (let p = 0, i = 0; p < outer; p++) {
    for (let c = 0; c < C; c++) {
      const v = bd[c]!;
      for (let j = 0; j < inner; j++, i++) o[i] = xd[i]! + v;
    }
  }
};

/** The sum of out_backprop over every axis but the channels', in doubles, rounded once. */
const biasAddGrad: HostKernel<'BiasAddGrad'> = ({ name, inputs, attrs, output, fast }) => {
  const g = inputs[0]!;
  const [outer, C, inner] = biasLayout(name, g.shape, attrs.data_format);
  const o = output(0, [C]).data;
  // channels last: the backend's sum over the rows of [outer, C], in doubles in the same order (the same bits)
  if (fast && inner === 1 && g.data instanceof Float32Array && o instanceof Float32Array && fast.sum(g.data, 1, outer, C, o, 1)) return;
  const acc = new Float64Array(C);
  const d = g.data;
  for (let p = 0, i = 0; p < outer; p++) {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let j = 0; j < inner; j++, i++) s += d[i]!;
      acc[c]! += s;
    }
  }
  for (let c = 0; c < C; c++) o[c] = acc[c]! + 0;
};

/** Kernels of BiasAdd and BiasAddGrad. */
export const NN_EXTRA_KERNELS: { BiasAdd: HostKernel<'BiasAdd'>; BiasAddGrad: HostKernel<'BiasAddGrad'> } = {
  BiasAdd: biasAdd,
  BiasAddGrad: biasAddGrad,
};
