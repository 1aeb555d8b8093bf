// The broadcasting binary ops and comparisons (tensorflow/core/ops/math_ops.cc), with TF1's gradients
// (python/ops/math_grad.py): each side gets the gradient summed over the axes it was broadcast along.
import type { DType } from '../dtypes.js';
import type { NoAttrs, OpDef, OpDefs, GradFn, ShapeRule } from '../op_def.js';
import type { OpType } from '../op_defs.js';
import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';
import { ALL_DTYPES } from '../dtypes.js';
import { NUMERIC, REAL, allowDtypes, broadcastShapes, inShape, one, sameDtype } from '../shape_util.js';

/** The binary ops' names, in one place: everything else derives its lists from these. */
export const BINARY_ARITHMETIC = ['Add', 'Sub', 'Mul', 'RealDiv', 'Maximum', 'Minimum', 'FloorDiv', 'FloorMod', 'Pow', 'SquaredDifference'] as const;
/** The comparisons (bool results). */
export const COMPARISONS = ['Equal', 'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'NotEqual'] as const;

/** The binary ops' attributes (none beyond the inferred `T`). */
export type BinaryAttrs = { [K in (typeof BINARY_ARITHMETIC)[number] | (typeof COMPARISONS)[number]]: NoAttrs };

type Binary = keyof BinaryAttrs;

function rule<K extends Binary>(out: 'same' | 'bool', allowed: readonly DType[] = NUMERIC): ShapeRule<K> {
  return (c) => {
    const d = sameDtype(c, ['x', 'y']);
    allowDtypes(c, 0, 'T', out === 'bool' ? [...allowed, 'bool'] : allowed);
    return one(out === 'bool' ? 'bool' : d, broadcastShapes(inShape(c, 0), inShape(c, 1)));
  };
}

const shapesFullyEqual = (x: Tensor, y: Tensor, g: Tensor): boolean =>
  x.shape.is_fully_defined() &&
  y.shape.is_fully_defined() &&
  g.shape.is_fully_defined() &&
  String(x.shape) === String(y.shape) &&
  String(y.shape) === String(g.shape);

/** The shared tail of broadcasting binary gradients: sum each side over its broadcast axes, reshape back. */
function unbroadcast(tf: GradKit, op: Operation, gx: (rx: Tensor) => Tensor, gy: (ry: Tensor) => Tensor): [Tensor, Tensor] {
  const [x, y] = op.inputs as [Tensor, Tensor];
  const sx = tf.shape(x);
  const sy = tf.shape(y);
  const [rx, ry] = tf.broadcast_gradient_args(sx, sy);
  return [tf.reshape(gx(rx), sx), tf.reshape(gy(ry), sy)];
}

const sum = (tf: GradKit, t: Tensor, axes: Tensor): Tensor => tf.reduce_sum(t, { axis: axes });

/** r1.12's _MaximumMinimumGrad: the gradient goes to x where `pick(x, y)` (x on ties, as GreaterEqual), else to y,
 * through Selects against `zeros(shape(grad))`. */
function selectGrad(tf: GradKit, op: Operation<'Maximum' | 'Minimum'>, g: Tensor, pick: (x: Tensor, y: Tensor) => Tensor): [Tensor, Tensor] {
  const [x, y] = op.inputs as [Tensor, Tensor];
  const zeros = tf.zeros(tf.shape(g), g.dtype);
  const xmask = pick(x, y);
  return unbroadcast(
    tf,
    op,
    (rx) => sum(tf, tf.where(xmask, g, zeros), rx),
    (ry) => sum(tf, tf.where(xmask, zeros, g), ry),
  );
}

const GRADS: { [K in Binary]: GradFn<K> | 'none' } = {
  Add: (op, [g], tf) => {
    const [x, y] = op.inputs as [Tensor, Tensor];
    if (shapesFullyEqual(x, y, g!)) return [g!, g!];
    return unbroadcast(
      tf,
      op,
      (rx) => sum(tf, g!, rx),
      (ry) => sum(tf, g!, ry),
    );
  },
  Sub: (op, [g], tf) => {
    const [x, y] = op.inputs as [Tensor, Tensor];
    if (shapesFullyEqual(x, y, g!)) return [g!, tf.neg(g!)];
    return unbroadcast(
      tf,
      op,
      (rx) => sum(tf, g!, rx),
      (ry) => tf.neg(sum(tf, g!, ry)),
    );
  },
  Mul: (op, [g], tf) => {
    const [x, y] = op.inputs as [Tensor, Tensor];
    if (shapesFullyEqual(x, y, g!) && (g!.dtype === 'float32' || g!.dtype === 'int32')) return [tf.multiply(g!, y), tf.multiply(g!, x)];
    return unbroadcast(
      tf,
      op,
      (rx) => sum(tf, tf.multiply(g!, y), rx),
      (ry) => sum(tf, tf.multiply(x, g!), ry),
    );
  },
  RealDiv: (op, [g], tf) => {
    const [x, y] = op.inputs as [Tensor, Tensor];
    return unbroadcast(
      tf,
      op,
      (rx) => sum(tf, tf.realdiv(g!, y), rx),
      (ry) => sum(tf, tf.mul(g!, tf.realdiv(tf.realdiv(tf.neg(x), y), y)), ry),
    );
  },
  Maximum: (op, [g], tf) => selectGrad(tf, op, g!, (x, y) => tf.greater_equal(x, y)),
  Minimum: (op, [g], tf) => selectGrad(tf, op, g!, (x, y) => tf.less_equal(x, y)),
  FloorDiv: 'none',
  // d floormod(x, y) = g * (1, -floor_div(x, y)), as TF1's _FloorModGrad (defined where x / y is not an integer).
  FloorMod: (op, [g], tf) => {
    const [x, y] = op.inputs as [Tensor, Tensor];
    const floorXY = tf.floor_div(x, y);
    return unbroadcast(
      tf,
      op,
      (rx) => sum(tf, g!, rx),
      (ry) => sum(tf, tf.mul(g!, tf.negative(floorXY)), ry),
    );
  },
  Equal: 'none',
  Greater: 'none',
  GreaterEqual: 'none',
  Less: 'none',
  LessEqual: 'none',
  NotEqual: 'none',
  // TF1's _PowGrad: (g·y·x^(y−1), g·z·log x), log x taken as 0 where x <= 0 (no sensible real value there).
  Pow: (op, [g], tf) => {
    const [x, y] = op.inputs as [Tensor, Tensor];
    const z = op.outputs[0]!;
    const sx = tf.shape(x);
    const sy = tf.shape(y);
    const [rx, ry] = tf.broadcast_gradient_args(sx, sy);
    const gx = tf.reshape(tf.reduce_sum(tf.mul(tf.mul(g!, y), tf.pow(x, tf.sub(y, 1))), { axis: rx }), sx);
    const mask = tf.greater(x, 0);
    const safeX = tf.where(mask, x, tf.ones_like(x));
    const logX = tf.where(mask, tf.log(safeX), tf.zeros_like(x));
    const gy = tf.reshape(tf.reduce_sum(tf.mul(tf.mul(g!, z), logX), { axis: ry }), sy);
    return [gx, gy];
  },
  // TF1's _SquaredDifferenceGrad: x_grad = scalar_mul(2, g) * (x - y) after g; (x_grad, -x_grad), each summed back.
  SquaredDifference: (op, [g], tf) => {
    const [x, y] = op.inputs as [Tensor, Tensor];
    const sx = tf.shape(x);
    const sy = tf.shape(y);
    const [rx, ry] = tf.broadcast_gradient_args(sx, sy);
    const xGrad = tf.control_dependencies([g!], () => tf.mul(tf.mul(tf.constant(2.0, { dtype: g!.dtype, name: 'scalar' }), g!), tf.sub(x, y)));
    return [tf.reshape(tf.reduce_sum(xGrad, { axis: rx }), sx), tf.neg(tf.reshape(tf.reduce_sum(xGrad, { axis: ry }), sy))];
  },
};

const def = <K extends Binary>(type: K, out: 'same' | 'bool', allowed: readonly DType[], flags?: OpDef<OpType>['flags']): OpDef<K> => ({
  inputs: [
    { name: 'x', type: { attr: 'T', allowed } },
    { name: 'y', type: { attr: 'T', allowed } },
  ],
  attrs: {} as OpDef<K>['attrs'],
  ...(flags ? { flags } : {}),
  shape: rule<K>(out, allowed),
  grad: GRADS[type] as OpDef<K>['grad'],
});

// TF1's Pow takes bfloat16, half, float, double, int32, int64 and the complex types: tf1-ts's NUMERIC of them.
const POW = NUMERIC;

// Integer division by zero is TF1's "Integer division by zero"; on floats it is inf or nan.
const DIVISION = { valueChecked: 'int' } as const;

/** Definitions of the binary ops and comparisons. */
export const BINARY_OPS: OpDefs<BinaryAttrs> = {
  Add: def('Add', 'same', REAL),
  Sub: def('Sub', 'same', REAL),
  Mul: def('Mul', 'same', REAL),
  RealDiv: def('RealDiv', 'same', REAL, DIVISION),
  Maximum: def('Maximum', 'same', NUMERIC),
  Minimum: def('Minimum', 'same', NUMERIC),
  FloorDiv: def('FloorDiv', 'same', REAL, DIVISION),
  FloorMod: def('FloorMod', 'same', NUMERIC, DIVISION),
  Equal: def('Equal', 'bool', ALL_DTYPES),
  Greater: def('Greater', 'bool', REAL),
  GreaterEqual: def('GreaterEqual', 'bool', REAL),
  Less: def('Less', 'bool', REAL),
  LessEqual: def('LessEqual', 'bool', REAL),
  NotEqual: def('NotEqual', 'bool', ALL_DTYPES),
  // Integers to a negative integer power are TF1's "Integers to negative integer powers are not allowed".
  Pow: def('Pow', 'same', POW, DIVISION),
  SquaredDifference: def('SquaredDifference', 'same', NUMERIC),
};
