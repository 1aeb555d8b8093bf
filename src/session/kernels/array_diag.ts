// The diagonal ops' host kernels, with TF1's run-time checks (tensorflow/core/kernels/matrix_diag_op.cc,
// matrix_set_diag_op.cc, diag_op.cc). Each works on a batch of [rows, cols] matrices.
import { InvalidArgumentError } from '../../framework/errors.js';
import type { HostKernel } from '../kernel.js';
import { shapeStr } from './util.js';

/** MatrixDiag's layout: [batch, n] for a [..., n] diagonal (rank >= 1, as TF1's kernel requires). */
export function matrixDiagLayout(name: string, shape: readonly number[]): [number, number] {
  if (shape.length < 1) throw new InvalidArgumentError(`input must be at least 1-dim, received shape: ${shapeStr(shape)}`, name);
  const n = shape[shape.length - 1]!;
  return [n === 0 ? 0 : shape.reduce((a, b) => a * b, 1) / n, n];
}

/** A [..., rows, cols] input's [batch, rows, cols] (rank >= 2, as TF1's kernels require). */
export function matrixLayout(name: string, shape: readonly number[]): [number, number, number] {
  if (shape.length < 2) throw new InvalidArgumentError(`input must be at least 2-dim, received shape: ${shapeStr(shape)}`, name);
  const rows = shape[shape.length - 2]!;
  const cols = shape[shape.length - 1]!;
  return [rows * cols === 0 ? 0 : shape.reduce((a, b) => a * b, 1) / (rows * cols), rows, cols];
}

/** MatrixSetDiag's check: diagonal.shape == input.shape[:-2] + [min(rows, cols)]. */
export function checkSetDiag(name: string, input: readonly number[], diag: readonly number[]): void {
  const want = [...input.slice(0, -2), Math.min(input[input.length - 1]!, input[input.length - 2]!)];
  if (want.length !== diag.length || want.some((d, i) => d !== diag[i]))
    throw new InvalidArgumentError(
      `must have diagonal.shape == input.shape[:-2] + min(input.shape[-2:]), but received input shape: ${shapeStr(input)} and diagonal shape: ${shapeStr(diag)}`,
      name,
    );
}

/** Diag's layout: n elements on the diagonal of an n × n result (rank >= 1). */
export function diagSize(name: string, shape: readonly number[]): number {
  if (shape.length === 0) throw new InvalidArgumentError('Input must be at least rank 1, got 0', name);
  return shape.reduce((a, b) => a * b, 1);
}

/** DiagPart's layout: the n of an input of shape s + s (even, positive rank; matching halves). */
export function diagPartSize(name: string, shape: readonly number[]): number {
  const r = shape.length;
  if (r % 2 !== 0 || r === 0) throw new InvalidArgumentError(`The rank of the tensor should be even and positive, got shape ${shapeStr(shape)}`, name);
  const mid = r / 2;
  for (let i = 0; i < mid; i++)
    if (shape[i] !== shape[i + mid]) throw new InvalidArgumentError(`Invalid shape ${shapeStr(shape)}: dimensions ${i} and ${i + mid} do not match.`, name);
  return shape.slice(0, mid).reduce((a, b) => a * b, 1);
}

const matrixDiag: HostKernel<'MatrixDiag'> = ({ name, inputs, output }) => {
  const d = inputs[0]!;
  const [batch, n] = matrixDiagLayout(name, d.shape);
  const o = output(0, [...d.shape, n]).data;
  o.fill(0);
  for (let b = 0; b < batch; b++) for (let i = 0; i < n; i++) o[(b * n + i) * n + i] = d.data[b * n + i]!;
};

const matrixDiagPart: HostKernel<'MatrixDiagPart'> = ({ name, inputs, output }) => {
  const x = inputs[0]!;
  const [batch, rows, cols] = matrixLayout(name, x.shape);
  const k = Math.min(rows, cols);
  const o = output(0, [...x.shape.slice(0, -2), k]).data;
  for (let b = 0; b < batch; b++) for (let i = 0; i < k; i++) o[b * k + i] = x.data[(b * rows + i) * cols + i]!;
};

const matrixSetDiag: HostKernel<'MatrixSetDiag'> = ({ name, inputs, output }) => {
  const [x, d] = [inputs[0]!, inputs[1]!];
  const [batch, rows, cols] = matrixLayout(name, x.shape);
  checkSetDiag(name, x.shape, d.shape);
  const k = Math.min(rows, cols);
  const o = output(0, x.shape).data;
  o.set(x.data as never);
  for (let b = 0; b < batch; b++) for (let i = 0; i < k; i++) o[(b * rows + i) * cols + i] = d.data[b * k + i]!;
};

const diag: HostKernel<'Diag'> = ({ name, inputs, output }) => {
  const d = inputs[0]!;
  const n = diagSize(name, d.shape);
  const o = output(0, [...d.shape, ...d.shape]).data;
  o.fill(0);
  for (let i = 0; i < n; i++) o[i * n + i] = d.data[i]!;
};

const diagPart: HostKernel<'DiagPart'> = ({ name, inputs, output }) => {
  const x = inputs[0]!;
  const n = diagPartSize(name, x.shape);
  const o = output(0, x.shape.slice(0, x.shape.length / 2)).data;
  for (let i = 0; i < n; i++) o[i] = x.data[i * n + i]!;
};

/** Kernels of the diagonal ops, keyed by op type. */
export const ARRAY_DIAG_KERNELS: {
  MatrixDiag: HostKernel<'MatrixDiag'>;
  MatrixDiagPart: HostKernel<'MatrixDiagPart'>;
  MatrixSetDiag: HostKernel<'MatrixSetDiag'>;
  Diag: HostKernel<'Diag'>;
  DiagPart: HostKernel<'DiagPart'>;
} = {
  MatrixDiag: matrixDiag,
  MatrixDiagPart: matrixDiagPart,
  MatrixSetDiag: matrixSetDiag,
  Diag: diag,
  DiagPart: diagPart,
};
