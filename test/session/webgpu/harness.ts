/** Runs graphs on the CPU and WebGPU backends side by side and compares their results within the stated float32 tolerance. */
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import * as tf from '../../../src/index.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import type { GpuTuning } from '../../../src/session/webgpu/kernel.js';
import type { DType } from '../../../src/framework/dtypes.js';
import { NDArray, sizeOf } from '../../../src/framework/ndarray.js';
import type { OpAttrs, OpType } from '../../../src/framework/op_defs.js';

/**
 * The float32 tolerance of the parity suite: |webgpu − cpu| ≤ TOL · (|cpu| + S), where S is the
 * sum of the magnitudes of the terms that make the value (Σ|x| over the reduced elements for a
 * sum, Σ|a_ik b_kj| for a product; 1 for elementwise ops). TOL = 2⁻¹⁶ ≈ 1.5e-5 allows a few
 * hundred float32 roundings (2⁻²⁴ each) of reordered sums and of the GPU's exp/log/division,
 * which Vulkan lets differ from correctly rounded results by a few ulp. Integers and bools agree exactly.
 */
export const TOL = 2 ** -16;

/** No silent skip: every kernel test needs a device, and CI installs SwiftShader. */
export const NO_ADAPTER = 'No WebGPU adapter: run `bash .ci/install-webgpu.sh` (libvulkan1 and chromium, for SwiftShader).';

/** One graph with a CPU and a WebGPU session on it, shared by a test file's properties (a device per file, not per case). */
export interface Pair {
  graph: tf.Graph;
  cpu: tf.Session;
  gpu: tf.Session;
}

/** A fresh graph with one session per backend. */
export function pair(): Pair {
  const graph = new tf.Graph();
  return { graph, cpu: new tf.Session({ graph, backend: 'cpu' }), gpu: new tf.Session({ graph, backend: 'webgpu' }) };
}

/**
 * One pair for a test file: opened before its tests (which fail with NO_ADAPTER where there is no WebGPU adapter)
 * and closed after them. The object is filled in by the file's beforeAll.
 */
export function filePair(): Pair {
  const p = {} as Pair;
  beforeAll(async () => {
    Object.assign(p, pair());
    if (!((await p.gpu.getBackend().catch(() => null)) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  });
  afterAll(() => {
    if (p.gpu) closePair(p);
  });
  return p;
}

/** What a test of a path taken on hardware adapters only sees of its pair's WebGPU device: its dispatches and shader texts. */
export interface TunedPair {
  p: Pair;
  tuning: GpuTuning;
  counts: { dispatches: number };
  sources: string[];
}

/**
 * One pair for a test file whose WebGPU backend takes the paths `flags` choose (GpuTuning flags that are on by
 * default on hardware adapters only, checked here, and forced on so that SwiftShader takes them too), its device
 * counting dispatches and keeping each shader module's text. Filled in by the file's beforeAll.
 */
export function tunedFilePair(flags: readonly (keyof GpuTuning)[]): TunedPair {
  const t = { counts: { dispatches: 0 }, sources: [] as string[] } as unknown as TunedPair;
  beforeAll(async () => {
    t.p = pair();
    const backend = await t.p.gpu.getBackend();
    if (!(backend instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
    for (const f of flags) {
      expect(backend.tuning[f], f).toBe(!backend.context.isFallback);
      backend.tuning[f] = true;
    }
    t.tuning = backend.tuning;
    const device = backend.context.device;
    countDispatches(device, t.counts);
    const createShaderModule = device.createShaderModule.bind(device);
    device.createShaderModule = (d: GPUShaderModuleDescriptor) => {
      t.sources.push(d.code);
      return createShaderModule(d);
    };
  });
  afterAll(() => {
    if (t.p) closePair(t.p);
  });
  return t;
}

/** Closes both sessions. */
export function closePair(p: Pair): void {
  p.cpu.close();
  p.gpu.close();
}

/** Adds an op directly, with its TF1 type and attributes. */
export function op<K extends OpType>(g: tf.Graph, type: K, inputs: tf.Tensor[], attrs: OpAttrs[K]): tf.Tensor[] {
  return [...g.create_op(type, inputs, attrs, type).outputs];
}

/** An NDArray of `dtype` from flat values. */
export function nd(values: readonly number[], shape: readonly number[], dtype: DType): NDArray {
  const a = NDArray.zeros(shape, dtype);
  a.data.set(values);
  return a;
}

/** Float32 values on a 1/1024 grid in [-4, 4]: exact in float32, no subnormals, zeros and ties included. */
export const floatValue = fc.integer({ min: -4096, max: 4096 }).map((i) => i / 1024);
/** Positive float32 values in [1/64, 4], for log, sqrt and divisors. */
export const positiveValue = fc.integer({ min: 16, max: 4096 }).map((i) => i / 1024);
/** Small int32 values. */
export const intValue = fc.integer({ min: -50, max: 50 });

/** An array of `shape` filled from `value`. */
export function arrayOf(shape: readonly number[], dtype: DType, value: fc.Arbitrary<number>): fc.Arbitrary<NDArray> {
  const n = sizeOf(shape);
  return fc.array(value, { minLength: n, maxLength: n }).map((v) => nd(v, shape, dtype));
}

/** Shapes of rank 0..maxRank with dims 1..maxDim (and sometimes 0, an empty tensor). */
export function shapeOf(maxRank = 4, maxDim = 5, empty = true): fc.Arbitrary<number[]> {
  const dim = empty
    ? fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 12, arbitrary: fc.integer({ min: 1, max: maxDim }) })
    : fc.integer({ min: 1, max: maxDim });
  return fc.array(dim, { minLength: 0, maxLength: maxRank });
}

/** A shape and a second one that broadcasts against it (leading dims dropped, some dims set to 1), in either order. */
export const broadcastPair: fc.Arbitrary<[number[], number[]]> = shapeOf(4, 4)
  .chain((s) =>
    fc.tuple(fc.constant(s), fc.integer({ min: 0, max: s.length }), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }), fc.boolean()),
  )
  .map(([s, drop, ones, swap]) => {
    const t = s.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d));
    return swap ? [t, s] : [s, t];
  });

