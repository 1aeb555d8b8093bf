// TF1 r1.12's tensorflow/python/kernel_tests/scatter_ops_test.py, ported: ScatterTest's variable-rank cases of every
// scatter op (with repeated indices and scalar updates), testBooleanScatterUpdate and testScatterOutOfRangeCpu, with
// TF1's NumPy reference loops. NumPy's seeded draws become a seeded stream (np.ts's Rng); the cases are TF1's shapes,
// dtypes and index dtypes. Beyond TF1's file: the variable is unchanged after an out-of-range error (tf1-ts checks
// every index before writing), the shape errors, and tf.gradients through the ops (r1.12's state_grad.py).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { Rng } from './np.js';
import { assertAllClose, assertAllEqual, inSession, np, rejected, thrown } from './helpers.js';

type Scatter = typeof tf.scatter_update;
type Mode = 'update' | 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max';

const OPS: [Mode, Scatter][] = [
  ['update', tf.scatter_update],
  ['add', tf.scatter_add],
  ['sub', tf.scatter_sub],
  ['mul', tf.scatter_mul],
  ['div', tf.scatter_div],
  ['min', tf.scatter_min],
  ['max', tf.scatter_max],
];

/** TF1's _Numpy* loops: `ref[indx] op= updates[i]` (or the one scalar update) for each index in order, in the ref's dtype. */
function numpyScatter(mode: Mode, ref: tf.NDArray, indices: tf.NDArray, updates: tf.NDArray): void {
  const inner = ref.shape.slice(1).reduce((a, b) => a * b, 1);
  const scalar = updates.shape.length === 0;
  const f: Record<Mode, (a: number, u: number) => number> = {
    update: (_, u) => u,
    add: (a, u) => a + u,
    sub: (a, u) => a - u,
    mul: (a, u) => a * u,
    div: (a, u) => a / u,
    min: (a, u) => Math.min(a, u),
    max: (a, u) => Math.max(a, u),
  };
  for (let i = 0; i < indices.size; i++) {
    const row = indices.data[i]!;
    for (let j = 0; j < inner; j++) ref.data[row * inner + j] = f[mode](ref.data[row * inner + j]!, updates.data[scalar ? 0 : i * inner + j]!);
  }
}

/** `_AsType(np.random.randn(*shape), vtype)`: int32 truncates toward zero, as NumPy's astype. */
function randnAs(r: Rng, shape: readonly number[], dtype: tf.DType): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = dtype === 'int32' ? Math.trunc(r.normal()) : r.normal();
  return a;
}

/** TF1's clip_small_values: |x| < 1e-4 becomes ±1e-4; an int32 0 becomes ±1 (a random sign), avoiding division by zero. */
function clipSmall(r: Rng, a: tf.NDArray): void {
  const int = a.dtype === 'int32';
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i]!;
    const threshold = int ? 1 : 1e-4;
    const sign = int ? (r.uniform() < 0.5 ? -1 : 1) : Math.sign(x) || 0;
    if (Math.abs(x) < threshold) a.data[i] = threshold * sign;
  }
}

function shuffle(r: Rng, a: number[]): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.randint(0, i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}

/** TF1's _VariableRankTest: every indices shape and trailing shape, checked against the NumPy loop. */
async function variableRankTest(mode: Mode, scatter: Scatter, vtype: tf.DType, itype: tf.DType, repeat: boolean, scalar: boolean): Promise<void> {
  const r = new Rng(8);
  await inSession(async (g, sess) => {
    for (const indicesShape of [[], [2], [3, 7], [3, 4, 7]]) {
      for (const extraShape of [[], [5], [5, 9]]) {
        const size = indicesShape.reduce((a, b) => a * b, 1);
        const firstDim = 3 * size;
        let indices = Array.from({ length: firstDim }, (_, i) => i);
        shuffle(r, indices);
        indices = indices.slice(0, size);
        if (size > 1 && repeat) {
          indices = indices.slice(0, Math.floor(size / 2));
          for (let k = 0; k < size - Math.floor(size / 2); k++) indices.push(indices[r.randint(0, Math.floor(size / 2))]!);
          shuffle(r, indices);
        }
        const idx = tf.NDArray.zeros(indicesShape, itype);
        idx.data.set(indices);
        const updates = randnAs(r, scalar ? [] : [...indicesShape, ...extraShape], vtype);
        clipSmall(r, updates);
        const old = randnAs(r, [firstDim, ...extraShape], vtype);
        const expected = old.copy();
        numpyScatter(mode, expected, idx, updates);
        const [ref, op] = g.as_default(() => {
          const ref = tf.Variable(old);
          return [ref, scatter(ref, idx, updates)] as const;
        });
        await sess.run(ref.initializer);
        await sess.run(op);
        const got = await sess.run(ref.value());
        expect(got.dtype).toBe(vtype);
        assertAllClose(got, expected, { msg: `${mode} ${vtype} ${itype} indices ${indicesShape} extra ${extraShape}` });
      }
    }
  });
}

