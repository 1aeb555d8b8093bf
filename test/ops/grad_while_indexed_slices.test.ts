// A gather of a while loop's invariant: its IndexedSlices gradient accumulated by the gradient loop as one (r1.12's
// WhileContext.AddBackpropIndexedSlicesAccumulator): the accumulator's ops and names, a loop that runs no iteration,
// a nested loop, and the gradient's values against the dense rule's. A gather of a loop's result: its IndexedSlices
// carried through the gradient loop part by part (r1.12's _ExitGrad, _SwitchGrad, _MergeGrad, _EnterGrad).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, inSession } from '../tf1/helpers.js';

type T = tf.Tensor;

/** sum over `n` iterations of reduce_sum(gather(params, [1, 0, 1])), params entering the loop as an invariant. */
const gatherLoop = (params: T, n: T | number): T =>
  (
    tf.while_loop(
      (i: T, _: T) => tf.less(i, n),
      (i: T, acc: T) => [i.add(1), acc.add(tf.reduce_sum(tf.gather(params, [1, 0, 1])))],
      [tf.constant(0), tf.constant(0.0, tf.float32)],
    ) as T[]
  )[1]!;

describe("a while loop's gradient through a gather of an invariant", () => {
  it("is an IndexedSlices from the gradient loop's b_acc Exits, values and indices concatenated per iteration", async () => {
    await inSession(async (g, sess) => {
      const grad = g.as_default(() => {
        const params = tf.constant(
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          { dtype: tf.float32, name: 'params' },
        );
        return tf.gradients(gatherLoop(params, 2), [params])[0]!;
      });
      expect(grad).toBeInstanceOf(tf.IndexedSlices);
      const s = grad as tf.IndexedSlices;
      const scope = 'gradients/while/GatherV2/Enter_grad';
      // TF1's names: the Enters, Merges and Exits of indices, values and dense_shape are all `b_acc`
      expect([s.indices.name, s.values.name, s.dense_shape!.name]).toEqual([`${scope}/b_acc_6:0`, `${scope}/b_acc_7:0`, `${scope}/b_acc_8:0`]);
      expect(s.indices.op.type).toBe('Exit');
      const enters = [0, 1, 2].map((k) => g.get_operation_by_name(`${scope}/b_acc${k ? `_${k}` : ''}`));
      expect(enters.map((op) => op.type)).toEqual(['Enter', 'Enter', 'Enter']);
      // they grow each iteration: indices [None], values [None] + rows, dense_shape unknown
      expect(enters.map((op) => String(op.outputs[0]!.shape))).toEqual(['(?,)', '(?, ?)', '<unknown>']);
      expect(g.get_operation_by_name(`${scope}/Maximum`).type).toBe('Maximum');
      const value = (await sess.run(grad)) as unknown as tf.IndexedSlicesValue;
      // the zero row at index 0 the accumulator starts from, then each iteration's three rows
      assertAllEqual(value.indices, [0, 1, 0, 1, 1, 0, 1]);
      assertAllEqual(value.values, [
        [0, 0],
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
      ]);
      assertAllEqual(value.dense_shape!, [3, 2]);
      assertAllEqual(await sess.run(tf.convert_to_tensor(grad)), [
        [2, 2],
        [4, 4],
        [0, 0],
      ]);
    });
  });

  it('is the zero row alone when the loop runs no iteration', async () => {
    await inSession(async (g, sess) => {
      const [n, grad] = g.as_default(() => {
        const params = tf.constant(
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          { dtype: tf.float32 },
        );
        const n = tf.placeholder(tf.int32, [], { name: 'n' });
        return [n, tf.gradients(gatherLoop(params, n), [params])[0]!] as const;
      });
      const value = (await sess.run(grad, new Map([[n, 0]]))) as unknown as tf.IndexedSlicesValue;
      assertAllEqual(value.indices, [0]);
      assertAllEqual(value.values, [[0, 0]]);
      // the accumulator's dense_shape starts from zeros and takes the largest seen: none seen, zeros
      assertAllEqual(value.dense_shape!, [0, 0]);
    });
  });

  it('accumulates in an inner gradient loop of unknown row shape, its sum as the dense rule gives it', async () => {
    await inSession(async (g, sess) => {
      const [p, grad] = g.as_default(() => {
        const p = tf.placeholder(tf.float32, [null, 2], { name: 'p' });
        const outer = (i: T, acc: T): T[] => [i.add(1), acc.add(gatherLoop(p.mul(tf.cast(i.add(1), tf.float32)), 2))];
        const [, r] = tf.while_loop((i: T, _: T) => tf.less(i, 3), outer, [tf.constant(0), tf.constant(0.0, tf.float32)]) as T[];
        // the inner loop's IndexedSlices meets the mul's dense rule in the outer gradient loop
        return [p, tf.gradients(r!, [p])[0]!] as const;
      });
      expect(grad).toBeInstanceOf(tf.Tensor);
      // d/dp of sum_i (i+1)·2·(2·p[1] + p[0]) summed: row 0 gets 2·(1+2+3), row 1 twice that
      const got = await sess.run(
        grad as T,
        new Map([
          [
            p,
            [
              [1, 2],
              [3, 4],
              [5, 6],
            ],
          ],
        ]),
      );
      assertAllClose(got, [
        [12, 12],
        [24, 24],
        [0, 0],
      ]);
    });
  });

  it("of a gather of the loop's result enters the gradient loop part by part and leaves it as one", async () => {
    await inSession(async (g, sess) => {
      const [n, grad] = g.as_default(() => {
        const x = tf.constant([1, 2, 3, 4, 5], { dtype: tf.float32, name: 'x' });
        const n = tf.placeholder(tf.int32, [], { name: 'n' });
        const [, r] = tf.while_loop(
          (i: T, _: T) => tf.less(i, n),
          (i: T, v: T) => [i.add(1), v.mul(2.0)],
          [tf.constant(0), x],
        ) as T[];
        return [n, tf.gradients(tf.reduce_sum(tf.gather(r!, [0, 2, 2])), [x])[0]!] as const;
      });
      expect(grad).toBeInstanceOf(tf.IndexedSlices);
      const s = grad as tf.IndexedSlices;
      // r1.12's names: _Enter and exit of an IndexedSlices name its indices and dense_shape `indices`, `dense_shape`
      expect(g.get_operation_by_name('gradients/while/Exit_1_grad/b_exit').type).toBe('Enter');
      expect(g.get_operation_by_name('gradients/while/Exit_1_grad/indices').type).toBe('Enter');
      expect(g.get_operation_by_name('gradients/while/Exit_1_grad/dense_shape').type).toBe('Enter');
      expect([s.values.name, s.indices.name, s.dense_shape!.name]).toEqual([
        'gradients/while/Enter_1_grad/Exit:0',
        'gradients/while/Enter_1_grad/indices:0',
        'gradients/while/Enter_1_grad/dense_shape:0',
      ]);
      // no iteration: the gather's own slices; else the Mul's dense gradient as the slices of all rows (the back edge)
      const at = async (k: number) => (await sess.run(grad, new Map([[n, k]]))) as unknown as tf.IndexedSlicesValue;
      const none = await at(0);
      assertAllEqual(none.indices, [0, 2, 2]);
      assertAllEqual(none.values, [1, 1, 1]);
      assertAllEqual(none.dense_shape!, [5]);
      const three = await at(3);
      assertAllEqual(three.indices, [0, 1, 2, 3, 4]);
      assertAllEqual(three.values, [8, 0, 16, 0, 0]);
      assertAllEqual(three.dense_shape!, [5]);
    });
  });

  it("of a gather in a cond's branch in the loop: the cond's rules take it densely, and the sum is the unrolled one", async () => {
    await inSession(async (g, sess) => {
      const [dynamic, unrolled] = g.as_default(() => {
        const matrix = tf.constant(
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          { dtype: tf.float32 },
        );
        const lookup = (): T => tf.reduce_sum(tf.nn.embedding_lookup(matrix, [0, 2]));
        const body = (it: T, cost: T): T[] => [
          it.add(1),
          tf.cond(
            tf.equal(it, 3),
            () => tf.square(cost),
            () => cost.add(lookup()),
          ) as T,
        ];
        const [, cost] = tf.while_loop((it: T, _: T) => tf.less(it, 5), body, [tf.constant(0), tf.constant(0.0, tf.float32)]) as T[];
        const s = lookup();
        const unrolled = tf.gradients(tf.square(s.add(s).add(s)).add(s), [matrix])[0]!;
        return [tf.gradients(cost!, [matrix])[0]!, tf.convert_to_tensor(unrolled)] as const;
      });
      // the branch's gather gradient, dead in the iteration that squares, would be merged with that iteration's dense
      // zeros part by part, while its indices (from a constant) are alive in every iteration
      expect(dynamic).toBeInstanceOf(tf.Tensor);
      const [dy, st] = await sess.run([dynamic as T, unrolled]);
      assertAllClose(dy!, st!);
    });
  });
});
