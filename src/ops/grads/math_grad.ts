import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { control_dependencies } from '../scopes.js';
import * as A from '../array_ops.js';
import * as M from '../math_ops.js';
import { binary, neg } from '../operators.js';
import type { GradFn } from './types.js';

const shapesFullyEqual = (x: Tensor, y: Tensor, g: Tensor): boolean =>
  x.shape.is_fully_defined() && y.shape.is_fully_defined() && g.shape.is_fully_defined() &&
  String(x.shape) === String(y.shape) && String(y.shape) === String(g.shape);

/** The shared tail of broadcasting binary gradients: sum each side over its broadcast axes, reshape back. */
function unbroadcast(op: Operation, gx: (rx: Tensor) => Tensor, gy: (ry: Tensor) => Tensor): [Tensor, Tensor] {
  const [x, y] = op.inputs as [Tensor, Tensor];
  const sx = A.shape(x);
  const sy = A.shape(y);
  const [rx, ry] = A.broadcast_gradient_args(sx, sy);
  return [A.reshape(gx(rx), sx), A.reshape(gy(ry), sy)];
}

const sum = (t: Tensor, axes: Tensor): Tensor => M.reduce_sum(t, { axis: axes });
const mul = (a: Tensor, b: Tensor): Tensor => binary('Mul', 'mul', a, b);

/** d(x+y) */
export const addGrad: GradFn<'Add'> = (op, [g]) => {
  const [x, y] = op.inputs as [Tensor, Tensor];
  if (shapesFullyEqual(x, y, g!)) return [g!, g!];
  return unbroadcast(op, (rx) => sum(g!, rx), (ry) => sum(g!, ry));
};

/** d(x-y) */
export const subGrad: GradFn<'Sub'> = (op, [g]) => {
  const [x, y] = op.inputs as [Tensor, Tensor];
  if (shapesFullyEqual(x, y, g!)) return [g!, neg(g!)];
  return unbroadcast(op, (rx) => sum(g!, rx), (ry) => neg(sum(g!, ry)));
};

/** d(x*y) */
export const mulGrad: GradFn<'Mul'> = (op, [g]) => {
  const [x, y] = op.inputs as [Tensor, Tensor];
  if (shapesFullyEqual(x, y, g!) && (g!.dtype === 'float32' || g!.dtype === 'int32')) return [M.multiply(g!, y), M.multiply(g!, x)];
  return unbroadcast(op, (rx) => sum(M.multiply(g!, y), rx), (ry) => sum(M.multiply(x, g!), ry));
};

/** d(x/y) */
export const realDivGrad: GradFn<'RealDiv'> = (op, [g]) => {
  const [x, y] = op.inputs as [Tensor, Tensor];
  return unbroadcast(op, (rx) => sum(M.realdiv(g!, y), rx), (ry) => sum(mul(g!, M.realdiv(M.realdiv(neg(x), y), y)), ry));
};

/** d floormod(x, y) = g * (1, -floor_div(x, y)), as TF1's _FloorModGrad (defined where x / y is not an integer). */
export const floorModGrad: GradFn<'FloorMod'> = (op, [g]) => {
  const [x, y] = op.inputs as [Tensor, Tensor];
  const floorXY = M.floor_div(x, y);
  return unbroadcast(op, (rx) => sum(g!, rx), (ry) => sum(mul(g!, M.negative(floorXY)), ry));
};

/** max/min pass the gradient to the side that was selected (x on ties, as TF1's GreaterEqual). */
function selectGrad(op: Operation<'Maximum' | 'Minimum'>, g: Tensor, pick: (x: Tensor, y: Tensor) => Tensor): [Tensor, Tensor] {
  const [x, y] = op.inputs as [Tensor, Tensor];
  const xmask = M.cast(pick(x, y), g.dtype);
  const ymask = M.subtract(M.cast(A.ones_like(xmask), g.dtype), xmask);
  return unbroadcast(op, (rx) => sum(M.multiply(g, xmask), rx), (ry) => sum(M.multiply(g, ymask), ry));
}
/** d max(x, y) */
export const maximumGrad: GradFn<'Maximum'> = (op, [g]) => selectGrad(op, g!, (x, y) => M.greater_equal(x, y));
/** d min(x, y) */
export const minimumGrad: GradFn<'Minimum'> = (op, [g]) => selectGrad(op, g!, (x, y) => M.less_equal(x, y));

