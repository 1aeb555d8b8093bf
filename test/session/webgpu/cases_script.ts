/** Parity cases of PyFunc and PyFuncStateless: both backends call the same function on the host. */
import fc from 'fast-check';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { insertPyFunc } from '../../../src/framework/py_funcs.js';
import type { ScriptAttrs } from '../../../src/framework/ops/script.js';
import { arrayOf, floatValue, op } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';

// x·x + y, elementwise, in float32
const fn = (x: NDArray, y: NDArray): NDArray => {
  const out = x.copy();
  for (let i = 0; i < out.size; i++) out.data[i] = Math.fround(x.data[i]! * x.data[i]! + y.data[i]!);
  return out;
};
const pairs = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(arrayOf([n], 'float32', floatValue), arrayOf([n], 'float32', floatValue)));

const make = (type: 'PyFunc' | 'PyFuncStateless'): ParityCase =>
  parity(pairs, (g, [x, y]: [NDArray, NDArray]) => feedThrough(g, [x, y], (ph) => op(g, type, ph, { token: insertPyFunc(fn as never, g), Tout: ['float32'] })));

/** Parity cases of PyFunc and PyFuncStateless. */
export const SCRIPT_CASES = { PyFunc: make('PyFunc'), PyFuncStateless: make('PyFuncStateless') } satisfies Record<keyof ScriptAttrs, ParityCase>;
