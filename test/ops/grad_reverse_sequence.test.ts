import { describe, it } from 'vitest';
import { cases } from './cases/reverse_sequence.js';

describe('gradient of ReverseSequence against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});
