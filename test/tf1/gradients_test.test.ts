// TF1's tensorflow/python/ops/gradients_test.py (the graph-level cases), ported for what tf1-ts has. Read from
// fraudies/tensorflow at TF 1.13.1-rc0, the nearest to r1.12 the index holds; its unconnected_gradients cases
// are TF 1.13's, which tf1-ts takes after r1.12's parameters. `with self.cached_session():` is a CPU session
// of a fresh graph, the default one for eval(). Python's float literals are float32 constants here.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, assertAllEqual } from './helpers.js';

/** `with self.cached_session():` on a fresh graph: ops built in `fn` go into it, and eval() runs in its CPU session. */
async function inSession(fn: (g: tf.Graph, sess: tf.Session) => Promise<void>): Promise<void> {
  const g = new tf.Graph();
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    await sess.as_default(() => fn(g, sess));
  } finally {
    sess.close();
  }
}

const c32 = (v: number, shape?: number[]): tf.Tensor => tf.constant(v, { dtype: tf.float32, shape: shape ?? null });
const num = async (t: tf.Tensor): Promise<number> => (await t.eval()).item() as number;

/** `y + y + ... + y` (ten terms, left to right), as Python adds them. */
const tenTimes = (y: tf.Tensor): tf.Tensor => Array.from({ length: 9 }).reduce<tf.Tensor>((z) => z.add(y), y);

