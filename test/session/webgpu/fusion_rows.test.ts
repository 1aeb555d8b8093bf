// Fused groups holding a reduction over the last axis on WebGPU (fusion.ts's rowReduce, programs/fused_rows.ts): one
// dispatch per group, within the parity tolerance of the CPU backend's separate kernels, on broadcast leaves, NaN,
// ±0 and infinities, empty and one-row inputs, short rows (a thread per row) and long ones (a workgroup per row).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { countingSessions, expectClose, nd, TOL } from './harness.js';

// Values with the cases where reductions differ in sign or NaN: ±0, NaN, infinities, and values on a fine grid.
const special = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
  { weight: 12, arbitrary: fc.integer({ min: -4096, max: 4096 }).map((i) => i / 1024) },
);

/** A float32 array of `shape` from `seed`: special values, or only finite ones. */
function values(shape: number[], seed: number, finite: boolean): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = finite ? special.filter(Number.isFinite) : special;
  return nd(fc.sample(fc.array(v, { minLength: n, maxLength: n }), { numRuns: 1, seed })[0]!, shape, 'float32');
}

const KINDS = { sum: tf.reduce_sum, mean: tf.reduce_mean, max: tf.reduce_max, min: tf.reduce_min, prod: tf.reduce_prod };
type Kind = keyof typeof KINDS;
const UNARY = { square: tf.square, neg: tf.negative, abs: tf.abs, relu: tf.nn.relu, exp: tf.exp };

/**
 * Rows of a product whose float32 result depends on the order of its factors: an infinity beside finite factors
 * whose product can get below float32's normals (2^-126) on the way, where it may round or (on a device that flushes
 * subnormals, as Vulkan allows) be flushed to 0; inf times that 0 is NaN, where the other order gives ±inf. From the
 * CPU's reduced elements `pre`, [rows, C].
 */
function orderDependentProducts(pre: NDArray, rows: number, C: number): Set<number> {
  const out = new Set<number>();
  for (let r = 0; r < rows; r++) {
    let smallest = 1; // the smallest partial product of the finite, nonzero factors: all those below 1
    let inf = false;
    for (let c = 0; c < C; c++) {
      const v = Math.abs(pre.data[r * C + c]!);
      if (v === Number.POSITIVE_INFINITY) inf = true;
      else if (v > 0 && v < 1) smallest *= v;
    }
    if (inf && smallest < 2 ** -126) out.add(r);
  }
  return out;
}

/** The scale S of each reduced value (harness.ts's TOL · (|cpu| + S)) from the CPU's reduced elements `pre`, [rows, C]. */
function rowScale(kind: Kind, pre: NDArray, rows: number, C: number, keepdims: boolean): NDArray {
  const s = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let a = 0;
    for (let c = 0; c < C; c++) a += Math.abs(pre.data[r * C + c]!);
    // a sum's roundings scale with its terms' magnitudes, a mean's with theirs over C; extremes are exact; a product is
    // relative, above float32's subnormals (2^-126), which the device may flush to zero as Vulkan allows
    s[r] = kind === 'sum' ? a : kind === 'mean' ? a / C : kind === 'prod' ? 2 ** -126 / TOL : 0;
  }
  return nd(Array.from(s), keepdims ? [rows, 1] : [rows], 'float32');
}

