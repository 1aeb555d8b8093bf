// The comparison routines of TF1's cwise_ops_test.py (UnaryOpTest's and BinaryOpTest's _compareCpu,
// _compareGpu, _compareGradientX/Y), and Python's operators on Tensors, literals included.
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import type { OpType } from '../../src/framework/op_defs.js';
import { assertAllClose, assertShapeEqual, graphSession } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;
type T = tf.Tensor;
/** An operand as TF1's tests pass them: a Tensor, a Variable, or a NumPy array / Python number. */
export type Operand = tf.Tensor | tf.RefVariable | NDArray | number | boolean | boolean[];
/** A TF1 function or Python operator of two operands. */
export type BinaryFn = (x: Operand, y: Operand) => T;
/** A TF1 function or Python operator of one tensor. */
export type UnaryFn = (x: T) => T;

const isFloat = (d: DType): boolean => d === 'float32' || d === 'float64';

type Method = 'add' | 'sub' | 'mul' | 'div' | 'floordiv' | 'mod' | 'pow' | 'lt' | 'le' | 'gt' | 'ge' | 'and' | 'or' | 'xor';
// Python tries the left operand's operator, then the right one's reflected form: `3 < t` is `t > 3`.
const REFLECTED: Partial<Record<Method, Method>> = { lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };

/**
 * Python's binary operator `method` (`x + y` is 'add'): a Tensor or Variable on the left uses its own;
 * a NumPy array or number on the left meets the right Tensor's reflected operator (`__radd__`), which
 * converts it to the Tensor's dtype first; comparisons swap sides instead.
 */
export function operator(method: Method): BinaryFn {
  return (x, y) => {
    const asTensor = (v: Operand): T | null => (v instanceof tf.Tensor ? v : v instanceof tf.RefVariable ? v.value() : null);
    const left = asTensor(x);
    if (left) return left[method](y as tf.TensorLike);
    const right = asTensor(y)!;
    const reflected = REFLECTED[method];
    if (reflected) return right[reflected](x as tf.TensorLike);
    return tf.convert_to_tensor(x as tf.TensorLike, right.dtype)[method](right);
  };
}

/** Python's `-x`. */
export const _NEG: UnaryFn = (x) => x.neg();
/** Python's `x + y`. */
export const _ADD = operator('add');
/** Python's `x - y`. */
export const _SUB = operator('sub');
/** Python's `x * y`. */
export const _MUL = operator('mul');
/** Python's `x / y`. */
export const _TRUEDIV = operator('div');
/** Python's `x ** y`. */
export const _POW = operator('pow');
/** Python's `x // y`. */
export const _FLOORDIV = operator('floordiv');
/** Python's `x % y`. */
export const _MOD = operator('mod');
/** Python's `x < y`. */
export const _LT = operator('lt');
/** Python's `x <= y`. */
export const _LE = operator('le');
/** Python's `x > y`. */
export const _GT = operator('gt');
/** Python's `x >= y`. */
export const _GE = operator('ge');
/** Python's `x & y`. */
export const _AND = operator('and');
/** Python's `x | y`. */
export const _OR = operator('or');
/** Python's `x ^ y`. */
export const _XOR = operator('xor');
/** Python's `~x`. */
export const _INV: UnaryFn = (x) => x.invert();

/** cwise_ops_test's _default_tolerance. */
export const defaultTolerance = (d: DType): number => (d === 'float32' ? 1e-3 : 1e-5);

/** `1.1 * t` (Python's float on the left: converted to t's dtype, a Mul). */
const times11 = (t: T): T => tf.multiply(1.1, t);
/** NumPy's `np_ans *= 1.1` in the array's own dtype. */
const npTimes11 = (a: NDArray): NDArray => np.multiply(a, np.array([1.1], [], a.dtype));

/** The Jacobian pair of y by x at `init`, in `sess` (gradient_checker.compute_gradient). */
async function jacobian(sess: tf.Session, x: T, y: T, init: NDArray, yShape: readonly number[], delta?: number): Promise<[NDArray, NDArray]> {
  return sess.as_default(() => tf.test.compute_gradient(x, [...init.shape], y, [...yShape], { x_init_value: init, delta: delta ?? null }));
}

/** UnaryOpTest._compareCpu: the value (times 1.1 for floats), its static shape, and for floats the gradient. */
export async function unaryCompareCpu(x: NDArray, npFunc: (a: NDArray) => NDArray, tfFunc: UnaryFn, gradRtol?: number, gradAtol?: number): Promise<void> {
  const rtol = gradRtol ?? defaultTolerance(x.dtype);
  const atol = gradAtol ?? defaultTolerance(x.dtype);
  const float = isFloat(x.dtype);
  const npAns = float ? npTimes11(npFunc(x)) : npFunc(x);
  const {
    sess,
    built: { inx, y },
  } = graphSession(() => {
    const inx = tf.convert_to_tensor(x);
    return { inx, y: float ? times11(tfFunc(inx)) : tfFunc(inx) };
  });
  try {
    const tfCpu = (await sess.run(y)) as NDArray;
    assertShapeEqual(npAns, y);
    assertAllClose(npAns, tfCpu);
    if (!float) return;
    const [t, n] = await jacobian(sess, inx, y, x, x.shape, x.dtype === 'float32' ? 1e-3 : 1e-5);
    assertAllClose(t, n, { rtol, atol });
  } finally {
    sess.close();
  }
}