/** d(-x) */
export const negGrad: GradFn<'Neg'> = (_op, [g]) => [neg(g!)];

/** d log x = g / x, computed after g as TF1 does. */
export const logGrad: GradFn<'Log'> = (op, [g]) => {
  const x = op.inputs[0]!;
  return control_dependencies([g!], () => [mul(g!, M.reciprocal(x))]);
};

/** d exp x = g * exp x */
export const expGrad: GradFn<'Exp'> = (op, [g]) => control_dependencies([g!], () => [mul(g!, op.outputs[0]!)]);

/** d sqrt x, as the SqrtGrad op. */
export const sqrtGrad: GradFn<'Sqrt'> = (op, [g]) => [op.graph.create_op('SqrtGrad', [op.outputs[0]!, g!], {}, 'SqrtGrad').outputs[0]!];

/** d x^2 = g * 2x */
export const squareGrad: GradFn<'Square'> = (op, [g]) => {
  const x = op.inputs[0]!;
  return control_dependencies([g!], () => {
    const two = A.constant(2, { dtype: x.dtype });
    return [M.multiply(g!, M.multiply(x, two))];
  });
};

/** d 1/x, as the ReciprocalGrad op. */
export const reciprocalGrad: GradFn<'Reciprocal'> = (op, [g]) => [op.graph.create_op('ReciprocalGrad', [op.outputs[0]!, g!], {}, 'ReciprocalGrad').outputs[0]!];

/** Gradient of SqrtGrad(y, dy) = dy * 0.5 / y, by its inputs. */
export const sqrtGradGrad: GradFn<'SqrtGrad'> = (op, [g]) => {
  const y = op.inputs[0]!;
  return control_dependencies([g!], () => {
    const ga = M.realdiv(g!, y);
    return [mul(neg(ga), op.outputs[0]!), mul(A.constant(0.5, { dtype: y.dtype }), ga)];
  });
};

/** Gradient of ReciprocalGrad(y, dy) = -dy * y^2, by its inputs. */
export const reciprocalGradGrad: GradFn<'ReciprocalGrad'> = (op, [g]) => {
  const [y, dy] = op.inputs as [Tensor, Tensor];
  const two = A.constant(-2, { dtype: y.dtype });
  return [mul(mul(mul(g!, dy), two), y), neg(mul(g!, M.square(y)))];
};

/** d matmul, with TF1's four transpose cases. */
export const matMulGrad: GradFn<'MatMul'> = (op, [g]) => {
  const { transpose_a: ta, transpose_b: tb } = op.attrs;
  const [a, b] = op.inputs as [Tensor, Tensor];
  if (!ta && !tb) return [M.matmul(g!, b, { transpose_b: true }), M.matmul(a, g!, { transpose_a: true })];
  if (!ta && tb) return [M.matmul(g!, b), M.matmul(g!, a, { transpose_a: true })];
  if (ta && !tb) return [M.matmul(b, g!, { transpose_b: true }), M.matmul(a, g!)];
  return [M.matmul(b, g!, { transpose_a: true, transpose_b: true }), M.matmul(g!, a, { transpose_a: true, transpose_b: true })];
};

/** d add_n: the same gradient to every input. */
export const addNGrad: GradFn<'AddN'> = (op, [g]) => op.inputs.map(() => g!);

/** d cast: cast back when both sides are floating, else none. */
export const castGrad: GradFn<'Cast'> = (op, [g]) => {
  const src = op.inputs[0]!.dtype;
  const floating = (d: string): boolean => d === 'float32' || d === 'float64';
  return [floating(src) && floating(op.attrs.DstT) ? M.cast(g!, src) : null];
};
