import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { broadcast_shape } from '../../../src/testing/index.js';
import type { Guards } from './check.js';

type T = tf.Tensor;

/** The ops a composite graph is built from (cast is left out: float32 would swamp central differences). */
export const COMPOSITE_OPS = [
  'add',
  'sub',
  'mul',
  'div',
  'maximum',
  'minimum',
  'neg',
  'identity',
  'square',
  'exp',
  'log',
  'sqrt',
  'reciprocal',
  'relu',
  'sum',
  'mean',
  'max',
  'prod',
  'matmul',
  'softmax',
  'log_softmax',
  'xent',
  'reshape',
  'expand_dims',
  'tile',
  'add_n',
  'fill',
] as const;

/** One node of a composite: an op applied to earlier nodes (indices taken modulo the count, so any shrunk list stays valid). */
export interface Step {
  op: (typeof COMPOSITE_OPS)[number];
  a: number;
  b: number;
  /** Axis bits for reductions and tile, axis for expand_dims. */
  bits: number;
  flag: boolean;
}

/** Random steps; fast-check prints and shrinks them as plain data. */
export const steps = (maxLength: number): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.record({
      op: fc.constantFrom(...COMPOSITE_OPS),
      a: fc.nat(7),
      b: fc.nat(7),
      bits: fc.nat(15),
      flag: fc.boolean(),
    }),
    { minLength: 1, maxLength },
  );

interface Node {
  t: T;
  shape: number[];
}

const MAX_SIZE = 64;
const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
const broadcasts = (a: readonly number[], b: readonly number[]): boolean => {
  try {
    broadcast_shape(a, b);
    return true;
  } catch {
    return false;
  }
};
const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
const axesOf = (bits: number, rank: number): number[] => Array.from({ length: rank }, (_, i) => i).filter((i) => (bits >> i) & 1);
const one = (like: T): T => tf.constant(1, { dtype: like.dtype });

/** A rank-2 view of a node: scalars become [1, 1], vectors [1, n], rank 3 folds its leading axes. */
function matrix(n: Node): Node {
  const s = n.shape;
  const m = s.length === 0 ? [1, 1] : s.length === 1 ? [1, s[0]!] : [size(s.slice(0, -1)), s[s.length - 1]!];
  return sameShape(m, s) ? n : { t: tf.reshape(n.t, m), shape: m };
}

/**
 * Builds the composite on `inputs` (whose true shapes are `shapes`; the tensors' static shapes may be unknown)
 * and returns its last node, with guards that keep the check away from kinks of relu, max, maximum and minimum.
 */
