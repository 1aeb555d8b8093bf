import { allocHost, isFloating, type DType } from '../framework/dtypes.js';
import { ValueError } from '../framework/errors.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { IndexedSlicesValue } from '../graph/indexed_slices.js';
import { MISMATCH, kind, opt, parseArgs, req, signed, tf1, type Parsed, type RestOf } from '../framework/args.js';
import { get_default_session } from '../graph/default_session.js';
import { NDArray, sizeOf } from '../framework/ndarray.js';
import { toNDArray, type ArrayLike } from '../framework/from_js.js';
import { Session } from '../session/session.js';
import { normaliseFeeds, type FeedDict } from '../session/feeds.js';
import { constant, identity } from '../ops/array_ops.js';
import { ARRAY_LIKE, FLOAT, SYMBOLIC } from '../ops/kinds.js';
import { RefVariable } from '../ops/variables.js';
import { gradients } from '../ops/gradients.js';

/** A Jacobian pair, both shaped [x_size, y_size]: from `tf.gradients`, and from central differences. */
export type JacobianPair = [theoretical: NDArray, numerical: NDArray];

type Shape = readonly number[];
/** What may be differentiated: a tensor, or a variable. */
type X = Tensor | RefVariable;

const fmt = (s: Shape): string => `[${s.join(', ')}]`;
/** A shape as numpy prints it (a Python tuple): `(0, 3)`, `(5,)`, `()`. */
const pyTuple = (s: Shape): string => (s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`);

/** TF1's theoretical column from an IndexedSlices gradient: each slice added into the rows of x it indexes. */
function addSlicesColumn(j: NDArray, v: IndexedSlicesValue, xShape: Shape, ySize: number, col: number): void {
  const rowSize = sizeOf(xShape.slice(1));
  for (let n = 0; n < v.indices.size; n++) {
    const row = Number(v.indices.data[n]);
    for (let e = 0; e < rowSize; e++) {
      const at = (row * rowSize + e) * ySize + col;
      j.data[at] = Number(j.data[at]) + Number(v.values.data[n * rowSize + e]);
    }
  }
}

/** x's value at the point of differentiation: the given one (checked against x_shape), or TF1's random_sample. */
function initialValue(x: Tensor, shape: Shape, given: ArrayLike | null | undefined): NDArray {
  if (given !== null && given !== undefined) {
    const arr = toNDArray(given, x.dtype);
    if (arr.shape.length !== shape.length || arr.shape.some((d, i) => d !== shape[i])) {
      throw new ValueError(`x_shape = ${fmt(shape)}, init_data shape = ${fmt(arr.shape)}`);
    }
    return arr;
  }
  const data = allocHost(x.dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = Math.random();
  return new NDArray(data, shape, x.dtype);
}

function checkDtype(t: Tensor, what: 'x' | 'y'): void {
  if (!isFloating(t.dtype)) throw new ValueError(`Don't support type ${t.dtype} for ${what}`);
}

function checkShape(y: NDArray, yShape: Shape): void {
  if (y.size !== sizeOf(yShape)) throw new ValueError(`y_shape = ${fmt(yShape)}, but y evaluates to shape ${fmt(y.shape)}`);
}

/** A copy of `a` with element `i` moved by `d` (in a's own precision, as TF1). */
function perturbed(a: NDArray, i: number, d: number): NDArray {
  const data = a.data.slice();
  data[i] = data[i]! + d;
  return new NDArray(data, a.shape, a.dtype);
}

/** Rounds as the y dtype would (TF1 takes the differences in y's dtype). */
const rounder = (d: DType): ((v: number) => number) => (d === 'float32' ? Math.fround : (v) => v);

/**
 * The Jacobians of every x in one pass each: the theoretical one column per element of y (one run
 * fetches that column for all xs), the numerical one row per element of x (two runs each).
 */
