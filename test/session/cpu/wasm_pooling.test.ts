// MaxPool, MaxPoolGrad, MaxPoolGradGrad, AvgPool and AvgPoolGrad in WebAssembly SIMD (cpu/wasm/pooling.ts,
// pooling.wat) against the kernels' own loops, to the bit: odd channel counts (a tail of one to three channels), ties and NaNs (the first maximum wins), both
// paddings, strides, overlapping windows (MaxPoolGrad's loop keeps those; AvgPoolGrad sums them in doubles), batch 1, arrays inside
// and outside the kernels' memory, mnist_deep's shapes (split across the threads) and empty tensors.
import { beforeAll, describe, expect, it } from 'vitest';
import { hostFloat32 } from '../../../src/framework/memory/host.js';
import { NDArray } from '../../../src/framework/ndarray.js';
import { CPU_FAST_PATHS } from '../../../src/session/cpu/fast_paths.js';
import { startThreads } from '../../../src/session/cpu/wasm/pool.js';
import { NN_POOL_KERNELS } from '../../../src/session/kernels/nn_pool.js';

/** Values on a coarse grid (many ties), with NaNs and infinities sprinkled in when `specials`. */
function values(shape: number[], seed: number, specials: boolean, pinned = true): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = pinned ? hostFloat32(n) : new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const k = (s >> 8) % 41;
    data[i] = specials && k === 0 ? Number.NaN : specials && k === 1 ? Number.NEGATIVE_INFINITY : (k % 9) - 4 + (k === 2 ? -0 : 0);
  }
  return new NDArray(data, shape, 'float32');
}

type Op = 'MaxPool' | 'MaxPoolGrad' | 'MaxPoolGradGrad' | 'AvgPool' | 'AvgPoolGrad';
function run(op: Op, inputs: NDArray[], attrs: object, fast: boolean): NDArray {
  let o: NDArray | undefined;
  (NN_POOL_KERNELS[op] as (a: unknown) => void)({
    name: op,
    inputs,
    attrs,
    output: (_i: number, shape: readonly number[]) => {
      const n = shape.reduce((a, b) => a * b, 1);
      o = new NDArray(fast ? hostFloat32(n) : new Float32Array(n), shape, 'float32');
      o.data.fill(123);
      return o;
    },
    random: () => {
      throw new Error('not random');
    },
    ...(fast ? { fast: CPU_FAST_PATHS! } : {}),
  });
  return o!;
}

function expectSameBits(got: NDArray, want: NDArray): void {
  expect(got.shape).toEqual(want.shape);
  for (let i = 0; i < want.size; i++) if (!Object.is(got.data[i], want.data[i])) expect.fail(`element ${i}: ${got.data[i]} vs ${want.data[i]}`);
}

interface Case {
  x: [number, number, number, number];
  k: [number, number];
  s: [number, number];
  padding: 'SAME' | 'VALID';
}

/** MaxPool and MaxPoolGrad of a case, SIMD against the loop. */
function check({ x: shape, k, s, padding }: Case, seed: number, specials = true, pinned = true): void {
  const attrs = { ksize: [1, ...k, 1], strides: [1, ...s, 1], padding, data_format: 'NHWC' };
  const x = values(shape, seed, specials, pinned);
  const y = run('MaxPool', [x], attrs, false);
  expectSameBits(run('MaxPool', [x], attrs, true), y);
  const dy = values([...y.shape], seed + 1, false, pinned);
  expectSameBits(run('MaxPoolGrad', [x, y, dy], attrs, true), run('MaxPoolGrad', [x, y, dy], attrs, false));
  const ddx = values(shape, seed + 2, specials, pinned);
  expectSameBits(run('MaxPoolGradGrad', [x, y, ddx], attrs, true), run('MaxPoolGradGrad', [x, y, ddx], attrs, false));
  expectSameBits(run('AvgPool', [x], attrs, true), run('AvgPool', [x], attrs, false));
  const size = new NDArray(new Int32Array(shape), [4], 'int32');
  const dyAvg = values([...y.shape], seed + 3, specials, pinned);
  expectSameBits(run('AvgPoolGrad', [size, dyAvg], attrs, true), run('AvgPoolGrad', [size, dyAvg], attrs, false));
}

describe.skipIf(!CPU_FAST_PATHS)('MaxPool, MaxPoolGrad, MaxPoolGradGrad, AvgPool and AvgPoolGrad in SIMD', () => {
  beforeAll(async () => {
    await startThreads();
  });

  it("mnist_deep's 2×2 pools at stride 2 (SAME), split across the threads", () => {
    check({ x: [8, 28, 28, 32], k: [2, 2], s: [2, 2], padding: 'SAME' }, 1, false);
    check({ x: [4, 14, 14, 64], k: [2, 2], s: [2, 2], padding: 'SAME' }, 2);
  });

  it('odd channel counts, ties, NaNs and infinities, odd sizes, both paddings', () => {
    for (const C of [1, 2, 3, 5, 7]) {
      for (const padding of ['SAME', 'VALID'] as const) {
        check({ x: [2, 7, 5, C], k: [2, 3], s: [2, 3], padding }, C, true);
        check({ x: [1, 5, 9, C], k: [3, 3], s: [3, 4], padding }, C + 10, true);
      }
    }
  });

  it('overlapping windows (stride below the window): SIMD forward, AvgPoolGrad in doubles, the loop for MaxPoolGrad', () => {
    check({ x: [2, 9, 8, 6], k: [3, 3], s: [1, 2], padding: 'SAME' }, 21);
    check({ x: [1, 6, 6, 4], k: [3, 2], s: [2, 1], padding: 'VALID' }, 22);
    const g = { N: 1, H: 6, W: 6, C: 4, kh: 3, kw: 3, kd: 1, sh: 1, sw: 1, sd: 1, oh: 6, ow: 6, od: 4, padTop: 1, padLeft: 1 };
    const geometry = { ...g, inShape: [1, 6, 6, 4], outShape: [1, 6, 6, 4], nchw: false };
    expect(CPU_FAST_PATHS!.maxPoolGrad(geometry, hostFloat32(144), hostFloat32(144), hostFloat32(144))).toBe(false);
  });

  it('arrays outside the kernels memory are copied in and out', () => {
    check({ x: [3, 8, 6, 5], k: [2, 2], s: [2, 2], padding: 'SAME' }, 31, true, false);
  });

  it('empty batches and channels', () => {
    check({ x: [0, 4, 4, 3], k: [2, 2], s: [2, 2], padding: 'SAME' }, 41);
    check({ x: [2, 4, 4, 0], k: [2, 2], s: [2, 2], padding: 'VALID' }, 42);
  });
});
