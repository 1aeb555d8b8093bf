// Python's operators on Tensors (`x + y`, `x / y`, `x // y`, `x % y`, `x < y`, `-x`, `x @ y`) and the binary-op builder they share with
// tf.add and friends. Installed on Tensor's prototype here, as TF1's math_ops overrides Tensor's operators.
import { Tensor } from '../graph/tensor.js';
import type { OpType } from '../framework/op_defs.js';
import { isInteger, isSmallInt } from '../framework/dtypes.js';
import { convertInputs, graphOf, withLiteralHint, type TensorLike } from './convert.js';

/** The binary ops Python's operators map to. */
export type BinaryOp =
  | 'Add'
  | 'Sub'
  | 'Mul'
  | 'RealDiv'
  | 'Maximum'
  | 'Minimum'
  | 'FloorDiv'
  | 'FloorMod'
  | 'Equal'
  | 'Greater'
  | 'GreaterEqual'
  | 'Less'
  | 'LessEqual'
  | 'NotEqual'
  | 'LogicalAnd'
  | 'LogicalOr'
  | 'Pow'
  | 'SquaredDifference';

/** Creates a one-output op of `type` in its own name scope, inputs converted inside it (TF1's apply_op). */
function op1(
  type: OpType,
  defaultName: string,
  name: string | undefined,
  inputs: readonly [string, TensorLike][],
  shared: readonly string[],
  attrs: object,
): Tensor {
  const graph = graphOf(inputs.map(([, v]) => v));
  return graph.name_scope(name ?? defaultName, (scope) => {
    const tensors = convertInputs(graph, inputs, shared);
    try {
      return graph.create_op(type, tensors, attrs as never, scope).outputs[0]!;
    } catch (e) {
      throw withLiteralHint(e, tensors);
    }
  });
}

/** A broadcasting binary op; `defaultName` is the Python operator's name (`add`) or the op's (`Add`). */
export function binary(type: BinaryOp & OpType, defaultName: string, x: TensorLike, y: TensorLike, name?: string): Tensor {
  return op1(
    type,
    defaultName,
    name,
    [
      ['x', x],
      ['y', y],
    ],
    ['x', 'y'],
    {},
  );
}

/** TF1's true division (`x / y`, `tf.divide`): integers are cast to float64 first, then RealDiv, named `truediv`. */
export function truediv(x: TensorLike, y: TensorLike, name?: string): Tensor {
  const graph = graphOf([x, y]);
  return graph.name_scope(name ?? 'truediv', (scope) => {
    let [a, b] = convertInputs(
      graph,
      [
        ['x', x],
        ['y', y],
      ],
      ['x', 'y'],
    ) as [Tensor, Tensor];
    // TF1's _TRUEDIV_TABLE: the narrow integers divide in float32, int32 and int64 in float64.
    if (isInteger(a.dtype)) {
      const to = isSmallInt(a.dtype) ? 'float32' : 'float64';
      a = graph.create_op('Cast', [a], { DstT: to }, 'Cast').outputs[0]!;
      b = graph.create_op('Cast', [b], { DstT: to }, 'Cast').outputs[0]!;
    }
    try {
      return graph.create_op('RealDiv', [a, b], {}, scope).outputs[0]!;
    } catch (e) {
      throw withLiteralHint(e, [a, b]);
    }
  });
}

/** TF1's `-x`: a Neg op named `Neg`. */
export function neg(x: TensorLike, name?: string): Tensor {
  return op1('Neg', 'Neg', name, [['x', x]], ['x'], {});
}

/**
 * TF1's `x ^ y`: logical_xor in a scope named `xor` (`y` converted to x's dtype there): `(x | y) & ~(x & y)`, nodes
 * `xor/LogicalOr`, `xor/LogicalAnd`, `xor/LogicalNot` and the result, a LogicalAnd named `xor`.
 */
export function xorOperator(x: TensorLike, y: TensorLike): Tensor {
  const graph = graphOf([x, y]);
  return graph.name_scope('xor', (scope) => {
    const [a, b] = convertInputs(
      graph,
      [
        ['x', x],
        ['y', y],
      ],
      ['x', 'y'],
    ) as [Tensor, Tensor];
    const make = (type: 'LogicalAnd' | 'LogicalOr' | 'LogicalNot', inputs: Tensor[], name: string): Tensor =>
      graph.name_scope(name, (s) => graph.create_op(type, inputs, {}, s).outputs[0]!);
    const either = make('LogicalOr', [a, b], 'LogicalOr');
    const notBoth = make('LogicalNot', [make('LogicalAnd', [a, b], 'LogicalAnd')], 'LogicalNot');
    return graph.create_op('LogicalAnd', [either, notBoth], {}, scope).outputs[0]!;
  });
}

