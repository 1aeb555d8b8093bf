import type { OpType } from '../types.js';

// Inputs whose values (not only shapes) decide an op's output shape or whether its kernel accepts them.
const BY_TYPE: Partial<Record<OpType, readonly number[]>> = {
  Reshape: [1],
  ExpandDims: [1],
  Fill: [0],
  Tile: [1],
  Range: [0, 1, 2],
  RandomStandardNormal: [0],
  TruncatedNormal: [0],
  RandomUniform: [0],
  RandomUniformInt: [0],
  Sum: [1],
  Mean: [1],
  Max: [1],
  Prod: [1],
  ArgMax: [1],
  BroadcastGradientArgs: [0, 1],
  Transpose: [1],
};

/**
 * The indices of an op's inputs whose values its shape rule reads (shape vectors, axes, multiples,
 * stitch indices): where one of them is not known when a run is planned, the planned shape rests on
 * an assumption about that value, and only the kernel, given the value, can check it.
 */
export function valueInputs(type: OpType, inputCount: number): readonly number[] {
  if (type === 'DynamicStitch') return Array.from({ length: inputCount / 2 }, (_, i) => i);
  return BY_TYPE[type] ?? [];
}
