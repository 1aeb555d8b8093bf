import { describe, it } from 'vitest';
import { cases } from './cases/reduce.js';

describe('gradients of reductions against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
