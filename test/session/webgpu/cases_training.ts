/** Parity cases of the optimizers' Apply* ops: each writes its variable and its slots in place, twice, then all are read. */
import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { OP_DEFS, type OpAttrs, type OpType } from '../../../src/framework/op_defs.js';
import type { TrainingAttrs } from '../../../src/framework/ops/training.js';
import { arrayOf, floatValue, op, positiveValue, shapeOf, type Built } from './harness.js';
import { parity, type ParityCase } from './cases_math.js';
import type { Update } from './ftrl_scales.js';

/** The magnitudes S of an update op's refs after its runs, from their initial values, the updates in order and the scalars. */
export type ScalesOf = (inits: readonly NDArray[], updates: readonly Update[], scalars: readonly number[]) => NDArray[];

type ApplyType = keyof TrainingAttrs;

/**
 * A case of `type`: its ref inputs start from arrays drawn by `refValues` (one arbitrary per ref input), then
 * `scalars` (the op's scalar inputs, in order) and a random gradient; the attrs come from a drawn boolean.
 */
export function applyCase<K extends OpType>(
  type: K,
  refValues: readonly fc.Arbitrary<number>[],
  scalars: readonly number[],
  attrs: (flag: boolean) => OpAttrs[K],
  scalesOf?: ScalesOf,
): ParityCase {
  return parity(
    fc
      .tuple(shapeOf(3, 4), fc.boolean())
      .chain(([s, flag]) => fc.tuple(fc.tuple(...refValues.map((v) => arrayOf(s, 'float32', v))), arrayOf(s, 'float32', floatValue), fc.constant(flag))),
    (g, [inits, grad, flag]) =>
      updateRuns(
        g,
        type,
        OP_DEFS[type].inputs.map((inp) => inp.name),
        inits,
        { grad, delta: grad },
        scalars,
        attrs(flag),
        scalesOf?.(
          inits,
          Array.from(grad.data as Float32Array, (v, i): Update => [i, v]),
          scalars,
        ),
      ),
  );
}

/**
 * The runs of an update op's parity case, dense or sparse: its ref inputs (the first `inits.length` of its inputs,
 * `names` in order) set from `inits` through placeholders, the op run twice, then the refs read. Its other inputs
 * are placeholders fed `fed`'s value of their name (the gradient, a sparse op's indices), else the next of `scalars`.
 */
export function updateRuns<K extends OpType>(
  g: tf.Graph,
  type: K,
  names: readonly string[],
  inits: readonly NDArray[],
  fed: Readonly<Record<string, NDArray>>,
  scalars: readonly number[],
  attrs: OpAttrs[K],
  scales?: readonly (NDArray | null)[],
): Built {
  return g.as_default((): Built => {
    const refs = inits.map((a) => op(g, 'VariableV2', [], { dtype: 'float32', shape: a.shape })[0]!);
    const ph = inits.map(() => tf.placeholder(tf.float32));
    const assigns = refs.map((v, i) => op(g, 'Assign', [v, ph[i]!], { validate_shape: false, use_locking: false })[0]!);
    const feeds = new Map<tf.Tensor, NDArray>(ph.map((p, i): [tf.Tensor, NDArray] => [p, inits[i]!]));
    const rest = scalars.map((x) => tf.constant(x, tf.float32));
    const inputs = names.map((name, i) => {
      if (i < refs.length) return refs[i]!;
      const value = fed[name];
      if (!value) return rest.shift()!;
      const p = tf.placeholder(value.dtype);
      feeds.set(p, value);
      return p;
    });
    const upd = op(g, type, inputs, attrs)[0]!;
    // the refs' magnitudes S, where the case gives them (CPU only): fed through placeholders to the last run
    const read = new Map(feeds);
    const scaleOf = scales?.map((s) => {
      if (!s) return null;
      const p = tf.placeholder(tf.float32);
      read.set(p, s);
      return p;
    });
    return {
      runs: [
        { fetches: assigns, feeds },
        { fetches: [upd], feeds },
        { fetches: [upd], feeds },
        { fetches: refs, feeds: read, scales: scaleOf },
      ],
    };
  });
}

const onePlus = positiveValue.map((v) => v + 1);
const small = floatValue.map((v) => v / 8);

/** Cases of the optimizers' update ops. */
export const TRAINING_CASES = {
  ApplyMomentum: applyCase('ApplyMomentum', [floatValue, floatValue], [0.125, 0.75], (use_nesterov) => ({ use_locking: false, use_nesterov })),
  ApplyAdam: applyCase('ApplyAdam', [floatValue, floatValue, positiveValue], [0.875 ** 3, 0.96875 ** 3, 0.125, 0.875, 0.96875, 1e-3], (use_nesterov) => ({
    use_locking: false,
    use_nesterov,
  })),
  ApplyAdagrad: applyCase('ApplyAdagrad', [floatValue, positiveValue], [0.125], (update_slots) => ({ use_locking: false, update_slots })),
  ApplyRMSProp: applyCase('ApplyRMSProp', [floatValue, positiveValue, floatValue], [0.125, 0.875, 0.5, 0.0625], () => ({ use_locking: false })),
  ApplyCenteredRMSProp: applyCase('ApplyCenteredRMSProp', [floatValue, small, onePlus, floatValue], [0.125, 0.875, 0.5, 0.0625], () => ({
    use_locking: false,
  })),
} satisfies Record<ApplyType, ParityCase>;
