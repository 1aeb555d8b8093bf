// tf.nn.bias_add as TF1 r1.12's nn_ops.bias_add: the value and bias converted in the scope `BiasAdd`, one BiasAdd op.
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { DataFormat } from '../framework/ops/nn_extra.js';
import { convertInputs, graphOf, toTensor, withLiteralHint } from './convert.js';
import { STR, TENSOR } from './kinds.js';

const FORMATS: readonly DataFormat[] = ['NHWC', 'NCHW'];

/**
 * `tf.nn.bias_add(value, bias, data_format, name)`: value + bias along the channel axis, the last for NHWC
 * (the default) and the second for NCHW. The value is converted as `BiasAdd/input`, the bias as
 * `BiasAdd/bias` of the value's dtype (TF1's conversion ValueError otherwise); the op takes the scope's name.
 */
export const bias_add = tf1('nn.bias_add', [req('value', TENSOR), req('bias', TENSOR), opt('data_format', STR), opt('name', STR)] as const, (a) => {
  const format = a.data_format ?? 'NHWC';
  const graph = graphOf([a.value, a.bias]);
  return graph.name_scope(a.name ?? 'BiasAdd', (scope) => {
    const value = convertInputs(graph, [['input', a.value]], [], 'float32')[0]!;
    const bias = toTensor(a.bias, { dtype: value.dtype, name: 'bias', graph });
    // As TF1's apply_op, after the inputs are converted in the scope.
    if (!FORMATS.includes(format as DataFormat)) {
      throw new ValueError(`Attr 'data_format' of 'BiasAdd' Op passed string '${format}' not in: "${FORMATS.join('", "')}".`);
    }
    try {
      return graph.create_op('BiasAdd', [value, bias], { data_format: format as DataFormat }, scope).outputs[0]!;
    } catch (e) {
      throw withLiteralHint(e, [value, bias]);
    }
  });
});
