/**
 * The parity case of the opaque node (framework/ops/opaque.ts): no backend runs it, so the case feeds its outputs
 * (a string one and a float one, as ParseExample's) and both backends run the graph beyond it alike.
 */
import { NDArray } from '../../../src/framework/ndarray.js';
import type { OpaqueAttrs } from '../../../src/framework/ops/opaque.js';
import { arrayOf, floatValue, op } from './harness.js';
import { parity, type ParityCase } from './cases_math.js';

/** Cases of the opaque node. */
export const OPAQUE_CASES = {
  _Opaque: parity(arrayOf([2, 3], 'float32', floatValue), (g, v) => {
    const input = op(g, 'Placeholder', [], { dtype: 'string', shape: [null] })[0]!;
    const outputs = [
      { dtype: 'string', shape: [null] },
      { dtype: 'float32', shape: [null, 3] },
    ] as const;
    const [s, x] = g.create_op('_Opaque', [input], { op: 'ParseExample', attr: {}, outputs }, 'ParseExample').outputs;
    const fetches = [op(g, 'StringJoin', [s!, s!], { separator: '-' })[0]!, op(g, 'Neg', [x!], {})[0]!];
    return {
      runs: [
        {
          fetches,
          feeds: new Map([
            [s!, NDArray.fromStrings(['a', 'b'], [2])],
            [x!, v],
          ]),
        },
      ],
    };
  }),
} satisfies Record<keyof OpaqueAttrs, ParityCase>;
