import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { feedThrough, parity } from './cases_math.js';
import { STRING_CASES, stringsOf } from './cases_strings.js';
import { shapeOf } from './harness.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: the string ops', STRING_CASES, 10);

// The ops that move or compare elements take string tensors on the host, beside float steps on the GPU.
describeParity(
  'WebGPU equals the CPU backend: string tensors through the ops that move and compare elements',
  {
    'ConcatV2, GatherV2, Tile, Pack, Equal and Select of strings, and a float step after them': parity(
      shapeOf(2, 3, false)
        .filter((s) => s.length > 0)
        .chain((s) => fc.tuple(stringsOf(s), stringsOf(s))),
      (g, [x, y]) =>
        feedThrough(g, [x, y], ([a, b]) => {
          const both = tf.concat([a!, b!], 0);
          const eq = tf.equal(tf.gather(both, [0]), tf.gather(both, [x.shape[0] ?? 0]));
          return [
            both,
            tf.tile(tf.stack([a!, b!]), [1, ...x.shape.map(() => 2)]),
            eq,
            tf.where(tf.equal(a!, b!), a!, b!),
            tf.reduce_sum(tf.cast(tf.equal(a!, b!), tf.float32)),
          ];
        }),
    ),
  },
  10,
);