describe('GradientsTest', () => {
  // Its `_original_op` assert is not ported (tf1-ts has no _original_op).
  it('testGradients', () => {
    new tf.Graph().as_default(() => {
      const inp = tf.constant(1.0, tf.float32, [32, 100], 'in');
      const w = tf.constant(1.0, tf.float32, [100, 10], 'w');
      const b = tf.constant(1.0, tf.float32, [10], 'b');
      const xw = tf.matmul(inp, w, { name: 'xw' });
      const h = tf.nn.bias_add(xw, b, { name: 'h' });
      const wGrad = denseGradients(h, w)[0]!;
      expect(wGrad.op.type).toBe('MatMul');
      expect(wGrad.op.get_attr('transpose_a')).toBe(true);
      expect(wGrad.op.get_attr('transpose_b')).toBe(false);
    });
  });

  it('testBoundaryStop', () => {
    // Test that we don't differentiate 'x'. The gradient function for 'x' is set explicitly to None so we
    // will get an exception if the gradient code tries to differentiate 'x'.
    new tf.Graph().as_default(() => {
      const c = c32(1.0);
      const x = tf.identity(c);
      const y = x.add(1.0);
      const z = y.add(1);
      const grads = denseGradients(z, [x]);
      expect(grads.every((g) => g !== null)).toBe(true);
    });
  });

  it('testBoundaryContinue', () =>
    inSession(async (g) => {
      // Test that we differentiate both 'x' and 'y' correctly when x is a predecessor of y.
      const grads = g.as_default(() => {
        const x = c32(1.0);
        const y = x.mul(2.0);
        const z = y.mul(3.0);
        return denseGradients(z, [x, y]);
      });
      expect(grads.every((gr) => gr !== null)).toBe(true);
      expect(await num(grads[0]!)).toBe(6.0);
    }));

  for (const [name, method] of [
    ['testAggregationMethodAccumulateN', tf.AggregationMethod.EXPERIMENTAL_ACCUMULATE_N],
    ['testAggregationMethodAddN', tf.AggregationMethod.ADD_N],
    ['testAggregationMethodTree', tf.AggregationMethod.EXPERIMENTAL_TREE],
  ] as const) {
    it(name, () =>
      inSession(async (g) => {
        const grads = g.as_default(() => {
          const x = c32(1.0);
          const y = x.mul(2.0);
          const z = tenTimes(y);
          return denseGradients(z, [x, y], { aggregation_method: method });
        });
        expect(grads.every((gr) => gr !== null)).toBe(true);
        expect(await num(grads[0]!)).toBe(20.0);
        expect(await num(grads[1]!)).toBe(10.0);
      }),
    );
  }

  it('testVariableReadValueGradient', () => {
    new tf.Graph().as_default(() => {
      const init = c32(100.0);
      const v = tf.Variable(init);
      const gradient = denseGradients(v.read_value(), v);
      expect(gradient[0]).not.toBeNull();
    });
  });

  it('testVariableAsGraphElementGradient', () => {
    new tf.Graph().as_default((graph) => {
      const init = c32(100.0);
      const v = tf.Variable(init);
      const gradient = denseGradients(graph.as_graph_element(v) as tf.Tensor, v);
      expect(gradient[0]).not.toBeNull();
    });
  });

  it('testVariableRefGradient', () => {
    new tf.Graph().as_default(() => {
      const init = c32(100.0);
      const v = tf.Variable(init);
      const gradient = denseGradients(v._ref(), v);
      expect(gradient[0]).not.toBeNull();
    });
  });

  it('testDependentYs', () =>
    inSession(async (g) => {
      const [x, y, y2] = g.as_default(() => {
        const x = c32(3.0);
        const y = tf.square(x);
        const y1 = tf.square(y);
        const y2 = tf.square(y1);
        return [x, y, y2];
      });
      let grad = g.as_default(() => denseGradients([y, y2], x));
      assertAllClose(await grad[0]!.eval(), 17502.0);
      grad = g.as_default(() => denseGradients(y.add(y2), x));
      assertAllClose(await grad[0]!.eval(), 17502.0);
      grad = g.as_default(() => denseGradients([tf.identity(y), tf.identity(y2)], x));
      assertAllClose(await grad[0]!.eval(), 17502.0);
    }));

  it('testPartialDerivatives', () =>
    inSession(async (g) => {
      const { totalg, partialg } = g.as_default(() => {
        const x = c32(1.0);
        const y = tf.multiply(2, x);
        const z = x.add(y);
        return { totalg: denseGradients(z, [x, y]), partialg: denseGradients(z, [x, y], { stop_gradients: [x, y] }) };
      });
      expect([await num(totalg[0]!), await num(totalg[1]!)]).toEqual([3.0, 1.0]);
      expect([await num(partialg[0]!), await num(partialg[1]!)]).toEqual([1.0, 1.0]);
    }));

  it('testStopGradients', () =>
    inSession(async (g, sess) => {
      /** NumPy's RandomState(seed).rand(k, k) stands in as a seeded uniform generator (float64). */
      const rng = (seed: number): ((k: number) => tf.NDArray) => {
        let s = seed >>> 0;
        const next = (): number => {
          s = (s + 0x6d2b79f5) >>> 0;
          let t = s;
          t = Math.imul(t ^ (t >>> 15), t | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
        return (k) => new tf.NDArray(Float64Array.from({ length: k * k }, next), [k, k], 'float64');
      };
      type Named = Record<'a' | 'b' | 'c' | 'd', tf.Tensor>;
      const makeGraph = (rand: (k: number) => tf.NDArray, stops = ''): Named => {
        // TF1: convert_to_tensor(sum(matmul(rng.rand(k, k), x) for x in xs) + rng.rand(k, k)): Python's sum starts at 0.
        const functionOf = (xs: tf.Tensor[], k = 3): tf.Tensor => {
          if (xs.length === 0) return tf.convert_to_tensor(rand(k));
          const sum = xs.reduce<tf.Tensor>((acc, x) => tf.add(acc, tf.matmul(rand(k), x)), tf.constant(0, tf.float64));
          return tf.add(sum, rand(k));
        };
        const stopped = (name: string, t: tf.Tensor): tf.Tensor => (stops.includes(name) ? tf.stop_gradient(t) : t);
        const a = stopped('a', functionOf([]));
        const b = stopped('b', functionOf([a]));
        const c = stopped('c', functionOf([a, b]));
        const d = stopped('d', functionOf([b, c]));
        return { a, b, c, d };
      };
      const gradientsOf = (ys: tf.Tensor[], xs: tf.Tensor[], opts: tf.GradientsOptions = {}): tf.Tensor[] =>
        denseGradients(ys, xs, opts).map((dydx, i) => dydx ?? tf.multiply(0, xs[i]!));

      const seed = Math.floor(Math.random() * 1000);
      const subsets = ['', ...'a b c d ab ac ad bc bd cd abc abd acd bcd abcd'.split(' ')];
      const pick = (graph: Named, names: string): tf.Tensor[] => [...names].map((n) => graph[n as keyof Named]);
      const cases = g.as_default(() => {
        const graph = makeGraph(rng(seed));
        const out: { grad1: tf.Tensor[]; grad2: tf.Tensor[] }[] = [];
        for (const constants of subsets) {
          const withStops = makeGraph(rng(seed), constants);
          for (const variables of subsets) {
            // compute the gradient when stopped using tf.stop_gradients
            const grad1 = gradientsOf([withStops.d], pick(withStops, variables));
            // compute the gradient when stopped using the stop_gradients kwarg
            const grad2 = gradientsOf([graph.d], pick(graph, variables), { stop_gradients: pick(graph, constants) });
            out.push({ grad1, grad2 });
          }
        }
        return out;
      });
      // evaluate all tensors in one call to session.run for speed
      const results = await sess.run(cases.map((c) => [c.grad1, c.grad2]));
      for (const [npgrad1, npgrad2] of results as tf.NDArray[][][]) {
        npgrad1!.forEach((a, i) => assertAllClose(a, npgrad2![i]!, { rtol: 1e-7, atol: 0 }));
      }
    }));

  it('testUnconnectedGradientsNoneUnconnectedGradients', () => {
    new tf.Graph().as_default(() => {
      const x = c32(1.0, [2, 2]);
      const y = c32(3.0, [3, 1]);
      const grad = denseGradients([y], [x], { unconnected_gradients: 'none' });
      expect(grad[0]).toBeNull();
    });
  });

  it('testUnconnectedGradientsZerosUnconnectedGradients', () =>
    inSession(async (g, sess) => {
      const grads = g.as_default(() => {
        const x = c32(1.0, [2, 2]);
        const y = c32(3.0, [3, 1]);
        return denseGradients([y], [x], { unconnected_gradients: 'zero' });
      });
      assertAllEqual((await sess.run(grads as tf.Tensor[]))[0]!, [
        [0.0, 0.0],
        [0.0, 0.0],
      ]);
    }));

  it('testUnconnectedGradientsZeroConnectedGradients', () =>
    inSession(async (g, sess) => {
      const grad = g.as_default(() => {
        const x = c32(1.0);
        const y = x.mul(3.0);
        return denseGradients([y], [x], { unconnected_gradients: 'zero' });
      });
      expect((await sess.run(grad as tf.Tensor[]))[0]!.item()).toBe(3.0);
    }));

  it('testUnknownUnconnectedGradientsValueGiven', () => {
    new tf.Graph().as_default(() => {
      const x = c32(1.0);
      const y = c32(1.0);
      expect(() => denseGradients([y], [x], { unconnected_gradients: 'nonsense' })).toThrow(tf.errors.ValueError);
      expect(() => denseGradients([y], [x], { unconnected_gradients: 'nonsense' })).toThrow("Unknown value for unconnected_gradients: 'nonsense'");
    });
  });

  it('testNonDifferentiableSwitchInWhileLoop: an int32 loop fed by a cast of v gives v no gradient', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const v = tf.placeholder(tf.float32, []);
      const n = 4;
      const step = (i: tf.Tensor, a: tf.Tensor, ta: tf.TensorArray): [tf.Tensor, tf.Tensor, tf.TensorArray] => {
        const a1 = a.add(tf.cast(v, tf.int32));
        return [i.add(1), a1, ta.write(i, a1)];
      };
      const [i, , ta] = tf.while_loop((i: tf.Tensor) => tf.less(i, n), step, [0, 0, new tf.TensorArray({ dtype: tf.int32, size: n })]) as [
        tf.Tensor,
        tf.Tensor,
        tf.TensorArray,
      ];
      const target = ta.read(i.sub(1));
      expect(denseGradients(target, v)).toEqual([null]);
    });
  });
});

describe('StopGradientTest', () => {
  it('testStopGradient', () => {
    new tf.Graph().as_default(() => {
      const inp = tf.constant(1.0, { dtype: tf.float32, shape: [100, 32], name: 'in' });
      const out = tf.stop_gradient(inp);
      const igrad = denseGradients(out, inp)[0];
      expect(igrad).toBeNull();
    });
  });
});
