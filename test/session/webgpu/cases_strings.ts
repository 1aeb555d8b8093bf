/**
 * Parity cases of the string ops (strings.ts): the WebGPU backend runs every step that reads or makes a string tensor
 * on the host, so its results are the CPU's exactly; a float step beside them still runs on the GPU.
 */
import fc from 'fast-check';
import { NDArray, sizeOf } from '../../../src/framework/ndarray.js';
import type { StringAttrs } from '../../../src/framework/ops/strings.js';
import { arrayOf, floatValue, op, shapeOf } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';

/** String arrays of a shape: short byte strings, ASCII and not. */
export function stringsOf(shape: readonly number[]): fc.Arbitrary<NDArray> {
  const n = sizeOf(shape);
  const bytes = fc.uint8Array({ maxLength: 4 });
  return fc.array(bytes, { minLength: n, maxLength: n }).map((v) => new NDArray(v, shape, 'string'));
}

/** Cases of the string ops. */
export const STRING_CASES = {
  StringJoin: parity(
    shapeOf(3, 3).chain((s) => fc.tuple(stringsOf(s), stringsOf([]), stringsOf(s), fc.constantFrom('', '--', 'é'))),
    (g, [x, scalar, y, separator]) => feedThrough(g, [x, scalar, y], (ph) => op(g, 'StringJoin', ph, { separator })),
  ),
  // PlaceholderWithDefault, not fed: its input passes through (a view), strings and floats alike.
  PlaceholderWithDefault: parity(
    shapeOf(3, 3).chain((s) => fc.tuple(stringsOf(s), arrayOf(s, 'float32', floatValue))),
    (g, [x, y]) =>
      feedThrough(g, [x, y], ([a, b]) => [
        op(g, 'PlaceholderWithDefault', [a!], { shape: null })[0]!,
        op(g, 'PlaceholderWithDefault', [op(g, 'Neg', [b!], {})[0]!], { shape: [...y.shape] })[0]!,
      ]),
  ),
} satisfies Record<keyof StringAttrs | 'PlaceholderWithDefault', ParityCase>;
