import type { HostArray } from '../../framework/dtypes.js';
import type { HostKernel } from '../kernel.js';
import { matMulDims, sameShape } from './util.js';

// Below this many multiply-adds the JavaScript loops win: the SIMD path copies its operands.

// Both kernels take B as rows of B^T (bt[j*K + k]) so every inner loop walks contiguous memory,
// accumulate in doubles (one rounding per float32 result), and write each output once, so the
// output buffer needs no clearing. Register blocks of 8 accumulators amortise each load over
// several multiply-adds; JS has no SIMD, so this is where the time goes.

/** C[M,N] = A·B with A's rows contiguous (a[i*K + k]): 2×4 dot-product blocks. */
function rowsKernel(a: HostArray, bt: HostArray, c: HostArray, M: number, N: number, K: number): void {
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const a0 = i * K;
    const a1 = a0 + K;
    const c0 = i * N;
    const c1 = c0 + N;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      const b0 = j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = a[a0 + k]!;
        const x1 = a[a1 + k]!;
        const y0 = bt[b0 + k]!;
        const y1 = bt[b1 + k]!;
        const y2 = bt[b2 + k]!;
        const y3 = bt[b3 + k]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      c[c0 + j] = s00;
      c[c0 + j + 1] = s01;
      c[c0 + j + 2] = s02;
      c[c0 + j + 3] = s03;
      c[c1 + j] = s10;
      c[c1 + j + 1] = s11;
      c[c1 + j + 2] = s12;
      c[c1 + j + 3] = s13;
    }
    for (; j < N; j++) {
      const b0 = j * K;
      let s0 = 0,
        s1 = 0;
      for (let k = 0; k < K; k++) {
        const y = bt[b0 + k]!;
        s0 += a[a0 + k]! * y;
        s1 += a[a1 + k]! * y;
      }
      c[c0 + j] = s0;
      c[c1 + j] = s1;
    }
  }
  for (; i < M; i++) {
    const a0 = i * K;
    for (let j = 0; j < N; j++) {
      const b0 = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += a[a0 + k]! * bt[b0 + k]!;
      c[i * N + j] = s;
    }
  }
}

/**
 * C[M,N] = A^T·B with A stored [K, M] (a[k*M + i]): 4×2 blocks whose four A values per k are
 * adjacent, so a cache line of A serves several blocks instead of materialising A^T (for the
 * weight gradient X^T·G that transpose alone costs a third of the product).
 */
function colsKernel(a: HostArray, bt: HostArray, c: HostArray, M: number, N: number, K: number): void {
  let i = 0;
  for (; i + 3 < M; i += 4) {
    const c0 = i * N;
    let j = 0;
    for (; j + 1 < N; j += 2) {
      const b0 = j * K;
      const b1 = b0 + K;
      let s00 = 0,
        s01 = 0,
        s10 = 0,
        s11 = 0,
        s20 = 0,
        s21 = 0,
        s30 = 0,
        s31 = 0;
      for (let k = 0, p = i; k < K; k++, p += M) {
        const y0 = bt[b0 + k]!;
        const y1 = bt[b1 + k]!;
        let x = a[p]!;
        s00 += x * y0;
        s01 += x * y1;
        x = a[p + 1]!;
        s10 += x * y0;
        s11 += x * y1;
        x = a[p + 2]!;
        s20 += x * y0;
        s21 += x * y1;
        x = a[p + 3]!;
        s30 += x * y0;
        s31 += x * y1;
      }
      c[c0 + j] = s00;
      c[c0 + j + 1] = s01;
      c[c0 + N + j] = s10;
      c[c0 + N + j + 1] = s11;
      c[c0 + 2 * N + j] = s20;
      c[c0 + 2 * N + j + 1] = s21;
      c[c0 + 3 * N + j] = s30;
      c[c0 + 3 * N + j + 1] = s31;
    }
    for (; j < N; j++) {
      const b0 = j * K;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let k = 0, p = i; k < K; k++, p += M) {
        const y = bt[b0 + k]!;
        s0 += a[p]! * y;
        s1 += a[p + 1]! * y;
        s2 += a[p + 2]! * y;
        s3 += a[p + 3]! * y;
      }
      c[c0 + j] = s0;
      c[c0 + N + j] = s1;
      c[c0 + 2 * N + j] = s2;
      c[c0 + 3 * N + j] = s3;
    }
  }
  for (; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const b0 = j * K;
      let s = 0;
      for (let k = 0, p = i; k < K; k++, p += M) s += a[p]! * bt[b0 + k]!;
      c[i * N + j] = s;
    }
  }
}

