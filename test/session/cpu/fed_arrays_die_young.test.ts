// A mini-batch loop feeds a new array every step. Once its run is over, nothing in the session may keep it from
// dying young: kept in a structure the young-generation collector trusts (a V8 Map's or Set's abandoned table in
// the old generation), each batch was promoted and its memory given back only by full collections, one every ~150
// steps (src/session/cpu/wasm/array_table.ts). Counted with Node's GC performance entries: full collections while
// 3,000 fresh batches of 100 x 784 float32 are fed to a MatMul (the product reads the batch through its kept copy).
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { ArrayTable } from '../../../src/session/cpu/wasm/array_table.js';

async function majorCollections(during: () => Promise<void>): Promise<number> {
  let majors = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++;
  });
  obs.observe({ entryTypes: ['gc'] });
  try {
    await during();
    // the entries are delivered when the event loop turns
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    obs.disconnect();
  }
  return majors;
}

describe('arrays fed once', () => {
  it('die young: 3,000 fresh 313 KB batches through MatMul make almost no full collections', async () => {
    const g = new tf.Graph();
    const { x, loss } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 784]);
      const w = tf.constant(
        Array.from({ length: 784 }, (_, k) => Array.from({ length: 10 }, (_, j) => ((k * 7 + j) % 5) - 2)),
        tf.float32,
      );
      return { x, loss: tf.reduce_sum(tf.matmul(x, w)) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const pattern = new Float32Array(78400).map((_, i) => (i % 5 === 0 ? 0 : (i % 13) / 13));
    let last = 0;
    // warm up (plans, kernels, the first kept copy) before counting
    for (let i = 0; i < 50; i++) await sess.run(loss, new Map([[x, new tf.NDArray(pattern.slice(), [100, 784], 'float32')]]));
    const majors = await majorCollections(async () => {
      for (let i = 0; i < 3000; i++) {
        const batch = pattern.slice();
        batch[i % 78400] = 1; // a different batch each step
        last = (await sess.run(loss, new Map([[x, new tf.NDArray(batch, [100, 784], 'float32')]]))).item() as number;
      }
    });
    sess.close();
    expect(Number.isFinite(last)).toBe(true);
    // with each batch kept alive past its run (before array_table.ts): 16 here, one every ~190 steps; with it, 0
    expect(majors).toBeLessThanOrEqual(4);
  });
});

describe('ArrayTable', () => {
  const slots = (t: ArrayTable<object, number>) => t as unknown as { keys: unknown[]; vals: unknown[] };

  it('keeps insertion order through deletes and leaves no removed key or value in its slots', () => {
    const t = new ArrayTable<object, number>();
    const [a, b, c] = [{}, {}, {}];
    t.set(a, 1);
    t.set(b, 2);
    t.set(c, 3);
    t.set(b, 20); // an existing key keeps its place
    expect([t.keyAt(0), t.keyAt(1), t.keyAt(2)]).toEqual([a, b, c]);
    expect(t.valueAt(1)).toBe(20);
    expect(t.delete(a)).toBe(true);
    expect(t.delete(a)).toBe(false);
    expect(t.size).toBe(2);
    expect([t.keyAt(0), t.keyAt(1)]).toEqual([b, c]);
    expect(t.get(c)).toBe(3);
    expect(t.has(a)).toBe(false);
    expect(slots(t).keys).not.toContain(a);
    t.clear();
    expect(t.size).toBe(0);
    expect(slots(t).keys.every((k) => k === undefined)).toBe(true);
    expect(slots(t).vals.every((v) => v === undefined)).toBe(true);
  });
});