/** What one parity case runs: a list of runs (fetches and feeds), and per fetch an optional magnitude tensor S (CPU only). */
export interface Built {
  runs: { fetches: (tf.Tensor | tf.Operation)[]; feeds: Map<tf.Tensor, NDArray>; scales?: (tf.Tensor | null)[] | undefined }[];
}

/** Runs a built case on both backends and expects every fetched value to agree. */
export async function expectParity(p: Pair, built: Built): Promise<void> {
  for (const r of built.runs) {
    const cpu = await p.cpu.run(r.fetches, r.feeds);
    const gpu = await p.gpu.run(r.fetches, r.feeds);
    const scales = r.scales?.some((s) => s)
      ? await p.cpu.run(
          r.scales.map((s, i) => s ?? r.fetches[i]!),
          r.feeds,
        )
      : null;
    r.fetches.forEach((t, i) => {
      const c = cpu[i] ?? null;
      const g = gpu[i] ?? null;
      if (c === null || g === null) expect(g, t.name).toBe(c);
      else expectClose(g, c, r.scales?.[i] ? (scales![i] as NDArray) : null, t.name);
    });
  }
}

/** Expects a WebGPU result to equal the CPU's: same shape and dtype, integers exact, float32 within TOL·(|cpu| + S). */
export function expectClose(gpu: NDArray, cpu: NDArray, scale: NDArray | null, label: string): void {
  expect(gpu.dtype, label).toBe(cpu.dtype);
  expect([...gpu.shape], label).toEqual([...cpu.shape]);
  if (cpu.dtype === 'string') {
    expect(gpu.strings, label).toEqual(cpu.strings);
    return;
  }
  if (cpu.dtype !== 'float32') {
    expect(Array.from(gpu.data), label).toEqual(Array.from(cpu.data));
    return;
  }
  for (let i = 0; i < cpu.size; i++) {
    const c = cpu.data[i]!;
    const g = gpu.data[i]!;
    if (Number.isNaN(c) && Number.isNaN(g)) continue;
    if (c === g) continue;
    const s = scale ? Math.abs(scale.data[i]!) : 1;
    const tol = TOL * (Math.abs(c) + s);
    if (!(Math.abs(g - c) <= tol)) {
      expect.fail(`${label}[${i}]: webgpu ${g} vs cpu ${c} (|diff| ${Math.abs(g - c)} > ${tol})`);
    }
  }
}

/** Runs `training` `steps` times on `feeds`, returning `loss` before each step (the article's training loop). */
export async function lossesWhileTraining(sess: tf.Session, loss: tf.Tensor, training: tf.Operation, feeds: tf.FeedDict, steps: number): Promise<number[]> {
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    losses.push((await sess.run(loss, feeds)).item());
    await sess.run(training, feeds);
  }
  return losses;
}

/** Wraps `device` so that every compute dispatch adds one to `counts.dispatches`. */
export function countDispatches(device: GPUDevice, counts: { dispatches: number }): void {
  const createCommandEncoder = device.createCommandEncoder.bind(device);
  device.createCommandEncoder = (d?: GPUCommandEncoderDescriptor) => {
    const enc = createCommandEncoder(d);
    const beginComputePass = enc.beginComputePass.bind(enc);
    enc.beginComputePass = (p?: GPUComputePassDescriptor) => {
      const pass = beginComputePass(p);
      const dispatch = pass.dispatchWorkgroups.bind(pass);
      pass.dispatchWorkgroups = (...a: Parameters<GPUComputePassEncoder['dispatchWorkgroups']>) => {
        counts.dispatches++;
        return dispatch(...a);
      };
      return pass;
    };
    return enc;
  };
}

/** A WebGPU session on `graph` with fusion on or off, its device counting compute dispatches into `counts`. */
export async function countingGpuSession(graph: tf.Graph, fusion: boolean): Promise<{ sess: tf.Session; counts: { dispatches: number } }> {
  const sess = new tf.Session({ graph, backend: 'webgpu' });
  const backend = await sess.getBackend();
  if (!(backend instanceof WebGpuBackend)) {
    sess.close();
    throw new Error(NO_ADAPTER);
  }
  backend.tuning.fusion = fusion;
  const counts = { dispatches: 0 };
  countDispatches(backend.context.device, counts);
  return { sess, counts };
}

/** A CPU session and a WebGPU one on `graph`, the latter's device counting compute dispatches (the fusion tests). */
export async function countingSessions(graph: tf.Graph) {
  const cpu = new tf.Session({ graph, backend: 'cpu' });
  const gpu = new tf.Session({ graph, backend: 'webgpu' });
  const backend = await gpu.getBackend();
  if (!(backend instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  const counts = { dispatches: 0 };
  countDispatches(backend.context.device, counts);
  return { cpu, gpu, backend, counts };
}
