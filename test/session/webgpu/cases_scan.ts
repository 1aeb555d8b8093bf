/** Parity cases of Cumsum and Cumprod (scan.ts): random shapes, axes (negative too), exclusive and reverse. */
import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import type { ScanAttrs } from '../../../src/framework/ops/scan.js';
import { arrayOf, floatValue, intValue, op, shapeOf } from './harness.js';
import { parity, type ParityCase } from './cases_math.js';

function scanCase(type: keyof ScanAttrs): ParityCase {
  return parity(
    fc
      .tuple(
        shapeOf().filter((s) => s.length > 0),
        fc.constantFrom<tf.DType>('float32', 'int32'),
        fc.boolean(),
        fc.boolean(),
      )
      .chain(([s, d, exclusive, reverse]) =>
        fc.tuple(
          arrayOf(s, d, d === 'float32' ? floatValue : intValue),
          fc.integer({ min: -s.length, max: s.length - 1 }),
          fc.constant({ exclusive, reverse }),
        ),
      ),
    (g, [x, axis, attrs]) =>
      g.as_default(() => {
        const ph = tf.placeholder(x.dtype);
        return { runs: [{ fetches: op(g, type, [ph, tf.constant(axis)], attrs), feeds: new Map([[ph, x]]) }] };
      }),
  );
}

/** Cases of the scans. */
export const SCAN_CASES = {
  Cumsum: scanCase('Cumsum'),
  Cumprod: scanCase('Cumprod'),
} satisfies Record<keyof ScanAttrs, ParityCase>;
