/** Parity cases of Switch, RefSwitch and Merge: a predicate computed on the GPU picks a branch; the other is dead. */
import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { arrayOf, floatValue, op, shapeOf, type Built } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';

/** sum(x) > 0 on the GPU (the predicate the backend reads back), then a Switch of x, an op per branch and a Merge. */
const branches = (g: tf.Graph, x: tf.Tensor, data: tf.Tensor, type: 'Switch' | 'RefSwitch'): tf.Tensor[] => {
  const pred = g.as_default(() => tf.greater(tf.reduce_sum(x), 0));
  const [f, t] = op(g, type, [data, pred], {}) as [tf.Tensor, tf.Tensor];
  const onFalse = op(g, 'Neg', [f], {})[0]!;
  const onTrue = op(g, 'Square', [t], {})[0]!;
  return op(g, 'Merge', [onFalse, onTrue], {});
};

const switchCase = parity(
  shapeOf().chain((s) => arrayOf(s, 'float32', floatValue)),
  (g, x: NDArray) => feedThrough(g, [x], ([p]) => branches(g, p!, p!, 'Switch')),
);

// A variable's storage through RefSwitch, read in the taken branch.
const refSwitch = parity(
  shapeOf(3, 4).chain((s) => arrayOf(s, 'float32', floatValue)),
  (g, x: NDArray) =>
    g.as_default((): Built => {
      const v = op(g, 'VariableV2', [], { dtype: 'float32', shape: x.shape })[0]!;
      const p = tf.placeholder(tf.float32);
      const assign = op(g, 'Assign', [v, p], { validate_shape: true, use_locking: false })[0]!;
      const feeds = new Map([[p, x]]);
      return {
        runs: [
          { fetches: [assign], feeds },
          { fetches: branches(g, p, v, 'RefSwitch'), feeds },
        ],
      };
    }),
);

// Merge of two live inputs forwards the first (no Switch in the plan: nothing is dead).
const mergeLive = parity(
  shapeOf().chain((s) => fc.tuple(arrayOf(s, 'float32', floatValue), arrayOf(s, 'float32', floatValue))),
  (g, arrays: NDArray[]) => feedThrough(g, arrays, (ph) => op(g, 'Merge', [op(g, 'Neg', [ph[0]!], {})[0]!, ph[1]!], {})),
);

/** Two variables assigned `x` and `y`, then `build` of their storages (the second run). */
const refPair = (build: (g: tf.Graph, a: tf.Tensor, b: tf.Tensor) => tf.Tensor[]) =>
  parity(
    shapeOf(3, 4).chain((s) => fc.tuple(arrayOf(s, 'float32', floatValue), arrayOf(s, 'float32', floatValue))),
    (g, [x, y]: NDArray[]) =>
      g.as_default((): Built => {
        const vars = [x!, y!].map((a) => op(g, 'VariableV2', [], { dtype: 'float32', shape: a.shape })[0]!);
        const ps = [tf.placeholder(tf.float32), tf.placeholder(tf.float32)];
        const assigns = vars.map((v, i) => op(g, 'Assign', [v, ps[i]!], { validate_shape: true, use_locking: false })[0]!);
        const feeds = new Map([
          [ps[0]!, x!],
          [ps[1]!, y!],
        ]);
        return {
          runs: [
            { fetches: assigns, feeds },
            { fetches: build(g, vars[0]!, vars[1]!), feeds: new Map() },
          ],
        };
      }),
  );

/** Parity cases of the control-flow ops (the loop's own are refused by WebGPU: parity_cases.ts). */
export const CONTROL_FLOW_CASES: { Switch: ParityCase; RefSwitch: ParityCase; Merge: ParityCase; RefMerge: ParityCase; RefIdentity: ParityCase } = {
  Switch: switchCase,
  RefSwitch: refSwitch,
  Merge: mergeLive,
  // RefMerge of two variables' storages: both live, the first is forwarded
  RefMerge: refPair((g, a, b) => op(g, 'RefMerge', [a, b], {})),
  // a variable's storage through RefIdentity, read by an op
  RefIdentity: refPair((g, a, b) => [op(g, 'Mul', [op(g, 'RefIdentity', [a], {})[0]!, b], {})[0]!]),
};
