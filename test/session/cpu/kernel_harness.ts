/** Runs CPU kernels directly, as the executor would, and holds the naive references the tests compare against. */
import { expect } from 'vitest';
import { allocHost, type DType } from '../../../src/framework/dtypes.js';
import { TensorShape } from '../../../src/framework/shape.js';
import { NDArray, sizeOf } from '../../../src/framework/ndarray.js';
import { runShapeRule } from '../../../src/framework/op_defs.js';
import type { InputInfo } from '../../../src/framework/op_def.js';
import { writesRef, type OpAttrs, type OpType } from '../../../src/framework/op_defs.js';
import type { HostKernel, RandomStream } from '../../../src/session/kernel.js';
import { HOST_KERNELS } from '../../../src/session/kernels/index.js';

/** A value that no kernel result in these tests equals, so an element a kernel forgot to write shows. */
const SENTINEL = 77;

/** An NDArray from flat values. */
export function nd(values: ArrayLike<number>, shape: readonly number[], dtype: DType = 'float64'): NDArray {
  const data = allocHost(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = values[i]!;
  return new NDArray(data, shape, dtype);
}

/** `v` as a `dtype` value: float32 rounding, int32 wrap, and no -0 for int64 (integers have one zero). */
export function roundTo(dtype: DType, v: number): number {
  const a = allocHost(dtype, 1);
  a[0] = v;
  return dtype === 'int64' ? a[0]! + 0 : a[0]!;
}

/** An int32 vector, the usual form of axes, shapes and multiples. */
export const iv = (...v: number[]): NDArray => nd(v, [v.length], 'int32');

/** A scalar. */
export const sc = (v: number, dtype: DType = 'float64'): NDArray => nd([v], [], dtype);

/** A deterministic uniform stream (mulberry32), so random kernels are reproducible. */
export function stream(seed = 1): RandomStream {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Options of `run`. */
export interface RunOptions {
  /** Output dtypes, when the shape rule is skipped (to test run-time errors the rule would catch first). */
  dtypes?: DType[];
  random?: RandomStream;
}

/**
 * Runs `type`'s kernel on `inputs`. Unless `dtypes` is given, the op's static shape rule runs
 * first on fully known inputs, supplies the output dtypes, and each output's shape must match
 * the rule's; outputs start filled with a sentinel, as a reused buffer would be.
 */
export function run<K extends OpType>(type: K, inputs: NDArray[], attrs: OpAttrs[K], opts: RunOptions = {}): NDArray[] {
  const kernel = HOST_KERNELS[type] as HostKernel<K> | null;
  if (kernel === null) throw new Error(`${type} has no kernel`);
  let expected: { dtype: DType; shape: TensorShape }[] | null = null;
  if (!opts.dtypes) {
    const infos: InputInfo[] = inputs.map((t) => ({
      dtype: t.dtype,
      shape: new TensorShape(t.shape),
      value: t,
      partial: t.shape.length === 1 ? Array.from(t.data) : null,
    }));
    expected = runShapeRule(type, type, infos, attrs);
  }
  const dtypes = opts.dtypes ?? expected!.map((e) => e.dtype);
  const outs: NDArray[] = [];
  kernel({
    name: type,
    inputs,
    attrs,
    output(i, shape) {
      expect(outs[i], `output ${i} requested twice`).toBeUndefined();
      const a = NDArray.zeros(shape, dtypes[i]);
      a.data.fill(SENTINEL);
      outs[i] = a;
      return a;
    },
    random: () => opts.random ?? stream(),
  });
  if (writesRef(type)) {
    expect(outs).toEqual([]);
    return [inputs[0]!];
  }
  expect(outs.length).toBe(dtypes.length);
  expected?.forEach((e, i) => {
    const got = outs[i]!.shape;
    if (e.shape.dims !== null) {
      expect(got.length, `rank of output ${i}`).toBe(e.shape.dims.length);
      e.shape.dims.forEach((d, j) => {
        if (d !== null) expect(got[j], `dim ${j} of output ${i}`).toBe(d);
      });
    }
  });
  return outs;
}

/** Runs a single-output kernel. */
export function run1<K extends OpType>(type: K, inputs: NDArray[], attrs: OpAttrs[K], opts: RunOptions = {}): NDArray {
  return run(type, inputs, attrs, opts)[0]!;
}

/** Flat index of `idx` in `shape`, with dims of 1 broadcast and missing leading dims dropped. */
export function bindex(shape: readonly number[], idx: readonly number[]): number {
  let f = 0;
  const off = idx.length - shape.length;
  for (let i = 0; i < shape.length; i++) f = f * shape[i]! + (shape[i] === 1 ? 0 : idx[off + i]!);
  return f;
}

/** Every multi-index of `shape`, in row-major order. */
export function* indices(shape: readonly number[]): Generator<number[]> {
  const n = sizeOf(shape);
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    yield [...idx];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
}

/** Random values for a dtype: small integers for ints (so sums stay exact), bools, or floats. */
export function values(n: number, dtype: DType, rng: RandomStream): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    out.push(dtype === 'bool' ? (u < 0.5 ? 0 : 1) : dtype === 'int32' || dtype === 'int64' ? Math.floor(u * 19) - 9 : u * 8 - 4);
  }
  return out;
}
