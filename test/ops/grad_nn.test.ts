import { describe, it } from 'vitest';
import { cases } from './cases/nn.js';

describe('gradients of nn ops against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
