import type { DType } from '../../framework/dtypes.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { OpAttrs, OpType } from '../../framework/op_defs.js';
import type { WgslScalar } from './dtypes.js';

/** A tensor on the GPU as kernels see it: a shape, a dtype, and an opaque handle on its storage. */
export interface GpuTensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
}

/**
 * A WGSL compute program. Its text is a pure function of (op, attributes, dtypes, ranks); every
 * size travels in the uniform struct, whose fields' types are listed here in declaration order.
 * Bindings: 0 is the uniform struct, then `inputs` read-only storage arrays, then `outputs`
 * read-write ones, in the order the dispatch lists them.
 */
export interface Program {
  readonly source: string;
  readonly uniforms: readonly WgslScalar[];
  readonly inputs: number;
  readonly outputs: number;
}

/**
 * Choices between programs that compute the same values, made per adapter. A CPU adapter
 * (SwiftShader) has a few cores that register tiles already fill, and pays for every workgroup
 * barrier; a GPU needs many threads. Tests set them to reach every path on SwiftShader.
 */
export interface GpuTuning {
  /** MatMul of skinny shapes by split-K (programs/matmul_splitk.ts); by default on hardware adapters only. */
  splitK: boolean;
  /** Split-K products with K also split across workgroups, their partials then added up; by default on hardware adapters only. */
  splitKParts: boolean;
  /** Reductions of few outputs over many elements in two passes (programs/reduce_split.ts); by default on hardware adapters only. */
  splitReduce: boolean;
  /** Run each tree of elementwise ops as one dispatch (session/fusion.ts); on by default, off to compare. */
  fusion: boolean;
  /** Time each op on the device in traced runs (timestamp queries), where the device has them; on by default. */
  timestamps: boolean;
}

/** One dispatch of a program over tensors, with its uniform values and workgroup counts. */
export interface Dispatch {
  program: Program;
  inputs: readonly GpuTensor[];
  outputs: readonly GpuTensor[];
  uniforms: readonly number[];
  workgroups: readonly number[];
}

/** What a WebGPU kernel gets: its inputs' shapes, host copies of the inputs it declared, and ways to allocate and dispatch. */
export interface GpuKernelArgs<K extends OpType> {
  /** The op's name, for error messages. */
  readonly name: string;
  readonly attrs: OpAttrs[K];
  /** The inputs, in the op's input order (for ref writers, inputs[0] is the variable's storage). */
  readonly inputs: readonly GpuTensor[];
  /** The host value of input `i`; only for inputs in the kernel's `hostInputs`. */
  host(i: number): NDArray;
  /** Allocates output `i` on the GPU (its dtype comes from the graph). */
  output(i: number, shape: readonly number[]): GpuTensor;
  /** Sets output `i` to a value computed on the host (shape metadata). */
  hostOutput(i: number, value: NDArray): void;
  /** A GPU array for this kernel's own use between its dispatches (partial results), released after it. */
  scratch(shape: readonly number[], dtype: DType): GpuTensor;
  /** A small host array uploaded for this step only (index maps), released after it. */
  upload(value: NDArray): GpuTensor;
  /** Records a dispatch; nothing runs until the backend submits the step's command buffer. */
  dispatch(d: Dispatch): void;
  /** The device's limits (workgroup counts, storage sizes). */
  readonly limits: GPUSupportedLimits;
  /** The backend's choices between programs that compute the same values (GpuTuning). */
  readonly tuning: Readonly<GpuTuning>;
  /** A seed pair and a counter unique to this op and run, for random ops. */
  random(): { seed: number; seed2: number; counter: number };
  /**
   * The run's error flag, for a check WGSL cannot raise: a one-word buffer, 0 until a program stores
   * `id` in it (bind it as an output; store only while it is 0, so the first failing step is named).
   * After the run, a nonzero flag raises InvalidArgumentError(`message`) for this step's op.
   */
  errorFlag(message: string): { flag: GpuTensor; id: number };
}

/** A WebGPU kernel: which inputs it needs on the host (values that decide output shapes), and what it records. */
export interface GpuKernel<K extends OpType> {
  /** Indices of inputs whose values the kernel reads on the host (axes, shapes, multiples), given the input count. */
  hostInputs?: (inputCount: number) => readonly number[];
  run(args: GpuKernelArgs<K>): void;
}

/** The WebGPU kernel table type: one kernel per op type, or null where the executor handles the op itself. */
export type GpuKernelTable = { [K in OpType]: GpuKernel<K> | null };
