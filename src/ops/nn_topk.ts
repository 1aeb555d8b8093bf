// tf.nn.top_k and tf.nn.in_top_k as TF1 r1.12's nn_ops builds them (gen_nn_ops.top_kv2, in_top_kv2).
import { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { convertInputs, graphOf, toTensor, withLiteralHint } from './convert.js';
import { BOOL, STR, TENSOR } from './kinds.js';

/** TF1's TopKV2 namedtuple: `values, indices = top_k(...)`, or `.values` and `.indices`. */
export type TopKResult = readonly [values: Tensor, indices: Tensor] & { readonly values: Tensor; readonly indices: Tensor };

/**
 * `tf.nn.top_k(input, k, sorted, name)`: the k largest entries of each last-axis row and their indices, largest
 * first (an earlier index first among equal values; `sorted=false` allows any order, and gives this one). One
 * TopKV2 op named `TopKV2`, k converted as `TopKV2/k` (int32).
 */
export const top_k = tf1('nn.top_k', [req('input', TENSOR), opt('k', TENSOR), opt('sorted', BOOL), opt('name', STR)] as const, (a): TopKResult => {
  const graph = graphOf([a.input, a.k]);
  const op = graph.name_scope(a.name ?? 'TopKV2', (scope) => {
    const input = toTensor(a.input, { name: 'input', graph });
    const k = toTensor(a.k ?? 1, { dtype: 'int32', name: 'k', graph });
    try {
      return graph.create_op('TopKV2', [input, k], { sorted: a.sorted ?? true }, scope);
    } catch (e) {
      throw withLiteralHint(e, [input, k]);
    }
  });
  const [values, indices] = op.outputs as [Tensor, Tensor];
  return Object.assign([values, indices] as const, { values, indices });
});

/**
 * `tf.nn.in_top_k(predictions, targets, k, name)`: for each row, whether its target class is among the k
 * largest predictions (ties count for the target; a non-finite row or an out-of-range target is false). As
 * TF1: under the scope `in_top_k`, one InTopKV2 op named after it, k of the targets' dtype.
 */
export const in_top_k = tf1('nn.in_top_k', [req('predictions', TENSOR), req('targets', TENSOR), req('k', TENSOR), opt('name', STR)] as const, (a) => {
  const graph = graphOf([a.predictions, a.targets, a.k]);
  return graph.name_scope(a.name ?? 'in_top_k', (scope) => {
    // The op's fixed float32: JS numbers convert to it; a Tensor of another dtype is the op's TypeError.
    const predictions = toTensor(a.predictions, { dtype: a.predictions instanceof Tensor ? undefined : 'float32', name: 'predictions', graph });
    const [targets, k] = convertInputs(
      graph,
      [
        ['targets', a.targets],
        ['k', a.k],
      ],
      ['targets', 'k'],
      'int32',
    );
    try {
      return graph.create_op('InTopKV2', [predictions, targets!, k!], {}, scope).outputs[0]!;
    } catch (e) {
      throw withLiteralHint(e, [predictions, targets!, k!]);
    }
  });
});
