// tf.string_join (string_ops.py's gen_string_ops wrapper), TF1's one string op tf1-ts runs beyond the ops that move
// elements; string tensors themselves are framework/dtypes.ts's `string`.
import { opt, req, tf1 } from '../framework/args.js';
import { apply1 } from './apply.js';
import type { TensorLike } from './convert.js';
import { STR, TENSOR, list } from './kinds.js';

/** `tf.string_join(inputs, separator, name)`: the inputs joined elementwise (scalars with every element), `separator` between. */
export const string_join = tf1('string_join', [req('inputs', list(TENSOR)), opt('separator', STR), opt('name', STR)], (a) =>
  apply1({
    type: 'StringJoin',
    name: a.name ?? undefined,
    defaultName: 'StringJoin',
    inputs: a.inputs.map((v, i) => [`inputs_${i}`, v] as [string, TensorLike]),
    fallback: 'string',
    attrs: { separator: a.separator ?? '' },
  }),
);
