import { describe, it } from 'vitest';
import { cases } from './cases/control_flow.js';

describe('gradients of tf.cond (Switch, RefSwitch, Merge) against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