/** UnaryOpTest._compareGpu, here a second value check on the CPU backend (TF1 runs it on the CPU when there is no GPU). */
export async function unaryCompareGpu(x: NDArray, npFunc: (a: NDArray) => NDArray, tfFunc: UnaryFn): Promise<void> {
  const { sess, built } = graphSession(() => tfFunc(tf.convert_to_tensor(x)));
  try {
    assertAllClose(npFunc(x), (await sess.run(built)) as NDArray);
  } finally {
    sess.close();
  }
}

/** UnaryOpTest._compareBoth. */
export async function unaryCompareBoth(x: NDArray, npFunc: (a: NDArray) => NDArray, tfFunc: UnaryFn): Promise<void> {
  await unaryCompareCpu(x, npFunc, tfFunc);
  await unaryCompareGpu(x, npFunc, tfFunc);
}

/**
 * BinaryOpTest._compareCpu: tf_func on two tensors, on an array and a tensor either way round, and with
 * `alsoCompareVariables` on a Variable either way round; values close to NumPy's, the static shape NumPy's.
 */
export async function binaryCompareCpu(
  x: NDArray,
  y: NDArray,
  npFunc: (a: NDArray, b: NDArray) => NDArray,
  tfFunc: BinaryFn,
  alsoCompareVariables = false,
): Promise<void> {
  const npAns = npFunc(x, y);
  const { sess, built } = graphSession(() => {
    const inx = tf.convert_to_tensor(x);
    const iny = tf.convert_to_tensor(y);
    const out = tfFunc(inx, iny);
    const left = tfFunc(x, iny);
    const right = tfFunc(inx, y);
    if (!alsoCompareVariables) return { out, fetches: [out, left, right] };
    const varX = tf.Variable(x);
    const varY = tf.Variable(y);
    return { out, init: tf.global_variables_initializer(), fetches: [out, left, right, tfFunc(x, varY), tfFunc(varX, y)] };
  });
  try {
    if (built.init) await sess.run(built.init);
    const values = (await sess.run(built.fetches)) as NDArray[];
    for (const v of values) assertAllClose(npAns, v);
    assertShapeEqual(npAns, built.out);
  } finally {
    sess.close();
  }
}

const GRAD_TOL: Partial<Record<DType, number>> = { float32: 1e-3, float64: 1e-5 };

/** BinaryOpTest._compareGradientX / _compareGradientY (`side`): the Jacobian of 1.1 * tf_func by that input. */
export async function binaryCompareGradient(
  side: 'x' | 'y',
  x: NDArray,
  y: NDArray,
  npFunc: (a: NDArray, b: NDArray) => NDArray,
  tfFunc: BinaryFn,
): Promise<void> {
  const zs = npFunc(x, y).shape;
  const {
    sess,
    built: { inx, iny, out },
  } = graphSession(() => {
    const inx = tf.convert_to_tensor(x);
    const iny = tf.convert_to_tensor(y);
    const out = isFloat(x.dtype) ? times11(tfFunc(inx, iny)) : tfFunc(inx, iny);
    return { inx, iny, out };
  });
  try {
    const [t, n] = await jacobian(sess, side === 'x' ? inx : iny, out, side === 'x' ? x : y, zs);
    const tol = GRAD_TOL[x.dtype]!;
    assertAllClose(t, n, { rtol: tol, atol: tol });
  } finally {
    sess.close();
  }
}

/** BinaryOpTest._compareGpu, here a second value check on the CPU backend. */
export async function binaryCompareGpu(x: NDArray, y: NDArray, npFunc: (a: NDArray, b: NDArray) => NDArray, tfFunc: BinaryFn): Promise<void> {
  const npAns = npFunc(x, y);
  const { sess, built } = graphSession(() => tfFunc(tf.convert_to_tensor(x), tf.convert_to_tensor(y)));
  try {
    assertAllClose(npAns, (await sess.run(built)) as NDArray);
    assertShapeEqual(npAns, built);
  } finally {
    sess.close();
  }
}

/**
 * UnaryOpTest.testGradGrad for the gradient helper ops in `opRange` (each with the range its values are drawn
 * from): the op itself, as Graph.create_op builds it, differentiated by both inputs at float32 (5e-4) and float64
 * (1e-6), every value drawn from `rng` in order.
 */
export async function gradGradCheck(rng: np.Rng, opRange: readonly (readonly [OpType, readonly [number, number]])[]): Promise<void> {
  const shape = [5];
  for (const [op, [lo, hi]] of opRange) {
    for (const [dtype, tol] of [
      ['float32', 5e-4],
      ['float64', 1e-6],
    ] as const) {
      const rand = (): NDArray =>
        np.array(
          rng.many(shape[0]!, () => lo + (hi - lo) * rng.uniform()),
          shape,
          dtype,
        );
      const {
        sess,
        built: { x, y, z },
      } = graphSession(() => {
        const x = tf.constant(rand());
        const y = tf.constant(rand());
        return { x, y, z: x.graph.create_op(op, [x, y], {} as never, op).outputs[0]! };
      });
      try {
        const grads = await sess.as_default(() => tf.test.compute_gradient([x, y], [shape, shape], z, shape, { x_init_value: [rand(), rand()] }));
        for (const [analytical, numerical] of grads) assertAllClose(analytical, numerical, { rtol: tol, atol: tol, msg: `${op} ${dtype}` });
      } finally {
        sess.close();
      }
    }
  }
}