/** int32 products wrap modulo 2^32 (Math.imul, |0), which double accumulation cannot reproduce; ints are rare, so one plain loop. */
function int32Kernel(a: HostArray, ta: boolean, b: HostArray, tb: boolean, c: HostArray, M: number, N: number, K: number): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        s = (s + Math.imul(a[ta ? k * M + i : i * K + k]!, b[tb ? j * K + k : k * N + j]!)) | 0;
      }
      c[i * N + j] = s;
    }
  }
}

// B^T scratch, grown as needed and kept: training re-runs the same shapes thousands of times.
// B always passes through it, even when transpose_b already gives B^T, so the hot loops see one
// array type for B whatever the model's dtype (V8 compiles them monomorphic in it); the copy is
// O(K·N), small beside the O(M·N·K) product.
let scratch = new Float64Array(0);

/** B as rows of B^T in the scratch: B [K, N] transposed, or B^T [N, K] copied. */
function packBt(b: HostArray, K: number, N: number, transposed: boolean): Float64Array {
  if (scratch.length < K * N) scratch = new Float64Array(K * N);
  const bt = scratch;
  if (transposed) {
    bt.set(b);
    return bt;
  }
  for (let k = 0; k < K; k++) {
    const r = k * N;
    for (let j = 0, q = k; j < N; j++, q += K) bt[q] = b[r + j]!;
  }
  return bt;
}

/** A MatMul's sizes [M, N, K] and out shape for its operands' shapes, kept in KernelArgs.memo while they repeat. */
interface MatMulMemo {
  a: number[];
  b: number[];
  dims: [number, number, number];
  out: number[];
}

/** MatMul with TF1's transpose_a / transpose_b, choosing a loop order per case instead of transposing A. */
export const matMul: HostKernel<'MatMul'> = (args) => {
  const { name, inputs, attrs, output, fast } = args;
  const A = inputs[0]!;
  const B = inputs[1]!;
  const ta = attrs.transpose_a;
  const tb = attrs.transpose_b;
  // the sizes and out shape kept for these operand shapes (KernelArgs.memo), checked and worked out again when they differ
  let m = args.memo as MatMulMemo | undefined;
  if (!m || !sameShape(m.a, A.shape) || !sameShape(m.b, B.shape)) {
    const dims = matMulDims(name, A.shape, B.shape, ta, tb);
    args.memo = m = { a: [...A.shape], b: [...B.shape], dims, out: [dims[0], dims[1]] };
  }
  // indexed, not destructured: destructuring an array runs its iterator
  const M = m.dims[0];
  const N = m.dims[1];
  const K = m.dims[2];
  const c = output(0, m.out).data;
  if (A.dtype === 'int32') {
    int32Kernel(A.data, ta, B.data, tb, c, M, N, K);
    return;
  }
  // (the SIMD path declines an operand shorter than its shape: the loops below only read past it, as undefined)
  if (fast && A.data instanceof Float32Array && B.data instanceof Float32Array && c instanceof Float32Array && fast.matmul(A.data, ta, B.data, tb, c, M, N, K))
    return;
  const bt = packBt(B.data, K, N, tb);
  if (ta) colsKernel(A.data, bt, c, M, N, K);
  else rowsKernel(A.data, bt, c, M, N, K);
};
