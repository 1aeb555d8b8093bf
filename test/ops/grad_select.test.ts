import { describe, it } from 'vitest';
import { cases } from './cases/select.js';

describe('gradients of tf.where (Select) against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
