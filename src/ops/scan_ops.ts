// tf.cumsum and tf.cumprod, as TF1 r1.12's math_ops builds them (gen_math_ops.cumsum/cumprod under a name scope).
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { graphOf, toTensor, withLiteralHint } from './convert.js';
import { BOOL, STR, TENSOR } from './kinds.js';

const SCAN = [req('x', TENSOR), opt('axis', TENSOR), opt('exclusive', BOOL), opt('reverse', BOOL), opt('name', STR)] as const;

function scanBuilder(api: 'cumsum' | 'cumprod', type: 'Cumsum' | 'Cumprod') {
  return tf1(api, SCAN, (a): Tensor => {
    const graph = graphOf([a.x, a.axis ?? null]);
    return graph.name_scope(a.name ?? type, (scope) => {
      const x = toTensor(a.x, { name: 'x', graph });
      const axis = toTensor(a.axis ?? 0, { name: 'axis', graph });
      try {
        return graph.create_op(type, [x, axis], { exclusive: a.exclusive ?? false, reverse: a.reverse ?? false }, scope).outputs[0]!;
      } catch (e) {
        throw withLiteralHint(e, [x, axis]);
      }
    });
  });
}

/**
 * `tf.cumsum(x, axis, exclusive, reverse, name)`: running sums along `axis` (0 by default), from the end with
 * `reverse`, each before its own element with `exclusive`. One Cumsum op named `Cumsum`, the axis `Cumsum/axis`.
 */
export const cumsum = scanBuilder('cumsum', 'Cumsum');

/** `tf.cumprod(x, axis, exclusive, reverse, name)`: running products, as tf.cumsum; the op named `Cumprod`. */
export const cumprod = scanBuilder('cumprod', 'Cumprod');
