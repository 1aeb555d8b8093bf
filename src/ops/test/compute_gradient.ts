import { allocHost, isFloating, type DType } from '../../graph/dtypes.js';
import { ValueError } from '../../graph/errors.js';
import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { TensorShape } from '../../graph/shape.js';
import { NDArray, sizeOf } from '../../ndarray/ndarray.js';
import { toNDArray, type ArrayLike } from '../../ndarray/from_js.js';
import { Session } from '../../session/session.js';
import { normaliseFeeds, type FeedDict } from '../../session/feeds.js';
import { constant, identity } from '../array_ops.js';
import { RefVariable } from '../variables.js';
import { gradients } from '../gradients.js';

/** Options of `compute_gradient`, with TF1's names; `session` stands in for TF1's default session. */
export interface ComputeGradientOptions {
  /** The point to differentiate at (one per x for a list); TF1's default is uniform random in [0, 1). */
  x_init_value?: ArrayLike | null | readonly (ArrayLike | null | undefined)[];
  /** The step of the central differences; TF1's default 1e-3. */
  delta?: number;
  /** Ops (variable initializers) to run once before differentiating. */
  init_targets?: readonly (Operation | Tensor)[];
  /** Values for the other placeholders the graph needs. */
  extra_feed_dict?: FeedDict;
  /** The session to run in (its variables already initialized); by default a CPU session, closed afterwards. */
  session?: Session;
}

/** A Jacobian pair, both shaped [x_size, y_size]: from `tf.gradients`, and from central differences. */
export type JacobianPair = [theoretical: NDArray, numerical: NDArray];

type Shape = readonly number[];
/** What may be differentiated: a tensor, or a variable. */
type X = Tensor | RefVariable;

const fmt = (s: Shape): string => `[${s.join(', ')}]`;

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
  if (y.shape.length !== yShape.length || y.shape.some((d, i) => d !== yShape[i])) {
    throw new ValueError(`y_shape = ${fmt(yShape)}, but y evaluates to shape ${fmt(y.shape)}`);
  }
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
async function jacobians(sess: Session, xs: readonly Tensor[], xData: readonly NDArray[], y: Tensor, yShape: Shape, delta: number, extra: Map<Tensor, NDArray>): Promise<JacobianPair[]> {
  const ySize = sizeOf(yShape);
  // As TF1's _compute_dx_and_dy: a constant dy to feed, behind an identity so that dx is never the fed tensor itself.
  const { dyOrig, dxs } = y.graph.as_default(() => {
    const dyOrig = constant(1, { dtype: y.dtype, shape: [...yShape] });
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
    const vals = await sess.run(live.map((l) => l.dx), feeds(new Map([[dyOrig, dy]])));
    live.forEach(({ i }, k) => {
      const v = vals[k]!;
      if (v.size !== xData[i]!.size) throw new ValueError(`Gradient has wrong shape: expected ${fmt(xData[i]!.shape)}, got ${fmt(v.shape)}`);
      const j = theoretical[i]!;
      for (let r = 0; r < v.size; r++) j.data[r * ySize + col] = v.data[r]!;
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

/**
 * TF1's `tf.test.compute_gradient`: the theoretical and numerical Jacobians of y with respect to x,
 * each shaped [x_size, y_size]; for a list of xs, a list of pairs. While one x is perturbed the
 * other xs are fed their own points (TF1 feeds only the one; here placeholders work too).
 */
export async function compute_gradient(x: X, x_shape: Shape, y: Tensor, y_shape: Shape, opts?: ComputeGradientOptions): Promise<JacobianPair>;
export async function compute_gradient(x: readonly X[], x_shape: readonly Shape[], y: Tensor, y_shape: Shape, opts?: ComputeGradientOptions): Promise<JacobianPair[]>;
export async function compute_gradient(x: X | readonly X[], x_shape: Shape | readonly Shape[], y: Tensor, y_shape: Shape, opts: ComputeGradientOptions = {}): Promise<JacobianPair | JacobianPair[]> {
  const list = Array.isArray(x);
  // A variable is differentiated, and fed, through its storage tensor, as TF1 feeds a Variable.
  const xs = ((list ? x : [x]) as readonly X[]).map((t) => (t instanceof RefVariable ? t._ref() : t));
  const shapes = (list ? x_shape : [x_shape]) as readonly Shape[];
  if (shapes.length !== xs.length) throw new ValueError(`Got ${shapes.length} x_shapes for ${xs.length} xs`);
  const inits = (list ? opts.x_init_value ?? [] : [opts.x_init_value]) as readonly (ArrayLike | null | undefined)[];
  xs.forEach((t) => checkDtype(t, 'x'));
  checkDtype(y, 'y');
  if (!y.shape.is_compatible_with(new TensorShape(y_shape))) throw new ValueError(`y_shape = ${fmt(y_shape)} is not compatible with the shape of y ${y.shape}`);
  const xData = xs.map((t, i) => initialValue(t, shapes[i]!, inits[i]));
  const sess = opts.session ?? new Session({ graph: y.graph, backend: 'cpu' });
  try {
    if (opts.init_targets?.length) await sess.run([...opts.init_targets]);
    const extra = normaliseFeeds(y.graph, opts.extra_feed_dict);
    const pairs = await jacobians(sess, xs, xData, y, y_shape, opts.delta ?? 1e-3, extra);
    return list ? pairs : pairs[0]!;
  } finally {
    if (!opts.session) sess.close();
  }
}

/** TF1's `tf.test.compute_gradient_error`: the largest absolute difference between the theoretical and numerical Jacobians. */
export async function compute_gradient_error(x: X | readonly X[], x_shape: Shape | readonly Shape[], y: Tensor, y_shape: Shape, opts: ComputeGradientOptions = {}): Promise<number> {
  const pairs = Array.isArray(x)
    ? await compute_gradient(x as readonly X[], x_shape as readonly Shape[], y, y_shape, opts)
    : [await compute_gradient(x as X, x_shape as Shape, y, y_shape, opts)];
  return max_abs_difference(pairs);
}

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
