import { describe, it } from 'vitest';
import { cases } from './cases/nn_pool.js';

describe('gradients of MaxPool, AvgPool, MaxPoolGrad, AvgPoolGrad and MaxPoolGradGrad', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
