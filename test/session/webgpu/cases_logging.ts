/**
 * Parity cases of Assert and Print (framework/ops/logging.ts): its condition holds, so the run goes on to what depends on it
 * (an Identity with a control input on it); the WebGPU backend checks it on the host. Its message: test/ops/assert.test.ts.
 * StringFormat and PrintV2 run on the host on both backends: StringFormat reads a float tensor the GPU made (a Neg),
 * and PrintV2 writes an empty line (it has no quiet setting) before the Identity that depends on it runs.
 */
import fc from 'fast-check';
import { NDArray } from '../../../src/framework/ndarray.js';
import type { LoggingAttrs } from '../../../src/framework/ops/logging.js';
import { arrayOf, floatValue, op } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';
import { stringsOf } from './cases_strings.js';

/** Cases of Assert and Print (its output its input; first_n 0 keeps the test's stderr quiet). */
export const LOGGING_CASES = {
  Assert: parity(arrayOf([2, 3], 'float32', floatValue), (g, x) =>
    feedThrough(g, [new NDArray(Uint8Array.of(1), [], 'bool'), x], ([c, d]) => {
      const check = g.create_op('Assert', [c!, d!], { summarize: 3 }, 'Assert');
      return [g.control_dependencies([check], () => op(g, 'Identity', [d!], {})[0]!)];
    }),
  ),
  Print: parity(arrayOf([2, 3], 'float32', floatValue), (g, x) =>
    feedThrough(g, [x, x], ([input, d]) => op(g, 'Print', [input!, d!], { message: 'x: ', first_n: 0, summarize: 3 })),
  ),
  StringFormat: parity(fc.tuple(arrayOf([2, 7], 'float32', floatValue), stringsOf([4]), fc.integer({ min: -1, max: 4 })), (g, [x, s, summarize]) =>
    feedThrough(g, [x, s], ([a, b]) => [
      op(g, 'StringFormat', [op(g, 'Neg', [a!], {})[0]!, b!], { template: 'x: {}, s: {}', placeholder: '{}', summarize })[0]!,
    ]),
  ),
  PrintV2: parity(arrayOf([2, 3], 'float32', floatValue), (g, x) =>
    feedThrough(g, [NDArray.fromStrings([''], []), x], ([s, d]) => {
      const p = g.create_op('PrintV2', [s!], { output_stream: 'stderr' }, 'PrintV2');
      return [g.control_dependencies([p], () => op(g, 'Identity', [d!], {})[0]!)];
    }),
  ),
} satisfies Record<keyof LoggingAttrs, ParityCase>;
