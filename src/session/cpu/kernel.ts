import type { NDArray } from '../../framework/ndarray.js';
import type { OpAttrs, OpType } from '../../framework/op_defs.js';

/** A uniform random source in [0, 1), persistent per op within a session (so each run draws new values). */
export interface RandomStream {
  /** Next uniform double in [0, 1). */
  next(): number;
}

/** What a CPU kernel gets: its inputs, typed attributes, and an allocator for its outputs. */
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
}

/** A CPU kernel: computes the op's outputs into buffers from `output()`. May throw tf.errors for bad values. */
export type CpuKernel<K extends OpType> = (args: KernelArgs<K>) => void;

/** The CPU kernel table type: one kernel per op type, or null where the executor handles the op itself. */
export type CpuKernelTable = { [K in OpType]: CpuKernel<K> | null };
