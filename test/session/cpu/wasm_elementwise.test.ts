// The SIMD elementwise, softmax and sum kernels (elementwise.wat) give the JavaScript kernels'
// float32 results bit for bit, on every broadcast pattern, with NaN, infinities, zeros of both
// signs and subnormals among the values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NDArray, sizeOf } from '../../../src/framework/ndarray.js';
import type { OpType } from '../../../src/framework/op_defs.js';
import { hostFloat32, hostFree } from '../../../src/framework/memory/host.js';
import {
  BINARY_CODES,
  UNARY_CODES,
  wasmApplyAdam,
  wasmApplyGradientDescent,
  wasmBinary,
  wasmSoftmax,
  wasmSum,
  wasmUnary,
} from '../../../src/session/cpu/wasm/elementwise.js';
import { iv, run1, stream } from './kernel_harness.js';
import { CPU_FAST_PATHS } from '../../../src/session/cpu/fast_paths.js';
import { NN_EXTRA_KERNELS } from '../../../src/session/kernels/nn_extra.js';
import { ARRAY_KERNELS } from '../../../src/session/kernels/array.js';
import type { FastPaths } from '../../../src/session/kernel.js';

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-40, -1e-40, 3.4e38, -3.4e38, 1, -1];

/** float32 values: mostly ordinary, some special (pass specials = false for softmax's finite rows). */
function values(n: number, seed: number, specials = true): Float32Array {
  const rng = stream(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    a[i] = specials && u < 0.1 ? SPECIAL[Math.floor(rng.next() * SPECIAL.length)]! : (rng.next() - 0.5) * 10 ** (rng.next() * 8 - 4);
  }
  return a;
}

/** The binary ops that take equal shapes only (gradient helpers: ReluGrad, SigmoidGrad, TanhGrad). */
const GRADIENT_HELPERS = new Set<string>(['ReluGrad', 'SigmoidGrad', 'TanhGrad']);

/** A copy of `a` in the kernels' memory. */
function inMemory(a: Float32Array): Float32Array {
  const h = hostFloat32(a.length);
  h.set(a);
  return h;
}

/** Element i differs in bits (NaN equals NaN; -0 differs from 0). */
function expectSameBits(got: Float32Array, want: ArrayLike<number>): void {
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) expect.fail(`element ${i}: ${got[i]} vs ${want[i]}`);
  }
}

/** A shape and a broadcast partner: same shape, a scalar, a row, a column, or size-1 dims anywhere. */
const broadcastPair = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 0, maxLength: 3 }),
    fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    fc.boolean(),
    fc.integer({ min: 1, max: 1e6 }),
  )
  .map(([shape, ones, swap, seed]) => {
    const other = shape.map((d, i) => (ones[i] ? 1 : d));
    return { x: swap ? other : shape, y: swap ? shape : other, seed };
  });

