import { describe, it } from 'vitest';
import { cases } from './cases/losses.js';

describe('gradients of the loss ops against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
