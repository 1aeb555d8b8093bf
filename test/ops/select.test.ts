// tf.where's graph side and run-time checks as TF1 r1.12 has them: node names, static shapes, the gradient's
// nodes, TF1's type error for a non-bool condition, and shapes only known at run time checked before any kernel.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph, rejected, thrown } from '../tf1/helpers.js';

const f32 = (v: number[], shape: number[]): tf.NDArray => new tf.NDArray(Float32Array.from(v), shape, 'float32');
const bools = (v: number[], shape: number[]): tf.NDArray => new tf.NDArray(Uint8Array.from(v), shape, 'bool');

describe('tf.where', () => {
  it('names its ops Select and Where, with TF1 static shapes and dtypes', () => {
    inGraph(() => {
      const c = tf.placeholder(tf.bool, [4]);
      const x = tf.placeholder(tf.float32, [null, 3]);
      expect(String(tf.where(c, x, x))).toBe('Tensor("Select:0", shape=(?, 3), dtype=float32)');
      expect(String(tf.where(tf.placeholder(tf.bool, [2, 5])))).toBe('Tensor("Where:0", shape=(?, 2), dtype=int64)');
      expect(tf.where(c, x, x, 'picked').name).toBe('picked:0');
    });
  });

  it("routes Maximum's and Minimum's gradients through Selects as r1.12's _MaximumMinimumGrad", () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [3]);
      const y = tf.placeholder(tf.float32, [2, 3]);
      for (const [f, type, cmp, scope] of [
        [tf.maximum, 'Maximum', 'GreaterEqual', 'gradients'],
        [tf.minimum, 'Minimum', 'LessEqual', 'gradients_1'],
      ] as const) {
        const [gx, gy] = tf.gradients(f(x, y), [x, y]);
        const selects = [gx!, gy!].map((g) => g.op.inputs[0]!.op.inputs[0]!.op);
        expect(selects.map((op) => `${op.type} ${op.name}`)).toEqual([`Select ${scope}/${type}_grad/Select`, `Select ${scope}/${type}_grad/Select_1`]);
        expect(selects[0]!.inputs[0]!.op.type).toBe(cmp);
        expect(selects[0]!.inputs[2]!.name).toBe(`${scope}/${type}_grad/zeros:0`);
        expect(selects[1]!.inputs[1]!.name).toBe(`${scope}/${type}_grad/zeros:0`);
      }
    });
  });

  it('builds its gradient as TF1 does: a Select for each side against zeros_like', () => {
    inGraph(() => {
      const c = tf.placeholder(tf.bool, [3]);
      const x = tf.placeholder(tf.float32, [3]);
      const y = tf.placeholder(tf.float32, [3]);
      const [gx, gy] = tf.gradients(tf.where(c, x, y), [x, y]);
      expect(gx!.name).toBe('gradients/Select_grad/Select:0');
      expect(gy!.name).toBe('gradients/Select_grad/Select_1:0');
      expect(gx!.op.inputs[2]!.name).toBe('gradients/Select_grad/zeros_like:0');
    });
  });

  it("refuses a non-bool condition with TF1's TypeError, and shapes that cannot merge with its ValueError", () => {
    inGraph(() => {
      const e = thrown(() => tf.where(tf.constant([1, 0]), [1, 2], [3, 4]));
      expect(e).toBeInstanceOf(tf.errors.TypeError);
      expect(e.message).toBe("Input 'condition' of 'Select' Op has type int32 that does not match expected type of bool.");
      const v = thrown(() => tf.where(tf.placeholder(tf.bool, [3]), tf.zeros([2, 2]), tf.zeros([2, 2])));
      expect(v).toBeInstanceOf(tf.errors.ValueError);
      expect(v.message).toContain('Dimensions must be equal, but are 3 and 2');
    });
  });

  it('checks shapes known only at run time before any kernel runs, as InvalidArgumentError', async () => {
    const g = new tf.Graph();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      const [c, x, y, out] = g.as_default(() => {
        const c = tf.placeholder(tf.bool);
        const x = tf.placeholder(tf.float32);
        const y = tf.placeholder(tf.float32);
        return [c, x, y, tf.where(c, x, y)] as const;
      });
      const run = (cv: tf.NDArray, xv: tf.NDArray, yv: tf.NDArray) =>
        sess.run(
          out,
          new Map([
            [c, cv],
            [x, xv],
            [y, yv],
          ]),
        );
      const rows = await rejected(run(bools([1, 0, 1], [3]), f32([1, 2, 3, 4], [2, 2]), f32([1, 2, 3, 4], [2, 2])));
      expect(rows).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(rows.message).toContain("Dimensions must be equal, but are 3 and 2 for 'Select' (op: 'Select') with input shapes: [3], [2,2], [2,2].");
      const elems = await rejected(run(bools([1, 0, 1, 1], [2, 2]), f32([1, 2, 3, 4], [4]), f32([1, 2, 3, 4], [4])));
      expect(elems).toBeInstanceOf(tf.errors.InvalidArgumentError);
      const scalar = await rejected(run(bools([1], []), f32([1, 2], [2]), f32([1, 2, 3], [3])));
      expect(scalar).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(scalar.message).toContain('Dimensions must be equal, but are 2 and 3');
      // A good run afterwards: the failures changed nothing.
      expect(Array.from((await run(bools([1, 0], [2]), f32([1, 2, 3, 4], [2, 2]), f32([5, 6, 7, 8], [2, 2]))).data)).toEqual([1, 2, 7, 8]);
    } finally {
      sess.close();
    }
  });
});

describe("Select's host kernel", () => {
  it("refuses what TF1's kernel refuses, in its words (the checks both backends share)", async () => {
    const { selectLayout } = await import('../../src/session/kernels/select.js');
    expect(() => selectLayout('s', [3], [2, 2], [2, 2])).toThrow("Number of batches of 'then' must match size of 'cond', but saw: 2 vs. 3");
    expect(() => selectLayout('s', [], [2], [3])).toThrow("'then' and 'else' must have the same size.  but received: [2] vs. [3]");
    expect(() => selectLayout('s', [2, 2], [4], [4])).toThrow(
      'Inputs to operation s of type Select must have the same size and shape.  Input 0: [2,2] != input 1: [4]',
    );
    expect(selectLayout('s', [2], [2, 3], [2, 3])).toEqual({ choices: 2, width: 3 });
    expect(selectLayout('s', [], [2, 3], [2, 3])).toEqual({ choices: 1, width: 6 });
    expect(selectLayout('s', [2, 3], [2, 3], [2, 3])).toEqual({ choices: 6, width: 1 });
  });
});
