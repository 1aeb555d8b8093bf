import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

// TF1 r1.12's math_ops.to_double / to_int32 / to_int64: `cast(x, dtype, name=name)` with the default names
// "ToDouble", "ToInt32", "ToInt64"; a tensor that already has the dtype comes back as it is (cast returns x).
const opsOf = (g: tf.Graph): string[] => g.get_operations().map((o) => `${o.name}:${o.type}`);

describe('to_double, to_int32, to_int64', () => {
  it('are Cast ops named as TF1 names them, the dtype in DstT; a tensor of that dtype is returned as is', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.int32, [2], 'x');
      const a = tf.to_int64(x);
      expect([a.name, a.dtype]).toEqual(['ToInt64:0', 'int64']);
      expect(tf.to_int64(x).name).toBe('ToInt64_1:0');
      expect(tf.to_int64(a)).toBe(a);
      const d = tf.to_double(x, 'as_double');
      expect([d.name, d.dtype]).toEqual(['as_double:0', 'float64']);
      const f = tf.placeholder(tf.float32, [2], 'f');
      const i = tf.to_int32(f);
      expect([i.name, i.dtype, i.op.get_attr('DstT')]).toEqual(['ToInt32:0', 'int32', 'int32']);
      expect(tf.to_int32(x)).toBe(x);
    });
    expect(opsOf(g)).toEqual(['x:Placeholder', 'ToInt64:Cast', 'ToInt64_1:Cast', 'as_double:Cast', 'f:Placeholder', 'ToInt32:Cast']);
  });

  it('convert as Cast does (toward zero from floats)', async () => {
    const sess = new tf.Session();
    const [a, b, c] = await sess.run([
      tf.to_int64(tf.constant([-2.7, 3.9], tf.float32)),
      tf.to_int32(tf.constant([-2.7, 3.9], tf.float64)),
      tf.to_double(tf.constant([7, -1])),
    ]);
    sess.close();
    expect([a!.dtype, Array.from(a!.data)]).toEqual(['int64', [-2, 3]]);
    expect([b!.dtype, Array.from(b!.data)]).toEqual(['int32', [-2, 3]]);
    expect([c!.dtype, Array.from(c!.data)]).toEqual(['float64', [7, -1]]);
  });
});
