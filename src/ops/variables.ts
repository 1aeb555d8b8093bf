import type { DType } from '../graph/dtypes.js';
import { get_default_graph, GraphKeys, type Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { TensorShape } from '../graph/shape.js';
import { ValueError } from '../graph/errors.js';
import { convert_to_tensor, graphOf, type TensorLike } from './convert.js';
import { apply1 } from './apply.js';
import * as operators from './operators.js';

/** Options of `tf.Variable`, with TF1's parameter names. */
export interface VariableOptions {
  name?: string;
  trainable?: boolean;
  dtype?: DType;
  validate_shape?: boolean;
  collections?: string[];
}

/** TF1's (ref) Variable: a VariableV2 op, its `Assign` initializer and its `read` snapshot. */
export class RefVariable {
  /** The VariableV2 op's output: the variable's storage. */
  readonly _variable: Tensor;
  /** The initial value tensor. */
  readonly initial_value: Tensor;
  /** The `Variable/Assign` op that initializes it. */
  readonly initializer: Operation;
  /** The `Variable/read` tensor that ops consume. */
  readonly _snapshot: Tensor;
  /** Whether the optimizers train it by default. */
  readonly trainable: boolean;

  constructor(variable: Tensor, initialValue: Tensor, initializer: Operation, snapshot: Tensor, trainable: boolean) {
    this._variable = variable;
    this.initial_value = initialValue;
    this.initializer = initializer;
    this._snapshot = snapshot;
    this.trainable = trainable;
  }

  /** `Variable:0`. */
  get name(): string { return this._variable.name; }
  /** The VariableV2 op. */
  get op(): Operation { return this._variable.op; }
  /** The graph it lives in. */
  get graph(): Graph { return this._variable.graph; }
  /** Element type. */
  get dtype(): DType { return this._variable.dtype; }
  /** Static shape. */
  get shape(): TensorShape { return this._variable.shape; }
  /** Static shape (TF1's `get_shape()`). */
  get_shape(): TensorShape { return this._variable.shape; }
  /** The tensor ops read: `Variable/read:0`. */
  value(): Tensor { return this._snapshot; }
  /** The storage tensor, for ops that write it (TF1's `_ref()`). */
  _ref(): Tensor { return this._variable; }

  /** An `Assign` op writing `value`; running it returns the new value. */
  assign(value: TensorLike, opts: { name?: string; use_locking?: boolean } = {}): Tensor {
    return assign(this._variable, value, { name: opts.name, use_locking: opts.use_locking });
  }

  /** An `AssignAdd` op. */
  assign_add(delta: TensorLike, opts: { name?: string } = {}): Tensor {
    return apply1({ type: 'AssignAdd', name: opts.name, defaultName: 'AssignAdd', inputs: [['ref', this._variable], ['value', delta]], attrs: { use_locking: false } });
  }

  /** An `AssignSub` op. */
  assign_sub(delta: TensorLike, opts: { name?: string } = {}): Tensor {
    return apply1({ type: 'AssignSub', name: opts.name, defaultName: 'AssignSub', inputs: [['ref', this._variable], ['value', delta]], attrs: { use_locking: false } });
  }

  /** `x + y` on the variable's value. */
  add(y: TensorLike): Tensor { return operators.binary('Add', 'add', this.value(), y); }
  /** `x - y` on the variable's value. */
  sub(y: TensorLike): Tensor { return operators.binary('Sub', 'sub', this.value(), y); }
  /** `x * y` on the variable's value. */
  mul(y: TensorLike): Tensor { return operators.binary('Mul', 'mul', this.value(), y); }
  /** `x / y` on the variable's value. */
  div(y: TensorLike): Tensor { return operators.truediv(this.value(), y); }
  /** `-x` on the variable's value. */
  neg(): Tensor { return operators.neg(this.value()); }
  /** `x @ y` on the variable's value. */
  matmul(y: TensorLike): Tensor { return operators.matmulOperator(this.value(), y); }

  /** TF1's printed form: `<tf.Variable 'Variable:0' shape=(784, 10) dtype=float32_ref>`. */
  toString(): string {
    return `<tf.Variable '${this.name}' shape=${this.shape} dtype=${this.dtype}_ref>`;
  }
}

/** The type of `tf.Variable(...)`'s result. */
export type Variable = RefVariable;

/** TF1's `tf.Variable(initial_value)`: ops `Variable`, `Variable/Assign`, `Variable/read`, added to the variable collections. */
export function Variable(initial_value: TensorLike, opts: VariableOptions = {}): RefVariable {
  const graph = graphOf([initial_value]);
  const trainable = opts.trainable ?? true;
  const validate = opts.validate_shape ?? true;
  const v = graph.control_dependencies(null, () => graph.name_scope(opts.name ?? 'Variable', (scope) => {
    const init = convert_to_tensor(initial_value, { name: 'initial_value', dtype: opts.dtype, graph });
    if (validate && !init.shape.is_fully_defined()) {
      throw new ValueError(`initial_value must have a shape specified: ${init}`);
    }
    const variable = graph.create_op('VariableV2', [], { dtype: init.dtype, shape: validate ? init.shape.dims : null }, scope).outputs[0]!;
    const initOp = assign(variable, init, { validate_shape: validate }).op;
    const snapshot = graph.create_op('Identity', [variable], {}, 'read').outputs[0]!;
    return new RefVariable(variable, init, initOp, snapshot, trainable);
  }));
  const collections = opts.collections ?? [GraphKeys.GLOBAL_VARIABLES];
  if (trainable && !collections.includes(GraphKeys.TRAINABLE_VARIABLES)) collections.push(GraphKeys.TRAINABLE_VARIABLES);
  for (const c of collections) graph.add_to_collection(c, v);
  return v;
}

/** TF1's `tf.assign(ref, value)`: an Assign op that writes `value` into the variable `ref`. */
export function assign(ref: Tensor | RefVariable, value: TensorLike, opts: { validate_shape?: boolean; use_locking?: boolean; name?: string | undefined } = {}): Tensor {
  const r = ref instanceof RefVariable ? ref._ref() : ref;
  if (!isRef(r)) throw new ValueError(`Assign requires a variable (a ref tensor); got ${r}.`);
  return apply1({
    type: 'Assign', name: opts.name, defaultName: 'Assign', inputs: [['ref', r], ['value', value]],
    attrs: { validate_shape: opts.validate_shape ?? true, use_locking: opts.use_locking ?? true },
  });
}

/** True for tensors that are a variable's storage (TF1's `_ref` dtypes). */
export function isRef(t: Tensor): boolean {
  const type = t.op.type;
  return type === 'VariableV2' || type === 'Assign' || type === 'AssignAdd' || type === 'AssignSub' || type === 'ApplyGradientDescent';
}

/** All variables in GLOBAL_VARIABLES of the default graph. */
export function global_variables(): RefVariable[] {
  return get_default_graph().get_collection<RefVariable>(GraphKeys.GLOBAL_VARIABLES);
}

/** All variables in TRAINABLE_VARIABLES of the default graph. */
export function trainable_variables(): RefVariable[] {
  return get_default_graph().get_collection<RefVariable>(GraphKeys.TRAINABLE_VARIABLES);
}
