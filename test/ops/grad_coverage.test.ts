import { describe, expect, it } from 'vitest';
import { OP_DEFS } from '../../src/framework/op_defs.js';
import type { OpType } from '../../src/framework/op_defs.js';
import { ALL_CASES } from './cases/all.js';

describe('the gradient property suite', () => {
  it('has a property for every op type whose definition has a gradient rule', () => {
    const differentiable = (Object.keys(OP_DEFS) as OpType[]).filter((op) => typeof OP_DEFS[op].grad === 'function');
    const covered = new Set(ALL_CASES.map((c) => c.op));
    expect(differentiable.filter((op) => !covered.has(op))).toEqual([]);
  });

  it('has properties only for op types that have a rule (no stale names)', () => {
    const stale = ALL_CASES.filter((c) => typeof OP_DEFS[c.op].grad !== 'function').map((c) => c.op);
    expect(stale).toEqual([]);
  });
});
