// While-loop variables that are IndexedSlices, as r1.12's control_flow_ops builds them: each part (values, indices,
// dense_shape) through its own Enter, Merge, Switch, Identity, NextIteration and Exit, the parts after the values
// named `indices` and `dense_shape` (TF1's _Enter, _Identity, _NextIteration, exit and _AddNextAndBackEdge).
import { Tensor } from '../graph/tensor.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { ValueError } from '../framework/errors.js';
import { TensorShape } from '../framework/shape.js';
import { identity } from './array_ops.js';
import { asIndexedSlices } from './indexed_slices_ops.js';
import { enforceShapeInvariant, forward, shapeLessThanOrEqual } from './while_context.js';

/** A loop variable as the loop carries it: a Tensor, or an IndexedSlices. */
export type LoopVar = Tensor | IndexedSlices;

/** The Tensors a loop variable is carried as (an IndexedSlices' values, indices and dense_shape, if any). */
export const partsOf = (v: LoopVar): Tensor[] => (v instanceof Tensor ? [v] : [v.values, v.indices, ...(v.dense_shape ? [v.dense_shape] : [])]);

/** `fn` on each part of `v` (named `indices`/`dense_shape` after the values), as one loop variable again. */
export function eachPart(v: LoopVar, fn: (t: Tensor, name?: string) => Tensor): LoopVar {
  if (v instanceof Tensor) return fn(v);
  return new IndexedSlices(fn(v.values), fn(v.indices, 'indices'), v.dense_shape && fn(v.dense_shape, 'dense_shape'));
}

/** TF1's _Identity of a loop variable inside the body: an IndexedSlices' parts each through an Identity. */
export const identityVar = (v: IndexedSlices): IndexedSlices => eachPart(v, (t, name) => identity(t, { name: name ?? null })) as IndexedSlices;

/**
 * TF1's _SetShapeInvariants for an IndexedSlices: its values' invariant must hold of its initial values; the
 * Enters of values, indices and dense_shape take [shape], [shape[0]] and [rank].
 */
export function setSlicesInvariant(inp: IndexedSlices, entered: IndexedSlices, shape: TensorShape): void {
  if (!shapeLessThanOrEqual(inp.values.get_shape(), shape)) {
    throw new ValueError(
      `The shape invariant specified for ${inp.values.name} is not compatible with the initial shape of the values tensor of this IndexedSlices. It enters the loop with shape ${inp.values.get_shape()}, but the specified shape invariant is ${shape}.`,
    );
  }
  entered.values.set_shape(shape);
  entered.indices.set_shape(new TensorShape([shape.dims === null ? null : (shape.dims[0] ?? null)]));
  entered.dense_shape?.set_shape(new TensorShape([shape.ndims]));
}

/**
 * TF1's _AddNextAndBackEdge for an IndexedSlices Merge: the body's result (a Tensor as the IndexedSlices of all
 * its rows) through NextIteration, part by part, into each part's Merge (a gradient loop's without the shape check).
 */
export function addSlicesBackEdge(m: IndexedSlices, result: LoopVar, update: (merge: Tensor, next: Tensor) => void, enforce = true): void {
  const v = asIndexedSlices(result, false);
  const next = eachPart(v, (t, name) => forward('NextIteration', t, name)) as IndexedSlices;
  if (enforce) enforceShapeInvariant(m.values, next.values);
  update(m.values, next.values);
  update(m.indices, next.indices);
  if (m.dense_shape) {
    if (!next.dense_shape) throw new ValueError(`Must have dense shape: ${next.name}`);
    update(m.dense_shape, next.dense_shape);
  }
}
