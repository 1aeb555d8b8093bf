// tf.svd and tf.norm as TF1 r1.12 builds them, beyond the ported kernel tests: Svd's static shapes (SvdShapeFn),
// its errors at build, run and gradient time, empty matrices, and tf.norm's node names, keep_dims and gradients.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

type T = tf.Tensor;

function inGraph<R>(fn: () => R): R {
  return new tf.Graph().as_default(fn);
}

async function run(build: () => { fetches: T[]; feeds?: Map<T, tf.NDArray> }): Promise<tf.NDArray[]> {
  const g = new tf.Graph();
  const { fetches, feeds } = g.as_default(build);
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    return (await sess.run(fetches, feeds)) as tf.NDArray[];
  } finally {
    sess.close();
  }
}

const shapes = (ts: T | T[]): ((number | null)[] | null)[] => (Array.isArray(ts) ? ts : [ts]).map((t) => (t.shape.dims === null ? null : t.shape.as_list()));

describe('tf.svd', () => {
  it('infers TF1’s shapes: [..., P], [..., M, P] or [..., M, M], [..., N, P] or [..., N, N]; [0] without compute_uv', () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [null, 3, 5]);
      expect(shapes(tf.svd(x) as T[])).toEqual([
        [null, 3],
        [null, 3, 3],
        [null, 5, 3],
      ]);
      expect(shapes(tf.svd(x, { full_matrices: true }) as T[])).toEqual([
        [null, 3],
        [null, 3, 3],
        [null, 5, 5],
      ]);
      const s = tf.svd(x, { compute_uv: false }) as T;
      expect(shapes(s)).toEqual([[null, 3]]);
      expect(shapes(s.op.outputs.slice(1))).toEqual([[0], [0]]);
      expect(shapes(tf.svd(tf.placeholder(tf.float64, [4, null])) as T[])).toEqual([[null], [4, null], [null, null]]);
      expect(shapes(tf.svd(tf.placeholder(tf.float64, [0, null])) as T[])).toEqual([[0], [0, 0], [null, 0]]);
      expect(shapes(tf.svd(tf.placeholder(tf.float64)) as T[])).toEqual([null, null, null]);
    });
  });

  it('names its op Svd (or name) and passes s through the scope Real, as math_ops.real does', () => {
    inGraph(() => {
      const x = tf.zeros([2, 2]);
      const [s] = tf.svd(x) as T[];
      expect(s!.name).toBe('Svd:0');
      expect((tf.svd(x, { name: 'mine' }) as T[])[0]!.name).toBe('mine:0');
      expect(String(tf.svd(x, false, false))).toBe('Tensor("Svd_1:0", shape=(2,), dtype=float32)');
      expect(s!.op.get_attr('compute_uv')).toBe(true);
      expect(s!.op.get_attr('full_matrices')).toBe(false);
      expect(tf.get_default_graph().unique_name('Real', false)).toBe('Real_3');
    });
  });

  it('refuses integer matrices with TF1’s TypeError', () => {
    inGraph(() => {
      expect(() => tf.svd(tf.zeros([2, 2], tf.int32))).toThrow(tf.errors.TypeError);
    });
  });

  it('a fed matrix of rank below 2 is an InvalidArgumentError before the kernel runs', async () => {
    const err = await run(() => {
      const x = tf.placeholder(tf.float32);
      return { fetches: [tf.svd(x, { compute_uv: false }) as T], feeds: new Map([[x, new tf.NDArray(Float32Array.from([1, 2]), [2], 'float32')]]) };
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect((err as Error).message).toMatch(/^Shape must be at least rank 2 but is rank 1/);
  });

  it('empty matrices: no singular values; full u or v of the nonzero side is the identity', async () => {
    const [s, u, v, s2, u2, v2] = await run(() => {
      const [s, u, v] = tf.svd(tf.zeros([2, 0, 3], tf.float64), { full_matrices: true }) as T[];
      const [s2, u2, v2] = tf.svd(tf.zeros([3, 0], tf.float64)) as T[];
      return { fetches: [s!, u!, v!, s2!, u2!, v2!] };
    });
    expect([s!.shape, u!.shape, v!.shape, s2!.shape, u2!.shape, v2!.shape]).toEqual([[2, 0], [2, 0, 0], [2, 3, 3], [0], [3, 0], [0, 0]]);
    expect(Array.from(v!.data)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('a rank-deficient matrix: zero singular values, u and v still orthonormal', async () => {
    const [s, u] = await run(() => {
      const x = tf.constant(
        [
          [1, 2, 3],
          [2, 4, 6],
          [1, 2, 3],
        ],
        tf.float64,
      );
      return { fetches: tf.svd(x) as T[] };
    });
    expect(s!.data[0]).toBeCloseTo(Math.sqrt(6 * 14), 12);
    expect(Math.abs(s!.data[1]!)).toBeLessThan(1e-14);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let d = 0;
        for (let k = 0; k < 3; k++) d += u!.data[k * 3 + i]! * u!.data[k * 3 + j]!;
        expect(d).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });

  it('gradient: its ops under gradients/Svd_grad/, and TF1’s NotImplementedErrors (unknown inner shape, |m - n| > 1 with full_matrices)', () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float64, [3, 3]);
      const [s] = tf.svd(x) as T[];
      const [dx] = tf.gradients(tf.reduce_sum(s!), x) as T[];
      expect(dx!.name.startsWith('gradients/Svd_grad/')).toBe(true);
      expect(dx!.shape.as_list()).toEqual([3, 3]);
      const [s2] = tf.svd(tf.placeholder(tf.float64, [null, null])) as T[];
      expect(() => tf.gradients(tf.reduce_sum(s2!), s2!.op.inputs[0]!)).toThrow(
        'NotImplementedError: SVD gradient has not been implemented for input with unknown inner matrix shape.',
      );
      // Without compute_uv the inner shape may be unknown, the rank too: a second Svd gives u and v, multiplied
      // by MatMul for matrices, else (TF1's BatchMatMul, which tf1-ts lacks) as a broadcast product summed.
      const y = tf.placeholder(tf.float64, [null, null]);
      expect(tf.gradients(tf.svd(y, { compute_uv: false }) as T, y)[0]!.op.type).toBe('MatMul');
      const w = tf.placeholder(tf.float64);
      const dw = tf.gradients(tf.svd(w, { compute_uv: false }) as T, w)[0]!;
      expect(dw.op.type).toBe('Sum');
      expect(tf.get_default_graph().get_operation_by_name('gradients_3/Svd_3_grad/Svd').get_attr('compute_uv')).toBe(true);
      const z = tf.placeholder(tf.float64, [2, 5]);
      const [s3] = tf.svd(z, { full_matrices: true }) as T[];
      expect(() => tf.gradients(s3!, z)).toThrow('NotImplementedError: svd gradient is not implemented for abs(m - n) > 1 when full_matrices is True');
    });
  });
});