async function jacobians(
  sess: Session,
  xs: readonly Tensor[],
  xData: readonly NDArray[],
  y: Tensor,
  yShape: Shape,
  delta: number,
  extra: Map<Tensor, NDArray>,
): Promise<JacobianPair[]> {
  const ySize = sizeOf(yShape);
  // As TF1's _compute_dx_and_dy: a constant dy to feed, behind an identity so that dx is never the fed tensor itself.
  const { dyOrig, dxs } = y.graph.as_default(() => {
    // TF1's constant(1.0, shape=y_shape): never run, as it is always fed (zeros here, so an empty y_shape holds too).
    const dyOrig = constant(NDArray.zeros(yShape, y.dtype));
    return { dyOrig, dxs: gradients(y, [...xs], [identity(dyOrig)]) };
  });
  const feeds = (over: Map<Tensor, NDArray>): Map<Tensor, NDArray> => {
    const f = new Map(extra);
    xs.forEach((x, i) => f.set(x, xData[i]!));
    for (const [k, v] of over) f.set(k, v);
    return f;
  };
  // y's shape is checked before anything is written: a wrong y_shape would misplace every column.
  checkShape(await sess.run(y, feeds(new Map())), yShape);
  const theoretical = xData.map((d) => NDArray.zeros([d.size, ySize], d.dtype));
  const live = dxs.flatMap((dx, i) => (dx ? [{ dx, i }] : []));
  for (let col = 0; col < ySize && live.length; col++) {
    // Fresh arrays for every run: a fetched value may share storage with a fed one.
    const dy = NDArray.zeros(yShape, y.dtype);
    dy.data[col] = 1;
    const vals = await sess.run(
      live.map((l) => l.dx),
      feeds(new Map([[dyOrig, dy]])),
    );
    live.forEach(({ i }, k) => {
      const v = vals[k]!;
      const j = theoretical[i]!;
      if (v instanceof IndexedSlicesValue) return addSlicesColumn(j, v, xData[i]!.shape, ySize, col);
      if (v.size !== xData[i]!.size) throw new ValueError(`Gradient has wrong shape: expected ${fmt(xData[i]!.shape)}, got ${fmt(v.shape)}`);
      for (let r = 0; r < v.size; r++) j.data[r * ySize + col] = v.data[r]!;
    });
  }
  // As TF1: an empty y still runs the gradients once, which must have x's shape and be all zeros.
  if (ySize === 0 && live.length) {
    const vals = await sess.run(
      live.map((l) => l.dx),
      feeds(new Map([[dyOrig, NDArray.zeros(yShape, y.dtype)]])),
    );
    live.forEach(({ i }, k) => {
      const fetched = vals[k]!;
      // TF1 checks a dense gradient here; an IndexedSlices one has no rows to check when y is empty.
      if (fetched instanceof IndexedSlicesValue) return;
      const v = fetched;
      const want = xData[i]!.shape;
      if (v.shape.length !== want.length || v.shape.some((d, j) => d !== want[j]))
        throw new ValueError(`Empty gradient has wrong shape: expected ${pyTuple(want)}, got ${pyTuple(v.shape)}`);
      if (v.data.some((e) => e !== 0)) throw new ValueError('Empty tensor with nonzero gradients');
    });
  }
  const round = rounder(y.dtype);
  const scale = round(2 * delta);
  const numerical: NDArray[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const data = xData[i]!;
    const j = NDArray.zeros([data.size, ySize], data.dtype);
    for (let row = 0; row < data.size; row++) {
      const yPos = await sess.run(y, feeds(new Map([[x, perturbed(data, row, delta)]])));
      const yNeg = await sess.run(y, feeds(new Map([[x, perturbed(data, row, -delta)]])));
      for (let c = 0; c < ySize; c++) j.data[row * ySize + c] = round(round(yPos.data[c]! - yNeg.data[c]!) / scale);
    }
    numerical.push(j);
  }
  return theoretical.map((t, i) => [t, numerical[i]!]);
}

const SHAPE_LIST = kind<Shape>('list of ints', (v) => Array.isArray(v) && v.every((d) => Number.isSafeInteger(d) && (d as number) >= 0));
const XS = kind<X | readonly X[]>(
  'Tensor or list of Tensors',
  (v) => v instanceof Tensor || v instanceof RefVariable || (Array.isArray(v) && v.every((x) => x instanceof Tensor || x instanceof RefVariable)),
);
const X_SHAPES = kind<Shape | readonly Shape[]>(
  'shape or list of shapes',
  (v) => SHAPE_LIST.parse(v) !== MISMATCH || (Array.isArray(v) && v.every((s) => SHAPE_LIST.parse(s) !== MISMATCH)),
);
const X_INIT = kind<ArrayLike | readonly (ArrayLike | null | undefined)[]>(
  'array-like value or list of them',
  (v) => ARRAY_LIKE.parse(v) !== MISMATCH || (Array.isArray(v) && v.every((e) => e == null || ARRAY_LIKE.parse(e) !== MISMATCH)),
);
const DEPS = kind<readonly (Operation | Tensor)[]>(
  'list of Operations',
  (v) => Array.isArray(v) && v.every((o) => o instanceof Operation || o instanceof Tensor),
);

