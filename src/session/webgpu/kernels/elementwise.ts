import { incompatible, sameShape } from '../../kernels/util.js';
import { broadcastShape } from '../../kernels/broadcast.js';
import type { GpuKernel } from '../kernel.js';
import { mapKernels } from '../../kernel.js';
import {
  BINARY_WGSL,
  UNARY_WGSL,
  binaryProgram,
  castChecksRange,
  castProgram,
  valueCheck,
  unaryProgram,
  type BinaryOpType,
  type UnaryOpType,
} from '../programs/elementwise.js';
import { broadcastLayout } from '../programs/layout.js';
import { flatGrid } from '../programs/wgsl.js';

/** A binary op with NumPy broadcasting; `strict` for the gradient helpers that take equal shapes. */
function binary<K extends BinaryOpType>(op: K, strict = false): GpuKernel<K> {
  return {
    run({ name, inputs, output, dispatch, limits, errorFlag }) {
      const x = inputs[0]!;
      const y = inputs[1]!;
      const shape = strict ? (sameShape(x.shape, y.shape) ? [...x.shape] : null) : broadcastShape(x.shape, y.shape);
      if (shape === null) throw incompatible(x.shape, y.shape, name);
      const out = output(0, shape);
      if (out.size === 0) return;
      const { dims, strides } = broadcastLayout(shape, [x.shape, y.shape]);
      // TF1's integer division raises on a zero divisor (integer Pow on a negative exponent); the program records it in the run's error flag.
      const vc = valueCheck(op, x.dtype);
      const check = vc ? errorFlag(vc.error) : null;
      dispatch({
        program: binaryProgram(op, x.dtype, out.dtype, dims.length),
        inputs: [x, y],
        outputs: check ? [out, check.flag] : [out],
        uniforms: [out.size, ...dims, ...strides[0]!, ...strides[1]!, ...(check ? [check.id] : [])],
        workgroups: flatGrid(out.size, limits),
      });
    },
  };
}

function unary<K extends UnaryOpType>(op: K): GpuKernel<K> {
  return {
    run({ inputs, output, dispatch, limits }) {
      const x = inputs[0]!;
      const out = output(0, x.shape);
      if (out.size === 0) return;
      dispatch({ program: unaryProgram(op, x.dtype, out.dtype), inputs: [x], outputs: [out], uniforms: [out.size], workgroups: flatGrid(out.size, limits) });
    },
  };
}

/** Cast between any two dtypes the GPU stores; a float cast to int64 whose value int32 cannot hold is an error here. */
const cast: GpuKernel<'Cast'> = {
  run({ inputs, output, dispatch, limits, errorFlag }) {
    const x = inputs[0]!;
    const out = output(0, x.shape);
    if (out.size === 0) return;
    const check = castChecksRange(x.dtype, out.dtype) ? errorFlag(CAST_RANGE) : null;
    dispatch({
      program: castProgram(x.dtype, out.dtype),
      inputs: [x],
      outputs: check ? [out, check.flag] : [out],
      uniforms: check ? [out.size, check.id] : [out.size],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

// In the words of the upload check (webgpu/dtypes.ts), for a value made on the GPU.
const CAST_RANGE =
  'Cast to int64 of a value outside the int32 range (or NaN): the WebGPU backend stores int64 as int32 (WGSL has no 64-bit integers); use the CPU backend for this graph';

/** WebGPU kernels of the elementwise ops and Cast, keyed by op type. */
export const ELEMENTWISE_GPU = {
  ...(mapKernels(BINARY_WGSL, (op, d) => binary(op, 'strict' in d)) as { [K in BinaryOpType]: GpuKernel<K> }),
  ...(mapKernels(UNARY_WGSL, (op) => unary(op)) as { [K in UnaryOpType]: GpuKernel<K> }),
  Cast: cast,
};
