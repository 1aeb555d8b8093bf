/** Parity cases of IsVariableInitialized: false before the variable's Assign, true after, on both backends. */
import * as tf from '../../../src/index.js';
import { arrayOf, floatValue, op, shapeOf, type Built } from './harness.js';
import { parity, type ParityCase } from './cases_math.js';

const isVariableInitialized = parity(
  shapeOf(3, 4).chain((s) => arrayOf(s, 'float32', floatValue)),
  (g, init) =>
    g.as_default((): Built => {
      const v = op(g, 'VariableV2', [], { dtype: 'float32', shape: init.shape })[0]!;
      const p = tf.placeholder(tf.float32);
      const assign = op(g, 'Assign', [v, p], { validate_shape: true, use_locking: false })[0]!;
      const inited = op(g, 'IsVariableInitialized', [v], { dtype: 'float32' })[0]!;
      return {
        runs: [
          { fetches: [inited], feeds: new Map() },
          { fetches: [assign], feeds: new Map([[p, init]]) },
          { fetches: [inited], feeds: new Map() },
        ],
      };
    }),
);

/** Parity cases of IsVariableInitialized. */
export const VARIABLE_CHECK_CASES: { IsVariableInitialized: ParityCase } = { IsVariableInitialized: isVariableInitialized };
