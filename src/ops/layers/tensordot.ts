// Dense's product on inputs of rank > 2: TF1's math_ops.tensordot(a, b, [[rank - 1], [0]]) (r1.12) under the
// scope `Tensordot`. With a fully known input shape it is TF1's graph exactly (Transpose, Reshape, MatMul, then
// Reshape named `Tensordot`); otherwise the free sizes come from Shape and Gather with the axes known at build
// time (TF1 computes them with ListDiff, which tf1-ts lacks), then the static shape is set as TF1 sets it.
import type { Graph } from '../../graph/graph.js';
import type { Tensor } from '../../graph/tensor.js';
import { reshape, shape as shapeOf } from '../array_ops.js';
import { gather } from '../array_index_ops.js';
import { concat, stack } from '../array_structure_ops.js';
import { matmul, reduce_prod } from '../math_ops.js';
import { transpose } from '../transpose.js';
import type { RefVariable } from '../variables.js';

/** `_tensordot_reshape(a, axes, flipped)` for one contracted axis: the 2-D view, and the free sizes (a list when known). */
function reshapeFor(a: Tensor, axis: number, flipped: boolean): [Tensor, number[] | Tensor, (number | null)[]] {
  const dims = a.shape.as_list();
  const free = dims.map((_, i) => i).filter((i) => i !== axis);
  const perm = flipped ? [axis, ...free] : [...free, axis];
  const freeStatic = free.map((i) => dims[i]!);
  if (a.shape.is_fully_defined()) {
    const prodFree = freeStatic.reduce<number>((p, d) => p * d!, 1);
    const prodAxes = dims[axis]!;
    const newShape = flipped ? [prodAxes, prodFree] : [prodFree, prodAxes];
    return [reshape(transpose(a, perm), newShape), freeStatic as number[], freeStatic];
  }
  const shapeA = shapeOf(a);
  const freeDims = gather(shapeA, free);
  const axesDims = gather(shapeA, [axis]);
  const prodFree = reduce_prod(freeDims);
  const prodAxes = reduce_prod(axesDims);
  const newShape = flipped ? stack([prodAxes, prodFree]) : stack([prodFree, prodAxes]);
  return [reshape(transpose(a, perm), newShape), freeDims, freeStatic];
}

/** `tensordot(a, b, [[rank(a) - 1], [0]])` for a of known rank and a 2-D kernel b. */
export function tensordotLast(graph: Graph, a: Tensor, b: RefVariable): Tensor {
  return graph.name_scope('Tensordot', (scope) => {
    const bt = b.value();
    const [aReshape, aFree, aStatic] = reshapeFor(a, a.shape.ndims! - 1, false);
    const [bReshape, bFree, bStatic] = reshapeFor(bt, 0, true);
    const ab = matmul(aReshape, bReshape);
    if (Array.isArray(aFree) && Array.isArray(bFree)) return reshape(ab, [...aFree, ...bFree], { name: scope });
    const product = reshape(ab, concat([aFree, bFree], 0), { name: scope });
    product.set_shape([...aStatic, ...bStatic]);
    return product;
  });
}
