import { describe, it } from 'vitest';
import { cases } from './cases/nn_conv.js';

describe('gradients of Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
