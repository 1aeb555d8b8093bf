// tf.sparse_to_dense as TF1 r1.12's sparse_ops.py builds it: gen_sparse_ops.sparse_to_dense, one op named SparseToDense.
import { opt, req, tf1 } from '../framework/args.js';
import { Tensor } from '../graph/tensor.js';
import { graphOf, toTensor, withLiteralHint, type TensorLike } from './convert.js';
import { BOOL, STR, TENSOR, isVariable } from './kinds.js';

const isSymbolic = (v: unknown): boolean => v instanceof Tensor || isVariable(v);

/**
 * `tf.sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value, validate_indices, name)`: a dense
 * tensor of output_shape holding default_value (0) except at sparse_indices, which hold sparse_values. As TF1's op-def
 * library: output_shape takes sparse_indices' dtype, default_value sparse_values'.
 */
export const sparse_to_dense = tf1(
  'sparse_to_dense',
  [
    req('sparse_indices', TENSOR),
    req('output_shape', TENSOR),
    req('sparse_values', TENSOR),
    opt('default_value', TENSOR),
    opt('validate_indices', BOOL),
    opt('name', STR),
  ],
  (a) => {
    const graph = graphOf([a.sparse_indices, a.output_shape, a.sparse_values, a.default_value]);
    return graph.name_scope(a.name ?? 'SparseToDense', (scope) => {
      // As TF1's op-def library: the first input of a type attr decides its dtype; a value given for the second takes it.
      const pair = (x: TensorLike, xName: string, y: TensorLike, yName: string): [Tensor, Tensor] => {
        const xt = toTensor(x, { graph, name: xName });
        return [xt, toTensor(y, { graph, name: yName, dtype: isSymbolic(y) ? undefined : xt.dtype })];
      };
      const [indices, shape] = pair(a.sparse_indices, 'sparse_indices', a.output_shape, 'output_shape');
      const [values, dflt] = pair(a.sparse_values, 'sparse_values', a.default_value ?? 0, 'default_value');
      const inputs = [indices, shape, values, dflt];
      try {
        return graph.create_op('SparseToDense', inputs, { validate_indices: a.validate_indices ?? true }, scope).outputs[0]!;
      } catch (e) {
        throw withLiteralHint(e, inputs);
      }
    });
  },
);
