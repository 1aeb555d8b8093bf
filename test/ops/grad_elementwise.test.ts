import { describe, it } from 'vitest';
import { cases } from './cases/elementwise.js';

describe('gradients of elementwise ops against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
