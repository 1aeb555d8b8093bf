import { describe, it } from 'vitest';
import { cases } from './cases/nn_extra.js';

describe('gradients of BiasAdd, BiasAddGrad and TopKV2', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
