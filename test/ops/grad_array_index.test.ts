import { describe, it } from 'vitest';
import { cases } from './cases/array_index.js';

describe('gradients of the indexing ops against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
