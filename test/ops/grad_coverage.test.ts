import { describe, expect, it } from 'vitest';
import { GRADIENTS } from '../../src/ops/grads/index.js';
import type { OpType } from '../../src/ops/types.js';
import { ALL_CASES } from './cases/all.js';

describe('the gradient property suite', () => {
  it('has a property for every op type whose GRADIENTS entry is a rule', () => {
    const differentiable = (Object.keys(GRADIENTS) as OpType[]).filter((op) => typeof GRADIENTS[op] === 'function');
    const covered = new Set(ALL_CASES.map((c) => c.op));
    expect(differentiable.filter((op) => !covered.has(op))).toEqual([]);
  });

  it('has properties only for op types that have a rule (no stale names)', () => {
    const stale = ALL_CASES.filter((c) => typeof GRADIENTS[c.op] !== 'function').map((c) => c.op);
    expect(stale).toEqual([]);
  });
});
