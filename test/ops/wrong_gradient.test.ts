import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { Operation } from '../../src/graph/operation.js';
import type { OpType } from '../../src/framework/op_defs.js';
import { ALL_CASES } from './cases/all.js';
import type { Overrides } from './helpers/op_case.js';

// d x^2 = 2 x g; this rule forgets the 2.
tf.RegisterGradient('MyWrongSquare')((op: Operation, [g]) => [tf.multiply(g!, op.inputs[0]!)]);
// The x side gets g * x instead of g * y (same shapes only, so broadcasting does not hide it as a shape error).
tf.RegisterGradient('MyWrongMul')((op: Operation, [g]) => [tf.multiply(g!, op.inputs[0]!), tf.multiply(g!, op.inputs[0]!)]);
// Softmax's gradient without the sum(g * s) term.
tf.RegisterGradient('MyWrongSoftmax')((op: Operation, [g]) => [tf.multiply(g!, op.outputs[0]!)]);
// matmul's gradient for the first input with b not transposed back.
tf.RegisterGradient('MyWrongMatMul')((op: Operation, [g]) => {
  const [a, b] = op.inputs as [tf.Tensor, tf.Tensor];
  return [tf.matmul(g!, b, { transpose_b: true }).mul(1.001), tf.matmul(a, g!, { transpose_a: true })];
});

const first = (op: OpType, name?: string) => ALL_CASES.find((c) => c.op === op && (!name || c.name.includes(name)))!;
const SEED = 1234;

describe('the suite catches a wrong gradient rule', () => {
  it('Square with a rule that forgets the 2: fails, shrinks to a minimal case, and the message carries the seed', async () => {
    const square = first('Square');
    const out = await fc.check(square.property({ Square: 'MyWrongSquare' }), { seed: SEED, numRuns: square.numRuns });
    expect(out.failed).toBe(true);
    expect(out.numShrinks).toBeGreaterThan(0);
    // Minimal: one nonzero element (at most one zero beside it, where shape and values shrink apart), just
    // above the tolerance: the wrong rule is off by g * x, which only |x| > 1e-6 reveals.
    const [[x]] = out.counterexample as [[tf.NDArray, string]];
    const nonzero = Array.from(x.data).filter((v) => v !== 0);
    expect(x.size).toBeLessThanOrEqual(2);
    expect(nonzero).toHaveLength(1);
    expect(Math.abs(nonzero[0]!)).toBeLessThan(1e-5);
    const err = await fc.assert(square.property({ Square: 'MyWrongSquare' }), { seed: SEED, numRuns: square.numRuns }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(new RegExp(`seed: ${SEED}, path: "[0-9:]+"[\\s\\S]*Counterexample: `));
    expect(String((err?.cause as Error | undefined)?.message)).toMatch(/^gradient mismatch for Square: max \|theoretical - numerical\| = /);
    // The same seed with TF1's rule passes: the failure is the rule's.
    expect((await fc.check(square.property(), { seed: SEED, numRuns: square.numRuns })).failed).toBe(false);
  });

  const WRONG: [OpType, string | undefined, Overrides][] = [
    ['Mul', 'equal shapes', { Mul: 'MyWrongMul' }],
    ['Softmax', undefined, { Softmax: 'MyWrongSoftmax' }],
    ['MatMul', 'transpose_a false, transpose_b false', { MatMul: 'MyWrongMatMul' }],
    // Rules of other built-in ops, by their type names, as TF1 allows.
    ['Max', 'rank 2, axis [0,1], keep_dims false', { Max: 'Mean' }],
    ['Relu', undefined, { Relu: 'Identity' }],
    ['Sqrt', undefined, { Sqrt: 'Square' }],
    // Sub's rule gives y -g, where FloorMod's gives -g * floor(x / y).
    ['FloorMod', 'random broadcast', { FloorMod: 'Sub' }],
  ];
  for (const [op, name, overrides] of WRONG) {
    it(`${op} with the rule of ${Object.values(overrides)[0]}: the property fails`, async () => {
      const c = first(op, name);
      const out = await fc.check(c.property(overrides), { seed: SEED, numRuns: c.numRuns });
      expect(out.failed).toBe(true);
      expect(String(out.errorInstance)).toMatch(/gradient mismatch|Incompatible shapes/);
    });
  }
});