/** TF1's _VariableRankTests: float32, float64, and int32 but for scatter_div; int32 and int64 indices. */
async function variableRankTests(mode: Mode, repeat: boolean, scalar: boolean): Promise<void> {
  const scatter = OPS.find(([m]) => m === mode)![1];
  const vtypes: tf.DType[] = mode === 'div' ? ['float32', 'float64'] : ['float32', 'float64', 'int32'];
  for (const vtype of vtypes) for (const itype of ['int32', 'int64'] as const) await variableRankTest(mode, scatter, vtype, itype, repeat, scalar);
}

const name = (m: Mode): string => m[0]!.toUpperCase() + m.slice(1);

describe('ScatterTest', () => {
  for (const [mode] of OPS) {
    it(`testVariableRank${name(mode)}`, () => variableRankTests(mode, false, false));
    it(`testVariableRank${name(mode)}Scalar`, () => variableRankTests(mode, false, true));
    if (mode === 'update') continue;
    it(`testRepeatIndices${name(mode)}`, () => variableRankTests(mode, true, false));
    it(`testRepeatIndices${name(mode)}Scalar`, () => variableRankTests(mode, true, true));
  }

  it('testBooleanScatterUpdate', async () => {
    await inSession(async (g, sess) => {
      const [v, update0, update1] = g.as_default(() => {
        const v = tf.Variable([true, false]);
        return [v, tf.scatter_update(v, 1, true), tf.scatter_update(v, tf.constant(0, tf.int64), false)] as const;
      });
      await sess.run(v.initializer);
      await sess.run([update0, update1]);
      assertAllEqual(await sess.run(v.value()), [false, true]);
    });
  });

  it('testScatterOutOfRangeCpu', async () => {
    for (const [, op] of OPS) {
      await inSession(async (g, sess) => {
        const params = np([1, 2, 3, 4, 5, 6], 'float32');
        const updates = np([-3, -4, -5], 'float32');
        const ref = g.as_default(() => tf.Variable(params));
        await sess.run(ref.initializer);
        // Indices all in range, no problem.
        await sess.run(g.as_default(() => op(ref, np([2, 0, 5], 'int64'), updates)));
        const before = await sess.run(ref.value());
        // Some out of range errors; tf1-ts checks every index first, so the variable is as it was.
        for (const [indices, message] of [
          [[-1, 0, 5], 'indices[0] = -1 is not in [0, 6)'],
          [[2, 0, 6], 'indices[2] = 6 is not in [0, 6)'],
        ] as const) {
          const e = await rejected(sess.run(g.as_default(() => op(ref, np([...indices], 'int64'), updates))));
          expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
          expect(e.message).toContain(message);
          assertAllEqual(await sess.run(ref.value()), before);
        }
      });
    }
  });
});

