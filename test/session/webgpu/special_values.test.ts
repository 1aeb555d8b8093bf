// NaN, ±inf, ±0, the extreme normals and a subnormal through every float32 elementwise kernel of the WebGPU backend
// and through the article's fused trees, against the CPU backend: NaN must stay NaN, infinities and zeros keep their
// sign, finite values agree within the parity tolerance (harness.ts's TOL). WGSL lets a compiler assume no NaN or
// infinity, and SwiftShader's does, so each kernel has to tell them by their bits; this file is what shows it.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import type { OpType } from '../../../src/framework/op_defs.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import { BINARY_WGSL, UNARY_WGSL } from '../../../src/session/webgpu/programs/elementwise.js';
import { countingGpuSession, nd, NO_ADAPTER, op, TOL } from './harness.js';

const MAX = 3.4028234663852886e38; // the largest float32
const MIN_NORMAL = 2 ** -126;
const SUBNORMAL = Math.fround(1e-40);

/** The unary ops' inputs: the special values, then the edges of exp, tanh and round, then ordinary values. */
const UNARY_IN = [
  ...[Number.NaN, Infinity, -Infinity, 0, -0, MAX, -MAX, MIN_NORMAL, -MIN_NORMAL, SUBNORMAL, -SUBNORMAL, 1, -1],
  ...[88.5, 89, -88, -104, 20, -20, 0.5, -0.5, 2.5, -2.5, 0.3, -3.7, 6, 7.25, 1e-3],
  // past the trig ops' Cody-Waite range (2^22): their Payne-Hanek reduction
  ...[2 ** 22, -5e6, 1e8, 123456789, -3e20, 1.2345e30],
].map(Math.fround);

/** The binary ops' operands: every pair of these, both orders (a runs slow, b fast); 0.1 for FloorDiv(1, 0.1), 10 in TF1 (float32's quotient rounds up to 10). */
const PAIR_IN = [Number.NaN, Infinity, -Infinity, 0, -0, MAX, -MAX, MIN_NORMAL, SUBNORMAL, 1, -1, 0.5, -2.5, 3, -7.25, 0.1].map(Math.fround);
const A = PAIR_IN.flatMap((a) => PAIR_IN.map(() => a));
const B = PAIR_IN.flatMap(() => PAIR_IN);

const show = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));

/**
 * Whether `g` is `c`: NaN for NaN, the same zero or infinity (Object.is), else within TOL · (|c| + scale). A subnormal
 * `c` may come back as the zero of its sign: Vulkan (and WGSL) let a device flush subnormals, and SwiftShader does.
 */
function same(g: number, c: number, scale: number): boolean {
  if (Number.isNaN(c) || Number.isNaN(g)) return Number.isNaN(c) && Number.isNaN(g);
  if (g === 0 && c !== 0 && Math.abs(c) < MIN_NORMAL) return Object.is(g, c < 0 ? -0 : 0);
  if (c === 0 || g === 0 || !Number.isFinite(c) || !Number.isFinite(g)) return Object.is(g, c);
  return Math.abs(g - c) <= TOL * (Math.abs(c) + scale);
}

/** ±0 for a subnormal (as a device that flushes subnormals reads it), else the value. */
const flush = (v: number): number => (v !== 0 && Math.abs(v) < MIN_NORMAL ? (v < 0 ? -0 : 0) : v);

/**
 * Every element where `gpu` is neither `cpu` nor `flushed` (the CPU's result on the inputs with their subnormals
 * flushed to zero), labelled by `input(i)`.
 */
function mismatches(gpu: NDArray, cpu: NDArray, input: (i: number) => string, scale?: NDArray, flushed?: NDArray): string[] {
  expect(gpu.dtype).toBe(cpu.dtype);
  expect([...gpu.shape]).toEqual([...cpu.shape]);
  const out: string[] = [];
  for (let i = 0; i < cpu.size; i++) {
    const [g, c] = [gpu.data[i]!, cpu.data[i]!];
    const s = scale ? Math.abs(scale.data[i]!) : 1;
    const ok = (v: number): boolean => same(v, c, s) || (flushed !== undefined && same(v, flushed.data[i]!, s));
    // a subnormal result may be flushed on the way out as well
    if (!ok(g) && !ok(flush(g))) out.push(`${input(i)}: webgpu ${show(g)} vs cpu ${show(c)}`);
  }
  return out;
}

