// tf.nn's candidate samplers and compute_accidental_hits as TF1 r1.12's candidate_sampling_ops.py builds them: the
// op seeds from get_seed, one op named after its type (gen_candidate_sampling_ops), a namedtuple of its outputs.
import type { Graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import type { OpAttrs } from '../framework/op_defs.js';
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { graphOf, toTensor, withLiteralHint, type TensorLike } from './convert.js';
import { BOOL, INT, STR, TENSOR, isVariable } from './kinds.js';
import { get_seed, SEED } from './random_ops.js';
import { Tensor as TensorClass } from '../graph/tensor.js';

/** A sampler's namedtuple: `sampled_candidates, true_expected_count, sampled_expected_count = sampler(...)`, or by name. */
export type SamplerResult = readonly [sampled_candidates: Tensor, true_expected_count: Tensor, sampled_expected_count: Tensor] & {
  readonly sampled_candidates: Tensor;
  readonly true_expected_count: Tensor;
  readonly sampled_expected_count: Tensor;
};

/** compute_accidental_hits' namedtuple: `indices, ids, weights`. */
export type AccidentalHits = readonly [indices: Tensor, ids: Tensor, weights: Tensor] & {
  readonly indices: Tensor;
  readonly ids: Tensor;
  readonly weights: Tensor;
};

/** An int64 input: a Tensor as it is (another dtype is the op's TypeError), anything else converted to int64. */
const int64Input = (graph: Graph, v: TensorLike, name: string): Tensor =>
  toTensor(v, { dtype: v instanceof TensorClass || isVariable(v) ? undefined : 'int64', name, graph });

/** TF1's op-def check of an `int >= min` attribute. */
function atLeast(type: string, attr: string, v: number, min: number): void {
  if (v < min) throw new ValueError(`Attr '${attr}' of '${type}' Op passed ${v} less than minimum ${min}.`);
}

type SamplerType = 'UniformCandidateSampler' | 'LogUniformCandidateSampler' | 'AllCandidateSampler';

/** One sampler op under its name (default: its type), true_classes converted there, seeds from get_seed. */
function sampler<K extends SamplerType>(
  type: K,
  trueClasses: TensorLike,
  attrs: Omit<OpAttrs[K], 'seed' | 'seed2'>,
  seed: number | null | undefined,
  name: string | null | undefined,
): SamplerResult {
  const graph = graphOf([trueClasses]);
  const a = attrs as Record<string, number | boolean>;
  for (const k of ['num_true', 'num_sampled', 'range_max']) if (k in a) atLeast(type, k, a[k] as number, 1);
  const [s1, s2] = get_seed(graph, seed);
  const op = graph.name_scope(name ?? type, (scope) => {
    const tc = int64Input(graph, trueClasses, 'true_classes');
    try {
      return graph.create_op(type, [tc], { ...attrs, seed: s1, seed2: s2 } as OpAttrs[K], scope);
    } catch (e) {
      throw withLiteralHint(e, [tc]);
    }
  });
  const [sampled_candidates, true_expected_count, sampled_expected_count] = op.outputs as [Tensor, Tensor, Tensor];
  return Object.assign([sampled_candidates, true_expected_count, sampled_expected_count] as const, {
    sampled_candidates,
    true_expected_count,
    sampled_expected_count,
  });
}

const RANGE_SAMPLER = [
  req('true_classes', TENSOR),
  req('num_true', INT),
  req('num_sampled', INT),
  req('unique', BOOL),
  req('range_max', INT),
  opt('seed', SEED),
  opt('name', STR),
] as const;

/**
 * `tf.nn.uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed, name)`: num_sampled
 * classes drawn uniformly from [0, range_max) (without replacement when unique), and the expected counts of the true
 * and sampled classes.
 */
export const uniform_candidate_sampler = tf1('nn.uniform_candidate_sampler', RANGE_SAMPLER, (a) =>
  sampler(
    'UniformCandidateSampler',
    a.true_classes,
    { num_true: a.num_true, num_sampled: a.num_sampled, unique: a.unique, range_max: a.range_max },
    a.seed,
    a.name,
  ),
);

/**
 * `tf.nn.log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed, name)`: as
 * uniform_candidate_sampler, from the log-uniform (Zipfian) P(class) = log((class + 2) / (class + 1)) / log(range_max + 1).
 */
export const log_uniform_candidate_sampler = tf1('nn.log_uniform_candidate_sampler', RANGE_SAMPLER, (a) =>
  sampler(
    'LogUniformCandidateSampler',
    a.true_classes,
    { num_true: a.num_true, num_sampled: a.num_sampled, unique: a.unique, range_max: a.range_max },
    a.seed,
    a.name,
  ),
);

/** `tf.nn.all_candidate_sampler(true_classes, num_true, num_sampled, unique, seed, name)`: every class in [0, num_sampled), each expected once (for tests). */
export const all_candidate_sampler = tf1(
  'nn.all_candidate_sampler',
  [req('true_classes', TENSOR), req('num_true', INT), req('num_sampled', INT), req('unique', BOOL), opt('seed', SEED), opt('name', STR)],
  (a) => sampler('AllCandidateSampler', a.true_classes, { num_true: a.num_true, num_sampled: a.num_sampled, unique: a.unique }, a.seed, a.name),
);

/**
 * `tf.nn.compute_accidental_hits(true_classes, sampled_candidates, num_true, seed, name)`: the (row, sampled position)
 * pairs where a sampled candidate is one of the row's true classes, each with the weight -FLT_MAX.
 */
export const compute_accidental_hits = tf1(
  'nn.compute_accidental_hits',
  [req('true_classes', TENSOR), req('sampled_candidates', TENSOR), req('num_true', INT), opt('seed', SEED), opt('name', STR)],
  (a): AccidentalHits => {
    const graph = graphOf([a.true_classes, a.sampled_candidates]);
    const [s1, s2] = get_seed(graph, a.seed);
    const op = graph.name_scope(a.name ?? 'ComputeAccidentalHits', (scope) => {
      const tc = int64Input(graph, a.true_classes, 'true_classes');
      const sc = int64Input(graph, a.sampled_candidates, 'sampled_candidates');
      try {
        return graph.create_op('ComputeAccidentalHits', [tc, sc], { num_true: a.num_true, seed: s1, seed2: s2 }, scope);
      } catch (e) {
        throw withLiteralHint(e, [tc, sc]);
      }
    });
    const [indices, ids, weights] = op.outputs as [Tensor, Tensor, Tensor];
    return Object.assign([indices, ids, weights] as const, { indices, ids, weights });
  },
);
