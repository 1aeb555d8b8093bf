import type { NDArray } from '../framework/ndarray.js';
import type { OpAttrs, OpType } from '../framework/op_defs.js';
import type { ConvGeometry } from './kernels/nn_conv.js';
import type { PoolGeometry } from './kernels/pool_geometry.js';
import type { TensorArrayStore } from './tensor_array_store.js';

/** A uniform random source in [0, 1), persistent per op within a session (so each run draws new values). */
export interface RandomStream {
  /** Next uniform double in [0, 1). */
  next(): number;
}

/** What a host kernel gets: its inputs, typed attributes, and an allocator for its outputs. */
export interface KernelArgs<K extends OpType> {
  /** The op's name, for error messages. */
  name: string;
  /** Input values, in the op's input order. For ref writers, inputs[0] is the variable's own storage. */
  inputs: readonly NDArray[];
  /** The op's attributes. */
  attrs: OpAttrs[K];
  /** Returns the buffer for output `i` with `shape` (preallocated by the plan when the shape matches); dtype comes from the graph. */
  output(i: number, shape: readonly number[]): NDArray;
  /** This op's random stream. */
  random(): RandomStream;
  /** The backend's faster paths for some float32 kernels (the CPU backend's WebAssembly SIMD); absent on the host. */
  fast?: FastPaths;
  /** The run's TensorArrays (the CPU backend makes a store per run); absent where TensorArray ops cannot run. */
  tensorArrays?: TensorArrayStore;
  /** An object kept for this op across the session's runs (Print's count of runs), made by `make` the first time. */
  state?<T extends object>(make: () => T): T;
  /**
   * The kernel's own shape work (out shapes, coalesced layouts), kept on these arguments: a compiled plan's step
   * keeps its arguments across runs, so a kernel reuses it while its inputs' shapes repeat and redoes it when not.
   */
  memo?: unknown;
}

/** ApplyAdam's scalars as its float32 loop uses them: lr_t, 1 − β1, 1 − β2, β1, ε, and use_nesterov. */
export interface AdamScalars {
  alpha: number;
  c1: number;
  c2: number;
  b1: number;
  eps: number;
  nesterov: boolean;
}

/**
 * Faster implementations a backend offers the host kernels for float32 operands, each computing what the kernel's own
 * loop computes (elementwise ops bit for bit; products and sums may add in another order, so equal within float32
 * rounding) or declining with false, when the kernel then runs its loop.
 */
export interface FastPaths {
  /** An elementwise binary op into `o` (already shaped as the broadcast of x and y). */
  binary(type: OpType, x: NDArray, y: NDArray, o: NDArray): boolean;
  /** An elementwise unary op into `o`. */
  unary(type: OpType, x: NDArray, o: NDArray): boolean;
  /** C = op(A)·op(B), [M, K]·[K, N]. */
  matmul(a: Float32Array, ta: boolean, b: Float32Array, tb: boolean, c: Float32Array, M: number, N: number, K: number): boolean;
  /** Softmax of each row of C values. */
  softmax(x: Float32Array, o: Float32Array, C: number): boolean;
  /** Sums over the middle axis of an [A, R, I] layout, each divided by `div` (1 for a sum, the count for a mean). */
  sum(x: Float32Array, A: number, R: number, I: number, o: Float32Array, div: number): boolean;
  /** var -= alpha * delta in place. */
  applyGradientDescent(v: Float32Array, alpha: number, d: ArrayLike<number>): boolean;
  /** TF1's Adam in place on float32 w and its slots m and v (ApplyAdam). */
  applyAdam(w: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, s: AdamScalars): boolean;
  /** MaxPool of x into o. */
  maxPool(g: PoolGeometry, x: Float32Array, o: Float32Array): boolean;
  /** MaxPoolGrad: dy routed to each window's maximum in x, into o. */
  maxPoolGrad(g: PoolGeometry, x: Float32Array, dy: Float32Array, o: Float32Array): boolean;
  /** Conv2D of NHWC x by HWIO f into o. */
  conv2d(g: ConvGeometry, x: Float32Array, f: Float32Array, o: Float32Array): boolean;
  /** Conv2DBackpropInput: the input's gradient o from the filter and dy. */
  conv2dBackpropInput(g: ConvGeometry, f: Float32Array, dy: Float32Array, o: Float32Array): boolean;
  /** Conv2DBackpropFilter: the filter's gradient o from the input and dy. */
  conv2dBackpropFilter(g: ConvGeometry, x: Float32Array, dy: Float32Array, o: Float32Array): boolean;
  /** MaxPoolGradGrad: ddx (x's shape) read at each window's maximum in x, into o (the pooled shape). */
  maxPoolGradGrad(g: PoolGeometry, x: Float32Array, ddx: Float32Array, o: Float32Array): boolean;
  /** AvgPool of x into o. */
  avgPool(g: PoolGeometry, x: Float32Array, o: Float32Array): boolean;
  /** AvgPoolGrad: each dy over its window's count, summed into o (the input's shape). */
  avgPoolGrad(g: PoolGeometry, dy: Float32Array, o: Float32Array): boolean;
}

/** A host kernel (plain JavaScript, the reference both backends are checked against): computes the op's outputs into buffers from `output()`. May throw tf.errors for bad values. */
export type HostKernel<K extends OpType> = (args: KernelArgs<K>) => void;

/** The host kernel table type: one kernel per op type, or null where the executor handles the op itself. */
export type HostKernelTable = { [K in OpType]: HostKernel<K> | null };

/** One kernel per entry of an op table (elementwise ops are tables of formulas keyed by op type). */
export const mapKernels = <T extends object, R>(table: T, make: (type: keyof T & string, def: T[keyof T]) => R): { [K in keyof T]: R } =>
  Object.fromEntries(Object.entries(table).map(([k, d]) => [k, make(k as keyof T & string, d as T[keyof T])])) as { [K in keyof T]: R };

/**
 * The ops no backend has a kernel for: a plan step's kind says what the executor does with them (sources: fed,
 * constant or variable storage; NoOp; the views whose output is input 0's storage; Assign, a copy into the
 * variable's storage or new storage). Each kernel table spreads this.
 */
export const EXECUTOR_STEPS = {
  Placeholder: null,
  Const: null,
  VariableV2: null,
  NoOp: null,
  Identity: null,
  RefIdentity: null,
  StopGradient: null,
  Reshape: null,
  ExpandDims: null,
  Assign: null,
  PlaceholderWithDefault: null,
  Switch: null,
  RefSwitch: null,
  Merge: null,
  // the while loop's ops move values between frames and iterations (session/loop_exec.ts)
  Enter: null,
  Exit: null,
  NextIteration: null,
  LoopCond: null,
  RefEnter: null,
  RefExit: null,
  RefNextIteration: null,
  RefMerge: null,
  // a run's stacks live in the loop executor (session/stack_store.ts); ControlTrigger does nothing
  StackV2: null,
  StackPushV2: null,
  StackPopV2: null,
  StackCloseV2: null,
  ControlTrigger: null,
  // never a step: a plan that needs an opaque node is refused (plan.ts)
  _Opaque: null,
} as const;
