import { describe, it } from 'vitest';
import { cases } from './cases/nn_batchnorm.js';

describe('gradients of FusedBatchNorm and FusedBatchNormGrad', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run, 120_000);
});
