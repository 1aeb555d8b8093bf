import type { DType } from './dtypes.js';
import type { Graph } from './graph.js';
import type { Operation } from './operation.js';
import { TensorShape, asShape, type ShapeLike } from './shape.js';
import { ValueError } from './errors.js';
import * as operators from '../ops/operators.js';
import type { TensorLike } from '../ops/convert.js';
import { REF_WRITERS } from '../ops/types.js';

/** A symbolic output of an Operation: TF1's Tensor, printed as `Tensor("Softmax:0", shape=(?, 10), dtype=float32)`. */
export class Tensor {
  /** The op that produces this tensor. */
  readonly op: Operation;
  /** Which output of the op this is. */
  readonly value_index: number;
  /** Element type. */
  readonly dtype: DType;
  private _shape: TensorShape;

  constructor(op: Operation, valueIndex: number, dtype: DType, shape: TensorShape) {
    this.op = op;
    this.value_index = valueIndex;
    this.dtype = dtype;
    this._shape = shape;
  }

  /** `op_name:index`, e.g. `Softmax:0`. */
  get name(): string {
    return `${this.op.name}:${this.value_index}`;
  }

  /** The graph of the producing op. */
  get graph(): Graph {
    return this.op.graph;
  }

  /** The static shape inferred when the op was created. */
  get shape(): TensorShape {
    return this._shape;
  }

  /** The static shape (TF1's `get_shape()`). */
  get_shape(): TensorShape {
    return this._shape;
  }

  /** Refines the static shape, as TF1's `set_shape`; incompatible shapes raise ValueError. */
  set_shape(shape: ShapeLike): void {
    const merged = this._shape.merge_with(asShape(shape));
    if (merged === null) {
      throw new ValueError(`Shapes ${this._shape} and ${asShape(shape)} are not compatible`);
    }
    this._shape = merged;
  }

  /** The ops that take this tensor as an input. */
  consumers(): Operation[] {
    return this.graph.consumersOf(this);
  }

  /** TF1's `x + y`: an Add node named `add`. */
  add(y: TensorLike): Tensor {
    return operators.binary('Add', 'add', this, y);
  }

  /** TF1's `x - y`: a Sub node named `sub`. */
  sub(y: TensorLike): Tensor {
    return operators.binary('Sub', 'sub', this, y);
  }

  /** TF1's `x * y`: a Mul node named `mul`. */
  mul(y: TensorLike): Tensor {
    return operators.binary('Mul', 'mul', this, y);
  }

  /** TF1's `x / y` (true division): a RealDiv node named `truediv`. */
  div(y: TensorLike): Tensor {
    return operators.truediv(this, y);
  }

  /** TF1's `-x`: a Neg node named `Neg`. */
  neg(): Tensor {
    return operators.neg(this);
  }

  /** TF1's `x @ y`: a MatMul node named `matmul`. */
  matmul(y: TensorLike): Tensor {
    return operators.matmulOperator(this, y);
  }

  /** TF1's printed form. */
  toString(): string {
    const ref = this.op.type === 'VariableV2' || REF_WRITERS.has(this.op.type) ? '_ref' : '';
    return `Tensor("${this.name}", shape=${this._shape}, dtype=${this.dtype}${ref})`;
  }
}
