// Fuzzing V2 checkpoints (TF's tensor bundle): random truncations, byte flips and insertions in the .index or the
// data shard. Reading either gives back exactly what was written or raises TF1's error for it (DataLossError,
// OutOfRangeError for a data file that ends early, InvalidArgumentError/UnimplementedError for a header that now
// names another version or byte order or an entry another dtype), never a RangeError, a hang or a wrong value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { encodeBundle, readBundleIndex, readBundleTensor } from '../../src/framework/io/tensor_bundle.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240901);

const tensorArb = fc
  .record({
    dtype: fc.constantFrom<tf.DType>('float32', 'float64', 'int32', 'int64', 'bool', 'uint8', 'int16'),
    shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
    seed: fc.integer(),
  })
  .map(({ dtype, shape, seed }) => {
    const a = tf.NDArray.zeros(shape, dtype);
    for (let i = 0; i < a.size; i++) a.data[i] = dtype === 'bool' ? (seed >> (i % 31)) & 1 : ((seed + i * 7919) % 201) - 100;
    if (dtype === 'uint8') for (let i = 0; i < a.size; i++) a.data[i] = Math.abs(a.data[i]!);
    return a;
  });

const sameArrays = (x: tf.NDArray, y: tf.NDArray): boolean =>
  x.dtype === y.dtype && x.shape.join() === y.shape.join() && x.data.every((v, i) => Object.is(v, y.data[i]));

const TF1_ERRORS = [tf.errors.DataLossError, tf.errors.OutOfRangeError, tf.errors.InvalidArgumentError, tf.errors.UnimplementedError];

describe('V2 checkpoint files with random damage', () => {
  it('reading gives back exactly what was saved, or a TF1 error', () => {
    const mutation = fc.record({
      file: fc.constantFrom('index' as const, 'data' as const),
      kind: fc.constantFrom('truncate' as const, 'flip' as const, 'insert' as const),
      at: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      bits: fc.integer({ min: 1, max: 255 }),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tensorArb, { minKeys: 1, maxKeys: 5 }), mutation, (named, m) => {
        const original = new Map(Object.entries(named));
        const files = encodeBundle(original);
        const good = files[m.file];
        if (good.length === 0) return;
        let bad: Uint8Array;
        const at = m.at[0]! % good.length;
        if (m.kind === 'truncate') bad = good.slice(0, at);
        else if (m.kind === 'insert') bad = new Uint8Array([...good.subarray(0, at), ...m.bytes, ...good.subarray(at)]);
        else {
          bad = good.slice();
          for (const a of m.at) bad[a % bad.length]! ^= m.bits;
        }
        const damaged = { ...files, [m.file]: bad };
        let back: Map<string, tf.NDArray>;
        try {
          const ix = readBundleIndex(damaged.index, 'fuzz.index');
          back = new Map([...ix.entries.values()].map((e) => [e.name, readBundleTensor(e, ix, () => damaged.data, 'fuzz')]));
        } catch (e) {
          if (!TF1_ERRORS.some((c) => e instanceof c)) throw new Error(`not a TF1 error: ${String(e)}`);
          return;
        }
        // Whatever went unnoticed (the metaindex and footer padding TF does not read, data past the last tensor)
        // changed nothing that was read.
        expect([...back.keys()].sort()).toEqual([...original.keys()].sort());
        for (const [k, v] of original) expect(sameArrays(back.get(k)!, v)).toBe(true);
      }),
      { numRuns: 500, seed: SEED },
    );
  });
});
