// tf.boolean_mask as TF1 r1.12's array_ops.boolean_mask builds it: the masked dimensions reshaped into one, the
// mask flattened, and the kept rows gathered at squeeze(where(mask), [1]).
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { TensorShape } from '../framework/shape.js';
import type { Graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { reshape, shape } from './array_ops.js';
import { gather } from './array_index_ops.js';
import { packedArg, squeeze, type Packable } from './array_structure_ops.js';
import { graphOf, toTensor } from './convert.js';
import { INT, STR, TENSOR } from './kinds.js';
import { where } from './select_ops.js';

/** TensorShape's Python slice `s[a:b]` (an unknown shape stays unknown). */
const part = (s: TensorShape, a: number, b?: number): TensorShape => (s.dims === null ? TensorShape.unknown() : new TensorShape(s.dims.slice(a, b)));

/** `concat(values, 0)` as TF1 converts its list: each value named `values_i` in the scope, a list holding Tensors packed. */
function concat0(graph: Graph, values: readonly Packable[]): Tensor {
  return graph.name_scope('concat', (scope) => {
    const ts = values.map((v, i) => toTensor(packedArg(v, `values_${i}`), { name: `values_${i}`, graph }));
    return graph.create_op('ConcatV2', [...ts, toTensor(0, { name: 'axis', graph })], {}, scope).outputs[0]!;
  });
}

/** TF1's `gen_math_ops.prod(x, [0])`: a Prod op named `Prod`, its axis a Const `Prod/reduction_indices`. */
function prod0(graph: Graph, x: Tensor): Tensor {
  return graph.name_scope('Prod', (scope) => {
    const axis = toTensor([0], { name: 'reduction_indices', graph });
    return graph.create_op('Prod', [x, axis], { keep_dims: false }, scope).outputs[0]!;
  });
}

/**
 * `tf.boolean_mask(tensor, mask, name='boolean_mask', axis=None)`: NumPy's `tensor[mask]` for a mask of rank K
 * matching dimensions axis .. axis + K - 1 of the tensor; the result's masked dimension is unknown until run time.
 */
export const boolean_mask = tf1('boolean_mask', [req('tensor', TENSOR), req('mask', TENSOR), opt('name', STR), opt('axis', INT)], (a): Tensor => {
  const graph = graphOf([a.tensor, a.mask]);
  return graph.name_scope(a.name ?? 'boolean_mask', () => {
    let tensor = toTensor(a.tensor, { name: 'tensor', graph });
    let mask = toTensor(a.mask, { name: 'mask', graph });
    const shapeMask = mask.shape;
    const ndimsMask = shapeMask.ndims;
    const shapeTensor = tensor.shape;
    if (ndimsMask === 0) throw new ValueError('mask cannot be scalar.');
    if (ndimsMask === null)
      throw new ValueError('Number of mask dimensions must be specified, even if some dimensions are None.  E.g. shape=[None] is ok, but shape=None is not.');
    const axis = a.axis ?? 0;
    part(shapeTensor, axis, axis + ndimsMask).assert_is_compatible_with(shapeMask);

    const leadingSize = prod0(graph, shape(tensor).at(`${axis}:${axis + ndimsMask}`));
    tensor = reshape(tensor, concat0(graph, [shape(tensor).at(`:${axis}`), [leadingSize], shape(tensor).at(`${axis + ndimsMask}:`)]));
    const firstDim = part(shapeTensor, axis, axis + ndimsMask).num_elements();
    tensor.set_shape(
      part(shapeTensor, 0, axis)
        .concatenate([firstDim])
        .concatenate(part(shapeTensor, axis + ndimsMask)),
    );

    mask = reshape(mask, [-1]);
    // TF1's _apply_mask_1d.
    const indices = squeeze(where(mask), [1]);
    return gather(tensor, indices, { axis });
  });
});
