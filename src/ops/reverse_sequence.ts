// tf.reverse_sequence as TF1 r1.12's array_ops.py: seq_axis/batch_axis, or their deprecated names seq_dim/batch_dim
// (deprecated_argument_lookup: one of each pair), building a ReverseSequence op.
import { opt, req, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { Tensor } from '../graph/tensor.js';
import { apply1 } from './apply.js';
import { INT, STR, TENSOR } from './kinds.js';

const PARAMS = [
  req('input', TENSOR),
  req('seq_lengths', TENSOR),
  opt('seq_axis', INT),
  opt('batch_axis', INT),
  opt('name', STR),
  opt('seq_dim', INT),
  opt('batch_dim', INT),
] as const;

/** TF1's deprecated_argument_lookup: the new name's value or the old one's, not both. */
function lookup(newName: string, newValue: number | null | undefined, oldName: string, oldValue: number | null | undefined): number | null {
  const n = newValue ?? null;
  const o = oldValue ?? null;
  if (n !== null && o !== null) throw new ValueError(`Cannot specify both '${newName}' and '${oldName}'`);
  return n ?? o;
}

/**
 * `tf.reverse_sequence(input, seq_lengths, seq_axis, batch_axis, name, seq_dim, batch_dim)`: for each slice `i` along
 * `batch_axis` (default 0), the first `seq_lengths[i]` entries along `seq_axis` reversed.
 */
export const reverse_sequence = tf1('reverse_sequence', PARAMS, (a): Tensor => {
  const seq = lookup('seq_axis', a.seq_axis, 'seq_dim', a.seq_dim);
  const batch = lookup('batch_axis', a.batch_axis, 'batch_dim', a.batch_dim) ?? 0;
  if (seq === null) throw new TFTypeError("Expected int for argument 'seq_dim' not None.");
  return apply1({
    type: 'ReverseSequence',
    name: a.name ?? undefined,
    defaultName: 'ReverseSequence',
    inputs: [
      ['input', a.input],
      ['seq_lengths', a.seq_lengths],
    ],
    shared: ['input'],
    fallback: 'int64',
    attrs: { seq_dim: seq, batch_dim: batch },
  });
});
