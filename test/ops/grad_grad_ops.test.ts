import { describe, it } from 'vitest';
import { cases } from './cases/grad_ops.js';

describe('gradients of grad_ops ops against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