export function buildComposite(inputs: readonly T[], shapes: readonly number[][], program: readonly Step[]): { y: T; guards: Guards } {
  const nodes: Node[] = inputs.map((t, i) => ({ t, shape: shapes[i]! }));
  const apart: T[] = [];
  const unique: T[] = [];
  const push = (t: T, shape: number[]): void => {
    nodes.push({ t, shape });
  };
  for (const st of program) {
    const A = nodes[st.a % nodes.length]!;
    const B0 = nodes[st.b % nodes.length]!;
    // A second operand that broadcasts against A: B itself, else its sum (a scalar).
    const B = broadcasts(A.shape, B0.shape) ? B0 : { t: tf.reduce_sum(B0.t), shape: [] };
    const both = (): number[] => broadcast_shape(A.shape, B.shape);
    const positive = (t: T): T => tf.add(one(t), tf.square(t));
    switch (st.op) {
      case 'add':
        push(tf.add(A.t, B.t), both());
        break;
      case 'sub':
        push(A.t.sub(B.t), both());
        break;
      case 'mul':
        push(A.t.mul(B.t), both());
        break;
      case 'div':
        push(tf.realdiv(A.t, positive(B.t)), both());
        break;
      case 'maximum':
      case 'minimum': {
        if (A.t !== B.t) apart.push(tf.subtract(A.t, B.t));
        push(st.op === 'maximum' ? tf.maximum(A.t, B.t) : tf.minimum(A.t, B.t), both());
        break;
      }
      case 'neg':
        push(tf.negative(A.t), A.shape);
        break;
      case 'identity':
        push(tf.identity(A.t), A.shape);
        break;
      case 'square':
        push(tf.square(A.t), A.shape);
        break;
      case 'exp':
        push(tf.exp(tf.negative(tf.square(A.t))), A.shape);
        break;
      case 'log':
        push(tf.log(positive(A.t)), A.shape);
        break;
      case 'sqrt':
        push(tf.sqrt(positive(A.t)), A.shape);
        break;
      case 'reciprocal':
        push(tf.reciprocal(positive(A.t)), A.shape);
        break;
      case 'relu':
        apart.push(A.t);
        push(tf.nn.relu(A.t), A.shape);
        break;
      case 'sum':
      case 'mean':
      case 'max':
      case 'prod': {
        const axis = axesOf(st.bits, A.shape.length);
        const keep_dims = st.flag;
        const shape = keep_dims ? A.shape.map((d, i) => (axis.includes(i) ? 1 : d)) : A.shape.filter((_, i) => !axis.includes(i));
        if (st.op === 'max') {
          // How many elements of each group lie within the margin of its maximum: must be exactly one.
          const near = tf.greater_equal(A.t.sub(tf.reduce_max(A.t, { axis, keep_dims: true })), tf.constant(-1e-3, { dtype: A.t.dtype }));
          unique.push(tf.reduce_sum(tf.cast(near, tf.float64), { axis }));
        }
        if (st.op === 'prod') apart.push(A.t);
        const f = { sum: tf.reduce_sum, mean: tf.reduce_mean, max: tf.reduce_max, prod: tf.reduce_prod }[st.op];
        push(f(A.t, { axis, keep_dims }), shape);
        break;
      }
      case 'matmul': {
        const a = matrix(A);
        const b = matrix(B0);
        const [m, k] = a.shape as [number, number];
        const [p, q] = b.shape as [number, number];
        // Whichever transposes make the product defined; else a @ a^T.
        if (p === k) push(tf.matmul(a.t, b.t), [m, q]);
        else if (q === k) push(tf.matmul(a.t, b.t, { transpose_b: true }), [m, p]);
        else if (p === m) push(tf.matmul(a.t, b.t, { transpose_a: true }), [k, q]);
        else if (q === m) push(tf.matmul(a.t, b.t, { transpose_a: true, transpose_b: true }), [k, p]);
        else push(tf.matmul(a.t, a.t, { transpose_b: true }), [m, m]);
        break;
      }
      case 'softmax':
      case 'log_softmax': {
        const v = A.shape.length ? A : { t: tf.reshape(A.t, [1]), shape: [1] };
        push(st.op === 'softmax' ? tf.nn.softmax(v.t) : tf.nn.log_softmax(v.t), v.shape);
        break;
      }
      case 'xent': {
        const logits = matrix(A);
        const b = matrix(B0);
        // Labels as TF1 requires them, each row a distribution: softmax of B when it fits, else of the logits.
        const labels = tf.nn.softmax(sameShape(b.shape, logits.shape) ? b.t : logits.t);
        push(tf.nn.softmax_cross_entropy_with_logits_v2({ labels, logits: logits.t }), [logits.shape[0]!]);
        break;
      }
      case 'reshape': {
        const target = A.shape.length <= 1 ? [1, size(A.shape)] : [...A.shape].reverse();
        push(tf.reshape(A.t, target), target);
        break;
      }
      case 'expand_dims': {
        if (size(A.shape) * 1 > MAX_SIZE || A.shape.length >= 4) {
          push(A.t, A.shape);
          break;
        }
        const r = A.shape.length;
        const axis = st.bits % (r + 1);
        push(tf.expand_dims(A.t, st.flag ? axis - r - 1 : axis), [...A.shape.slice(0, axis), 1, ...A.shape.slice(axis)]);
        break;
      }
      case 'tile': {
        let multiples = A.shape.map((_, i) => 1 + ((st.bits >> i) & 1));
        if (size(A.shape) * size(multiples) > MAX_SIZE) multiples = multiples.map(() => 1);
        push(
          tf.tile(A.t, multiples),
          A.shape.map((d, i) => d * multiples[i]!),
        );
        break;
      }
      case 'add_n':
        push(tf.add_n(sameShape(A.shape, B0.shape) ? [A.t, B0.t, A.t] : [A.t, A.t]), A.shape);
        break;
      case 'fill': {
        const dims = A.shape.length ? A.shape : [2];
        push(tf.fill(dims, tf.reduce_mean(A.t)), dims);
        break;
      }
    }
  }
  return { y: nodes[nodes.length - 1]!.t, guards: { apart, unique, bounded: nodes.map((n) => n.t) } };
}
