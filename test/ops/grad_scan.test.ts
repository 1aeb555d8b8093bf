import { describe, it } from 'vitest';
import { cases } from './cases/scan.js';

describe('gradients of Cumsum and Cumprod', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