const PARAMS = [
  req('x', XS),
  req('x_shape', X_SHAPES),
  req('y', SYMBOLIC),
  req('y_shape', SHAPE_LIST),
  opt('x_init_value', X_INIT),
  opt('delta', FLOAT),
  opt('init_targets', DEPS),
  opt(
    'extra_feed_dict',
    kind<FeedDict>('feed_dict', (v) => typeof v === 'object', { takesObject: true }),
  ),
] as const;

/** Options of `compute_gradient` after its four positional parameters, with TF1's names. */
export type ComputeGradientOptions = Partial<Omit<Parsed<typeof PARAMS>, 'x' | 'x_shape' | 'y' | 'y_shape'>>;

async function computeGradient(a: Parsed<typeof PARAMS>): Promise<JacobianPair | JacobianPair[]> {
  const { x, x_shape, y_shape } = a;
  const y = a.y instanceof RefVariable ? a.y.value() : a.y;
  const list = Array.isArray(x);
  // A variable is differentiated, and fed, through its storage tensor, as TF1 feeds a Variable.
  const xs = ((list ? x : [x]) as readonly X[]).map((t) => (t instanceof RefVariable ? t._ref() : t));
  const shapes = (list ? x_shape : [x_shape]) as readonly Shape[];
  if (shapes.length !== xs.length) throw new ValueError(`Got ${shapes.length} x_shapes for ${xs.length} xs`);
  const inits = (list ? (a.x_init_value ?? []) : [a.x_init_value]) as readonly (ArrayLike | null | undefined)[];
  xs.forEach((t) => checkDtype(t, 'x'));
  checkDtype(y, 'y');
  // As TF1, y_shape only has to have y's number of elements (the Jacobian's columns).
  const n = y.shape.num_elements();
  if (n !== null && n !== sizeOf(y_shape)) throw new ValueError(`y_shape = ${fmt(y_shape)} does not have the ${n} elements of y ${y.shape}`);
  const xData = xs.map((t, i) => initialValue(t, shapes[i]!, inits[i]));
  // TF1 runs in the default session; without one, a CPU session of y's graph, closed afterwards.
  const given = get_default_session();
  const sess = (given && given.graph === y.graph ? given : new Session({ graph: y.graph, backend: 'cpu' })) as Session;
  try {
    if (a.init_targets?.length) await sess.run([...a.init_targets]);
    const extra = normaliseFeeds(y.graph, a.extra_feed_dict);
    const pairs = await jacobians(sess, xs, xData, y, y_shape, a.delta ?? 1e-3, extra);
    return list ? pairs : pairs[0]!;
  } finally {
    if (sess !== given) sess.close();
  }
}

/** The overloads of compute_gradient: one x gives one Jacobian pair, a list of xs a list of pairs. */
interface ComputeGradient {
  (x: X, x_shape: Shape, y: Tensor, y_shape: Shape, ...rest: RestOf<typeof PARAMS, 4>): Promise<JacobianPair>;
  (x: readonly X[], x_shape: readonly Shape[], y: Tensor, y_shape: Shape, ...rest: RestOf<typeof PARAMS, 4>): Promise<JacobianPair[]>;
}

/**
 * TF1's `tf.test.compute_gradient(x, x_shape, y, y_shape, x_init_value, delta, init_targets, extra_feed_dict)`:
 * the theoretical and numerical Jacobians of y with respect to x, each shaped [x_size, y_size]; for a list of
 * xs, a list of pairs. Runs in the default session (`sess.as_default(...)`), else in a CPU session of its own.
 * While one x is perturbed the other xs are fed their own points (TF1 feeds only the one; here placeholders work too).
 */
export const compute_gradient = signed(
  ((...args: unknown[]) => computeGradient(parseArgs('compute_gradient', PARAMS, args))) as ComputeGradient,
  'test.compute_gradient',
  PARAMS,
);

/** TF1's `tf.test.compute_gradient_error(...)` (compute_gradient's parameters): the largest absolute difference between the theoretical and numerical Jacobians. */
export const compute_gradient_error = tf1('test.compute_gradient_error', PARAMS, async (a) => {
  const r = await computeGradient(a);
  return max_abs_difference(Array.isArray(a.x) ? (r as JacobianPair[]) : [r as JacobianPair]);
});

/** The largest |theoretical - numerical| over Jacobian pairs (0 for empty ones); NaN if any entry is NaN. */
export function max_abs_difference(pairs: readonly JacobianPair[]): number {
  let error = 0;
  for (const [t, n] of pairs) {
    for (let i = 0; i < t.size; i++) {
      const d = Math.abs(t.data[i]! - n.data[i]!);
      if (Number.isNaN(d)) return NaN; // as np.maximum, a NaN anywhere is the answer
      if (d > error) error = d;
    }
  }
  return error;
}