/** TF1's `x @ y`: MatMul in a scope named `matmul`. */
export function matmulOperator(x: TensorLike, y: TensorLike): Tensor {
  return op1(
    'MatMul',
    'matmul',
    undefined,
    [
      ['a', x],
      ['b', y],
    ],
    ['a', 'b'],
    { transpose_a: false, transpose_b: false },
  );
}

// Python's operators on a Tensor (`x + y`, `-x`, `x @ y`), as methods named after the operators, declared
// where they are installed: the graph layer knows nothing of them.
declare module '../graph/tensor.js' {
  interface Tensor {
    /** TF1's `x + y`: an Add node named `add`. */
    add(y: TensorLike): Tensor;
    /** TF1's `x - y`: a Sub node named `sub`. */
    sub(y: TensorLike): Tensor;
    /** TF1's `x * y`: a Mul node named `mul`. */
    mul(y: TensorLike): Tensor;
    /** TF1's `x / y` (true division): a RealDiv node named `truediv`. */
    div(y: TensorLike): Tensor;
    /** TF1's `-x`: a Neg node named `Neg`. */
    neg(): Tensor;
    /** TF1's `x @ y`: a MatMul node named `matmul`. */
    matmul(y: TensorLike): Tensor;
    /** TF1's `x // y`: a FloorDiv node named `floordiv`. */
    floordiv(y: TensorLike): Tensor;
    /** TF1's `x % y`: a FloorMod node named `mod`. */
    mod(y: TensorLike): Tensor;
    /** TF1's `x < y`: a Less node named `Less`. */
    lt(y: TensorLike): Tensor;
    /** TF1's `x <= y`: a LessEqual node named `LessEqual`. */
    le(y: TensorLike): Tensor;
    /** TF1's `x > y`: a Greater node named `Greater`. */
    gt(y: TensorLike): Tensor;
    /** TF1's `x >= y`: a GreaterEqual node named `GreaterEqual`. */
    ge(y: TensorLike): Tensor;
    /** TF1's `x & y` (bools): a LogicalAnd node named `and`. */
    and(y: TensorLike): Tensor;
    /** TF1's `x | y` (bools): a LogicalOr node named `or`. */
    or(y: TensorLike): Tensor;
    /** TF1's `x ^ y` (bools): logical_xor under `xor/`, its last node named `xor`. */
    xor(y: TensorLike): Tensor;
    /** TF1's `~x` (bools): a LogicalNot node named `LogicalNot`. */
    invert(): Tensor;
    /** TF1's `x ** y`: a Pow node named `pow`. */
    pow(y: TensorLike): Tensor;
  }
}

Object.assign(Tensor.prototype, {
  add(this: Tensor, y: TensorLike): Tensor {
    return binary('Add', 'add', this, y);
  },
  sub(this: Tensor, y: TensorLike): Tensor {
    return binary('Sub', 'sub', this, y);
  },
  mul(this: Tensor, y: TensorLike): Tensor {
    return binary('Mul', 'mul', this, y);
  },
  div(this: Tensor, y: TensorLike): Tensor {
    return truediv(this, y);
  },
  floordiv(this: Tensor, y: TensorLike): Tensor {
    return binary('FloorDiv', 'floordiv', this, y);
  },
  mod(this: Tensor, y: TensorLike): Tensor {
    return binary('FloorMod', 'mod', this, y);
  },
  // TF1 overrides the comparisons with the gen_math_ops functions themselves, so the nodes take the op's name.
  lt(this: Tensor, y: TensorLike): Tensor {
    return binary('Less', 'Less', this, y);
  },
  le(this: Tensor, y: TensorLike): Tensor {
    return binary('LessEqual', 'LessEqual', this, y);
  },
  gt(this: Tensor, y: TensorLike): Tensor {
    return binary('Greater', 'Greater', this, y);
  },
  ge(this: Tensor, y: TensorLike): Tensor {
    return binary('GreaterEqual', 'GreaterEqual', this, y);
  },
  neg(this: Tensor): Tensor {
    return neg(this);
  },
  matmul(this: Tensor, y: TensorLike): Tensor {
    return matmulOperator(this, y);
  },
  and(this: Tensor, y: TensorLike): Tensor {
    return binary('LogicalAnd', 'and', this, y);
  },
  or(this: Tensor, y: TensorLike): Tensor {
    return binary('LogicalOr', 'or', this, y);
  },
  xor(this: Tensor, y: TensorLike): Tensor {
    return xorOperator(this, y);
  },
  // TF1 overrides `__invert__` with gen_math_ops.logical_not itself.
  invert(this: Tensor): Tensor {
    return op1('LogicalNot', 'LogicalNot', undefined, [['x', this]], ['x'], {});
  },
  pow(this: Tensor, y: TensorLike): Tensor {
    return binary('Pow', 'pow', this, y);
  },
});