// the elementwise ops of float32 inputs: the logical ops take bools only
const UNARY = Object.keys(UNARY_WGSL).filter((k) => k !== 'LogicalNot') as OpType[];
const BINARY = Object.keys(BINARY_WGSL).filter((k) => k !== 'LogicalAnd' && k !== 'LogicalOr') as OpType[];
const OTHER = ['Cast:int32', 'Cast:bool', 'Select'] as const;

/** The CPU's and the unfused WebGPU kernels' results of each op, all ops in one run per backend. */
const results = new Map<string, { cpu: NDArray; flushed: NDArray; gpu: NDArray; input: (i: number) => string }>();

beforeAll(async () => {
  const g = new tf.Graph();
  const { x, a, b, c, fetches } = g.as_default(() => {
    const x = tf.placeholder(tf.float32, [UNARY_IN.length]);
    const a = tf.placeholder(tf.float32, [A.length]);
    const b = tf.placeholder(tf.float32, [B.length]);
    const c = tf.placeholder(tf.bool, [A.length]);
    const fetches = new Map<string, tf.Tensor>([
      ...UNARY.map((t) => [t, op(g, t as 'Neg', [x], {})[0]!] as const),
      ...BINARY.map((t) => [t, op(g, t as 'Add', [a, b], {})[0]!] as const),
      ['Cast:int32', tf.cast(x, tf.int32)],
      ['Cast:bool', tf.cast(x, tf.bool)],
      ['Select', tf.where(c, a, b)],
    ]);
    return { x, a, b, c, fetches };
  });
  const feedsOf = (f: (v: number) => number) =>
    new Map([
      [x, nd(UNARY_IN.map(f), [UNARY_IN.length], 'float32')],
      [a, nd(A.map(f), [A.length], 'float32')],
      [b, nd(B.map(f), [B.length], 'float32')],
      [
        c,
        nd(
          A.map((_, i) => i % 2),
          [A.length],
          'bool',
        ),
      ],
    ]);
  const feeds = feedsOf((v) => v);
  const cpu = new tf.Session({ graph: g, backend: 'cpu' });
  const gpu = new tf.Session({ graph: g, backend: 'webgpu' });
  try {
    const backend = await gpu.getBackend();
    if (!(backend instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
    // each op's own kernel, not a fused program
    backend.tuning.fusion = false;
    const keys = [...fetches.keys()];
    const want = await cpu.run([...fetches.values()], feeds);
    const wantFlushed = await cpu.run([...fetches.values()], feedsOf(flush));
    const got = await gpu.run([...fetches.values()], feeds);
    keys.forEach((k, j) => {
      const unary = UNARY.includes(k as OpType) || k.startsWith('Cast');
      const input = unary
        ? (i: number) => `${k}(${show(UNARY_IN[i]!)})`
        : k === 'Select'
          ? (i: number) => `Select(${i % 2 === 1}, ${show(A[i]!)}, ${show(B[i]!)})`
          : (i: number) => `${k}(${show(A[i]!)}, ${show(B[i]!)})`;
      results.set(k, { cpu: want[j]!, flushed: wantFlushed[j]!, gpu: got[j]!, input });
    });
  } finally {
    cpu.close();
    gpu.close();
  }
});

describe('special float32 values through the WebGPU elementwise kernels', () => {
  it.each([...UNARY, ...BINARY, ...OTHER])('%s gives what the CPU backend gives on NaN, ±inf, ±0, extremes and a subnormal', (k) => {
    const r = results.get(k)!;
    expect(mismatches(r.gpu, r.cpu, r.input, undefined, r.flushed)).toEqual([]);
  });
});

/** A [rows, C] array with a NaN row, rows with +inf and -inf, a row of ±0, a row with float32's extremes, and ordinary rows. */
const ROWS = [
  [0.5, Number.NaN, -1, 2, 0.25],
  [0.5, Infinity, -1, 2, 0.25],
  [0.5, -Infinity, -1, 2, 0.25],
  [0, -0, 0, -0, 0],
  [MAX, -MAX, MIN_NORMAL, SUBNORMAL, 1],
  [0.125, 0.5, 0.25, 0.0625, 0.0625],
  [-3, 1.5, 2.25, -0.75, 4],
].map((r) => r.map(Math.fround));
const C = 5;

/** Runs `fetches` on a WebGPU session of `g`, fused or not, counting its dispatches. */
async function onGpu(g: tf.Graph, fetches: tf.Tensor[], feeds: tf.FeedDict, fusion: boolean) {
  const { sess, counts } = await countingGpuSession(g, fusion);
  try {
    return { values: await sess.run(fetches, feeds), dispatches: counts.dispatches };
  } finally {
    sess.close();
  }
}

describe("special float32 values through the article's fused trees on WebGPU", () => {
  it('bias + Softmax, its gradient, Log and its gradient, and reduce_sum(y_ * log(y), 1) agree with the CPU backend, fused and not', async () => {
    const g = new tf.Graph();
    const rows = ROWS.length;
    const t = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [rows, C]);
      const bias = tf.placeholder(tf.float32, [C]);
      const w = tf.placeholder(tf.float32, [rows, C]);
      const y = tf.nn.softmax(tf.add(x, bias));
      const dx = tf.gradients(tf.reduce_sum(tf.multiply(y, w)), x)[0] as tf.Tensor;
      const logx = tf.log(x);
      const dlog = tf.gradients(tf.reduce_sum(tf.multiply(logx, w)), x)[0] as tf.Tensor;
      const xent = tf.reduce_sum(tf.multiply(w, tf.log(x)), 1);
      // the magnitudes the sums round with: Σ|w·y|·|y| + 1 for the softmax gradient, Σ|w·log x| for the cross entropy
      const gradScale = tf.add(tf.multiply(tf.reduce_sum(tf.abs(tf.multiply(w, y)), -1, true), tf.abs(y)), tf.constant(1, tf.float32));
      const xentScale = tf.reduce_sum(tf.abs(tf.multiply(w, tf.log(x))), 1);
      return { x, bias, w, named: { softmax: y, softmax_grad: dx, log: logx, log_grad: dlog, xent }, scales: { softmax_grad: gradScale, xent: xentScale } };
    });
    const feeds = new Map([
      [t.x, nd(ROWS.flat(), [rows, C], 'float32')],
      [t.bias, nd([0.5, -0.25, 0, 1, -1], [C], 'float32')],
      [
        t.w,
        nd(
          ROWS.flat().map((_, i) => [1, -0.5, 0.25, 2, 0][i % C]!),
          [rows, C],
          'float32',
        ),
      ],
    ]);
    const names = Object.keys(t.named) as (keyof typeof t.named)[];
    const fetches = names.map((n) => t.named[n]);
    const cpu = new tf.Session({ graph: g, backend: 'cpu' });
    const want = await cpu.run(fetches, feeds);
    const scales = await cpu.run([t.scales.softmax_grad, t.scales.xent], feeds);
    cpu.close();
    const fused = await onGpu(g, fetches, feeds, true);
    const unfused = await onGpu(g, fetches, feeds, false);
    // the fused plan is the one that fuses: fewer dispatches than one per op
    expect(fused.dispatches).toBeLessThan(unfused.dispatches);
    const found: string[] = [];
    for (const [plan, run] of [
      ['fused', fused],
      ['unfused', unfused],
    ] as const) {
      names.forEach((n, j) => {
        const scale = n === 'softmax_grad' ? scales[0] : n === 'xent' ? scales[1] : undefined;
        const input = (i: number): string =>
          `${plan} ${n} row ${n === 'xent' ? i : Math.floor(i / C)} [${ROWS[n === 'xent' ? i : Math.floor(i / C)]!.map(show).join(', ')}]`;
        found.push(...mismatches(run.values[j]!, want[j]!, input, scale));
      });
    }
    expect(found).toEqual([]);
  });
});
