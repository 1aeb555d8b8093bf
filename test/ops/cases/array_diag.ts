// Gradient properties of the diagonal ops: MatrixDiag, MatrixDiagPart (square, as TF1 differentiates it with
// MatrixDiag, and not, with MatrixSetDiag into zeros), MatrixSetDiag by both inputs (its diagonal shape known
// while building or computed in the graph), Diag and DiagPart.
import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** y times distinct weights 1..n, so a gradient routed to the wrong element shows. */
const weighted = (y: tf.Tensor, dims: readonly number[]): tf.Tensor =>
  y.mul(
    tf.constant(
      Float64Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => i + 1),
      { shape: [...dims] },
    ),
  );

const dim = fc.integer({ min: 1, max: 3 });
const batch = fc.array(dim, { maxLength: 2 });
/** [..., rows, cols] matrices. */
const matrices = fc.tuple(batch, dim, dim);

export const cases: OpCase[] = [
  gradientProperty(
    'MatrixDiag',
    'a batch of diagonals',
    fc.tuple(
      fc.tuple(batch, dim).chain(([b, n]) => ndarray([...b, n])),
      known,
    ),
    ([x, k]) => ({ inputs: [x], build: ([t]) => weighted(tf.matrix_diag(t!), [...x.shape, x.shape[x.shape.length - 1]!]), known: k }),
    30,
  ),
  gradientProperty(
    'MatrixDiagPart',
    'square and rectangular matrices in a batch',
    fc.tuple(
      matrices.chain(([b, r, c]) => ndarray([...b, r, c])),
      known,
    ),
    ([x, k]) => ({
      inputs: [x],
      build: ([t]) => weighted(tf.matrix_diag_part(t!), [...x.shape.slice(0, -2), Math.min(x.shape[x.shape.length - 2]!, x.shape[x.shape.length - 1]!)]),
      known: k,
    }),
    30,
  ),
  gradientProperty(
    'MatrixSetDiag',
    'by the matrices and by the diagonals',
    fc.tuple(
      matrices.chain(([b, r, c]) => fc.tuple(ndarray([...b, r, c]), ndarray([...b, Math.min(r, c)]))),
      known,
    ),
    ([[x, d], k]) => ({ inputs: [x, d], build: ([t, u]) => weighted(tf.matrix_set_diag(t!, u!), x.shape), known: k }),
    30,
  ),
  gradientProperty(
    'Diag',
    'a diagonal of rank 1 to 3',
    fc.array(dim, { minLength: 1, maxLength: 3 }).chain((s) => ndarray(s)),
    (x) => ({ inputs: [x], build: ([t]) => weighted(tf.diag(t!), [...x.shape, ...x.shape]) }),
    20,
  ),
  gradientProperty(
    'DiagPart',
    'a tensor of shape s + s, s of rank 1 or 2',
    fc.array(dim, { minLength: 1, maxLength: 2 }).chain((s) => ndarray([...s, ...s])),
    (x) => ({ inputs: [x], build: ([t]) => weighted(tf.diag_part(t!), x.shape.slice(0, x.shape.length / 2)) }),
    20,
  ),
];