describe('tf.norm', () => {
  it('builds TF1’s nodes in a scope norm: tensor * tensor summed, Sqrt, Squeeze', () => {
    inGraph(() => {
      const x = tf.constant([[3, 4]], tf.float32);
      const n = tf.norm(x);
      expect(String(n)).toBe('Tensor("norm/Squeeze:0", shape=(), dtype=float32)');
      expect(
        tf
          .get_default_graph()
          .get_operations()
          .map((o) => o.name),
      ).toEqual(['Const', 'norm/mul', 'norm/Const', 'norm/Sum', 'norm/Sqrt', 'norm/Squeeze']);
      expect(String(tf.norm(x, { ord: 1, axis: 1, keepdims: true, name: 'n1' }))).toBe('Tensor("n1/Sum:0", shape=(1, 1), dtype=float32)');
      expect(String(tf.norm(x, 0.5, -1))).toBe('Tensor("norm_1/Squeeze:0", shape=(1,), dtype=float32)');
    });
  });

  it('keep_dims is keepdims’ deprecated alias; both is a ValueError', async () => {
    const [a] = await run(() => ({ fetches: [tf.norm(tf.constant([[3, 4]], tf.float64), { axis: 1, keep_dims: true })] }));
    expect(a!.shape).toEqual([1, 1]);
    expect(a!.data[0]).toBe(5);
    inGraph(() => {
      expect(() => tf.norm([1, 2], { keepdims: true, keep_dims: true })).toThrow(new tf.errors.ValueError("Cannot specify both 'keep_dims' and 'keepdims'"));
    });
  });

  it('its gradient is that of the ops it builds: close to central differences for each kind of norm', async () => {
    const x0 = new tf.NDArray(
      Float64Array.from({ length: 12 }, (_, i) => Math.sin(1 + i * 1.3) + (i % 2 ? 0.3 : -0.3)),
      [3, 4],
      'float64',
    );
    const kinds: [string | number, number | [number, number] | null][] = [
      ['euclidean', null],
      [1, 0],
      [3, 1],
      [0.5, -1],
      [Infinity, 0],
      ['fro', [0, 1]],
      [1, [0, 1]],
      [Infinity, [1, 0]],
      [2, [-2, -1]],
    ];
    for (const [ord, axis] of kinds) {
      const g = new tf.Graph();
      const { x, y } = g.as_default(() => {
        const x = tf.placeholder(tf.float64, [3, 4]);
        return { x, y: tf.norm(x, { ord, axis }) };
      });
      const sess = new tf.Session({ graph: g, backend: 'cpu' });
      const err = await sess.as_default(() => tf.test.compute_gradient_error(x, [3, 4], y, y.shape.as_list() as number[], { x_init_value: x0 }));
      sess.close();
      // |x|^p's central differences lose digits where p < 1 bends sharply: 2e-5 rather than 1e-6.
      expect(err, `ord ${ord}, axis ${axis}`).toBeLessThan(2e-5);
    }
  });
});
