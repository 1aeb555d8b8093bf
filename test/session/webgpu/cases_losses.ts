/** Parity cases of the loss ops: random shapes and values, run on both backends. */
import fc from 'fast-check';
import type { OpType } from '../../../src/framework/op_defs.js';
import { arrayOf, floatValue, op, shapeOf } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';

/** Logits [B, C] (C >= 1, B may be 0) and int32 or int64 labels in [0, C). */
const sparseXent = parity(
  fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom<'int32' | 'int64'>('int32', 'int64')).chain(([B, C, d]) =>
    fc.tuple(
      arrayOf(
        [B, C],
        'float32',
        floatValue.map((v) => v * 4),
      ),
      arrayOf([B], d, fc.integer({ min: 0, max: C - 1 })),
    ),
  ),
  (g, [f, l]) => feedThrough(g, [f, l], (ph) => op(g, 'SparseSoftmaxCrossEntropyWithLogits', ph, {})),
);

/** A float32 op of one input, values on the 1/1024 grid in [-4, 4]. */
const unaryF32 = (type: 'Elu' | 'Selu'): ParityCase =>
  parity(
    shapeOf().chain((s) => arrayOf(s, 'float32', floatValue)),
    (g, x) => feedThrough(g, [x], (ph) => op(g, type, ph, {})),
  );

/** A float32 gradient helper of (gradients, outputs) of one shape, the outputs spanning both branches. */
const helperF32 = (type: 'EluGrad' | 'SeluGrad'): ParityCase =>
  parity(
    shapeOf().chain((s) => fc.tuple(arrayOf(s, 'float32', floatValue), arrayOf(s, 'float32', floatValue))),
    (g, [dy, y]) => feedThrough(g, [dy, y], (ph) => op(g, type, ph, {})),
  );

/** Cases of the loss ops (and the Elu and Selu activations). */
export const LOSS_CASES = {
  SparseSoftmaxCrossEntropyWithLogits: sparseXent,
  PreventGradient: parity(
    shapeOf().chain((s) => arrayOf(s, 'float32', floatValue)),
    (g, x) => feedThrough(g, [x], (ph) => op(g, 'PreventGradient', op(g, 'Neg', ph, {}), { message: 'no' })),
  ),
  // Short inputs, and long ones whose threads each sum many squares.
  L2Loss: parity(
    fc
      .oneof(
        shapeOf(),
        fc.integer({ min: 200, max: 3000 }).map((n) => [n]),
      )
      .chain((s) => arrayOf(s, 'float32', floatValue)),
    (g, x) => feedThrough(g, [x], (ph) => op(g, 'L2Loss', ph, {})),
  ),
  Elu: unaryF32('Elu'),
  EluGrad: helperF32('EluGrad'),
  Selu: unaryF32('Selu'),
  SeluGrad: helperF32('SeluGrad'),
} satisfies Partial<Record<OpType, ParityCase>>;
