// TF1's control-dependency blocks: an op takes a block's control inputs unless one of its data inputs was
// made inside that block (it already runs after them), an op that is already a control input of an outer
// block is not added again, and a null block starts afresh.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const names = (t: tf.Tensor | tf.Operation): string[] => (t instanceof tf.Tensor ? t.op : t).control_inputs.map((o) => o.name);

describe('control_dependencies prunes control inputs as TF1 does', () => {
  it("an op whose input was made in the same block takes none of the block's control inputs", () => {
    new tf.Graph().as_default(() => {
      const a = tf.constant(1, { name: 'a' });
      const outside = tf.constant(2, { name: 'outside' });
      tf.control_dependencies([a], () => {
        const c = tf.constant(3, { name: 'c' });
        expect(names(c)).toEqual(['a']);
        expect(names(tf.identity(outside))).toEqual(['a']);
        // Built from c, which already runs after a: no ^a, in the printed NodeDef either.
        const e = tf.identity(c);
        expect(names(e)).toEqual([]);
        expect(String(e.op)).not.toContain('^a');
      });
    });
  });

  it('nested blocks: only the blocks the inputs were not made in contribute', () => {
    new tf.Graph().as_default(() => {
      const [a1, a2] = [tf.constant(1, { name: 'a1' }), tf.constant(2, { name: 'a2' })];
      tf.control_dependencies([a1], () => {
        const b = tf.constant(3);
        tf.control_dependencies([a2], () => {
          expect(names(tf.identity(b))).toEqual(['a2']);
          expect(names(tf.constant(4))).toEqual(['a1', 'a2']);
        });
      });
    });
  });

  it('an op already a control input of an outer block is not repeated, and a null block neither gives nor sees', () => {
    new tf.Graph().as_default(() => {
      const a = tf.constant(1, { name: 'a' });
      tf.control_dependencies([a], () => {
        expect(names(tf.control_dependencies([a], () => tf.constant(2)))).toEqual(['a']);
        const free = tf.control_dependencies(null, () => tf.constant(3));
        expect(names(free)).toEqual([]);
        // Made in the null block, so the outer block did not see it: an op built on it takes ^a.
        expect(names(tf.identity(free))).toEqual(['a']);
      });
    });
  });

  it("a control input from another graph is TF1's ValueError, and a value of no graph element TF1's TypeError", () => {
    const other = new tf.Graph().as_default(() => tf.constant(1));
    const g = new tf.Graph();
    expect(() => g.control_dependencies([other], () => 0)).toThrow(tf.errors.ValueError);
    expect(() => g.control_dependencies([other], () => 0)).toThrow(/is not an element of this graph/);
    expect(() => g.control_dependencies([{} as never], () => 0)).toThrow(tf.errors.TypeError);
  });
});
