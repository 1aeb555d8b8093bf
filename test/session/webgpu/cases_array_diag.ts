/** Parity cases of the diagonal ops: MatrixDiag, MatrixDiagPart, MatrixSetDiag (batches, non-square, empty), Diag and DiagPart. */
import fc from 'fast-check';
import type { DType } from '../../../src/framework/dtypes.js';
import { arrayOf, op, shapeOf } from './harness.js';
import { feedThrough, parity, valuesOf, type ParityCase } from './cases_math.js';

const anyDtype = fc.constantFrom<DType>('float32', 'int32', 'int64', 'bool');
const numeric = fc.constantFrom<DType>('float32', 'int32', 'int64');

/** A [..., n] diagonal made into matrices. */
const matrixDiag = parity(
  fc
    .tuple(shapeOf(3, 4), anyDtype)
    .filter(([s]) => s.length >= 1)
    .chain(([s, d]) => arrayOf(s, d, valuesOf(d))),
  (g, x) => feedThrough(g, [x], (ph) => op(g, 'MatrixDiag', ph, {})),
);

/** The diagonals of [..., rows, cols] matrices, square or not. */
const matrixDiagPart = parity(
  fc
    .tuple(shapeOf(4, 4), anyDtype)
    .filter(([s]) => s.length >= 2)
    .chain(([s, d]) => arrayOf(s, d, valuesOf(d))),
  (g, x) => feedThrough(g, [x], (ph) => op(g, 'MatrixDiagPart', ph, {})),
);

/** [..., rows, cols] matrices and [..., min(rows, cols)] diagonals to put on them. */
const matrixSetDiag = parity(
  fc
    .tuple(shapeOf(4, 4), anyDtype)
    .filter(([s]) => s.length >= 2)
    .chain(([s, d]) => fc.tuple(arrayOf(s, d, valuesOf(d)), arrayOf([...s.slice(0, -2), Math.min(s[s.length - 1]!, s[s.length - 2]!)], d, valuesOf(d)))),
  (g, [x, diag]) => feedThrough(g, [x, diag], (ph) => op(g, 'MatrixSetDiag', ph, {})),
);

/** A rank 1 to 3 diagonal made into a rank 2 to 6 tensor. */
const diag = parity(
  fc
    .tuple(shapeOf(3, 3), numeric)
    .filter(([s]) => s.length >= 1)
    .chain(([s, d]) => arrayOf(s, d, valuesOf(d))),
  (g, x) => feedThrough(g, [x], (ph) => op(g, 'Diag', ph, {})),
);

/** A tensor of shape s + s (s of rank 1 to 2) read back to its diagonal. */
const diagPart = parity(
  fc
    .tuple(shapeOf(2, 3), numeric)
    .filter(([s]) => s.length >= 1)
    .chain(([s, d]) => arrayOf([...s, ...s], d, valuesOf(d))),
  (g, x) => feedThrough(g, [x], (ph) => op(g, 'DiagPart', ph, {})),
);

/** Parity cases of the diagonal ops, keyed by op type. */
export const ARRAY_DIAG_CASES: {
  MatrixDiag: ParityCase;
  MatrixDiagPart: ParityCase;
  MatrixSetDiag: ParityCase;
  Diag: ParityCase;
  DiagPart: ParityCase;
} = { MatrixDiag: matrixDiag, MatrixDiagPart: matrixDiagPart, MatrixSetDiag: matrixSetDiag, Diag: diag, DiagPart: diagPart };
