/**
 * Parity cases of the summary ops (framework/ops/summary.ts): string outputs, so the WebGPU backend runs them on the
 * host; the serialized Summary bytes (PNGs and WAVs included) are the CPU's exactly.
 */
import fc from 'fast-check';
import { NDArray } from '../../../src/framework/ndarray.js';
import type { SummaryAttrs } from '../../../src/framework/ops/summary.js';
import { arrayOf, floatValue, op } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';

const tags = (...t: string[]) => NDArray.fromStrings(t, [t.length]);

/** Cases of the summary ops. */
export const SUMMARY_CASES = {
  ScalarSummary: parity(arrayOf([3], 'float32', floatValue), (g, v) =>
    feedThrough(g, [tags('a', 'b/c', 'd'), v], ([t, x]) => op(g, 'ScalarSummary', [t!, op(g, 'Neg', [x!], {})[0]!], {})),
  ),
  HistogramSummary: parity(arrayOf([4, 5], 'float32', floatValue), (g, v) =>
    feedThrough(g, [NDArray.fromStrings(['h'], []), v], ([t, x]) => op(g, 'HistogramSummary', [t!, x!], {})),
  ),
  MergeSummary: parity(fc.tuple(arrayOf([2], 'float32', floatValue), arrayOf([1], 'float32', floatValue)), (g, [a, b]) =>
    feedThrough(g, [tags('x', 'y'), a, tags('z'), b], ([t1, x1, t2, x2]) => {
      const s1 = op(g, 'ScalarSummary', [t1!, x1!], {})[0]!;
      const s2 = op(g, 'ScalarSummary', [t2!, x2!], {})[0]!;
      return op(g, 'MergeSummary', [s1, s2], {});
    }),
  ),
  ImageSummary: parity(arrayOf([3, 2, 3, 3], 'float32', floatValue), (g, v) =>
    feedThrough(g, [NDArray.fromStrings(['img'], []), v], ([t, x]) =>
      op(g, 'ImageSummary', [t!, op(g, 'Neg', [x!], {})[0]!], { max_images: 2, bad_color: new NDArray(Uint8Array.from([255, 0, 0, 255]), [4], 'uint8') }),
    ),
  ),
  AudioSummaryV2: parity(arrayOf([2, 5, 2], 'float32', floatValue), (g, v) =>
    feedThrough(g, [NDArray.fromStrings(['snd'], []), v, new NDArray(Float32Array.from([8000]), [], 'float32')], ([t, x, r]) =>
      op(g, 'AudioSummaryV2', [t!, x!, r!], { max_outputs: 3 }),
    ),
  ),
  TensorSummaryV2: parity(arrayOf([2, 3], 'float32', floatValue), (g, v) =>
    feedThrough(g, [NDArray.fromStrings(['t'], []), v, NDArray.fromStrings([''], [])], ([t, x, m]) =>
      op(g, 'TensorSummaryV2', [t!, op(g, 'Neg', [x!], {})[0]!, m!], {}),
    ),
  ),
} satisfies Record<keyof SummaryAttrs, ParityCase>;
