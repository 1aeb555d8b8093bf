import { describe, it } from 'vitest';
import { cases } from './cases/array_diag.js';

describe('gradients of the diagonal ops against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
