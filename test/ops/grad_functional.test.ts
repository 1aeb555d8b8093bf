// tf.gradients through tf.map_fn, tf.scan, tf.foldl and tf.foldr (their while loops and TensorArrays) against
// central differences in float64, on random lengths, element shapes and values, with the placeholders' shapes
// known, known in rank only, or unknown (the dynamic-length paths).
import fc from 'fast-check';
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import { ndarrays, shape } from '../../src/testing/index.js';
import { checkGradient, known } from './helpers/check.js';
import { RUNS_SCALE } from './helpers/op_case.js';

type T = tf.Tensor;
const runs = (n: number): number => Math.max(1, Math.round(n * RUNS_SCALE));

/** elems of 1-3 rows of an element shape of rank 0-2, and a second array of the element shape (a parameter or initializer). */
const elemsAndElem = fc
  .tuple(fc.integer({ min: 1, max: 3 }), shape({ max_rank: 2, max_dim: 3 }), known, fc.boolean())
  .chain(([n, s, k, flag]) => ndarrays([[n, ...s], s]).map(([x, w]) => ({ x: x!, w: w!, k, flag })));

describe('gradients of tf.map_fn, tf.scan, tf.foldl and tf.foldr against central differences (float64)', () => {
  it('map_fn: sin(x) * w + x * x for each row, w captured from outside the loop', async () => {
    await fc.assert(
      fc.asyncProperty(elemsAndElem, async ({ x, w, k }) => {
        await checkGradient({
          op: 'TensorArrayWriteV3',
          inputs: [x, w],
          build: ([a, b]) => tf.map_fn((r: T) => tf.sin(r).mul(b!).add(r.mul(r)), a!) as T,
          known: k,
        });
      }),
      { numRuns: runs(8) },
    );
  });

  it('map_fn over a pair, a pair out (dtype a structure): [x * cos(w), x + w]', async () => {
    await fc.assert(
      fc.asyncProperty(elemsAndElem, async ({ x, w, k }) => {
        await checkGradient({
          op: 'TensorArrayReadV3',
          inputs: [x, w],
          build: ([a, b]) => {
            const [p, q] = tf.map_fn((e: T[]) => [e[0]!.mul(tf.cos(e[1]!)), e[0]!.add(e[1]!)], [a!, a!.mul(b!)], { dtype: [tf.float64, tf.float64] }) as T[];
            return p!.mul(q!);
          },
          known: k,
        });
      }),
      { numRuns: runs(8) },
    );
  });

  it('scan: a * cos(x) + x from the initializer w, forward or reversed', async () => {
    await fc.assert(
      fc.asyncProperty(elemsAndElem, async ({ x, w, k, flag }) => {
        await checkGradient({
          op: 'TensorArrayGatherV3',
          inputs: [x, w],
          build: ([a, b]) => tf.scan((acc: T, e: T) => acc.mul(tf.cos(e)).add(e), a!, { initializer: b!, reverse: flag }) as T,
          known: k,
        });
      }),
      { numRuns: runs(8) },
    );
  });

  it('scan without an initializer, a pair of accumulators: [a0 * tanh(x), a1 + a0 * x]', async () => {
    await fc.assert(
      fc.asyncProperty(elemsAndElem, async ({ x, w, k, flag }) => {
        await checkGradient({
          op: 'TensorArrayScatterV3',
          inputs: [x, w],
          build: ([a, b]) => {
            const xs = [a!, a!.mul(b!)];
            const [p, q] = tf.scan((acc: T[], e: T[]) => [acc[0]!.mul(tf.tanh(e[0]!)), acc[1]!.add(acc[0]!.mul(e[1]!))], xs, { reverse: flag }) as T[];
            return p!.add(q!);
          },
          known: k,
        });
      }),
      { numRuns: runs(8) },
    );
  });

  it('foldl and foldr: a * sin(x) + x from the initializer w', async () => {
    await fc.assert(
      fc.asyncProperty(elemsAndElem, async ({ x, w, k, flag }) => {
        const fold = flag ? tf.foldr : tf.foldl;
        await checkGradient({
          op: 'TensorArrayReadV3',
          inputs: [x, w],
          build: ([a, b]) => fold((acc: T, e: T) => acc.mul(tf.sin(e)).add(e), a!, { initializer: b! }) as T,
          known: k,
        });
      }),
      { numRuns: runs(8) },
    );
  });
});
