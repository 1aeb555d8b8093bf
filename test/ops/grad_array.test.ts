import { describe, it } from 'vitest';
import { cases } from './cases/array.js';

describe('gradients of array ops against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
