// tf.nn.top_k and tf.nn.in_top_k's graphs as TF1 r1.12 builds them: names, dtypes, the namedtuple, errors.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

describe('tf.nn.top_k and tf.nn.in_top_k', () => {
  it('top_k: one TopKV2 op, its inputs converted as TopKV2/input and TopKV2/k, (values, indices) by position or name', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const r = tf.nn.top_k([[1.5, 2, 0]], 2);
      expect(g.get_operations().map((o) => `${o.name}:${o.type}`)).toEqual(['TopKV2/input:Const', 'TopKV2/k:Const', 'TopKV2:TopKV2']);
      const [values, indices] = r;
      expect([values.name, indices.name, r.values.name, r.indices.name]).toEqual(['TopKV2:0', 'TopKV2:1', 'TopKV2:0', 'TopKV2:1']);
      expect([values.dtype, indices.dtype]).toEqual(['float32', 'int32']);
      expect(values.op.get_attr('sorted')).toBe(true);
      expect(tf.nn.top_k(tf.placeholder(tf.int32, [null, 7]), { sorted: false, name: 'best' }).indices.name).toBe('best:1');
      expect(tf.nn.top_k(tf.placeholder(tf.float32, [4, 7]), tf.placeholder(tf.int32)).values.shape.as_list()).toEqual([4, null]);
      expect(() => tf.nn.top_k(tf.placeholder(tf.float32, [4, 7]), -1)).toThrow(
        "Dimension size, given by scalar input 1, must be non-negative but is -1 for 'TopKV2_2' (op: 'TopKV2') with input shapes: [4,7], [].",
      );
    });
  });

  it("in_top_k: an InTopKV2 op named in_top_k, k of the targets' dtype, a bool vector", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const p = tf.placeholder(tf.float32, [null, 10]);
      const t = tf.placeholder(tf.int64, [8]);
      const y = tf.nn.in_top_k(p, t, 5);
      expect(y.name).toBe('in_top_k:0');
      expect(y.dtype).toBe('bool');
      expect(y.shape.as_list()).toEqual([8]);
      expect(y.op.inputs.map((i) => `${i.name}:${i.dtype}`)).toEqual(['Placeholder:0:float32', 'Placeholder_1:0:int64', 'in_top_k/k:0:int64']);
      expect(() => tf.nn.in_top_k(tf.placeholder(tf.float32, [3, 10]), t, 1)).toThrow('Dimensions must be equal, but are 3 and 8');
      expect(tf.gradients(tf.cast(y, tf.float32), p)).toEqual([null]);
    });
  });
});
