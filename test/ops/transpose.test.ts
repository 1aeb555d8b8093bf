// tf.transpose and the Transpose op, as TF1 r1.12 has them: values, static shapes, names, and TF1's errors
// from the shape function (ValueError while building) and from the kernel (InvalidArgumentError when run).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import type { DType } from '../../src/framework/dtypes.js';
import { transposePerm } from '../../src/session/kernels/util.js';

/** NumPy's transpose of a row-major array: out[i] = x[the index whose perm-th coordinates are i's]. */
function npTranspose(x: tf.NDArray, perm: readonly number[]): number[] {
  const shape = x.shape;
  const outShape = perm.map((p) => shape[p]!);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out: number[] = [];
  const idx = new Array<number>(outShape.length).fill(0);
  for (let n = 0; n < x.size; n++) {
    out.push(x.data[idx.reduce((off, c, k) => off + c * strides[perm[k]!]!, 0)]!);
    for (let k = outShape.length - 1; k >= 0; k--)
      if (++idx[k]! < outShape[k]!) break;
      else idx[k] = 0;
  }
  return out;
}

async function run<T extends tf.Tensor | tf.Tensor[]>(
  g: tf.Graph,
  fetch: T,
  feeds?: Map<tf.Tensor, unknown>,
): Promise<T extends tf.Tensor ? tf.NDArray : tf.NDArray[]> {
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    return (await sess.run(fetch as never, feeds as never)) as never;
  } finally {
    sess.close();
  }
}

describe('Transpose computes NumPy’s transpose', () => {
  it('for any shape (empty ones too), permutation and dtype, with perm known or fed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }).chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.shuffledSubarray(
              s.map((_, i) => i),
              { minLength: s.length, maxLength: s.length },
            ),
            fc.constantFrom<DType>('float32', 'float64', 'int32', 'int64', 'bool'),
            fc.boolean(),
          ),
        ),
        async ([s, perm, dtype, fed]) => {
          const x = tf.NDArray.zeros(s, dtype);
          for (let i = 0; i < x.size; i++) x.data[i] = dtype === 'bool' ? i % 2 : i - 7;
          const g = new tf.Graph();
          const { px, pp, y } = g.as_default(() => {
            const px = tf.placeholder(dtype);
            const pp = tf.placeholder(tf.int64);
            return { px, pp, y: tf.transpose(px, fed ? pp : perm) };
          });
          const out = await run(
            g,
            y,
            new Map<tf.Tensor, unknown>([
              [px, x],
              [pp, perm],
            ]),
          );
          expect(out.shape).toEqual(perm.map((p) => s[p]!));
          expect(out.dtype).toBe(dtype);
          expect(Array.from(out.data)).toEqual(npTranspose(x, perm));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('tf.transpose(a, perm, name, conjugate)', () => {
  it("is a Transpose op named 'transpose', its list perm a Const 'transpose/perm', with the permuted static shape", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const t = tf.transpose(tf.placeholder(tf.float32, [2, null, 4]), [2, 0, 1]);
      expect(String(t)).toBe('Tensor("transpose:0", shape=(4, 2, ?), dtype=float32)');
      expect(t.op.type).toBe('Transpose');
      expect(t.op.inputs[1]!.op.name).toBe('transpose/perm');
      expect(tf.transpose([[1, 2]], [1, 0], 'flip').name).toBe('flip:0');
      expect(tf.transpose([[1, 2]], { perm: [1, 0], conjugate: true }).shape.as_list()).toEqual([2, 1]);
    });
  });

  it('reverses the dims without perm, from (rank - 1) - range(rank) as TF1 builds it, with the reversed static shape', async () => {
    const g = new tf.Graph();
    const { t, u, p } = g.as_default(() => {
      const p = tf.placeholder(tf.float32, [2, null, 3]);
      return { t: tf.transpose(p), u: tf.transpose(tf.placeholder(tf.float32)), p };
    });
    expect(t.shape.as_list()).toEqual([3, null, 2]);
    expect(u.shape.dims).toBeNull();
    expect(
      g
        .get_operations()
        .filter((o) => o.name.startsWith('transpose/'))
        .map((o) => `${o.name}:${o.type}`),
    ).toEqual([
      'transpose/Rank:Rank',
      'transpose/Range/start:Const',
      'transpose/Range/delta:Const',
      'transpose/Range:Range',
      'transpose/sub/y:Const',
      'transpose/sub:Sub',
      'transpose/sub_1:Sub',
    ]);
    const x = tf.NDArray.zeros([2, 1, 3], 'float32');
    x.data.set([1, 2, 3, 4, 5, 6]);
    expect((await run(g, t, new Map([[p, x]]))).tolist()).toEqual([[[1, 4]], [[2, 5]], [[3, 6]]]);
  });
});

