import { describe, it } from 'vitest';
import { cases } from './cases/transpose.js';

describe('gradients of transpose against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
