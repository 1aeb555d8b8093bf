// Host kernel of ReverseSequence with TF1 r1.12's run-time checks (core/kernels/reverse_sequence_op.cc).
import { InvalidArgumentError } from '../../framework/errors.js';
import type { HostKernel } from '../kernel.js';

/** ReverseSequence: each slice along batch_dim reversed in its first seq_lengths[b] entries along seq_dim. */
export const reverseSequence: HostKernel<'ReverseSequence'> = ({ name, inputs, attrs, output }) => {
  const [x, lens] = inputs as [NonNullable<(typeof inputs)[0]>, NonNullable<(typeof inputs)[1]>];
  const { seq_dim: sd, batch_dim: bd } = attrs;
  const rank = x.shape.length;
  if (lens.shape.length !== 1) throw new InvalidArgumentError(`seq_lens input must be 1-dim, not ${lens.shape.length}`, name);
  if (bd === sd) throw new InvalidArgumentError(`batch_dim == seq_dim == ${sd}`, name);
  if (sd < 0 || sd >= rank) throw new InvalidArgumentError(`seq_dim must be < input.dims()( ${sd} vs. ${rank})`, name);
  if (bd < 0 || bd >= rank) throw new InvalidArgumentError(`batch_dim must be < input.dims()( ${bd} vs. ${rank})`, name);
  if (lens.size !== x.shape[bd]) throw new InvalidArgumentError(`len(seq_lens) != input.dims(${bd}), (${lens.size} vs. ${x.shape[bd]})`, name);
  const l = lens.data;
  for (let d = 0; d < l.length; d++) {
    if (l[d]! < 0) throw new InvalidArgumentError(`seq_lens(${d}) < 0`, name);
    if (l[d]! > x.shape[sd]!) throw new InvalidArgumentError(`seq_lens(${d}) > input.dims(${sd})`, name);
  }
  const o = output(0, x.shape);
  const strides = x.shape.map((_, i) => x.shape.slice(i + 1).reduce((p, d) => p * d, 1));
  const sdStride = strides[sd]!;
  const n = x.size;
  const src = x.dtype === 'string' ? x.strings : x.data;
  const dst = x.dtype === 'string' ? o.strings : o.data;
  for (let i = 0; i < n; i++) {
    const b = Math.floor(i / strides[bd]!) % x.shape[bd]!;
    const s = Math.floor(i / sdStride) % x.shape[sd]!;
    const len = l[b]!;
    const from = s < len ? i + (len - 1 - 2 * s) * sdStride : i;
    (dst as unknown as unknown[])[i] = (src as unknown as unknown[])[from];
  }
};