describe("Transpose's shape function raises TF1's ValueErrors while building", () => {
  const g = new tf.Graph();
  const build =
    (x: number[], perm: unknown): (() => unknown) =>
    () =>
      g.as_default(() => tf.transpose(tf.zeros(x), perm as number[]));

  it('a perm of the wrong length', () => {
    expect(build([2, 3], [0, 1, 2])).toThrow(
      new tf.errors.ValueError("Dimension must be 2 but is 3 for 'transpose' (op: 'Transpose') with input shapes: [2,3], [3]."),
    );
  });
  it('an entry past the rank', () => {
    expect(build([2, 3], [0, 2])).toThrow(/^perm dim 2 is out of range of input rank 2 for 'transpose_\d+' \(op: 'Transpose'\)/);
  });
  it('a perm that is not a vector', () => {
    expect(build([2, 3], [[0, 1]])).toThrow(/^Shape must be rank 1 but is rank 2 for 'transpose_\d+'/);
  });
  it('a perm that is not int32 or int64', () => {
    expect(() => g.as_default(() => tf.transpose(tf.zeros([2, 3]), tf.constant([0, 1], tf.float32)))).toThrow(
      new tf.errors.TypeError("Value passed to parameter 'perm' has DataType float32 not in list of allowed values: int32, int64"),
    );
  });
  it('but not a duplicate or negative entry, which TF1 leaves to the kernel (a negative one counts from the end)', () => {
    expect(g.as_default(() => tf.transpose(tf.zeros([2, 3]), [0, 0])).shape.as_list()).toEqual([2, 2]);
    expect(g.as_default(() => tf.transpose(tf.zeros([2, 3]), [-1, 0])).shape.as_list()).toEqual([3, 2]);
  });
});

describe('a bad fed perm is an InvalidArgumentError naming the op', () => {
  // The wrong length or rank shows when the run is planned, in the shape function's words (as a fed Reshape
  // shape does); the values themselves, only to the kernel, in TF1's kernel's words.
  const cases: [string, unknown, string][] = [
    ['a perm of the wrong length', [0, 1, 2], "Dimension must be 2 but is 3 for 'transpose' (op: 'Transpose') with input shapes: [2,3], [3]."],
    ['a perm that is not a vector', [[1, 0]], "Shape must be rank 1 but is rank 2 for 'transpose' (op: 'Transpose') with input shapes: [2,3], [1,2]."],
    ['a duplicate entry', [0, 0], '1 is missing from {0,0}.'],
    ['a negative entry', [-1, 0], '-1 is out of range [0 .. 2)'],
    ['an entry past the rank', [2, 0], '2 is out of range [0 .. 2)'],
  ];
  for (const [what, perm, message] of cases) {
    it(what, async () => {
      const g = new tf.Graph();
      const { p, y } = g.as_default(() => {
        const p = tf.placeholder(tf.int32);
        return { p, y: tf.transpose(tf.zeros([2, 3]), p) };
      });
      const err = await run(g, y, new Map([[p, perm]])).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect((err as Error).message).toBe(message);
      expect((err as tf.errors.InvalidArgumentError).node_name).toBe('transpose');
    });
  }
});

describe("Transpose's gradient is the gradient transposed back (TF1's _TransposeGrad)", () => {
  it('named gradients/transpose_grad/transpose, by the inverse of a known perm', async () => {
    const g = new tf.Graph();
    const { dx } = g.as_default(() => {
      const x = tf.constant(
        [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
        ],
        tf.float32,
      ); // [1, 2, 3]
      const y = tf.transpose(x, [2, 0, 1]).mul(tf.constant([[[1, 10]], [[100, 1000]], [[1e4, 1e5]]], tf.float32));
      return { dx: denseGradients(y, [x])[0]! };
    });
    expect(dx.name).toBe('gradients/transpose_grad/transpose:0');
    expect(dx.op.inputs[1]!.op.type).toBe('Const');
    expect((await run(g, dx)).tolist()).toEqual([
      [
        [1, 100, 1e4],
        [10, 1000, 1e5],
      ],
    ]);
  });
});

describe("the kernels' own perm checks (shared by the CPU and WebGPU kernels), in TF1's kernel's words", () => {
  const perm = (v: number[], shape = [v.length]): tf.NDArray => new tf.NDArray(Int32Array.from(v), shape, 'int32');
  const check = (p: tf.NDArray, message: string): void => {
    const err = ((): unknown => {
      try {
        transposePerm('t', [2, 3], p);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect((err as Error).message).toBe(message);
  };
  it('refuses what the shape function cannot see before a run', () => {
    check(perm([0, 1, 2]), 'transpose expects a vector of size 2. But input(1) is a vector of size 3');
    check(perm([1, 0], [1, 2]), 'perm must be a vector, not [1,2]');
    check(perm([1, 1]), '0 is missing from {1,1}.');
    expect(transposePerm('t', [2, 3], perm([1, 0]))).toEqual([1, 0]);
  });
});
