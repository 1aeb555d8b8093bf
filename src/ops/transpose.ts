// tf.transpose, in TF1's calling convention (array_ops.py; its own file so the array family's other
// builders stay apart from it).
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { apply1 } from './apply.js';
import { graphOf, toTensor } from './convert.js';
import { binary } from './operators.js';
import { BOOL, STR, TENSOR } from './kinds.js';

/**
 * `tf.transpose(a, perm, name, conjugate)`: a Transpose op named `transpose`; without perm the dims are
 * reversed (TF1 computes `(rank - 1) - range(rank)` and sets the reversed static shape). `conjugate` changes
 * nothing for the real dtypes tf1-ts has.
 */
export const transpose = tf1('transpose', [req('a', TENSOR), opt('perm', TENSOR), opt('name', STR), opt('conjugate', BOOL)], (a): Tensor => {
  const graph = graphOf([a.a, a.perm]);
  return graph.name_scope(a.name ?? 'transpose', (scope) => {
    if (a.perm != null) {
      return apply1({
        type: 'Transpose',
        name: scope,
        defaultName: 'transpose',
        inputs: [
          ['x', a.a],
          ['perm', a.perm],
        ],
        shared: ['x'],
        attrs: {},
      });
    }
    const x = toTensor(a.a, { graph, name: 'x' });
    const rank = graph.create_op('Rank', [x], {}, 'Rank').outputs[0]!;
    const range = apply1({
      type: 'Range',
      defaultName: 'Range',
      inputs: [
        ['start', 0],
        ['limit', rank],
        ['delta', 1],
      ],
      attrs: {},
    });
    const perm = binary('Sub', 'sub', binary('Sub', 'sub', rank, 1), range);
    const out = graph.create_op('Transpose', [x, perm], {}, scope).outputs[0]!;
    if (x.shape.dims !== null) out.set_shape([...x.shape.dims].reverse());
    return out;
  });
});
