// Parity cases of the scatter ops: a variable of random shape and dtype, random (often repeated) indices, updates of
// the full shape or one scalar, scattered twice, then the variable read.
import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import type { DType } from '../../../src/framework/dtypes.js';
import type { ScatterAttrs } from '../../../src/framework/ops/scatter.js';
import { arrayOf, nd, op, shapeOf, type Built } from './harness.js';
import { parity, valuesOf, type ParityCase } from './cases_math.js';

const nonzero = (d: DType): fc.Arbitrary<number> => valuesOf(d).filter((v) => v !== 0);

/** A scatter op's case; `nd` gives indices of a random depth (ScatterNd*), else row indices of random rank. */
function scatter(type: keyof ScatterAttrs, ndIndices: boolean, dtypes: DType[], divides = false): ParityCase {
  const arb = fc
    .tuple(
      shapeOf(3, 4, false).filter((s) => s.length >= 1),
      fc.constantFrom(...dtypes),
      fc.boolean(),
    )
    .chain(([ref, dtype, scalarUpdate]) => {
      const depth = ndIndices ? fc.integer({ min: 1, max: ref.length }) : fc.constant(1);
      const outer = shapeOf(ndIndices ? 1 : 2, 4, true).filter((s) => !ndIndices || s.length === 1);
      return fc.tuple(fc.constant(ref), fc.constant(dtype), depth, outer).chain(([ref, dtype, depth, outer]) => {
        const count = outer.reduce((a, b) => a * b, 1);
        const idxShape = ndIndices ? [...outer, depth] : outer;
        const updShape = scalarUpdate && !ndIndices ? [] : ndIndices ? [...outer, ...ref.slice(depth)] : [...outer, ...ref.slice(1)];
        const index = fc.array(fc.tuple(...Array.from({ length: depth }, (_, k) => fc.integer({ min: 0, max: ref[k]! - 1 }))), {
          minLength: count,
          maxLength: count,
        });
        return fc.tuple(
          arrayOf(ref, dtype, valuesOf(dtype)),
          index.map((rows) => nd(rows.flat(), idxShape, 'int32')),
          arrayOf(updShape, dtype, divides ? nonzero(dtype) : valuesOf(dtype)),
        );
      });
    });
  return parity(arb, (g, [init, indices, updates]) =>
    g.as_default((): Built => {
      const v = op(g, 'VariableV2', [], { dtype: init.dtype, shape: init.shape })[0]!;
      const [pInit, pIdx, pUpd] = [init, indices, updates].map((a) => tf.placeholder(a.dtype));
      const assign = op(g, 'Assign', [v, pInit!], { validate_shape: true, use_locking: true })[0]!;
      const upd = op(g, type, [v, pIdx!, pUpd!], { use_locking: false })[0]!;
      const feeds = new Map([
        [pInit!, init],
        [pIdx!, indices],
        [pUpd!, updates],
      ]);
      return {
        runs: [
          { fetches: [assign], feeds },
          { fetches: [upd], feeds },
          { fetches: [upd], feeds },
          { fetches: [v], feeds },
        ],
      };
    }),
  );
}

const NUM: DType[] = ['float32', 'int32'];

/** Cases of the scatter ops. */
export const SCATTER_CASES = {
  ScatterUpdate: scatter('ScatterUpdate', false, [...NUM, 'bool']),
  ScatterAdd: scatter('ScatterAdd', false, NUM),
  ScatterSub: scatter('ScatterSub', false, NUM),
  ScatterMul: scatter('ScatterMul', false, NUM),
  // the CPU kernel divides in float64 and rounds; the GPU in float32: exact for float32 operands either way
  ScatterDiv: scatter('ScatterDiv', false, ['float32'], true),
  ScatterMin: scatter('ScatterMin', false, NUM),
  ScatterMax: scatter('ScatterMax', false, NUM),
  ScatterNdUpdate: scatter('ScatterNdUpdate', true, NUM),
  ScatterNdAdd: scatter('ScatterNdAdd', true, NUM),
  ScatterNdSub: scatter('ScatterNdSub', true, NUM),
};
