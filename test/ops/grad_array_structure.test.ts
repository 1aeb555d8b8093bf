import { describe, it } from 'vitest';
import { cases } from './cases/array_structure.js';

describe('gradients of the structural array ops against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
