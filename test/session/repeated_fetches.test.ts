// A run that fetches what the last run fetched reuses its flattened fetches (session/fetches.ts RecentFetches):
// the reuse must not outlive a change. A fetch list mutated in place between runs is read again, an element the
// graph has since marked unfetchable is refused as TF1 refuses it, and each run's values are its own arrays.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

function graph() {
  const g = new tf.Graph();
  return g.as_default(() => {
    const x = tf.placeholder(tf.float32, [2]);
    return { g, x, a: x.add(1), b: x.mul(2), c: x.neg() };
  });
}

describe('repeated fetches', () => {
  it('a fetch list changed in place between runs fetches its new elements', async () => {
    const { g, x, a, b, c } = graph();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const feed = new Map([[x, [1, 2]]]);
    const fetches: tf.Tensor[] = [a, b];
    const [a1, b1] = (await sess.run(fetches, feed)) as tf.NDArray[];
    expect([[...a1!.data], [...b1!.data]]).toEqual([
      [2, 3],
      [2, 4],
    ]);
    fetches[1] = c;
    const [a2, c2] = (await sess.run(fetches, feed)) as tf.NDArray[];
    expect([[...a2!.data], [...c2!.data]]).toEqual([
      [2, 3],
      [-1, -2],
    ]);
    fetches.push(b);
    expect(((await sess.run(fetches, feed)) as tf.NDArray[]).map((v) => [...v.data])).toEqual([
      [2, 3],
      [-1, -2],
      [2, 4],
    ]);
    sess.close();
  });

  it('an element marked unfetchable after a run is refused on the next', async () => {
    const { g, x, a } = graph();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const feed = new Map([[x, [1, 2]]]);
    await sess.run(a, feed);
    await sess.run([a], feed);
    g.prevent_fetching(a.op);
    await expect(sess.run([a], feed)).rejects.toThrow(`Operation '${a.op.name}' has been marked as not fetchable.`);
    await expect(sess.run(a, feed)).rejects.toThrow(`Operation '${a.op.name}' has been marked as not fetchable.`);
    sess.close();
  });

  it("each run's values are new arrays", async () => {
    const { g, x, a } = graph();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const feed = new Map([[x, [1, 2]]]);
    const r1 = (await sess.run([a], feed)) as tf.NDArray[];
    const r2 = (await sess.run([a], feed)) as tf.NDArray[];
    expect(r2).not.toBe(r1);
    expect(r2[0]).not.toBe(r1[0]);
    (r1[0]!.data as Float32Array)[0] = 100;
    expect([...r2[0]!.data]).toEqual([2, 3]);
    sess.close();
  });
});
