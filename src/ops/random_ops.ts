// tf.set_random_seed and the random tensors (random_normal, truncated_normal, random_uniform), as TF1 builds them.
import type { DType } from '../framework/dtypes.js';
import type { Graph } from '../graph/graph.js';
import { get_default_graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { apply1 } from './apply.js';
import { toTensor, graphOf, type TensorLike } from './convert.js';
import { add, multiply, subtract } from './math_ops.js';
import { PACKABLE, packedArg, type Packable } from './array_structure_ops.js';
import { DTYPE, STR, TENSOR, kind } from './kinds.js';

const MAXINT32 = 2 ** 31 - 1;
const DEFAULT_GRAPH_SEED = 87654321;

/** A seed: Python's int, any size (2**100 included), which TF1 reduces modulo 2**31 - 1. */
export const SEED = kind<number>('int', (v) => typeof v === 'number' && Number.isInteger(v));

/** `tf.set_random_seed(seed)`: the default graph's seed, from which op seeds derive as in TF1. */
export const set_random_seed = tf1('set_random_seed', [req('seed', SEED)], (a) => {
  get_default_graph().seed = a.seed;
});

// TF1's _truncate_seed: Python's `seed % (2**31 - 1)`, never negative; % on doubles is exact, so 2**100 reduces as in Python.
const truncate = (s: number): number => ((s % MAXINT32) + MAXINT32) % MAXINT32;

/** TF1's `get_seed(op_seed)`: [graph seed, op seed], with the op count standing in when only the graph seed is set. */
export function get_seed(graph: Graph, opSeed?: number | null): [number, number] {
  let seeds: [number, number];
  if (graph.seed !== null) seeds = [truncate(graph.seed), truncate(opSeed ?? graph.version)];
  else if (opSeed !== undefined && opSeed !== null) seeds = [DEFAULT_GRAPH_SEED, truncate(opSeed)];
  else return [0, 0]; // (0, 0) asks the kernel for fresh, nondeterministic seeds, as TF1's C++ ops do
  // As TF1: a chosen (0, 0) must not read as "nondeterministic".
  return seeds[0] === 0 && seeds[1] === 0 ? [0, MAXINT32] : seeds;
}

/**
 * TF1's `_ShapeTensor`: a shape given as a list becomes a Const named `shape` (int32, or int64 past int32); a list
 * holding Tensors (`[tf.shape(x)[0], 10]`) is packed as TF1's conversion packs it, a Pack named `shape`.
 */
function shapeTensor(graph: Graph, shape: Packable): Tensor {
  const empty = Array.isArray(shape) && shape.length === 0;
  return toTensor(packedArg(shape, 'shape'), { dtype: empty ? 'int32' : undefined, name: 'shape', graph });
}

type RandomOp = 'RandomStandardNormal' | 'TruncatedNormal';

/** A normal draw scaled and shifted as TF1's random_normal and truncated_normal: `op * stddev + mean`, named `mul` and the scope. */
function normal(
  type: RandomOp,
  defaultName: string,
  a: { shape: Packable; mean?: TensorLike | null; stddev?: TensorLike | null; dtype?: DType | null; seed?: number | null; name?: string | null },
): Tensor {
  const dtype = a.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') throw new ValueError(`Invalid dtype tf.${dtype}: ${defaultName} takes a floating dtype`);
  const graph = graphOf([a.shape, a.mean, a.stddev]);
  return graph.name_scope(a.name ?? defaultName, (scope) => {
    const shapeT = shapeTensor(graph, a.shape);
    const mean = toTensor(a.mean ?? 0, { dtype, name: 'mean', graph });
    const stddev = toTensor(a.stddev ?? 1, { dtype, name: 'stddev', graph });
    const [s1, s2] = get_seed(graph, a.seed);
    const rnd = graph.create_op(type, [shapeT], { dtype, seed: s1, seed2: s2 }, type).outputs[0]!;
    return add(multiply(rnd, stddev, 'mul'), mean, scope);
  });
}

const NORMAL = [req('shape', PACKABLE), opt('mean', TENSOR), opt('stddev', TENSOR), opt('dtype', DTYPE), opt('seed', SEED), opt('name', STR)] as const;

/** `tf.random_normal(shape, mean, stddev, dtype, seed, name)`. */
export const random_normal = tf1('random_normal', NORMAL, (a) => normal('RandomStandardNormal', 'random_normal', a));

/** `tf.truncated_normal(shape, mean, stddev, dtype, seed, name)`: normal values redrawn beyond two standard deviations. */
export const truncated_normal = tf1('truncated_normal', NORMAL, (a) => normal('TruncatedNormal', 'truncated_normal', a));

/**
 * `tf.random_uniform(shape, minval, maxval, dtype, seed, name)`: uniform in [minval, maxval). Floats are
 * `rnd * (max - min) + min`; integers (int32, int64) are TF1's RandomUniformInt op, which needs a maxval.
 */
export const random_uniform = tf1(
  'random_uniform',
  [req('shape', PACKABLE), opt('minval', TENSOR), opt('maxval', TENSOR), opt('dtype', DTYPE), opt('seed', SEED), opt('name', STR)],
  (a) => {
    const dtype = a.dtype ?? 'float32';
    if (dtype === 'bool') throw new ValueError(`Invalid dtype tf.${dtype}`);
    const integer = dtype === 'int32' || dtype === 'int64';
    if (integer && (a.maxval === undefined || a.maxval === null)) throw new ValueError(`Must specify maxval for integer dtype tf.${dtype}`);
    const graph = graphOf([a.shape, a.minval, a.maxval]);
    return graph.name_scope(a.name ?? 'random_uniform', (scope) => {
      const shapeT = shapeTensor(graph, a.shape);
      const lo = toTensor(a.minval ?? 0, { dtype, name: 'min', graph });
      const hi = toTensor(a.maxval ?? 1, { dtype, name: 'max', graph });
      const [s1, s2] = get_seed(graph, a.seed);
      if (integer) return graph.create_op('RandomUniformInt', [shapeT, lo, hi], { Tout: dtype, seed: s1, seed2: s2 }, scope).outputs[0]!;
      const rnd = graph.create_op('RandomUniform', [shapeT], { dtype, seed: s1, seed2: s2 }, 'RandomUniform').outputs[0]!;
      return add(multiply(rnd, subtract(hi, lo, 'sub'), 'mul'), lo, scope);
    });
  },
);

/** `tf.random_shuffle(value, seed, name)`: `value` with its rows (dimension 0) in a random order (TF1's RandomShuffle op). */
export const random_shuffle = tf1('random_shuffle', [req('value', TENSOR), opt('seed', SEED), opt('name', STR)], (a) => {
  // As TF1: the seeds are taken before the op's inputs are converted.
  const [s1, s2] = get_seed(graphOf([a.value]), a.seed);
  return apply1({
    type: 'RandomShuffle',
    name: a.name ?? undefined,
    defaultName: 'RandomShuffle',
    inputs: [['value', a.value]],
    attrs: { seed: s1, seed2: s2 },
  });
});

/**
 * `tf.multinomial(logits, num_samples, seed, name, output_dtype)`: `num_samples` class indices drawn for each row of
 * `logits` ([batch_size, num_classes] unnormalised log-probabilities), int64 unless `output_dtype` says int32.
 */
export const multinomial = tf1(
  'multinomial',
  [req('logits', TENSOR), req('num_samples', TENSOR), opt('seed', SEED), opt('name', STR), opt('output_dtype', DTYPE)],
  (a) => {
    const output_dtype = a.output_dtype ?? 'int64';
    if (output_dtype !== 'int32' && output_dtype !== 'int64')
      throw new TFTypeError(`Value passed to parameter 'output_dtype' has DataType ${output_dtype} not in list of allowed values: int32, int64`);
    const graph = graphOf([a.logits]);
    return graph.name_scope(a.name ?? 'multinomial', () => {
      const logits = toTensor(a.logits, { name: 'logits', graph });
      const [s1, s2] = get_seed(graph, a.seed);
      return apply1({
        type: 'Multinomial',
        defaultName: 'Multinomial',
        inputs: [
          ['logits', logits],
          ['num_samples', a.num_samples],
        ],
        shared: [],
        attrs: { seed: s1, seed2: s2, output_dtype },
      });
    });
  },
);
