// tf.nn.dropout as TF1 r1.12's nn_ops.dropout builds it: a Python composition of existing ops (no Dropout op).
import type { Tensor } from '../graph/tensor.js';
import { MISMATCH, opt, req, tf1 } from '../framework/args.js';
import { isFloating } from '../framework/dtypes.js';
import { ValueError } from '../framework/errors.js';
import { TensorShape } from '../framework/shape.js';
import { constantValue } from '../graph/infer.js';
import { convertInputs, graphOf, toTensor, type TensorLike } from './convert.js';
import { shape as shapeOf } from './array_ops.js';
import { floor } from './math_unary_ops.js';
import { div } from './math_ops.js';
import { binary } from './operators.js';
import { SEED, random_uniform } from './random_ops.js';
import { STR, TENSOR, kind } from './kinds.js';

/** A noise shape: a Tensor, or a list of sizes where null takes x's size (TF1 reads it with `as_shape`). */
const NOISE_SHAPE = kind<TensorLike | readonly (number | null)[]>(TENSOR.what, (v) => TENSOR.parse(v) !== MISMATCH);

/** Python's `%g`: six significant digits, trailing zeros dropped. */
const pctG = (v: number): string => String(Number(v.toPrecision(6)));

/**
 * TF1's `_get_noise_shape`: `shape(x)` by default; a list of sizes (nulls allowed) of x's rank takes x's known
 * sizes where it has none; anything else (a Tensor, a list of another rank) is given to random_uniform as it is.
 */
function noiseShape(x: Tensor, noise: TensorLike | readonly (number | null)[] | null | undefined): TensorLike {
  if (noise === null || noise === undefined) return shapeOf(x);
  if (!Array.isArray(noise) && !(noise instanceof TensorShape)) return noise as TensorLike;
  let given: TensorShape;
  try {
    given = noise instanceof TensorShape ? noise : new TensorShape(noise as (number | null)[]);
  } catch {
    return noise as TensorLike;
  }
  const xd = x.shape.dims;
  if (xd === null || given.dims === null || xd.length !== given.dims.length) return noise as TensorLike;
  return new TensorShape(xd.map((d, i) => (given.dims![i] === null && d !== null ? d : given.dims![i]!)));
}

/**
 * `tf.nn.dropout(x, keep_prob, noise_shape, seed, name)`: each element (or each slice that `noise_shape`
 * broadcasts) kept with probability keep_prob and scaled by 1 / keep_prob, else zero. As TF1: in the scope
 * `dropout`, `random_tensor = keep_prob + random_uniform(noise_shape)` (`add`), `Floor`, `div(x, keep_prob)`
 * (`div`) times the mask (`mul`), the static shape of x set on the result; x itself when keep_prob is 1.
 */
export const dropout = tf1(
  'nn.dropout',
  [req('x', TENSOR), req('keep_prob', TENSOR), opt('noise_shape', NOISE_SHAPE), opt('seed', SEED), opt('name', STR)] as const,
  (a) => {
    const graph = graphOf([a.x, a.keep_prob]);
    return graph.name_scope(a.name ?? 'dropout', () => {
      const x = convertInputs(graph, [['x', a.x]], [], 'float32')[0]!;
      if (!isFloating(x.dtype)) {
        throw new ValueError(`x has to be a floating point tensor since it's going to be scaled. Got a <dtype: '${x.dtype}'> tensor instead.`);
      }
      const kp = a.keep_prob;
      if (typeof kp === 'number' && !(kp > 0 && kp <= 1))
        throw new ValueError(`keep_prob must be a scalar tensor or a float in the range (0, 1], got ${pctG(kp)}`);
      // TF1 returns x for the float 1.0 before converting it (JavaScript has one number type).
      if (kp === 1) return x;
      const keep = toTensor(kp, { dtype: x.dtype, name: 'keep_prob', graph });
      keep.shape.assert_is_compatible_with([]);
      const known = constantValue(keep);
      if (known !== null && known.size === 1 && known.data[0] === 1) return x;
      const rnd = random_uniform(noiseShape(x, a.noise_shape), { seed: a.seed ?? null, dtype: x.dtype });
      const binaryTensor = floor(binary('Add', 'add', keep, rnd));
      const ret = binary('Mul', 'mul', div(x, keep), binaryTensor);
      ret.set_shape(x.shape);
      return ret;
    });
  },
);
