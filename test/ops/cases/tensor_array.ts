import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarrays, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

// Elements of up to two dimensions, in arrays of 3 (x's leading axis).
const rows = fc.tuple(
  shape({ max_rank: 2, max_dim: 3 }).chain((s) => ndarrays([[3, ...s]])),
  known,
);

/** sin of x written and read back element by element (TensorArrayWriteV3 and TensorArrayReadV3). */
const writeRead = (x: tf.Tensor): tf.Tensor => {
  let ta = new tf.TensorArray(x.dtype, 3, { clear_after_read: false });
  for (let i = 0; i < 3; i++) ta = ta.write(i, tf.gather(x, i));
  return tf.sin(tf.stack([ta.read(2), ta.read(0), ta.read(2)]));
};

/** x scattered in reverse order and gathered with a repeat (TensorArrayScatterV3, TensorArrayGatherV3). */
const scatterGather = (x: tf.Tensor): tf.Tensor => tf.sin(new tf.TensorArray(x.dtype, 3, { clear_after_read: false }).scatter([2, 0, 1], x).gather([0, 2, 0]));

/** x split into rows of 1 and 2 and concatenated again (TensorArraySplitV3, TensorArrayConcatV3). */
const splitConcat = (x: tf.Tensor): tf.Tensor => tf.sin(new tf.TensorArray(x.dtype, 2, { infer_shape: false }).split(x, [1, 2]).concat());

/** Gradient properties of the TensorArray ops (outside loops; tensor_array_grad.py's rules). */
export const cases: readonly OpCase[] = [
  gradientProperty(
    'TensorArrayWriteV3',
    'written, then read (twice) with clear_after_read=False',
    rows,
    ([[x], k]) => ({ inputs: [x!], build: ([a]) => writeRead(a!), known: k }),
    10,
  ),
  gradientProperty(
    'TensorArrayReadV3',
    'written, then read (twice) with clear_after_read=False',
    rows,
    ([[x], k]) => ({ inputs: [x!], build: ([a]) => writeRead(a!), known: k }),
    10,
  ),
  gradientProperty(
    'TensorArrayScatterV3',
    'scattered, gathered with a repeat',
    rows,
    ([[x], k]) => ({ inputs: [x!], build: ([a]) => scatterGather(a!), known: k }),
    10,
  ),
  gradientProperty(
    'TensorArrayGatherV3',
    'scattered, gathered with a repeat',
    rows,
    ([[x], k]) => ({ inputs: [x!], build: ([a]) => scatterGather(a!), known: k }),
    10,
  ),
  gradientProperty(
    'TensorArraySplitV3',
    'split into 1 and 2 rows, concatenated',
    rows,
    ([[x], k]) => ({ inputs: [x!], build: ([a]) => splitConcat(a!), known: k }),
    10,
  ),
  gradientProperty(
    'TensorArrayConcatV3',
    'split into 1 and 2 rows, concatenated',
    rows,
    ([[x], k]) => ({ inputs: [x!], build: ([a]) => splitConcat(a!), known: k }),
    10,
  ),
];