describe('SIMD float32 kernels against the JavaScript ones', () => {
  it('binary ops, every broadcast pattern of up to two coalesced dims', () => {
    let ranCount = 0;
    let total = 0;
    for (const op of Object.keys(BINARY_CODES) as (keyof typeof BINARY_CODES)[]) {
      fc.assert(
        fc.property(broadcastPair, ({ x, y: other, seed }) => {
          const y = GRADIENT_HELPERS.has(op) ? x : other; // equal shapes only
          const xa = new NDArray(values(sizeOf(x), seed), x, 'float32');
          const ya = new NDArray(values(sizeOf(y), seed + 1), y, 'float32');
          const want = run1(op as OpType, [xa, ya], {} as never); // plain arrays: the JavaScript loops
          const o = hostFloat32(want.size);
          const ran = wasmBinary(BINARY_CODES[op], inMemory(xa.data as Float32Array), x, inMemory(ya.data as Float32Array), y, o, want.shape);
          total++;
          if (ran) {
            ranCount++;
            expectSameBits(o, want.data);
          }
          hostFree(o);
        }),
        { numRuns: 60 },
      );
    }
    expect(ranCount).toBeGreaterThan(total / 2); // the rest coalesce to three dims (x [a,1,c] with y [a,b,c]): JavaScript's
  });

  it("runs in place for the training step's patterns (same shape, row and column broadcasts, a scalar)", () => {
    const cases: [number[], number[]][] = [
      [
        [50, 10],
        [50, 10],
      ],
      [[50, 10], [10]],
      [
        [50, 10],
        [50, 1],
      ],
      [[50, 10], []],
      [[], [50, 10]],
    ];
    for (const [x, y] of cases) {
      const out = x.length ? x : y;
      expect(wasmBinary(0, inMemory(values(sizeOf(x), 1)), x, inMemory(values(sizeOf(y), 2)), y, hostFloat32(sizeOf(out)), out)).toBe(true);
    }
    // an operand outside the memory that is not a fed array: the JavaScript loop's job
    expect(wasmBinary(0, new Float32Array(4), [4], inMemory(values(4, 1)), [4], hostFloat32(4), [4])).toBe(false);
  });

  it('unary ops', () => {
    for (const op of Object.keys(UNARY_CODES) as (keyof typeof UNARY_CODES)[]) {
      for (const n of [0, 1, 3, 4, 5, 17, 1000]) {
        const x = new NDArray(values(n, n + 7), [n], 'float32');
        const want = run1(op as OpType, [x], {} as never);
        const o = hostFloat32(n);
        expect(wasmUnary(UNARY_CODES[op], inMemory(x.data as Float32Array), o)).toBe(n > 0);
        expectSameBits(o, want.data);
      }
    }
  });

  it('softmax, including rows with an infinity or NaN and odd row lengths', () => {
    for (const [rows, C] of [
      [1, 1],
      [7, 3],
      [50, 10],
      [3, 17],
      [200, 2],
      [20000, 10],
    ] as const) {
      const v = values(rows * C, rows + C, false);
      v[0] = -Infinity;
      if (rows > 2) v[C] = NaN;
      if (rows > 3) v[2 * C + 1] = Infinity;
      // a row of -Infinity (every output NaN) between ordinary ones
      if (rows > 5) v.fill(-Infinity, 4 * C, 5 * C);
      const x = new NDArray(v, [rows, C], 'float32');
      const want = run1('Softmax', [x], {} as never);
      const o = hostFloat32(rows * C);
      expect(wasmSoftmax(inMemory(v), o, C)).toBe(true);
      expectSameBits(o, want.data);
    }
  });

  it('softmax at every row length from 1 to 18 (rows of 2 and 10 unrolled, the others a loop), specials anywhere in a row', () => {
    for (let C = 1; C <= 18; C++) {
      const rows = 9;
      const v = values(rows * C, 100 + C, false);
      // a special in each row at another place, and a row of -Infinity
      const specials = [Infinity, -Infinity, NaN, 0, -0];
      for (let r = 0; r < rows - 1; r++) v[r * C + (r % C)] = specials[r % specials.length]!;
      v.fill(-Infinity, (rows - 1) * C, rows * C);
      const x = new NDArray(v, [rows, C], 'float32');
      const want = run1('Softmax', [x], {} as never);
      const o = hostFloat32(rows * C);
      expect(wasmSoftmax(inMemory(v), o, C)).toBe(true);
      expectSameBits(o, want.data);
    }
  });

  it('sums and means over the first, last and middle axis', () => {
    for (const [shape, axis] of [
      [[50, 10], 0],
      [[50, 10], 1],
      [[4, 9, 5], 1],
      [[3, 1, 7], 2],
      [[9, 0], 1],
    ] as const) {
      const x = new NDArray(values(sizeOf(shape), 3, false), shape, 'float32');
      for (const op of ['Sum', 'Mean'] as const) {
        const want = run1(op, [x, iv(axis)], { keep_dims: false, Tidx: 'int32' } as never);
        const o = hostFloat32(want.size);
        const A = shape.slice(0, axis).reduce((a: number, b: number) => a * b, 1);
        const I = shape.slice(axis + 1).reduce((a: number, b: number) => a * b, 1);
        const ran = wasmSum(inMemory(x.data as Float32Array), A, shape[axis]!, I, o, op === 'Mean' ? shape[axis]! : 1);
        expect(ran).toBe(x.size > 0); // an empty array has no place in the memory: the JavaScript loop's job
        if (ran) expectSameBits(o, want.data);
      }
    }
  });

  it('sums and means of [A, R, I] over R for every I to 19 and A to 9 (eight, two or one i at a time; four rows at a time where I = 1), specials and overflow included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        // R >= 2, as the Sum kernel calls it: a reduced dim of 1 is dropped (TF1 copies, keeping -0; a sum from 0 would not)
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 19 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1e6 }),
        (A, R, I, specials, seed) => {
          const shape = [A, R, I];
          const v = values(A * R * I, seed, specials);
          // a column of huge values: its float32 sum overflows (stored as infinity, the mean too)
          if (!specials) for (let r = 0; r < R; r++) v[r * I] = 3e38;
          const x = new NDArray(v, shape, 'float32');
          for (const op of ['Sum', 'Mean'] as const) {
            const want = run1(op, [x, iv(1)], { keep_dims: false, Tidx: 'int32' } as never);
            const o = hostFloat32(want.size);
            expect(wasmSum(inMemory(v), A, R, I, o, op === 'Mean' ? R : 1)).toBe(true);
            expectSameBits(o, want.data);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ApplyGradientDescent: the product rounded to float32, then the subtraction', () => {
    for (const n of [1, 3, 4, 7850]) {
      const v = values(n, n, false);
      const d = values(n, n + 1);
      const alpha = Math.fround(0.1);
      const want = Float32Array.from(v);
      run1(
        'ApplyGradientDescent',
        [new NDArray(want, [n], 'float32'), new NDArray(Float32Array.of(alpha), [], 'float32'), new NDArray(d, [n], 'float32')],
        {} as never,
      );
      const got = inMemory(v);
      expect(wasmApplyGradientDescent(got, alpha, inMemory(d))).toBe(true);
      expectSameBits(got, want);
    }
  });

  it("BiasAddGrad with the channels last runs on the sum kernel, with the loop's bits", () => {
    for (const shape of [
      [50, 14, 14, 64],
      [3, 5, 7],
      [1, 1],
      [9, 6, 3],
    ]) {
      const g = new NDArray(inMemory(values(sizeOf(shape), sizeOf(shape), true)), shape, 'float32');
      const outs: NDArray[] = [];
      for (const fast of [undefined, CPU_FAST_PATHS!]) {
        NN_EXTRA_KERNELS.BiasAddGrad({
          name: 'b',
          inputs: [g],
          attrs: { data_format: 'NHWC' } as never,
          output: (_i, s) => outs[outs.push(new NDArray(hostFloat32(sizeOf(s)).fill(7), s, 'float32')) - 1]!,
          random: () => stream(1),
          ...(fast ? { fast } : {}),
        });
      }
      expectSameBits(outs[1]!.data as Float32Array, outs[0]!.data);
    }
  });

  it("AddN runs its additions on the binary kernel's Add, with the loop's bits, for 2, 3 and 28 terms (an unrolled LSTM's kernel gradient)", () => {
    for (const [n, shape] of [
      [2, [3, 5]],
      [3, [1]],
      [28, [156, 512]],
      [5, [7, 9, 2]],
    ] as [number, number[]][]) {
      const terms = Array.from({ length: n }, (_, k) => new NDArray(inMemory(values(sizeOf(shape), 31 * k + n, true)), shape, 'float32'));
      let calls = 0;
      const counting: FastPaths = {
        ...CPU_FAST_PATHS!,
        binary: (...a) => {
          calls++;
          return CPU_FAST_PATHS!.binary(...a);
        },
      };
      const outs: NDArray[] = [];
      for (const fast of [undefined, counting]) {
        ARRAY_KERNELS.AddN({
          name: 'AddN',
          inputs: terms,
          attrs: {} as never,
          output: (_i, s) => outs[outs.push(new NDArray(hostFloat32(sizeOf(s)).fill(7), s, 'float32')) - 1]!,
          random: () => stream(1),
          ...(fast ? { fast } : {}),
        });
      }
      expect(calls).toBe(n - 1);
      expectSameBits(outs[1]!.data as Float32Array, outs[0]!.data);
    }
  });

  it('ApplyAdam: every operation rounded to float32 as the loop does, with and without Nesterov', () => {
    const f32 = (v: number) => new NDArray(Float32Array.of(v), [], 'float32');
    for (const n of [1, 3, 4, 7, 3136]) {
      for (const use_nesterov of [false, true]) {
        const [w, m, v, g]: Float32Array[] = [values(n, n, false), values(n, n + 1), Float32Array.from(values(n, n + 2), Math.abs), values(n, n + 3)];
        const [b1p, b2p, lr, b1, b2, eps] = [0.9 ** 3, 0.999 ** 3, 1e-4, 0.9, 0.999, 1e-8].map(Math.fround) as number[];
        const want = [w!, m!, v!].map((a) => Float32Array.from(a));
        const arrays = [...want, b1p, b2p, lr, b1, b2, eps].map((a) => (typeof a === 'number' ? f32(a) : new NDArray(a!, [n], 'float32')));
        run1('ApplyAdam', [...arrays, new NDArray(g!, [n], 'float32')], { use_locking: false, use_nesterov } as never);
        const got = [w!, m!, v!].map(inMemory);
        const r = Math.fround;
        const alpha = r(r(lr! * r(Math.sqrt(r(1 - b2p!)))) / r(1 - b1p!));
        const s = { alpha, c1: r(1 - b1!), c2: r(1 - b2!), b1: b1!, eps: eps!, nesterov: use_nesterov };
        expect(wasmApplyAdam(got[0]!, got[1]!, got[2]!, inMemory(g!), s)).toBe(true);
        got.forEach((a, i) => expectSameBits(a, want[i]!));
      }
    }
  });
});
