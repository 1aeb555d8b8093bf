// The CPU backend's faster paths for the host kernels: WebAssembly SIMD kernels (elementwise.wat, the matmul on
// worker threads, the convolutions fused with their im2col) working in place in the kernels' memory, each giving the same bits as the host kernel's loop.
import type { OpType } from '../../framework/op_defs.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { FastPaths } from '../kernel.js';
import { BINARY_CODES, UNARY_CODES, wasmApplyAdam, wasmApplyGradientDescent, wasmBinary, wasmSoftmax, wasmSum, wasmUnary } from './wasm/elementwise.js';
import { wasmMatMul } from './wasm/matmul.js';
import { wasmAvgPool, wasmAvgPoolGrad, wasmMaxPool, wasmMaxPoolGrad, wasmMaxPoolGradGrad } from './wasm/pooling.js';
import { wasmConv2D, wasmConv2DBackpropFilter, wasmConv2DBackpropInput } from './wasm/conv.js';
import { wasm } from '../../session/cpu/wasm/instance.js';

/** Below this much work (M·N·K) a MatMul stays in JavaScript: copying operands in costs more than it saves. */
const MATMUL_MIN_WORK = 4096;

const codeOf = (codes: Readonly<Record<string, number>>, type: OpType): number | undefined => (Object.hasOwn(codes, type) ? codes[type] : undefined);

/** The CPU backend's fast paths, or null where WebAssembly SIMD is missing. */
export const CPU_FAST_PATHS: FastPaths | null = wasm && {
  binary(type: OpType, x: NDArray, y: NDArray, o: NDArray): boolean {
    const code = codeOf(BINARY_CODES, type);
    return code !== undefined && wasmBinary(code, x.data, x.shape, y.data, y.shape, o.data, o.shape);
  },
  unary(type: OpType, x: NDArray, o: NDArray): boolean {
    const code = codeOf(UNARY_CODES, type);
    return code !== undefined && wasmUnary(code, x.data, o.data);
  },
  matmul: (a, ta, b, tb, c, M, N, K) => M * N * K >= MATMUL_MIN_WORK && wasmMatMul(a, ta, b, tb, c, M, N, K),
  softmax: (x, o, C) => wasmSoftmax(x, o, C),
  sum: (x, A, R, I, o, div) => wasmSum(x, A, R, I, o, div),
  applyGradientDescent: (v, alpha, d) => wasmApplyGradientDescent(v, alpha, d as Float32Array),
  applyAdam: wasmApplyAdam,
  maxPool: wasmMaxPool,
  maxPoolGrad: wasmMaxPoolGrad,
  conv2d: wasmConv2D,
  conv2dBackpropInput: wasmConv2DBackpropInput,
  conv2dBackpropFilter: wasmConv2DBackpropFilter,
  maxPoolGradGrad: wasmMaxPoolGradGrad,
  avgPool: wasmAvgPool,
  avgPoolGrad: wasmAvgPoolGrad,
};
