import { describe, it } from 'vitest';
import { cases } from './cases/linalg.js';

describe('gradient of Svd against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
