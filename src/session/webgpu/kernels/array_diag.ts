// The diagonal ops on the GPU: TF1's checks on the host (the CPU kernels' own), one program each.
import { checkSetDiag, diagPartSize, diagSize, matrixDiagLayout, matrixLayout } from '../../kernels/array_diag.js';
import type { GpuKernel, GpuKernelArgs } from '../kernel.js';
import { matrixDiagPartProgram, matrixDiagProgram, matrixSetDiagProgram } from '../programs/array_diag.js';
import { flatGrid } from '../programs/wgsl.js';

/** Writes a batch of k × k matrices with the diagonal input on their diagonals. */
function diagOut(a: GpuKernelArgs<'MatrixDiag' | 'Diag'>, shape: readonly number[], k: number): void {
  const out = a.output(0, shape);
  if (out.size === 0) return;
  a.dispatch({
    program: matrixDiagProgram(out.dtype),
    inputs: [a.inputs[0]!],
    outputs: [out],
    uniforms: [out.size, k],
    workgroups: flatGrid(out.size, a.limits),
  });
}

/** Reads the diagonals (length k) of a batch of rows × cols matrices. */
function diagPartOut(a: GpuKernelArgs<'MatrixDiagPart' | 'DiagPart'>, shape: readonly number[], k: number, rows: number, cols: number): void {
  const out = a.output(0, shape);
  if (out.size === 0) return;
  a.dispatch({
    program: matrixDiagPartProgram(out.dtype),
    inputs: [a.inputs[0]!],
    outputs: [out],
    uniforms: [out.size, k, rows, cols],
    workgroups: flatGrid(out.size, a.limits),
  });
}

const matrixDiag: GpuKernel<'MatrixDiag'> = {
  run(a) {
    const s = a.inputs[0]!.shape;
    const [, n] = matrixDiagLayout(a.name, s);
    diagOut(a, [...s, n], n);
  },
};

const matrixDiagPart: GpuKernel<'MatrixDiagPart'> = {
  run(a) {
    const s = a.inputs[0]!.shape;
    const [, rows, cols] = matrixLayout(a.name, s);
    const k = Math.min(rows, cols);
    diagPartOut(a, [...s.slice(0, -2), k], k, rows, cols);
  },
};

const matrixSetDiag: GpuKernel<'MatrixSetDiag'> = {
  run({ name, inputs, output, dispatch, limits }) {
    const [x, d] = [inputs[0]!, inputs[1]!];
    const [, rows, cols] = matrixLayout(name, x.shape);
    checkSetDiag(name, x.shape, d.shape);
    const out = output(0, x.shape);
    if (out.size === 0) return;
    dispatch({
      program: matrixSetDiagProgram(out.dtype),
      inputs: [x, d],
      outputs: [out],
      uniforms: [out.size, Math.min(rows, cols), rows, cols],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

const diag: GpuKernel<'Diag'> = {
  run(a) {
    const s = a.inputs[0]!.shape;
    diagOut(a, [...s, ...s], diagSize(a.name, s));
  },
};

const diagPart: GpuKernel<'DiagPart'> = {
  run(a) {
    const s = a.inputs[0]!.shape;
    const n = diagPartSize(a.name, s);
    diagPartOut(a, s.slice(0, s.length / 2), n, n, n);
  },
};

/** WebGPU kernels of the diagonal ops, keyed by op type. */
export const ARRAY_DIAG_GPU: {
  MatrixDiag: GpuKernel<'MatrixDiag'>;
  MatrixDiagPart: GpuKernel<'MatrixDiagPart'>;
  MatrixSetDiag: GpuKernel<'MatrixSetDiag'>;
  Diag: GpuKernel<'Diag'>;
  DiagPart: GpuKernel<'DiagPart'>;
} = {
  MatrixDiag: matrixDiag,
  MatrixDiagPart: matrixDiagPart,
  MatrixSetDiag: matrixSetDiag,
  Diag: diag,
  DiagPart: diagPart,
};
