import { describe, it } from 'vitest';
import { cases } from './cases/space_batch.js';

describe('gradients of SpaceToBatchND, BatchToSpaceND and their legacy forms against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