describe('fused row reductions on WebGPU', () => {
  it('reduce a broadcast elementwise tree over the last axis in one dispatch, within the parity tolerance of the CPU backend', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 2, 5),
        fc.constantFrom(0, 1, 3, 10, 200),
        fc.constantFrom<Kind>('sum', 'mean', 'max', 'min', 'prod'),
        fc.boolean(),
        fc.constantFrom('full', 'row', 'col', 'scalar'),
        fc.constantFrom<keyof typeof UNARY>('square', 'neg', 'abs', 'relu', 'exp'),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        async (rows, cols, kind, keepdims, leaf, unary, specials, seed) => {
          // a product of 200 values may overflow at a different term in another order: short rows only
          const C = kind === 'prod' ? Math.min(cols, 10) : cols;
          const finite = !specials;
          const g = new tf.Graph();
          const leafShape = leaf === 'full' ? [rows, C] : leaf === 'row' ? [C] : leaf === 'col' ? [rows, 1] : [];
          const { x, w, pre, y } = g.as_default(() => {
            const x = tf.placeholder(tf.float32, [rows, C]);
            const w = tf.placeholder(tf.float32, leafShape);
            const pre = UNARY[unary](tf.multiply(x, w));
            return { x, w, pre, y: KINDS[kind](pre, -1, keepdims) };
          });
          const feeds = new Map([
            [x, values([rows, C], seed, finite)],
            [w, values(leafShape, seed + 1, finite)],
          ]);
          const { cpu, gpu, counts } = await countingSessions(g);
          try {
            const [want, p] = await cpu.run([y, pre], feeds);
            const got = await gpu.run(y, feeds);
            if (kind === 'prod') {
              // where the order decides between ±inf and NaN, either is the product (the CPU's stands in for it)
              for (const r of orderDependentProducts(p!, rows, C)) {
                if (Number.isNaN(got.data[r]) || Number.isNaN(want!.data[r])) got.data[r] = want!.data[r]!;
              }
            }
            expectClose(got, want!, rowScale(kind, p!, rows, C, keepdims), `${kind} over [${rows}, ${C}]`);
            expect(counts.dispatches).toBe(rows === 0 ? 0 : 1);
          } finally {
            cpu.close();
            gpu.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("computes Softmax's gradient, (g - sum(g·y, -1, keepdims))·y, as one dispatch, g broadcast or not", async () => {
    for (const [rows, C, gShape, specials] of [
      [3, 10, [3, 10], false],
      [1, 10, [10], true],
      [4, 300, [4, 300], true],
      [2, 1, [2, 1], false],
      [0, 5, [0, 5], false],
      [2, 0, [2, 0], false],
    ] as const) {
      const g = new tf.Graph();
      const { gIn, yIn, out, gy } = g.as_default(() => {
        const gIn = tf.placeholder(tf.float32, [...gShape]);
        const yIn = tf.placeholder(tf.float32, [rows, C]);
        const gy = tf.multiply(gIn, yIn);
        return { gIn, yIn, gy, out: tf.multiply(tf.subtract(gIn, tf.reduce_sum(gy, -1, true)), yIn) };
      });
      const feeds = new Map([
        [gIn, values([...gShape], rows * 7 + C, !specials)],
        [yIn, values([rows, C], rows * 11 + C, !specials)],
      ]);
      const { cpu, gpu, counts } = await countingSessions(g);
      try {
        const [want, p, yv] = await cpu.run([out, gy, yIn], feeds);
        // the row sum's roundings, carried by the factor y: S = Σ|g·y| · |y|, plus 1 for the subtraction and product
        const rs = rowScale('sum', p!, rows, C, false);
        const scale = nd(
          Array.from({ length: rows * C }, (_, i) => rs.data[Math.floor(i / C)]! * Math.abs(yv!.data[i]!) + 1),
          [rows, C],
          'float32',
        );
        expectClose(await gpu.run(out, feeds), want!, scale, `softmax gradient over [${rows}, ${C}]`);
        expect(counts.dispatches, `[${rows}, ${C}]`).toBe(rows * C === 0 ? 0 : 1);
      } finally {
        cpu.close();
        gpu.close();
      }
    }
  });

  it('subtracts a row max or mean kept as a dim, in one dispatch', async () => {
    for (const [kind, rows, C] of [
      ['max', 4, 7],
      ['mean', 3, 260],
      ['min', 1, 1],
    ] as const) {
      const g = new tf.Graph();
      const { x, out } = g.as_default(() => {
        const x = tf.placeholder(tf.float32, [rows, C]);
        return { x, out: tf.exp(tf.subtract(x, KINDS[kind](x, -1, true))) };
      });
      const feeds = new Map([[x, values([rows, C], rows + C, true)]]);
      const { cpu, gpu, counts } = await countingSessions(g);
      try {
        const want = await cpu.run(out, feeds);
        // exp of a value whose rounding scales with the row's mean's terms: at most 4 here, so S = |want| · 4
        const scale = nd(
          Array.from(want.data, (v) => (kind === 'mean' ? Math.abs(v) * 4 : 1)),
          [rows, C],
          'float32',
        );
        expectClose(await gpu.run(out, feeds), want, scale, `${kind} over [${rows}, ${C}]`);
        expect(counts.dispatches).toBe(1);
      } finally {
        cpu.close();
        gpu.close();
      }
    }
  });

  it('computes softmax and log_softmax of a bias add, read by a product, in one dispatch, within the parity tolerance', async () => {
    for (const [name, f] of [
      ['softmax', tf.nn.softmax],
      ['log_softmax', tf.nn.log_softmax],
    ] as const) {
      for (const [shape, specials] of [
        [[3, 10], false],
        [[1, 7], true],
        [[2, 300], false],
        [[2, 3, 5], true],
        [[4, 1], false],
        [[9], false],
        [[0, 4], false],
      ] as const) {
        const C = shape[shape.length - 1]!;
        const g = new tf.Graph();
        const { x, b, w, out } = g.as_default(() => {
          const x = tf.placeholder(tf.float32, [...shape]);
          const b = tf.placeholder(tf.float32, [C]);
          const w = tf.placeholder(tf.float32, [...shape]);
          return { x, b, w, out: tf.multiply(f(tf.add(x, b)), w) };
        });
        // the separate Softmax kernel's max is WGSL's, which leaves NaN to the device: ±0 as the special values here
        const zeros = (a: NDArray): NDArray =>
          specials
            ? nd(
                Array.from(a.data, (v, i) => (i % 3 === 0 ? -0 : v)),
                a.shape,
                'float32',
              )
            : a;
        const feeds = new Map([
          [x, zeros(values([...shape], C, true))],
          [b, values([C], C + 1, true)],
          [w, values([...shape], C + 2, true)],
        ]);
        const { cpu, gpu, counts } = await countingSessions(g);
        try {
          const want = await cpu.run(out, feeds);
          // exp's and the row sum's roundings, relative to each value; a log-softmax's as its terms (up to 8 + log C) times w
          const scale = nd(
            Array.from(want.data, (_, i) => (name === 'softmax' ? 1 : 16 * Math.abs(feeds.get(w)!.data[i]!))),
            want.shape,
            'float32',
          );
          expectClose(await gpu.run(out, feeds), want, scale, `${name} over [${shape}]`);
          expect(counts.dispatches, `${name} over [${shape}]`).toBe(want.size === 0 ? 0 : 1);
        } finally {
          cpu.close();
          gpu.close();
        }
      }
    }
  });

  it('computes a reduction over no axes as a copy inside a fused tree and a row group, NaN and -0 kept', async () => {
    for (const [rows, C] of [
      [4, 5],
      [1, 300],
      [3, 1],
    ] as const) {
      const g = new tf.Graph();
      const { x, b, outs } = g.as_default(() => {
        const x = tf.placeholder(tf.float32, [rows, C]);
        const b = tf.placeholder(tf.float32, [C]);
        const xb = tf.multiply(x, b);
        return { x, b, outs: [tf.reduce_max(tf.reduce_sum(xb, []), -1), tf.negative(tf.reduce_mean(tf.multiply(b, b), []))] };
      });
      const feeds = new Map([
        [x, values([rows, C], rows * C, false)],
        [b, values([C], C, false)],
      ]);
      const { cpu, gpu, counts } = await countingSessions(g);
      try {
        const want = await cpu.run(outs, feeds);
        const got = await gpu.run(outs, feeds);
        // a max is exact, and so is a product of two values and its negation; -0 is told from 0 by its reciprocal
        want.forEach((w, k) => {
          expectClose(got[k]!, w, null, `output ${k} over [${rows}, ${C}]`);
          expect(Array.from(got[k]!.data, (v) => (v === 0 ? 1 / v : v))).toEqual(Array.from(w.data, (v) => (v === 0 ? 1 / v : v)));
        });
        // the row group (Mul, the copy, Max) and the tree (Mul, the copy, Neg)
        expect(counts.dispatches).toBe(2);
      } finally {
        cpu.close();
        gpu.close();
      }
    }
  });

  it('keeps a reduction over another axis a separate dispatch, with the same values, NaN kept by max and min', async () => {
    const g = new tf.Graph();
    const { x, outs } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [300, 3]);
      const sq = tf.square(x);
      return { x, outs: [tf.reduce_sum(sq, 0), tf.reduce_max(sq, 0), tf.reduce_min(sq, 0)] };
    });
    const v = values([300, 3], 3, true);
    v.data[4] = Number.NaN; // column 1's max and min are NaN, as NumPy's
    const feeds = new Map([[x, v]]);
    const { cpu, gpu, counts } = await countingSessions(g);
    try {
      const want = await cpu.run(outs, feeds);
      expect(Number.isNaN(want[1]!.data[1]!) && Number.isNaN(want[2]!.data[1]!)).toBe(true);
      const got = await gpu.run(outs, feeds);
      expectClose(got[0]!, want[0]!, want[0]!, 'sum over axis 0');
      expectClose(got[1]!, want[1]!, null, 'max over axis 0');
      expectClose(got[2]!, want[2]!, null, 'min over axis 0');
      // Square, then each reduction of its stored value
      expect(counts.dispatches).toBe(4);
    } finally {
      cpu.close();
      gpu.close();
    }
  });

  it('runs a group of small host values (constants kept from folding by a control input) on the host, op by op', async () => {
    const g = new tf.Graph();
    const y = g.as_default(() => {
      const a = tf.constant(
        [
          [1, 2, -3],
          [0.5, -1, 2],
        ],
        tf.float32,
      );
      const b = tf.constant([0.5, -1, 2], tf.float32);
      // ops with a control input are not folded at plan time
      return tf.control_dependencies([tf.no_op()], () => {
        const ab = tf.multiply(a, b);
        return tf.multiply(tf.subtract(a, tf.reduce_sum(ab, -1, true)), b);
      });
    });
    const { cpu, gpu, counts } = await countingSessions(g);
    try {
      const want = await cpu.run(y);
      // rows: sum(a·b) = 0.5 - 2 - 6 = -7.5 and 0.25 + 1 + 4 = 5.25
      expect(Array.from(want.data)).toEqual([4.25, -9.5, 9, -2.375, 6.25, -6.5]);
      expect(Array.from((await gpu.run(y)).data)).toEqual(Array.from(want.data));
      expect(counts.dispatches).toBe(0);
    } finally {
      cpu.close();
      gpu.close();
    }
  });
});
