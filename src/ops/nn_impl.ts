// tf.nn.sigmoid_cross_entropy_with_logits and weighted_cross_entropy_with_logits, in TF1's calling convention, as
// r1.12's nn_impl.py writes them: max(x, 0) - x·z + log(1 + exp(-|x|)) with where-made max and |x| (so the
// gradient at 0 is defined), inside the scope `logistic_loss`, the final Add named after it.
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { get_default_graph } from '../graph/graph.js';
import * as A from './array_ops.js';
import * as M from './math_ops.js';
import { abs, log1p } from './math_unary_ops.js';
import { relu } from './nn_ops.js';
import { binary, neg } from './operators.js';
import { convertInputs, graphOf, type TensorLike } from './convert.js';
import { where } from './select_ops.js';
import { ANY, STR, TENSOR } from './kinds.js';

const mul = (x: TensorLike, y: TensorLike): Tensor => binary('Mul', 'mul', x, y);
const sub = (x: TensorLike, y: TensorLike): Tensor => binary('Sub', 'sub', x, y);
const plus = (x: TensorLike, y: TensorLike): Tensor => binary('Add', 'add', x, y);

/** TF1's `ops.convert_to_tensor(v, name=...)`, JS numbers meaning floats (or `like`'s dtype). */
function convert(v: TensorLike, name: string, like?: Tensor): Tensor {
  return convertInputs(get_default_graph(), [[name, v]], [name], like?.dtype ?? 'float32')[0]!;
}

/** The shape check both losses make: `what` and the logits must merge, else TF1's ValueError. */
function sameShape(logits: Tensor, other: Tensor, what: string): void {
  try {
    other.shape.merge_with(logits.shape);
  } catch (e) {
    if (e instanceof ValueError) throw new ValueError(`logits and ${what} must have the same shape (${logits.shape} vs ${other.shape})`);
    throw e;
  }
}

/** `tf.nn.sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None)`: each element's logistic loss. */
export const sigmoid_cross_entropy_with_logits = tf1(
  'nn.sigmoid_cross_entropy_with_logits',
  [opt('_sentinel', ANY), opt('labels', TENSOR), opt('logits', TENSOR), opt('name', STR)],
  (a) => {
    if (a._sentinel !== undefined && a._sentinel !== null) {
      throw new ValueError('Only call `sigmoid_cross_entropy_with_logits` with named arguments (labels=..., logits=..., ...)');
    }
    if (a.labels == null || a.logits == null) throw new ValueError('Both labels and logits must be provided.');
    const graph = graphOf([a.logits, a.labels]);
    return graph.as_default(() =>
      graph.name_scope(a.name ?? 'logistic_loss', (scope) => {
        const logits = convert(a.logits!, 'logits');
        const labels = convert(a.labels!, 'labels', logits);
        sameShape(logits, labels, 'labels');
        const zeros = A.zeros_like(logits, { dtype: logits.dtype });
        const cond = M.greater_equal(logits, zeros);
        const reluLogits = where(cond, logits, zeros);
        const negAbsLogits = where(cond, neg(logits), logits);
        return M.add(sub(reluLogits, mul(logits, labels)), log1p(M.exp(negAbsLogits)), { name: scope });
      }),
    );
  },
);

/** `tf.nn.weighted_cross_entropy_with_logits(targets, logits, pos_weight, name=None)`: the logistic loss with positives weighted by `pos_weight`. */
export const weighted_cross_entropy_with_logits = tf1(
  'nn.weighted_cross_entropy_with_logits',
  [req('targets', TENSOR), req('logits', TENSOR), req('pos_weight', TENSOR), opt('name', STR)],
  (a) => {
    const graph = graphOf([a.logits, a.targets, a.pos_weight]);
    return graph.as_default(() =>
      graph.name_scope(a.name ?? 'logistic_loss', (scope) => {
        const logits = convert(a.logits, 'logits');
        const targets = convert(a.targets, 'targets', logits);
        sameShape(logits, targets, 'targets');
        // (pos_weight - 1) is Python arithmetic when pos_weight is a number, an op otherwise.
        const q1 = typeof a.pos_weight === 'number' ? a.pos_weight - 1 : sub(a.pos_weight, 1);
        const logWeight = plus(1, mul(q1, targets));
        const softplusNeg = plus(log1p(M.exp(neg(abs(logits)))), relu(neg(logits)));
        return M.add(mul(sub(1, targets), logits), mul(logWeight, softplusNeg), { name: scope });
      }),
    );
  },
);