describe('the scatter ops beyond scatter_ops_test.py', () => {
  it('names its node after the op, outputs the ref, and checks shapes when building (state_ops.cc ScatterUpdateShape)', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const v = tf.Variable(tf.zeros([6, 2]));
      const s = tf.scatter_add(
        v,
        [0, 1],
        [
          [1, 2],
          [3, 4],
        ],
      );
      expect(String(s)).toBe('Tensor("ScatterAdd:0", shape=(6, 2), dtype=float32_ref)');
      expect(s.op.get_attr('use_locking')).toBe(false);
      expect(tf.scatter_update(v, [0], [[1, 2]]).op.get_attr('use_locking')).toBe(true);
      const e = thrown(() => tf.scatter_update(v, [0, 1], [[1, 2]]));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toContain('Dimension 0 in both shapes must be equal, but are 1 and 2. Shapes are [1,2] and [2,2].');
      expect(e.message).toContain("for 'ScatterUpdate_1' (op: 'ScatterUpdate') with input shapes: [6,2], [2], [1,2].");
      const t = thrown(() => tf.scatter_update(tf.zeros([2]), [0], [1]));
      expect(t).toBeInstanceOf(tf.errors.TypeError);
      expect(t.message).toBe("'ScatterUpdate' Op requires that input 'ref' be a mutable tensor (e.g.: a tf.Variable)");
    });
  });

  it('checks fed shapes when running (scatter_op.cc DoValidationChecking) and leaves the variable unchanged', async () => {
    await inSession(async (g, sess) => {
      const [v, u, s] = g.as_default(() => {
        // the variable's shape unknown to the graph, so only the kernel sees the mismatch
        const v = tf.Variable(tf.zeros([3, 2]), { validate_shape: false });
        const u = tf.placeholder(tf.float32);
        return [v, u, tf.scatter_add(v, [0, 1], u)] as const;
      });
      await sess.run(v.initializer);
      const e = await rejected(sess.run(s, new Map([[u, np([1, 2, 3], 'float32')]])));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toContain(
        'Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got updates.shape [3], indices.shape [2], params.shape [3,2]',
      );
      assertAllEqual(await sess.run(v.value()), [
        [0, 0],
        [0, 0],
        [0, 0],
      ]);
    });
  });

  it("writes TF1's NodeDef (T, Tindices, use_locking; inputs converted as s/indices, s/updates) and runs it imported", async () => {
    const g = new tf.Graph();
    g.as_default(() => tf.scatter_add(tf.Variable([1, 2, 3], { name: 'v' }), [0, 0], [5, 6], { name: 's' }));
    const gd = g.as_graph_def();
    const text = String(gd);
    const node = text.slice(text.indexOf('name: "s"'));
    expect(node).toMatch(/^name: "s"\n\s+op: "ScatterAdd"\n\s+input: "v"\n\s+input: "s\/indices"\n\s+input: "s\/updates"\n/);
    expect(node).toMatch(/key: "Tindices"\n\s+value \{\n\s+type: DT_INT32/);
    expect(node).toMatch(/key: "use_locking"\n\s+value \{\n\s+b: false/);
    const g2 = new tf.Graph();
    g2.as_default(() => tf.import_graph_def(gd, { name: '' }));
    const sess = new tf.Session({ graph: g2, backend: 'cpu' });
    try {
      await sess.run(g2.get_operation_by_name('v/Assign'));
      // repeated index 0: 1 + 5 + 6
      assertAllEqual(await sess.run(g2.get_tensor_by_name('s:0')), [12, 2, 3]);
    } finally {
      sess.close();
    }
  });

  it("updates that are the variable's own value are read as they were before the op (a permutation)", async () => {
    await inSession(async (g, sess) => {
      const [v, s] = g.as_default(() => {
        const v = tf.Variable([1, 2, 3]);
        return [v, tf.scatter_update(v, [2, 0, 1], v.value())] as const;
      });
      await sess.run(v.initializer);
      await sess.run(s);
      assertAllEqual(await sess.run(v.value()), [2, 3, 1]);
    });
  });

  it('tf.gradients: None through ScatterAdd (NotDifferentiable), a LookupError through ScatterUpdate (no gradient in r1.12)', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const v = tf.Variable(tf.zeros([3]));
      const u = tf.constant([1, 2], tf.float32);
      expect(tf.gradients(tf.scatter_add(v, [0, 1], u), u)).toEqual([null]);
      const e = thrown(() => tf.gradients(tf.scatter_update(v, [0, 1], u), u));
      expect(e.name).toBe('LookupError');
      expect(e.message).toBe("No gradient defined for operation 'ScatterUpdate' (op type: ScatterUpdate)");
    });
  });
});
