import { describe, it } from 'vitest';
import { cases } from './cases/numerics.js';

describe('gradients of CheckNumerics', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
