import { describe, expect, it } from 'vitest';
import { Subject, firstValueFrom, toArray, take } from 'rxjs';
import * as tf from '../../src/index.js';

describe('Session.watch: feeds as an Observable', () => {
  function model() {
    const g = new tf.Graph();
    const t = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null]);
      return { x, y: tf.reduce_sum(tf.square(x)) };
    });
    return { g, ...t };
  }

  it('re-runs the fetches each time the feeds change', async () => {
    const { g, x, y } = model();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const feeds$ = new Subject<tf.FeedDict>();
    const results = firstValueFrom(sess.watch(y, feeds$).pipe(take(3), toArray()));
    for (const v of [[1], [1, 2], [3]]) {
      feeds$.next(new Map([[x, v]]));
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await results).map((r) => r.item())).toEqual([1, 5, 9]);
  });

  it('drops stale runs when feeds arrive faster than runs finish', async () => {
    const { g, x, y } = model();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const feeds$ = new Subject<tf.FeedDict>();
    const seen: number[] = [];
    const sub = sess.watch(y, feeds$).subscribe((r) => seen.push(r.item()));
    for (let i = 1; i <= 5; i++) feeds$.next(new Map([[x, [i]]]));
    await new Promise((r) => setTimeout(r, 50));
    sub.unsubscribe();
    expect(seen).toEqual([25]);
  });

  it('reports a bad feed as an error on the stream', async () => {
    const { g, y } = model();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const feeds$ = new Subject<tf.FeedDict | null>();
    const err = new Promise((resolve) => sess.watch(y, feeds$).subscribe({ error: resolve }));
    feeds$.next(null);
    expect(await err).toBeInstanceOf(tf.errors.InvalidArgumentError);
  });

  it('a cancelled run rejects with CancelledError before it starts', async () => {
    const { g, x, y } = model();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const ac = new AbortController();
    ac.abort();
    await expect(sess.run(y, new Map([[x, [1]]]), { signal: ac.signal })).rejects.toThrow(tf.errors.CancelledError);
  });
});
