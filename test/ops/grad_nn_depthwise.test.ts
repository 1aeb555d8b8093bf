import { describe, it } from 'vitest';
import { cases } from './cases/nn_depthwise.js';

describe('gradients of DepthwiseConv2dNative', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
