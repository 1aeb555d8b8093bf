// The string ops (tensorflow/core/ops/string_ops.cc): StringJoin, `inputs: N * string`, attr `separator: string = ''`,
// `output: string`. TF1 registers it NotDifferentiable (python/ops/string_ops.py).
import type { OpDefs } from '../op_def.js';
import { TensorShape } from '../shape.js';
import { mergeShapes, one } from '../shape_util.js';

/** The attributes of the string ops. */
export interface StringAttrs {
  StringJoin: { separator: string };
}

/** Definitions of the string ops. */
export const STRING_OPS: OpDefs<StringAttrs> = {
  StringJoin: {
    inputs: [{ name: 'inputs', type: 'string', list: true }],
    attrs: { separator: 'string' },
    // TF1's shape function: a scalar when every input is one; else the merge of the inputs of known non-zero rank
    // (an input of unknown rank may be a scalar).
    shape: (c) => {
      if (c.inputs.every((i) => i.shape.ndims === 0)) return one('string', new TensorShape([]));
      let out = TensorShape.unknown();
      for (const i of c.inputs) if (i.shape.ndims !== null && i.shape.ndims !== 0) out = mergeShapes(out, i.shape);
      return one('string', out);
    },
    grad: 'none',
  },
};
