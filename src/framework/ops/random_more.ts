// RandomShuffle and Multinomial (tensorflow/core/ops/random_ops.cc), not differentiable as TF1 r1.12's
// random_ops.py registers them (ops.NotDifferentiable).
import { TensorShape } from '../shape.js';
import type { OpDefs } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import { DTYPES } from '../dtypes.js';
import { REAL, allowDtypes, inShape, withRank } from '../shape_util.js';

/** The attributes of RandomShuffle and Multinomial: TF1's two seeds, and Multinomial's output dtype. */
export interface RandomMoreAttrs {
  RandomShuffle: { seed: number; seed2: number };
  Multinomial: { seed: number; seed2: number; output_dtype: 'int32' | 'int64' };
}

/** Definitions of RandomShuffle and Multinomial. */
export const RANDOM_MORE_OPS: OpDefs<RandomMoreAttrs> = {
  // The value with its rows (dimension 0) in a random order; its shape unchanged.
  RandomShuffle: {
    inputs: [{ name: 'value', type: { attr: 'T', allowed: DTYPES } }],
    attrs: { seed: 'int', seed2: 'int' },
    flags: { stateful: true },
    shape: (c) => [{ dtype: c.inputs[0]!.dtype, shape: inShape(c, 0) }],
    grad: 'none',
  },
  // num_samples class indices per row of a [batch_size, num_classes] matrix of unnormalised log-probabilities.
  Multinomial: {
    inputs: [
      { name: 'logits', type: { attr: 'T', allowed: REAL } },
      { name: 'num_samples', type: 'int32' },
    ],
    attrs: { seed: 'int', seed2: 'int', output_dtype: 'index_dtype' },
    flags: { stateful: true, valueChecked: true, valueInputs: [1] },
    shape: (c) => {
      allowDtypes(c, 0, 'logits', REAL);
      const logits = withRank(inShape(c, 0), 2);
      withRank(inShape(c, 1), 0);
      // TF1's MakeDimForScalarInput: the sample count when it is known.
      let samples: number | null = null;
      const v = c.inputs[1]!.value;
      if (v) {
        samples = v.data[0]!;
        if (samples < 0) throw new ShapeError(`Dimension size, given by scalar input 1, must be non-negative but is ${samples}`);
      }
      return [{ dtype: c.attrs.output_dtype, shape: new TensorShape([logits.dims?.[0] ?? null, samples]) }];
    },
    grad: 'none',
  },
};
