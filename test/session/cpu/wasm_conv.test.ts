// The CPU backend's SIMD convolutions (cpu/wasm/conv.ts, conv.wat: im2col fused with the packed products, on the
// worker threads) against the kernels' direct loops, on the shapes that exercise what the random geometries of
// kernels_conv.test.ts do not reach: mnist_deep's layers (many chunks, split across threads), one input channel,
// batch 1, a panel's remainder, strides with padding, operands outside the kernels' memory, non-finite values and
// empty tensors. Values lie on a 1/64 grid, so the float32 sums are exact here and the routes must agree to the bit
// unless a sum leaves float32's exact range; the check allows 8 roundings of the sum of |terms|.
import { beforeAll, describe, expect, it } from 'vitest';
import { hostFloat32 } from '../../../src/framework/memory/host.js';
import { NDArray } from '../../../src/framework/ndarray.js';
import type { ConvAttrs } from '../../../src/framework/ops/nn_conv.js';
import { CPU_FAST_PATHS } from '../../../src/session/cpu/fast_paths.js';
import { startThreads } from '../../../src/session/cpu/wasm/pool.js';
import { conv2dGeometry, NN_CONV_KERNELS } from '../../../src/session/kernels/nn_conv.js';

type Op = keyof typeof NN_CONV_KERNELS;

/** Float32 values on a 1/64 grid in [-2, 2] (about a third of them zero, as after a ReLU), in the kernels' memory or not. */
function values(shape: number[], seed: number, pinned = true): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = pinned ? hostFloat32(n) : new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const v = ((s >> 8) % 257) / 64 - 2;
    data[i] = (s >> 4) % 3 === 0 ? 0 : v;
  }
  return new NDArray(data, shape, 'float32');
}

const abs = (a: NDArray): NDArray => new NDArray(Float32Array.from(a.data, Math.abs), a.shape, 'float32');
const ints = (s: number[]) => new NDArray(Int32Array.from(s), [s.length], 'int32');

function run(op: Op, inputs: NDArray[], attrs: ConvAttrs, fast: boolean, pinnedOut: boolean): NDArray {
  let o: NDArray | undefined;
  (NN_CONV_KERNELS[op] as (a: unknown) => void)({
    name: op,
    inputs,
    attrs,
    output: (_i: number, shape: readonly number[]) => {
      const n = shape.reduce((a, b) => a * b, 1);
      o = new NDArray(pinnedOut ? hostFloat32(n) : new Float32Array(n), shape, 'float32');
      o.data.fill(Number.NaN); // every element must be written
      return o;
    },
    random: () => {
      throw new Error('not random');
    },
    ...(fast ? { fast: CPU_FAST_PATHS! } : {}),
  });
  return o!;
}

/** The SIMD route equals the direct loop within 8 float32 roundings of the sums of |terms| (NaN and infinities exactly). */
function agree(op: Op, inputs: NDArray[], absInputs: NDArray[], attrs: ConvAttrs, pinnedOut = true): void {
  const [direct, simd, scale] = [run(op, inputs, attrs, false, false), run(op, inputs, attrs, true, pinnedOut), run(op, absInputs, attrs, false, false)];
  expect(simd.shape).toEqual(direct.shape);
  for (let i = 0; i < direct.size; i++) {
    const [s, d] = [simd.data[i]!, direct.data[i]!];
    if (!Number.isFinite(d)) expect(s, `${op} at ${i}`).toBe(d);
    else expect(Math.abs(s - d), `${op} at ${i}`).toBeLessThanOrEqual(8 * 2 ** -24 * scale.data[i]!);
  }
}

interface Case {
  input: [number, number, number, number];
  filter: [number, number, number, number];
  strides?: [number, number];
  dilations?: [number, number];
  padding: 'SAME' | 'VALID';
}

const attrsOf = (c: Case, dilated = true): ConvAttrs => ({
  strides: [1, ...(c.strides ?? [1, 1]), 1],
  use_cudnn_on_gpu: true,
  padding: c.padding,
  data_format: 'NHWC',
  dilations: [1, ...(dilated ? (c.dilations ?? [1, 1]) : [1, 1]), 1],
});

/** All three ops of a case, with operands and outputs in the kernels' memory (`pinned`) or as plain arrays. */
function checkAll(c: Case, seed: number, pinned = true): void {
  const fwd = attrsOf(c);
  const [x, f] = [values(c.input, seed, pinned), values(c.filter, seed + 1, pinned)];
  agree('Conv2D', [x, f], [abs(x), abs(f)], fwd, pinned);
  const back = attrsOf(c, false);
  const g = conv2dGeometry('c', c.input, c.filter, back);
  const dy = values([g.B, g.OH, g.OW, g.OC], seed + 2, pinned);
  agree('Conv2DBackpropInput', [ints(c.input), f, dy], [ints(c.input), abs(f), abs(dy)], back, pinned);
  agree('Conv2DBackpropFilter', [x, ints(c.filter), dy], [abs(x), ints(c.filter), abs(dy)], back, pinned);
}

