import type { Tensor } from '../graph/tensor.js';
import type { OpType } from './types.js';
import { apply1 } from './apply.js';
import { convertInputs, graphOf, type TensorLike } from './convert.js';

/** The binary ops Python's operators map to. */
export type BinaryOp = 'Add' | 'Sub' | 'Mul' | 'RealDiv' | 'Maximum' | 'Minimum' | 'FloorDiv' | 'FloorMod' | 'Equal' | 'Greater' | 'GreaterEqual' | 'Less' | 'LessEqual';

/** A broadcasting binary op; `defaultName` is the Python operator's name (`add`) or the op's (`Add`). */
export function binary(type: BinaryOp & OpType, defaultName: string, x: TensorLike, y: TensorLike, name?: string): Tensor {
  return apply1({ type, name, defaultName, inputs: [['x', x], ['y', y]], attrs: {} });
}

/** TF1's true division (`x / y`, `tf.divide`): integers are cast to floats first, then RealDiv, named `truediv`. */
export function truediv(x: TensorLike, y: TensorLike, name?: string): Tensor {
  const graph = graphOf([x, y]);
  return graph.name_scope(name ?? 'truediv', (scope) => {
    let [a, b] = convertInputs(graph, [['x', x], ['y', y]], ['x', 'y']) as [Tensor, Tensor];
    if (a.dtype === 'int32' || a.dtype === 'int64') {
      const to = a.dtype === 'int32' ? 'float64' : 'float64';
      a = graph.create_op('Cast', [a], { DstT: to }, 'Cast').outputs[0]!;
      b = graph.create_op('Cast', [b], { DstT: to }, 'Cast').outputs[0]!;
    }
    return graph.create_op('RealDiv', [a, b], {}, scope).outputs[0]!;
  });
}

/** TF1's `-x`: a Neg op named `Neg`. */
export function neg(x: TensorLike, name?: string): Tensor {
  return apply1({ type: 'Neg', name, defaultName: 'Neg', inputs: [['x', x]], attrs: {} });
}

/** TF1's `x @ y`: MatMul in a scope named `matmul`. */
export function matmulOperator(x: TensorLike, y: TensorLike): Tensor {
  return apply1({ type: 'MatMul', defaultName: 'matmul', inputs: [['a', x], ['b', y]], attrs: { transpose_a: false, transpose_b: false } });
}
