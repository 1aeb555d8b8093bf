// tf.nn's softmax, log_softmax and relu, in TF1's calling convention (the cross entropies: nn_xent.ts).
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { apply1 } from './apply.js';
import { convertInputs, graphOf, toTensor } from './convert.js';
import { isInteger } from '../framework/dtypes.js';
import * as M from './math_ops.js';
import { binary } from './operators.js';
import { swapWithLast } from './nn_axes.js';
import { transpose } from './transpose.js';
import { INT, STR, TENSOR } from './kinds.js';
import { unaryWrapper } from './wrappers.js';

const SOFTMAX = [req('logits', TENSOR), opt('axis', INT), opt('name', STR), opt('dim', INT)] as const;

/**
 * TF1 r1.12's `_softmax`: the op itself over the last axis; over another axis, the logits with that axis
 * swapped to the end (a Transpose), the op, and the result swapped back (named `name`), static shape kept.
 */
function softmaxLike(type: 'Softmax' | 'LogSoftmax', a: { logits: unknown; axis?: number | null; dim?: number | null; name?: string | null }): Tensor {
  if (a.axis != null && a.dim != null) throw new ValueError("Cannot specify both 'axis' and 'dim'");
  const dim = a.axis ?? a.dim ?? -1;
  const name = a.name ?? undefined;
  const graph = graphOf([a.logits]);
  // As TF1's convert_to_tensor (a Const named 'Const'), JS numbers meaning floats.
  const logits = convertInputs(graph, [['Const', a.logits as Tensor]], ['Const'], 'float32')[0]!;
  const ndims = logits.shape.ndims;
  if (dim === -1 || (ndims !== null && dim === ndims - 1)) {
    return apply1({ type, name, defaultName: type, inputs: [['logits', logits]], attrs: {} });
  }
  const perm = swapWithLast(logits, dim);
  const inner = apply1({ type, defaultName: type, inputs: [['logits', transpose(logits, perm)]], attrs: {} });
  const out = transpose(inner, perm, { name });
  out.set_shape(logits.shape);
  return out;
}

/** `tf.nn.softmax(logits, axis, name, dim)`: softmax along `axis` (`dim` is TF1's older name), the last by default. */
export const softmax = tf1('nn.softmax', SOFTMAX, (a) => softmaxLike('Softmax', a));

/** `tf.nn.log_softmax(logits, axis, name, dim)`: log softmax along `axis`, the last by default. */
export const log_softmax = tf1('nn.log_softmax', SOFTMAX, (a) => softmaxLike('LogSoftmax', a));

/** `tf.nn.relu(features, name)`. */
export const relu = unaryWrapper('nn.relu', 'features');

/** `tf.nn.relu6(features, name)`: min(max(features, 0), 6). */
export const relu6 = unaryWrapper('nn.relu6', 'features');

/** `tf.nn.softplus(features, name)`: log(exp(features) + 1). */
export const softplus = unaryWrapper('nn.softplus', 'features');

/** `tf.nn.softsign(features, name)`: features / (abs(features) + 1). */
export const softsign = unaryWrapper('nn.softsign', 'features');

/**
 * `tf.nn.leaky_relu(features, alpha, name)`: max(alpha * features, features), as TF1 r1.12 builds it in Python
 * (no LeakyRelu op): under the name scope `LeakyRelu`, integer features cast to float32 (`ToFloat`), alpha a
 * constant of the features' dtype, and the Maximum named after the scope.
 */
export const leaky_relu = tf1('nn.leaky_relu', [req('features', TENSOR), opt('alpha', TENSOR), opt('name', STR)] as const, (a) => {
  const graph = graphOf([a.features, a.alpha]);
  return graph.name_scope(a.name ?? 'LeakyRelu', (scope) => {
    let features = convertInputs(graph, [['features', a.features]], [])[0]!;
    if (isInteger(features.dtype)) features = M.to_float(features);
    const alpha = toTensor(a.alpha ?? 0.2, { dtype: features.dtype, name: 'alpha', graph });
    return M.maximum(binary('Mul', 'mul', alpha, features), features, { name: scope });
  });
});

/** `tf.nn.elu(features, name)`: features where >= 0, exp(features) - 1 below. */
export const elu = unaryWrapper('nn.elu', 'features');

/** `tf.nn.selu(features, name)`: scale·features where >= 0, scale·alpha·(exp(features) - 1) below. */
export const selu = unaryWrapper('nn.selu', 'features');
