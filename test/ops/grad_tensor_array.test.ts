import { describe, it } from 'vitest';
import { cases } from './cases/tensor_array.js';

describe('gradients of the TensorArray ops (outside loops) against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
