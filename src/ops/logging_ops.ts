// tf.Print as TF1 r1.12's logging_ops.Print builds it (gen_logging_ops._print): one Print op, named `Print`, whose
// output is its input and which writes `message` and each data tensor to stderr when it runs.
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { PACKABLE, packedArg, type Packable } from './array_structure_ops.js';
import { graphOf, toTensor } from './convert.js';
import { INT, list, STR, TENSOR } from './kinds.js';

const PRINT = [req('input_', TENSOR), req('data', list(PACKABLE)), opt('message', STR), opt('first_n', INT), opt('summarize', INT), opt('name', STR)] as const;

/**
 * `tf.Print(input_, data, message, first_n, summarize, name)`: `input_` passed through; each time it runs (the
 * first `first_n` times in a session, when not negative) it writes one line to stderr: `message`, then each tensor
 * of `data` in brackets with at most `summarize` (3) entries, as TF1's PrintOp does.
 */
export const Print = tf1('Print', PRINT, (a): Tensor => {
  const data = a.data as readonly Packable[];
  const g = graphOf([a.input_, ...data]);
  return g.name_scope(a.name ?? 'Print', (scope) => {
    const input = toTensor(a.input_, { name: 'input', graph: g });
    const ts = data.map((d, i) => toTensor(packedArg(d, `data_${i}`), { name: `data_${i}`, graph: g }));
    const attrs = { message: a.message ?? '', first_n: a.first_n ?? -1, summarize: a.summarize ?? 3 };
    return g.create_op('Print', [input, ...ts], attrs, scope).outputs[0]!;
  });
});
