// tf.nn.max_pool and tf.nn.avg_pool as TF1 r1.12's nn_ops builds them: the value converted as `<scope>/input`
// under the scope `MaxPool` / `AvgPool`, then one op named after the scope (gen_nn_ops.max_pool, avg_pool).
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { DataFormat } from '../framework/ops/nn_extra.js';
import type { Padding } from '../framework/ops/nn_pool.js';
import type { Tensor } from '../graph/tensor.js';
import { convertInputs, graphOf, withLiteralHint } from './convert.js';
import { INT, STR, TENSOR, list } from './kinds.js';

const PARAMS = [
  req('value', TENSOR),
  req('ksize', list(INT)),
  req('strides', list(INT)),
  req('padding', STR),
  opt('data_format', STR),
  opt('name', STR),
] as const;

/** TF1's apply_op check of a string attribute against its allowed values. */
function allowed<T extends string>(type: string, attr: string, v: string, values: readonly T[]): T {
  if (!values.includes(v as T)) throw new ValueError(`Attr '${attr}' of '${type}' Op passed string '${v}' not in: "${values.join('", "')}".`);
  return v as T;
}

function pool(type: 'MaxPool' | 'AvgPool') {
  return (a: {
    value: unknown;
    ksize: readonly number[];
    strides: readonly number[];
    padding: string;
    data_format?: string | null;
    name?: string | null;
  }): Tensor => {
    const graph = graphOf([a.value]);
    return graph.name_scope(a.name ?? type, (scope) => {
      const value = convertInputs(graph, [['input', a.value as Parameters<typeof convertInputs>[1][0][1]]], [], 'float32')[0]!;
      const attrs = {
        ksize: [...a.ksize],
        strides: [...a.strides],
        padding: allowed<Padding>(type, 'padding', a.padding, ['SAME', 'VALID']),
        data_format: allowed<DataFormat>(type, 'data_format', a.data_format ?? 'NHWC', ['NHWC', 'NCHW']),
      };
      try {
        return graph.create_op(type, [value], attrs, scope).outputs[0]!;
      } catch (e) {
        throw withLiteralHint(e, [value]);
      }
    });
  };
}

/**
 * `tf.nn.max_pool(value, ksize, strides, padding, data_format, name)`: the maximum of each window of a 4-D value
 * (ksize and strides per dimension of the data format; 'SAME' or 'VALID' padding). The CPU runs NHWC only, as TF1's.
 */
export const max_pool = tf1('nn.max_pool', PARAMS, pool('MaxPool'));

/** `tf.nn.avg_pool(value, ksize, strides, padding, data_format, name)`: the mean of each window's in-bounds elements. */
export const avg_pool = tf1('nn.avg_pool', PARAMS, pool('AvgPool'));
