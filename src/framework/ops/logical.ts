// The logical ops on bool tensors (tensorflow/core/ops/math_ops.cc: LogicalAnd and LogicalOr broadcast as the
// binary ops, LogicalNot is UnchangedShape), which TF1's math_grad.py registers as not differentiable.
import type { NoAttrs, OpDef, OpDefs } from '../op_def.js';
import { broadcastShapes, inShape, one } from '../shape_util.js';

/** The logical ops' attributes (none: their inputs are bool). */
export interface LogicalAttrs {
  LogicalAnd: NoAttrs;
  LogicalOr: NoAttrs;
  LogicalNot: NoAttrs;
}

/** A broadcasting op of two bool inputs `x` and `y`, the plain op behind the public function `api`. */
const binary = <K extends 'LogicalAnd' | 'LogicalOr'>(api: string): OpDef<K> => ({
  api: [api],
  inputs: [
    { name: 'x', type: 'bool' },
    { name: 'y', type: 'bool' },
  ],
  attrs: {} as OpDef<K>['attrs'],
  shape: (c) => one('bool', broadcastShapes(inShape(c, 0), inShape(c, 1))),
  grad: 'none',
});

/** Definitions of the logical ops. */
export const LOGICAL_OPS: OpDefs<LogicalAttrs> = {
  LogicalAnd: binary('logical_and'),
  LogicalOr: binary('logical_or'),
  LogicalNot: {
    api: ['logical_not'],
    inputs: [{ name: 'x', type: 'bool' }],
    attrs: {},
    shape: (c) => one('bool', inShape(c)),
    grad: 'none',
  },
};
