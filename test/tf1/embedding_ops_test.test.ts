// TF1's tensorflow/python/kernel_tests/embedding_ops_test.py, the EmbeddingLookupTest cases over one params tensor,
// ported (source read: tensorflow/tensorflow's later file; these cases are r1.12's). tf1-ts has no DynamicPartition
// or clip_by_norm: the sharded cases and max_norm are refused with a ValueError (checked below) and listed in
// NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, computeGradientError, inGraph, inSession, np, thrown } from './helpers.js';
import { Rng } from './np.js';

/** _EmbeddingParams(1, vocab_size, shape): one constant shard of ones named p0, and the value fed for it (rand + 1). */
function embeddingParams(vocabSize: number, shape: readonly number[], r: Rng): { p: tf.Tensor; value: tf.NDArray } {
  const shardShape = [vocabSize, ...shape];
  const p = tf.constant(1, tf.float32, shardShape, 'p0');
  const value = tf.NDArray.zeros(shardShape, 'float32');
  for (let i = 0; i < value.size; i++) value.data[i] = r.uniform() + 1;
  return { p, value };
}

const randomIds = (r: Rng, vocab: number, n: number): number[] => Array.from({ length: n }, () => Math.floor(r.uniform() * vocab));

describe('EmbeddingLookupTest (one params tensor)', () => {
  it('testGradientsEmbeddingLookup (num_shards = 1)', async () => {
    const r = new Rng(1);
    const vocabSize = 9;
    const idVals = randomIds(r, vocabSize, 10);
    for (const idsShape of [[10], [2, 5]]) {
      const { value } = inGraph(() => embeddingParams(vocabSize, [2], r));
      const err = await computeGradientError(
        () => {
          const ids = tf.constant(idVals, tf.int32, idsShape);
          const { p } = embeddingParams(vocabSize, [2], r);
          return { x: p, y: tf.nn.embedding_lookup([p], ids) };
        },
        [vocabSize, 2],
        [...idsShape, 2],
        { xInit: value },
      );
      expect(err).toBeLessThan(1e-4);
    }
  });

  it('testGradientsEmbeddingLookupWithComputedParams (num_shards = 1)', async () => {
    const r = new Rng(2);
    const vocabSize = 9;
    const idVals = randomIds(r, vocabSize, 5);
    const { value } = inGraph(() => embeddingParams(vocabSize, [2], r));
    const err = await computeGradientError(
      () => {
        const ids = tf.constant(idVals, tf.int32);
        const { p } = embeddingParams(vocabSize, [2], r);
        return { x: p, y: tf.nn.embedding_lookup([tf.square(p)], ids) };
      },
      [vocabSize, 2],
      [5, 2],
      { xInit: value },
    );
    expect(err).toBeLessThan(1e-3);
  });

  it('testConstructionNonSharded', () => {
    inGraph((g) => {
      const p = new tf.Variable(tf.zeros([100, 100], tf.float32));
      const ids = tf.constant([0, 1, 1, 7], tf.int32);
      const e = tf.nn.embedding_lookup([p], ids);
      // As TF1 builds it: the gather named after the scope, then an Identity.
      expect(e.op.type).toBe('Identity');
      expect(e.name).toBe('embedding_lookup/Identity:0');
      expect(g.get_operation_by_name('embedding_lookup').type).toBe('GatherV2');
      expect(e.shape.as_list()).toEqual([4, 100]);
    });
  });

  it('testHigherRank (non-sharded, and one shard)', async () => {
    const r = new Rng(8);
    for (const paramsShape of [[12], [6, 3]]) {
      const params = tf.NDArray.zeros(paramsShape, 'float64');
      for (let i = 0; i < params.size; i++) params.data[i] = r.normal();
      for (const idsShape of [
        [3, 2],
        [4, 3],
      ]) {
        const ids = np(randomIds(r, paramsShape[0]!, idsShape[0]! * idsShape[1]!), 'int32');
        const shaped = new tf.NDArray(ids.data, idsShape, 'int32');
        await inSession(async (g, sess) => {
          const [simple, gathered, sharded] = g.as_default(() => {
            const split = [tf.gather(params, tf.range(paramsShape[0]!))];
            return [tf.nn.embedding_lookup(params, shaped), tf.gather(params, shaped), tf.nn.embedding_lookup(split, shaped)];
          });
          const [s, gv, sh] = await sess.run([simple!, gathered!, sharded!]);
          assertAllEqual(s!, gv!);
          assertAllEqual(s!, sh!);
        });
      }
    }
  });

  it('refuses more than one shard and max_norm, which need ops tf1-ts does not have', () => {
    inGraph(() => {
      const p = [tf.ones([2, 3]), tf.ones([2, 3])];
      expect(thrown(() => tf.nn.embedding_lookup(p, [0, 1]))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.nn.embedding_lookup([tf.constant([[2.0]])], tf.constant([0]), { max_norm: 1.0 })).message).toContain('max_norm');
    });
  });
});
