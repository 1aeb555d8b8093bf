// tf.string_join and tf.strings.format (string_ops.py r1.12), the string ops tf1-ts runs beyond the ops that move
// elements; string tensors themselves are framework/dtypes.ts's `string`.
import { kind, opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { Tensor } from '../graph/tensor.js';
import { apply1 } from './apply.js';
import type { TensorLike } from './convert.js';
import { INT, isVariable, STR, TENSOR, list } from './kinds.js';

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

/** string_format's `inputs`: one tensor (or variable), taken as a list of it, or a list of tensors and values convertible to them. */
const FORMAT_INPUTS = kind<TensorLike | readonly TensorLike[]>(
  'a Tensor or a list of Tensors',
  (v) => Array.isArray(v) || v instanceof Tensor || isVariable(v),
);

/**
 * `tf.strings.format(template, inputs, placeholder, summarize, name)`: a string scalar, `template` with each
 * `placeholder` ('{}') replaced by the next of `inputs` as Tensor::SummarizeValue prints it, `summarize` (3) entries
 * at each end of each dimension (-1: all); a count of placeholders other than of inputs is TF1's ValueError.
 */
export const string_format = tf1(
  'strings.format',
  [req('template', STR), req('inputs', FORMAT_INPUTS), opt('placeholder', STR), opt('summarize', INT), opt('name', STR)],
  (a): Tensor => {
    const inputs: readonly TensorLike[] = Array.isArray(a.inputs) ? a.inputs : [a.inputs as TensorLike];
    const placeholder = a.placeholder ?? '{}';
    const count = a.template.split(placeholder).length - 1;
    if (count !== inputs.length) throw new ValueError(`${count} placeholder(s) in template does not match ${inputs.length} tensor(s) provided as input`);
    return apply1({
      type: 'StringFormat',
      name: a.name ?? undefined,
      defaultName: 'StringFormat',
      inputs: inputs.map((v, i) => [`inputs_${i}`, v] as [string, TensorLike]),
      shared: [],
      attrs: { template: a.template, placeholder, summarize: a.summarize ?? 3 },
    });
  },
);
