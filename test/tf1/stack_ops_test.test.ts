// TF1 r1.12's stack_ops_test.py StackOpTest (the V2 ops, through gen_data_flow_ops' builders), one `it` per TF1
// test method with TF1's values, plus TF1's errors (stack_ops.cc) and the per-run lifetime of the stacks.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { stack_close_v2, stack_pop_v2, stack_push_v2, stack_v2 } from '../../src/ops/stack_ops.js';
import { assertAllClose, inSession, rejected } from './helpers.js';

type T = tf.Tensor;

describe('StackOpTest', () => {
  it('testSimpleStack', async () => {
    await inSession(async (g, sess) => {
      const c1 = g.as_default(() => {
        const h = stack_v2(-1, 'float32', 'foo');
        const c = stack_push_v2(h, [[4.0, 5.0]]);
        return tf.control_dependencies([c], () => stack_pop_v2(h, 'float32'));
      });
      assertAllClose(await sess.run(c1), [[4.0, 5.0]]);
    });
  });

  it('testStackWhileSwap', async () => {
    await inSession(async (g, sess) => {
      const ry = g.as_default(() => {
        const n = tf.constant(0);
        const h = stack_v2(-1, 'float32', 'foo');
        const c = (x: T): T => tf.less(x, 10);
        const b = (x: T): T =>
          tf.control_dependencies([x], () => {
            const a = tf.constant(new Float32Array(2000).fill(1), { dtype: tf.float32 });
            const v = stack_push_v2(h, a, true);
            return tf.control_dependencies([v], () => tf.add(x, 1));
          });
        const r = tf.while_loop(c, b, [n]) as T;
        const v = tf.constant(new Float32Array(2000), { dtype: tf.float32 });
        const c1 = (x: T, _y: T): T => tf.greater(x, 0);
        const b1 = (x: T, y: T): T[] => [tf.subtract(x, 1), y.add(stack_pop_v2(h, 'float32'))];
        const [, out] = tf.while_loop(c1, b1, [r, v], [r.get_shape(), tf.TensorShape.unknown()]) as T[];
        return out!;
      });
      assertAllClose(await sess.run(ry), new Array(2000).fill(10));
    });
  });

  it('testMultiStack', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const h1 = stack_v2(-1, 'float32', 'foo');
        const c1 = stack_push_v2(h1, 4.0);
        const p1 = tf.control_dependencies([c1], () => stack_pop_v2(h1, 'float32'));
        const h2 = stack_v2(-1, 'float32', 'bar');
        const c2 = stack_push_v2(h2, 5.0);
        const p2 = tf.control_dependencies([c2], () => stack_pop_v2(h2, 'float32'));
        return p1.add(p2);
      });
      assertAllClose(await sess.run(r), 9.0);
    });
  });

  it('testSameNameStacks', async () => {
    await inSession(async (g, sess) => {
      const [pop1, pop2] = g.as_default(() => {
        const h1 = stack_v2(-1, 'float32', 'foo');
        const h2 = stack_v2(-1, 'float32', 'foo');
        const c1 = stack_push_v2(h1, 4.0);
        const c2 = tf.control_dependencies([c1], () => stack_push_v2(h2, 5.0));
        return tf.control_dependencies([c2], () => [stack_pop_v2(h1, 'float32'), stack_pop_v2(h2, 'float32')]);
      });
      const [out1, out2] = (await sess.run([pop1!, pop2!])) as tf.NDArray[];
      assertAllClose(out1!, 4.0);
      assertAllClose(out2!, 5.0);
    });
  });

  it('testCloseStack', async () => {
    await inSession(async (g, sess) => {
      const c1 = g.as_default(() => stack_close_v2(stack_v2(-1, 'float32', 'foo')));
      expect(await sess.run(c1)).toBeNull();
    });
  });

  it('testPushCloseStack', async () => {
    await inSession(async (g, sess) => {
      const c1 = g.as_default(() => {
        const h = stack_v2(-1, 'float32', 'foo');
        const c = stack_push_v2(h, [[4.0, 5.0]]);
        return tf.control_dependencies([c], () => stack_close_v2(h));
      });
      expect(await sess.run(c1)).toBeNull();
    });
  });

  it("stack_ops.cc's errors: an empty stack, a closed one, max_size, the element type", async () => {
    await inSession(async (g, sess) => {
      const [empty, closed, overflow, wrongType] = g.as_default(() => {
        const h = stack_v2(-1, 'float32', 'foo');
        const h2 = stack_v2(-1, 'float32');
        const shut = stack_close_v2(h2);
        const h3 = stack_v2(1, 'float32', 'small');
        const p1 = stack_push_v2(h3, 1.0);
        const h4 = stack_v2(-1, 'int32', 'ints');
        return [
          stack_pop_v2(h, 'float32'),
          tf.control_dependencies([shut], () => stack_push_v2(h2, 1.0)),
          tf.control_dependencies([p1], () => stack_push_v2(h3, 2.0)),
          stack_push_v2(h4, 1.5),
        ];
      });
      const e1 = await rejected(sess.run(empty!));
      expect(e1).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e1.message).toMatch(/^Stack\[foo_\d+\] is empty when calling Pop\(\)\./);
      const e2 = await rejected(sess.run(closed!));
      expect(e2).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e2.message).toMatch(/^Stack\[StackV2_1_\d+\] has already been closed\./);
      const e3 = await rejected(sess.run(overflow!));
      expect(e3.message).toMatch(/^Stack\[small_\d+\] overflowed its max_size \(1\)/);
      const e4 = await rejected(sess.run(wrongType!));
      expect(e4.message).toMatch(/^Must have type int32 but got float/);
    });
  });

  it('each run has fresh stacks: nothing pushed in one run is seen by the next', async () => {
    await inSession(async (g, sess) => {
      const [push, pop] = g.as_default(() => {
        const h = stack_v2(-1, 'float32', 'foo');
        return [stack_push_v2(h, 3.0), stack_pop_v2(h, 'float32')];
      });
      assertAllClose(await sess.run(push!), 3.0);
      const e = await rejected(sess.run(pop!));
      expect(e.message).toMatch(/^Stack\[foo_\d+\] is empty when calling Pop\(\)\./);
    });
  });

  it("StackV2's handle is a resource scalar; StackPopV2's shape is unknown (UnknownShape)", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const h = stack_v2(-1, 'float32', 'foo');
      expect(h.dtype).toBe('resource');
      expect(h.op.get_attr('elem_type')).toBe('float32');
      expect(stack_pop_v2(h, 'float32').shape.dims).toBeNull();
    });
  });
});
