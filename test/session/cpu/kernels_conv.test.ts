// The convolution kernels' SIMD route (im2col + the WebAssembly matmul, col2im for the input's gradient) against
// their direct loops, which the ported TF1 cases check by value: random NHWC geometries, every padding, stride and
// (for Conv2D) dilation, float32 values on a 1/64 grid. The matmul sums in float32, so the two agree to a few
// float32 roundings of the sum of |terms|.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NDArray } from '../../../src/framework/ndarray.js';
import type { ConvAttrs } from '../../../src/framework/ops/nn_conv.js';
import { CPU_FAST_PATHS } from '../../../src/session/cpu/fast_paths.js';
import { conv2dGeometry, NN_CONV_KERNELS } from '../../../src/session/kernels/nn_conv.js';

const geometry = (dilated: boolean) =>
  fc
    .record({
      B: fc.integer({ min: 1, max: 3 }),
      H: fc.integer({ min: 1, max: 9 }),
      W: fc.integer({ min: 1, max: 9 }),
      C: fc.integer({ min: 1, max: 5 }),
      FH: fc.integer({ min: 1, max: 4 }),
      FW: fc.integer({ min: 1, max: 4 }),
      OC: fc.integer({ min: 1, max: 13 }),
      sh: fc.integer({ min: 1, max: 3 }),
      sw: fc.integer({ min: 1, max: 3 }),
      dh: fc.integer({ min: 1, max: dilated ? 2 : 1 }),
      dw: fc.integer({ min: 1, max: dilated ? 2 : 1 }),
      padding: fc.constantFrom<'SAME' | 'VALID'>('SAME', 'VALID'),
      seed: fc.integer({ min: 1, max: 1000 }),
    })
    .filter((r) => r.padding === 'SAME' || (r.H >= (r.FH - 1) * r.dh + 1 && r.W >= (r.FW - 1) * r.dw + 1));

/** Float32 values on a 1/64 grid in [-2, 2], from a small LCG. */
function values(shape: number[], seed: number): NDArray {
  const a = NDArray.zeros(shape, 'float32');
  let s = seed;
  for (let i = 0; i < a.size; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    a.data[i] = ((s >> 8) % 257) / 64 - 2;
  }
  return a;
}

const abs = (a: NDArray): NDArray => new NDArray(Float32Array.from(a.data, Math.abs), a.shape, 'float32');
const ints = (s: number[]) => new NDArray(Int32Array.from(s), [s.length], 'int32');

/** Runs a kernel with or without the SIMD route. */
function run(op: keyof typeof NN_CONV_KERNELS, inputs: NDArray[], attrs: ConvAttrs, fast: boolean): NDArray {
  let o: NDArray | undefined;
  const kernel = NN_CONV_KERNELS[op] as (a: unknown) => void;
  kernel({
    name: op,
    inputs,
    attrs,
    output: (_i: number, shape: readonly number[]) => (o = NDArray.zeros(shape, 'float32')),
    random: () => {
      throw new Error('not random');
    },
    ...(fast ? { fast: CPU_FAST_PATHS! } : {}),
  });
  return o!;
}

/** The two routes agree within 8 float32 roundings of the sums of |terms| (the same op on |inputs|). */
function agree(op: keyof typeof NN_CONV_KERNELS, inputs: NDArray[], absInputs: NDArray[], attrs: ConvAttrs): void {
  const [direct, simd, scale] = [run(op, inputs, attrs, false), run(op, inputs, attrs, true), run(op, absInputs, attrs, false)];
  expect(simd.shape).toEqual(direct.shape);
  for (let i = 0; i < direct.size; i++) {
    expect(Math.abs(simd.data[i]! - direct.data[i]!), `${op} at ${i}`).toBeLessThanOrEqual(8 * 2 ** -24 * scale.data[i]!);
  }
}

describe.skipIf(!CPU_FAST_PATHS)('the convolutions on the SIMD matmul', () => {
  it('Conv2D equals its direct loop (im2col; a 1×1 stride-1 filter reads the input itself)', () =>
    fc.assert(
      fc.property(geometry(true), (r) => {
        const attrs: ConvAttrs = {
          strides: [1, r.sh, r.sw, 1],
          use_cudnn_on_gpu: true,
          padding: r.padding,
          data_format: 'NHWC',
          dilations: [1, r.dh, r.dw, 1],
        };
        const [x, f] = [values([r.B, r.H, r.W, r.C], r.seed), values([r.FH, r.FW, r.C, r.OC], r.seed + 1)];
        agree('Conv2D', [x, f], [abs(x), abs(f)], attrs);
      }),
      { numRuns: 60 },
    ));

  it('Conv2DBackpropInput and Conv2DBackpropFilter equal their direct loops (dy·fᵀ then col2im; patchesᵀ·dy)', () =>
    fc.assert(
      fc.property(geometry(false), (r) => {
        const attrs: ConvAttrs = { strides: [1, r.sh, r.sw, 1], use_cudnn_on_gpu: true, padding: r.padding, data_format: 'NHWC', dilations: [1, 1, 1, 1] };
        const input = [r.B, r.H, r.W, r.C];
        const filter = [r.FH, r.FW, r.C, r.OC];
        const g = conv2dGeometry('c', input, filter, attrs);
        const [x, f, dy] = [values(input, r.seed), values(filter, r.seed + 1), values([g.B, g.OH, g.OW, g.OC], r.seed + 2)];
        agree('Conv2DBackpropInput', [ints(input), f, dy], [ints(input), abs(f), abs(dy)], attrs);
        agree('Conv2DBackpropFilter', [x, ints(filter), dy], [abs(x), ints(filter), abs(dy)], attrs);
      }),
      { numRuns: 60 },
    ));
});
