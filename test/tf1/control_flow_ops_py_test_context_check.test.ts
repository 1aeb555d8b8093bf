// TF1 r1.12's control_flow_ops_py_test.py ControlFlowContextCheckTest: a tensor made inside a while loop used from
// outside it, or from another loop, is TF1's ValueError as the op is made (control_flow_util's
// CheckInputFromValidContext); tensors from a cond's branches, and from loops around, may be read. One `it` per
// TF1 test method, TF1's graphs and messages.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph } from './helpers.js';

type T = tf.Tensor;

/** A tensor made in a while loop's body (`while/Const_1`). */
function whileTensor(): T {
  const tensor: T[] = [];
  tf.while_loop(
    (i: T) => tf.less(i, 10),
    (i: T) => {
      if (tensor.length === 0) tensor.push(tf.constant(1));
      return i.add(tensor[0]!);
    },
    [0],
  );
  return tensor[0]!;
}

/** A tensor made in a cond's true branch. */
function condTensor(): T {
  const t: T[] = [];
  tf.cond(
    tf.less(1, 2),
    () => {
      if (t.length === 0) t.push(tf.constant(1));
      return t[0]!;
    },
    () => tf.constant(0),
  );
  return t[0]!;
}

const refused = (msg: string): tf.errors.ValueError => new tf.errors.ValueError(`${msg} See info log for more details.`);

describe('ControlFlowContextCheckTest', () => {
  it('testInvalidContext: a loop tensor used outside the loop', () => {
    inGraph(() => {
      const t = whileTensor();
      expect(() => tf.add(1, t)).toThrow(refused("Cannot use 'while/Const_1' as input to 'Add' because 'while/Const_1' is in a while loop."));
    });
  });

  it('testInvalidContextInCond: a loop tensor used in a cond', () => {
    inGraph(() => {
      const t = whileTensor();
      expect(() =>
        tf.cond(
          tf.less(1, 2),
          () => tf.add(1, t),
          () => tf.constant(0),
        ),
      ).toThrow(refused("Cannot use 'while/Const_1' as input to 'cond/Add' because 'while/Const_1' is in a while loop."));
    });
  });

  it('testInvalidContextInWhile: a loop tensor used in another loop', () => {
    inGraph(() => {
      const t = whileTensor();
      expect(() =>
        tf.while_loop(
          (i: T) => tf.less(i, 10),
          (_x: T) => tf.add(1, t),
          [0],
        ),
      ).toThrow(refused("Cannot use 'while_1/Add' as input to 'while/Const_1' because they are in different while loops."));
      expect(() =>
        tf.while_loop(
          (i: T) => tf.less(i, 10),
          (_i: T) => t,
          [0],
        ),
      ).toThrow(refused("Cannot use 'while_2/NextIteration' as input to 'while/Const_1' because they are in different while loops."));
    });
  });

  it('testValidCondContext: a cond tensor used outside the cond', () => {
    inGraph(() => {
      const t = condTensor();
      expect(tf.add(1, t).op.type).toBe('Add');
    });
  });

  it('testValidCondContextBranches: one branch returns a tensor the other branch made', () => {
    inGraph(() => {
      const t: T[] = [];
      const branch = (): T => {
        if (t.length === 0) t.push(tf.constant(1));
        return t[0]!;
      };
      expect(tf.cond(tf.less(1, 2), branch, branch)).toBeInstanceOf(tf.Tensor);
    });
  });

  it('testValidWhileContext: a nested loop reads its outer loop', () => {
    inGraph(() => {
      const body = (_: T): T => {
        const c = tf.constant(1);
        return tf.while_loop(
          (i: T) => tf.less(i, 3),
          (i: T) => i.add(c),
          [0],
        ) as T;
      };
      expect(tf.while_loop((i: T) => tf.less(i, 5), body, [0])).toBeInstanceOf(tf.Tensor);
    });
  });

  it('testValidNestedContexts: a cond tensor read by a loop in a cond, all in a loop', () => {
    inGraph(() => {
      const body = (_: T): T => {
        const ct = condTensor();
        return tf.cond(
          tf.less(1, 2),
          () =>
            tf.while_loop(
              (i: T) => tf.less(i, 3),
              (i: T) => i.add(ct),
              [0],
            ) as T,
          () => tf.constant(0),
        ) as T;
      };
      expect(tf.while_loop((i: T) => tf.less(i, 5), body, [0])).toBeInstanceOf(tf.Tensor);
    });
  });

  it('testInvalidNestedContexts: a loop tensor read by another loop, both in a cond', () => {
    inGraph(() => {
      const trueFn = (): T => {
        const t = whileTensor();
        return tf.while_loop(
          (i: T) => tf.less(i, 3),
          (i: T) => i.add(t),
          [0],
        ) as T;
      };
      expect(() => tf.cond(tf.less(1, 2), trueFn, () => tf.constant(0))).toThrow(
        refused("Cannot use 'cond/while_1/add' as input to 'cond/while/Const_1' because they are in different while loops."),
      );
    });
  });
});