describe.skipIf(!CPU_FAST_PATHS)('the SIMD convolutions (im2col fused with the packed products)', () => {
  beforeAll(async () => {
    await startThreads();
  });

  it("mnist_deep's second layer: many chunks per thread, split across the threads", () => {
    checkAll({ input: [2, 14, 14, 32], filter: [5, 5, 32, 64], padding: 'SAME' }, 11);
  });

  it("mnist_deep's first layer: one input channel (groups of four span windows), 32 outputs", () => {
    checkAll({ input: [1, 28, 28, 1], filter: [5, 5, 1, 32], padding: 'SAME' }, 21);
  });

  it('batch 1, odd sizes, a panel remainder (13 outputs), strides and both paddings', () => {
    for (const padding of ['SAME', 'VALID'] as const) {
      checkAll({ input: [1, 9, 7, 3], filter: [3, 2, 3, 13], strides: [2, 3], padding }, 31);
      checkAll({ input: [1, 5, 6, 5], filter: [2, 3, 5, 7], padding }, 41);
    }
  });

  it('dilations (Conv2D: windows read one column in two, copied one by one)', () => {
    const c: Case = { input: [2, 9, 8, 3], filter: [3, 3, 3, 5], dilations: [2, 2], padding: 'SAME' };
    const [x, f] = [values(c.input, 51), values(c.filter, 52)];
    agree('Conv2D', [x, f], [abs(x), abs(f)], attrsOf(c));
    const v: Case = { input: [1, 9, 8, 2], filter: [2, 3, 2, 4], dilations: [3, 1], padding: 'VALID' };
    const [x2, f2] = [values(v.input, 53), values(v.filter, 54)];
    agree('Conv2D', [x2, f2], [abs(x2), abs(f2)], attrsOf(v));
  });

  it('operands and outputs outside the kernels memory are copied in and out', () => {
    checkAll({ input: [2, 8, 8, 4], filter: [3, 3, 4, 6], padding: 'SAME' }, 61, false);
  });

  it('an infinity or NaN keeps every zero among the terms (0·inf is NaN), as the loops do', () => {
    const c: Case = { input: [1, 6, 6, 2], filter: [3, 3, 2, 5], padding: 'SAME' };
    const attrs = attrsOf(c);
    const [x, f] = [values(c.input, 71), values(c.filter, 72)];
    f.data[3] = Number.POSITIVE_INFINITY;
    agree('Conv2D', [x, f], [abs(x), abs(f)], attrs);
    const g = conv2dGeometry('c', c.input, c.filter, attrs);
    const dy = values([g.B, g.OH, g.OW, g.OC], 73);
    // the turned filter would meet the padding's zeros: the input's gradient takes dy·fᵀ and col2im instead
    agree('Conv2DBackpropInput', [ints(c.input), f, dy], [ints(c.input), abs(f), abs(dy)], attrs);
    x.data[7] = Number.NEGATIVE_INFINITY;
    agree('Conv2DBackpropFilter', [x, ints(c.filter), dy], [abs(x), ints(c.filter), abs(dy)], attrs);
    // a NaN in dy keeps the patches' zeros (VALID: no padding, whose zeros the loop leaves out of its sums)
    const valid = attrsOf({ ...c, padding: 'VALID' });
    const gv = conv2dGeometry('c', c.input, c.filter, valid);
    const dyv = values([gv.B, gv.OH, gv.OW, gv.OC], 74);
    dyv.data[5] = Number.NaN;
    const xv = values(c.input, 75);
    agree('Conv2DBackpropFilter', [xv, ints(c.filter), dyv], [abs(xv), ints(c.filter), abs(dyv)], valid);
  });

  it("the filter's gradient from whole groups (K a multiple of 4: sums in registers, nothing skipped) keeps infinities and NaN", () => {
    const c: Case = { input: [2, 6, 6, 4], filter: [3, 3, 4, 5], padding: 'VALID' };
    const attrs = attrsOf(c);
    const g = conv2dGeometry('c', c.input, c.filter, attrs);
    const x = values(c.input, 81);
    const dy = values([g.B, g.OH, g.OW, g.OC], 82);
    x.data[9] = Number.POSITIVE_INFINITY;
    dy.data[13] = Number.NaN;
    agree('Conv2DBackpropFilter', [x, ints(c.filter), dy], [abs(x), ints(c.filter), abs(dy)], attrs);
  });

  it('empty batches and channels give empty or zero outputs', () => {
    for (const c of [
      { input: [0, 5, 5, 2], filter: [3, 3, 2, 4] },
      { input: [2, 5, 5, 0], filter: [3, 3, 0, 4] },
      { input: [2, 5, 5, 2], filter: [3, 3, 2, 0] },
    ] as Case[]) {
      checkAll({ ...c, padding: 'SAME' }, 81);
    }
  });
});
