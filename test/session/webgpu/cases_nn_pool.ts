/** Parity cases of the pooling ops: random NHWC geometries (SAME and VALID), values with many ties (the first maximum wins). */
import fc from 'fast-check';
import type { DType } from '../../../src/framework/dtypes.js';
import type { OpType } from '../../../src/framework/op_defs.js';
import type { PoolAttrs } from '../../../src/framework/ops/nn_pool.js';
import * as tf from '../../../src/index.js';
import { arrayOf, floatValue, op } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';

/** An NHWC input shape, pooling attributes and the output's shape. */
interface Geometry {
  shape: number[];
  attrs: PoolAttrs;
  out: number[];
}

const size = (n: number, k: number, s: number, p: 'SAME' | 'VALID') => (p === 'SAME' ? Math.ceil(n / s) : Math.floor((n - k + s) / s));

const geometry: fc.Arbitrary<Geometry> = fc
  .record({
    N: fc.integer({ min: 1, max: 2 }),
    H: fc.integer({ min: 1, max: 6 }),
    W: fc.integer({ min: 1, max: 6 }),
    C: fc.integer({ min: 1, max: 3 }),
    kh: fc.integer({ min: 1, max: 3 }),
    kw: fc.integer({ min: 1, max: 3 }),
    sh: fc.integer({ min: 1, max: 3 }),
    sw: fc.integer({ min: 1, max: 3 }),
    padding: fc.constantFrom<'SAME' | 'VALID'>('SAME', 'VALID'),
  })
  .filter((g) => g.padding === 'SAME' || (g.H >= g.kh && g.W >= g.kw))
  .map((g) => ({
    shape: [g.N, g.H, g.W, g.C],
    attrs: { ksize: [1, g.kh, g.kw, 1], strides: [1, g.sh, g.sw, 1], padding: g.padding, data_format: 'NHWC' },
    out: [g.N, size(g.H, g.kh, g.sh, g.padding), size(g.W, g.kw, g.sw, g.padding), g.C],
  }));

/** Few distinct values, so windows often hold several equal maxima. */
const tied = fc.integer({ min: -2, max: 2 });

const maxPool = parity(
  fc.tuple(geometry, fc.constantFrom<DType>('float32', 'int32')).chain(([g, d]) => fc.tuple(fc.constant(g), arrayOf(g.shape, d, tied))),
  (graph, [g, x]) => feedThrough(graph, [x], (ph) => op(graph, 'MaxPool', ph, g.attrs)),
);

const avgPool = parity(
  geometry.chain((g) => fc.tuple(fc.constant(g), arrayOf(g.shape, 'float32', floatValue))),
  (graph, [g, x]) => feedThrough(graph, [x], (ph) => op(graph, 'AvgPool', ph, g.attrs)),
);

const maxPoolGrad = parity(
  geometry.chain((g) => fc.tuple(fc.constant(g), arrayOf(g.shape, 'float32', tied), arrayOf(g.out, 'float32', floatValue))),
  (graph, [g, x, dy]) => feedThrough(graph, [x, dy], ([px, pdy]) => op(graph, 'MaxPoolGrad', [px!, op(graph, 'MaxPool', [px!], g.attrs)[0]!, pdy!], g.attrs)),
);

const maxPoolGradGrad = parity(
  geometry.chain((g) => fc.tuple(fc.constant(g), arrayOf(g.shape, 'float32', tied), arrayOf(g.shape, 'float32', floatValue))),
  (graph, [g, x, ddx]) =>
    feedThrough(graph, [x, ddx], ([px, pg]) => op(graph, 'MaxPoolGradGrad', [px!, op(graph, 'MaxPool', [px!], g.attrs)[0]!, pg!], g.attrs)),
);

const avgPoolGrad = parity(
  geometry.chain((g) => fc.tuple(fc.constant(g), arrayOf(g.out, 'float32', floatValue))),
  (graph, [g, dy]) =>
    feedThrough(graph, [dy], ([pdy]) => graph.as_default(() => op(graph, 'AvgPoolGrad', [tf.constant(g.shape, { dtype: 'int32' }), pdy!], g.attrs))),
);

/** Cases of MaxPool, AvgPool, MaxPoolGrad, AvgPoolGrad and MaxPoolGradGrad. */
export const NN_POOL_CASES = {
  MaxPool: maxPool,
  AvgPool: avgPool,
  MaxPoolGrad: maxPoolGrad,
  AvgPoolGrad: avgPoolGrad,
  MaxPoolGradGrad: maxPoolGradGrad,
} satisfies Partial<Record<OpType, ParityCase>>;
