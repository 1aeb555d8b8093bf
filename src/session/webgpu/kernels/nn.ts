import { InvalidArgumentError } from '../../../framework/errors.js';
import { matMulDims, xentLayout } from '../../kernels/util.js';
import type { GpuKernel } from '../kernel.js';
import { matMulProgram, matMulRegProgram, MM_REG, MM_TILE, useWorkgroupTiles } from '../programs/matmul.js';
import { kParts, matMulSplitKProgram, useSplitK } from '../programs/matmul_splitk.js';
import { rowProgram } from '../programs/nn.js';
import { layoutUniforms, reduceProgram, useTree } from '../programs/reduce.js';
import { flatGrid, grid } from '../programs/wgsl.js';

/** MatMul with TF1's transpose_a / transpose_b, as one tiled program per (dtype, transposes). */
const matMul: GpuKernel<'MatMul'> = {
  run({ name, inputs, attrs, output, dispatch, limits, tuning, scratch }) {
    const A = inputs[0]!;
    const B = inputs[1]!;
    const ta = attrs.transpose_a;
    const tb = attrs.transpose_b;
    const [M, N, K] = matMulDims(name, A.shape, B.shape, ta, tb);
    const out = output(0, [M, N]);
    if (out.size === 0) return;
    if (tuning.splitK && useSplitK(M, N, K)) {
      const blocks = Math.ceil(M / MM_REG) * Math.ceil(N / MM_REG);
      const parts = tuning.splitKParts ? kParts(K) : 1;
      const kChunk = Math.ceil(K / parts);
      // With K split across workgroups too, each part's sums go to partials [parts, M·N], then a Sum adds them up.
      const partials = parts > 1 ? scratch([parts, M, N], A.dtype) : out;
      dispatch({
        program: matMulSplitKProgram(A.dtype, ta, tb),
        inputs: [A, B],
        outputs: [partials],
        uniforms: [M, N, K, kChunk, parts],
        workgroups: grid(blocks * parts, limits),
      });
      if (parts > 1) {
        const n = M * N;
        dispatch({
          program: reduceProgram('sum', A.dtype, 1, 1, false),
          inputs: [partials],
          outputs: [out],
          uniforms: [n, parts, ...layoutUniforms([{ size: n, stride: 1 }], [{ size: parts, stride: n }])],
          workgroups: flatGrid(n, limits),
        });
      }
      return;
    }
    if (!useWorkgroupTiles(M, N)) {
      const blocks = Math.ceil(M / MM_REG) * Math.ceil(N / MM_REG);
      dispatch({ program: matMulRegProgram(A.dtype, ta, tb), inputs: [A, B], outputs: [out], uniforms: [M, N, K], workgroups: flatGrid(blocks, limits) });
      return;
    }
    const gx = Math.ceil(N / MM_TILE);
    const gy = Math.ceil(M / MM_TILE);
    const max = limits.maxComputeWorkgroupsPerDimension;
    if (gx > max || gy > max) throw new InvalidArgumentError(`MatMul of ${M}×${N} exceeds the device's grid of ${max * MM_TILE} rows or columns`, name);
    dispatch({ program: matMulProgram(A.dtype, ta, tb), inputs: [A, B], outputs: [out], uniforms: [M, N, K], workgroups: [gx, gy] });
  },
};

function rowwise<K extends 'Softmax' | 'LogSoftmax'>(op: K): GpuKernel<K> {
  return {
    run({ inputs, output, dispatch, limits }) {
      const x = inputs[0]!;
      const out = output(0, x.shape);
      const C = x.shape[x.shape.length - 1]!;
      if (out.size === 0) return;
      const rows = out.size / C;
      const tree = useTree(rows, C);
      dispatch({
        program: rowProgram(op, x.dtype, tree),
        inputs: [x],
        outputs: [out],
        uniforms: [rows, C],
        workgroups: tree ? grid(rows, limits) : flatGrid(rows, limits),
      });
    },
  };
}

/** TF1's SoftmaxCrossEntropyWithLogits: the per-row loss and its backprop, from one pass per row; logits and labels broadcast to [B, C]. */
const softmaxXent: GpuKernel<'SoftmaxCrossEntropyWithLogits'> = {
  run({ name, inputs, output, dispatch, limits }) {
    const f = inputs[0]!;
    const l = inputs[1]!;
    const {
      B,
      C,
      f: [fb, fc],
      l: [lb, lc],
    } = xentLayout(name, f.shape, l.shape);
    const loss = output(0, [B]);
    const back = output(1, [B, C]);
    if (B === 0) return;
    const tree = useTree(B, C);
    dispatch({
      program: rowProgram('SoftmaxCrossEntropyWithLogits', f.dtype, tree),
      inputs: [f, l],
      outputs: [loss, back],
      uniforms: [B, C, fb, fc, lb, lc],
      workgroups: tree ? grid(B, limits) : flatGrid(B, limits),
    });
  },
};

/** WebGPU kernels of MatMul and the nn ops, keyed by op type. */
export const NN_GPU: {
  MatMul: GpuKernel<'MatMul'>;
  Softmax: GpuKernel<'Softmax'>;
  LogSoftmax: GpuKernel<'LogSoftmax'>;
  SoftmaxCrossEntropyWithLogits: GpuKernel<'SoftmaxCrossEntropyWithLogits'>;
} = {
  MatMul: matMul,
  Softmax: rowwise('Softmax'),
  LogSoftmax: rowwise('LogSoftmax'),
  SoftmaxCrossEntropyWithLogits: softmaxXent,
};
