import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import type { OpType } from '../types.js';

/** A gradient rule: given the op and the gradients of its outputs (null = none), one gradient per input (null = none). */
export type GradFn<K extends OpType> = (op: Operation<K>, grads: readonly (Tensor | null)[]) => (Tensor | null)[];

/** A table entry: a rule, or 'none' for ops TF1 registers as not differentiable. */
export type GradEntry<K extends OpType> = GradFn<K> | 'none';
