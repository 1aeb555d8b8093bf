// SparseToDense as TF1's CPU kernel computes it (core/kernels/sparse_to_dense_op.cc): its checks and messages, the
// default everywhere, then each value at its index (the last one wins for a repeated index when not validated).
import { InvalidArgumentError } from '../../framework/errors.js';
import type { HostKernel } from '../kernel.js';
import { shapeStr } from './util.js';

const sparseToDense: HostKernel<'SparseToDense'> = ({ name, inputs, attrs, output }) => {
  const [indices, shapeT, values, dflt] = [inputs[0]!, inputs[1]!, inputs[2]!, inputs[3]!];
  if (indices.shape.length > 2)
    throw new InvalidArgumentError(`sparse_indices should be a scalar, vector, or matrix, got shape ${shapeStr(indices.shape)}`, name);
  const numElems = indices.shape.length > 0 ? indices.shape[0]! : 1;
  const numDims = indices.shape.length > 1 ? indices.shape[1]! : 1;
  if (shapeT.shape.length > 1) throw new InvalidArgumentError(`output_shape should be a vector, got shape ${shapeStr(shapeT.shape)}`, name);
  if (shapeT.size !== numDims) throw new InvalidArgumentError(`output_shape has incorrect number of elements: ${shapeT.size} should be: ${numDims}`, name);
  if (!(values.shape.length === 0 || (values.shape.length === 1 && values.size === numElems))) {
    throw new InvalidArgumentError(`sparse_values has incorrect shape ${shapeStr(values.shape)}, should be [] or [${numElems}]`, name);
  }
  if (dflt.shape.length !== 0) throw new InvalidArgumentError('default_value should be a scalar.', name);
  const shape = Array.from(shapeT.data);
  const bad = shape.find((d) => d < 0);
  if (bad !== undefined) throw new InvalidArgumentError(`Dimension ${bad} must be >= 0`, name);
  const index = (n: number): number[] => Array.from(indices.data.subarray(n * numDims, (n + 1) * numDims));
  const indexStr = (n: number): string => `[${index(n).join(',')}]`;
  if (attrs.validate_indices) {
    // TF1's SparseTensor::IndicesValid: in bounds, in row-major order, none repeated.
    for (let n = 0; n < numElems; n++) {
      const ix = index(n);
      if (ix.some((v, d) => v < 0 || v >= shape[d]!)) {
        throw new InvalidArgumentError(`indices[${n}] = ${indexStr(n)} is out of bounds: need 0 <= index < ${shapeStr(shape)}`, name);
      }
      if (n === 0) continue;
      const prev = index(n - 1);
      const d = ix.findIndex((v, k) => v !== prev[k]);
      if (d === -1) throw new InvalidArgumentError(`indices[${n}] = ${indexStr(n)} is repeated`, name);
      if (ix[d]! < prev[d]!) throw new InvalidArgumentError(`indices[${n}] = ${indexStr(n)} is out of order`, name);
    }
  }
  const o = output(0, shape).data;
  o.fill(dflt.data[0]!);
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  for (let n = 0; n < numElems; n++) {
    let flat = 0;
    const ix = index(n);
    for (let d = 0; d < numDims; d++) {
      if (ix[d]! < 0 || ix[d]! >= shape[d]!) throw new InvalidArgumentError(`Indices are not valid (out of bounds).  Shape: ${shapeStr(shape)}`, name);
      flat += ix[d]! * strides[d]!;
    }
    o[flat] = values.shape.length === 0 ? values.data[0]! : values.data[n]!;
  }
};

/** Kernels of the sparse ops, keyed by op type. */
export const SPARSE_KERNELS: { SparseToDense: HostKernel<'SparseToDense'> } = { SparseToDense: sparseToDense };
