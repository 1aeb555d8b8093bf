// Each optimizer's _apply_sparse as TF1 r1.12's python/training/*.py builds it: the op (or, for Adam, the
// assign/scatter_add/assign_sub graph) under `<Optimizer>/update_<var>/`, and an IndexedSlices gradient that names
// every row once (in another order) moves the variable and its slots as the dense gradient does; one that names
// some rows leaves the others as they were.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from '../tf1/helpers.js';

interface Case {
  make: () => tf.train.Optimizer;
  op: string;
  slots: string[];
}

const CASES: Record<string, Case> = {
  Momentum: { make: () => new tf.train.MomentumOptimizer(0.5, 0.9), op: 'SparseApplyMomentum', slots: ['momentum'] },
  Nesterov: { make: () => new tf.train.MomentumOptimizer(0.5, 0.9, { use_nesterov: true }), op: 'SparseApplyMomentum', slots: ['momentum'] },
  Adagrad: { make: () => new tf.train.AdagradOptimizer(0.5), op: 'SparseApplyAdagrad', slots: ['accumulator'] },
  ProximalAdagrad: {
    make: () => new tf.train.ProximalAdagradOptimizer(0.5, { l1_regularization_strength: 0.01, l2_regularization_strength: 0.1 }),
    op: 'SparseApplyProximalAdagrad',
    slots: ['accumulator'],
  },
  ProximalGradientDescent: {
    make: () => new tf.train.ProximalGradientDescentOptimizer(0.5, { l1_regularization_strength: 0.01, l2_regularization_strength: 0.1 }),
    op: 'SparseApplyProximalGradientDescent',
    slots: [],
  },
  RMSProp: { make: () => new tf.train.RMSPropOptimizer(0.5, { momentum: 0.5 }), op: 'SparseApplyRMSProp', slots: ['rms', 'momentum'] },
  CenteredRMSProp: {
    make: () => new tf.train.RMSPropOptimizer(0.5, { momentum: 0.5, centered: true }),
    op: 'SparseApplyCenteredRMSProp',
    slots: ['rms', 'mg', 'momentum'],
  },
  Ftrl: { make: () => new tf.train.FtrlOptimizer(0.5, { l1_regularization_strength: 0.01 }), op: 'SparseApplyFtrl', slots: ['accum', 'linear'] },
  FtrlV2: {
    make: () => new tf.train.FtrlOptimizer(0.5, { l1_regularization_strength: 0.01, l2_shrinkage_regularization_strength: 0.1 }),
    op: 'SparseApplyFtrlV2',
    slots: ['accum', 'linear'],
  },
  Adadelta: { make: () => new tf.train.AdadeltaOptimizer(0.5), op: 'SparseApplyAdadelta', slots: ['accum', 'accum_update'] },
  Adam: { make: () => new tf.train.AdamOptimizer(0.1), op: 'group_deps', slots: ['m', 'v'] },
};

const W0 = [
  [1, -2],
  [0.5, 3],
  [-1, 0.25],
];
const G = [
  [0.1, -0.2],
  [0.3, 0.05],
  [-0.4, 0.2],
];

/** Three steps of `c` on W from W0 with gradient G, dense or as IndexedSlices of `rows`; W and its slots after them. */
async function steps(c: Case, rows: number[] | null): Promise<{ graph: tf.Graph; values: tf.NDArray[] }> {
  const graph = new tf.Graph();
  const { W, opt, update, init } = graph.as_default(() => {
    const W = tf.Variable(tf.constant(W0, tf.float32), { name: 'W' });
    const grad = rows
      ? new tf.IndexedSlices(
          tf.constant(
            rows.map((r) => G[r]!),
            tf.float32,
          ),
          tf.constant(rows),
          tf.constant([3, 2]),
        )
      : tf.constant(G, tf.float32);
    const opt = c.make();
    return { W, opt, update: opt.apply_gradients([[grad, W]]), init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph, backend: 'cpu' });
  await sess.run(init);
  for (let i = 0; i < 3; i++) await sess.run(update);
  const values = await sess.run([W.value(), ...c.slots.map((s) => opt.get_slot(W, s)!.value())]);
  sess.close();
  return { graph, values: values as tf.NDArray[] };
}

describe("The optimizers' sparse updates (_apply_sparse)", () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.op} under update_W/; every row once equals the dense update, some rows leave the rest`, async () => {
      const dense = await steps(c, null);
      const sparse = await steps(c, [2, 0, 1]);
      const scope = sparse.graph.get_operations().find((o) => o.type === (c.op === 'group_deps' ? 'NoOp' : c.op) && o.name.includes('update_W'));
      expect(scope?.name).toMatch(new RegExp(`^[A-Za-z]+/update_W/${c.op}$`));
      dense.values.forEach((d, i) => assertAllClose(sparse.values[i]!, d, { rtol: 1e-5, atol: 1e-6, msg: `${name} ${i}` }));
      const some = await steps(c, [1]);
      expect(Array.from(some.values[0]!.data.subarray(0, 2))).toEqual(W0[0]);
      expect(Array.from(some.values[0]!.data.subarray(4, 6))).toEqual(W0[2]);
      expect(Array.from(some.values[0]!.data.subarray(2, 4))).not.toEqual(W0[1]);
    });
  }
});
