// TF1's `tf.saturate_cast` (r1.12's math_ops.py): a cast that clamps first where the target's range is narrower,
// with Maximum and Minimum against the target's limits in the value's dtype.
import { smallIntRange, type DType } from '../framework/dtypes.js';
import { opt, req, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import type { Tensor } from '../graph/tensor.js';
import { graphOf, toTensor } from './convert.js';
import { DTYPE, STR, TENSOR } from './kinds.js';
import { cast, maximum, minimum } from './math_ops.js';

/** np.finfo(np.float32).max. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** TF1's `DType.min` and `DType.max` (int64's max, 2^63 − 1, is the double 2^63 here); bool has neither (TF1's TypeError). */
function limits(d: DType): [number, number] {
  switch (d) {
    case 'float32':
      return [-FLOAT32_MAX, FLOAT32_MAX];
    case 'float64':
      return [-Number.MAX_VALUE, Number.MAX_VALUE];
    case 'int32':
      return [-(2 ** 31), 2 ** 31 - 1];
    case 'int64':
      return [-(2 ** 63), 2 ** 63 - 1];
    case 'bool':
      throw new TFTypeError("Cannot find minimum value of <dtype: 'bool'>.");
    default:
      return smallIntRange(d);
  }
}

/**
 * `tf.saturate_cast(value, dtype, name)`: under the scope `saturate_cast`, `value` clamped from below by
 * Maximum with `min` and from above by Minimum with `max` where its dtype's range exceeds `dtype`'s, then cast
 * (the Cast named after the scope; no op where the dtype is already `dtype`).
 */
export const saturate_cast = tf1('saturate_cast', [req('value', TENSOR), req('dtype', DTYPE), opt('name', STR)] as const, (a) => {
  const graph = graphOf([a.value]);
  return graph.name_scope(a.name ?? 'saturate_cast', (scope): Tensor => {
    let value = toTensor(a.value, { name: 'value', graph });
    const [inMin, inMax] = limits(value.dtype);
    const [outMin, outMax] = limits(a.dtype);
    if (inMin < outMin) value = maximum(value, toTensor(outMin, { dtype: value.dtype, name: 'min', graph }));
    if (inMax > outMax) value = minimum(value, toTensor(outMax, { dtype: value.dtype, name: 'max', graph }));
    return cast(value, a.dtype, { name: scope });
  });
});
