import { describe, it } from 'vitest';
import { cases } from './cases/logging.js';

describe('gradients of Print', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
