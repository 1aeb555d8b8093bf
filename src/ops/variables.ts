// tf.Variable (TF1's RefVariable), tf.assign and friends, and the variable collections.
import type { DType } from '../framework/dtypes.js';
import { get_default_graph, GraphKeys, type Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { SESSION } from '../graph/tensor.js';
import type { TensorShape } from '../framework/shape.js';
import { opt, parseArgs, req, signed, tf1, type Call, type Parsed } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { NDArray } from '../framework/ndarray.js';
import { toTensor, graphOf, type TensorLike } from './convert.js';
import { apply1 } from './apply.js';
import { isRefOutput } from '../framework/op_defs.js';
import * as operators from './operators.js';
import { ANY, BOOL, DTYPE, STR, SYMBOLIC, TENSOR, VARIABLE, kind, list, oneOf } from './kinds.js';

const ASSIGN_METHOD = [req('value', TENSOR), opt('use_locking', BOOL), opt('name', STR), opt('read_value', BOOL)] as const;
const DELTA_METHOD = [req('delta', TENSOR), opt('use_locking', BOOL), opt('name', STR), opt('read_value', BOOL)] as const;
const EVAL = [opt('session', SESSION)] as const;

/** TF1's (ref) Variable: a VariableV2 op, its `Assign` initializer and its `read` snapshot. */
export class RefVariable {
  /** Marks the object as a Variable for argument checks. */
  readonly [VARIABLE] = true;
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
  get name(): string {
    return this._variable.name;
  }
  /** The VariableV2 op. */
  get op(): Operation {
    return this._variable.op;
  }
  /** The graph it lives in. */
  get graph(): Graph {
    return this._variable.graph;
  }
  /** Element type. */
  get dtype(): DType {
    return this._variable.dtype;
  }
  /** Static shape. */
  get shape(): TensorShape {
    return this._variable.shape;
  }
  /** Static shape (TF1's `get_shape()`). */
  get_shape(): TensorShape {
    return this._variable.shape;
  }
  /** The tensor ops read: `Variable/read:0`. */
  value(): Tensor {
    return this._snapshot;
  }
  /** The tensor ops read (TF1's `read_value()`: here the same snapshot). */
  read_value(): Tensor {
    return this._snapshot;
  }
  /** The storage tensor, for ops that write it (TF1's `_ref()`). */
  _ref(): Tensor {
    return this._variable;
  }

  /** TF1's `assign(value, use_locking, name, read_value)`: an `Assign` op; running it returns the new value. */
  assign(...args: Call<typeof ASSIGN_METHOD>): Tensor {
    const a = parseArgs('assign', ASSIGN_METHOD, args);
    return assignOp(this._variable, a.value, { use_locking: a.use_locking, name: a.name });
  }

  /** TF1's `assign_add(delta, use_locking, name, read_value)`: an `AssignAdd` op. */
  assign_add(...args: Call<typeof DELTA_METHOD>): Tensor {
    const a = parseArgs('assign_add', DELTA_METHOD, args);
    return updateOp('AssignAdd', this._variable, a.delta, a);
  }

  /** TF1's `assign_sub(delta, use_locking, name, read_value)`: an `AssignSub` op. */
  assign_sub(...args: Call<typeof DELTA_METHOD>): Tensor {
    const a = parseArgs('assign_sub', DELTA_METHOD, args);
    return updateOp('AssignSub', this._variable, a.delta, a);
  }

  /** TF1's `eval(session)`: the variable's value in `session`, else the default session. */
  eval(...args: Call<typeof EVAL>): Promise<NDArray> {
    const a = parseArgs('eval', EVAL, args);
    return a.session ? this._snapshot.eval({ session: a.session }) : this._snapshot.eval();
  }

  /** `x + y` on the variable's value. */
  add(y: TensorLike): Tensor {
    return operators.binary('Add', 'add', this.value(), y);
  }
  /** `x - y` on the variable's value. */
  sub(y: TensorLike): Tensor {
    return operators.binary('Sub', 'sub', this.value(), y);
  }
  /** `x * y` on the variable's value. */
  mul(y: TensorLike): Tensor {
    return operators.binary('Mul', 'mul', this.value(), y);
  }
  /** `x / y` on the variable's value. */
  div(y: TensorLike): Tensor {
    return operators.truediv(this.value(), y);
  }
  /** `-x` on the variable's value. */
  neg(): Tensor {
    return operators.neg(this.value());
  }
  /** `x @ y` on the variable's value. */
  matmul(y: TensorLike): Tensor {
    return operators.matmulOperator(this.value(), y);
  }

  /** TF1's printed form: `<tf.Variable 'Variable:0' shape=(784, 10) dtype=float32_ref>`. */
  toString(): string {
    return `<tf.Variable '${this.name}' shape=${this.shape} dtype=${this.dtype}_ref>`;
  }
}
signed(RefVariable.prototype.assign, 'Variable.assign', ASSIGN_METHOD);
signed(RefVariable.prototype.assign_add, 'Variable.assign_add', DELTA_METHOD);
signed(RefVariable.prototype.assign_sub, 'Variable.assign_sub', DELTA_METHOD);
signed(RefVariable.prototype.eval, 'Variable.eval', EVAL);

const COLLECTIONS = kind<readonly string[]>('list of collection names', (v) => Array.isArray(v) && v.every((c) => typeof c === 'string'));

/** An initial value, or (as TF1 allows) a function of no arguments that builds it. */
const INITIAL_VALUE = oneOf<[TensorLike, () => TensorLike]>(
  'a Tensor, a value convertible to one, or a function returning one',
  TENSOR,
  kind<() => TensorLike>('callable', (v) => typeof v === 'function'),
);

const VARIABLE_PARAMS = [
  opt('initial_value', INITIAL_VALUE),
  opt('trainable', BOOL),
  opt('collections', COLLECTIONS),
  opt('validate_shape', BOOL),
  opt('caching_device', ANY),
  opt('name', STR),
  opt('variable_def', ANY),
  opt('dtype', DTYPE),
  opt('expected_shape', ANY),
  opt('import_scope', STR),
  opt('constraint', ANY),
] as const;

/** Options of `tf.Variable`, with TF1's parameter names. */
export type VariableOptions = Partial<Omit<Parsed<typeof VARIABLE_PARAMS>, 'initial_value'>>;

function makeVariable(a: Parsed<typeof VARIABLE_PARAMS>): RefVariable {
  if (a.initial_value === undefined || a.initial_value === null) throw new ValueError('initial_value must be specified.');
  if (a.variable_def != null) throw new ValueError('variable_def (building a Variable from a VariableDef) is done by tf.train.import_meta_graph in tf1-ts.');
  if (a.constraint != null) throw new ValueError('Variable constraints are not supported by tf1-ts.');
  const initial_value = a.initial_value;
  const graph = graphOf([initial_value]);
  const trainable = a.trainable ?? true;
  const validate = a.validate_shape ?? true;
  const v = graph.control_dependencies(null, () =>
    graph.name_scope(a.name ?? 'Variable', (scope) => {
      // TF1 builds a callable initial value in an `Initializer` scope: `Variable/Initializer/initial_value`.
      const init =
        typeof initial_value === 'function'
          ? graph.name_scope('Initializer', () => toTensor(initial_value(), { name: 'initial_value', dtype: a.dtype ?? undefined, graph }))
          : toTensor(initial_value, { name: 'initial_value', dtype: a.dtype ?? undefined, graph });
      // the Variable's ops are outside any cond or loop, where a value made in one could never be read
      if (typeof initial_value !== 'function' && init.op._control_flow_context !== null) {
        throw new ValueError(
          `Initializer for variable ${scope} is from inside a control-flow construct, such as a loop or conditional. When creating a variable inside a loop or conditional, use a lambda as the initializer.`,
        );
      }
      if (validate && !init.shape.is_fully_defined()) {
        throw new ValueError(`initial_value must have a shape specified: ${init}`);
      }
      const variable = graph.create_op('VariableV2', [], { dtype: init.dtype, shape: validate ? init.shape.dims : null }, scope).outputs[0]!;
      const initOp = assignOp(variable, init, { validate_shape: validate }).op;
      const snapshot = graph.create_op('Identity', [variable], {}, 'read').outputs[0]!;
      return new RefVariable(variable, init, initOp, snapshot, trainable);
    }),
  );
  const collections = [...(a.collections ?? [GraphKeys.GLOBAL_VARIABLES])];
  if (trainable && !collections.includes(GraphKeys.TRAINABLE_VARIABLES)) collections.push(GraphKeys.TRAINABLE_VARIABLES);
  for (const c of collections) graph.add_to_collection(c, v);
  return v;
}

/** The type of `tf.Variable`: callable with or without `new`, as TF1's `tf.Variable(...)`. */
export interface VariableConstructor {
  (...args: Call<typeof VARIABLE_PARAMS>): RefVariable;
  new (...args: Call<typeof VARIABLE_PARAMS>): RefVariable;
  readonly prototype: RefVariable;
}

/**
 * TF1's `tf.Variable(initial_value, trainable, collections, validate_shape, caching_device, name, variable_def,
 * dtype, expected_shape, import_scope, constraint)`: ops `Variable`, `Variable/Assign`, `Variable/read`, added
 * to the variable collections. `v instanceof tf.Variable` holds, as in TF1.
 */
export const Variable = signed(
  function Variable(...args: Call<typeof VARIABLE_PARAMS>): RefVariable {
    return makeVariable(parseArgs('Variable', VARIABLE_PARAMS, args));
  } as unknown as VariableConstructor,
  'Variable',
  VARIABLE_PARAMS,
);
(Variable as unknown as { prototype: RefVariable }).prototype = RefVariable.prototype;
/** The type of a Variable (`tf.Variable` as a type). */
export type Variable = RefVariable;

/** True for tensors that are a variable's storage (TF1's `_ref` dtypes). */
export function isRef(t: Tensor): boolean {
  return isRefOutput(t.op.type, t.value_index);
}

/** The storage tensor of `ref` (a Variable or a ref tensor), or TF1's TypeError for an op that must write it. */
export function refOf(ref: Tensor | RefVariable, op: string): Tensor {
  const r = ref instanceof RefVariable ? ref._ref() : ref;
  if (!isRef(r)) throw new TFTypeError(`'${op}' Op requires that input 'ref' be a mutable tensor (e.g.: a tf.Variable)`);
  return r;
}

function assignOp(ref: Tensor, value: TensorLike, o: { validate_shape?: boolean | null; use_locking?: boolean | null; name?: string | null }): Tensor {
  return apply1({
    type: 'Assign',
    name: o.name ?? undefined,
    defaultName: 'Assign',
    inputs: [
      ['ref', ref],
      ['value', value],
    ],
    attrs: { validate_shape: o.validate_shape ?? true, use_locking: o.use_locking ?? true },
  });
}

function updateOp(type: 'AssignAdd' | 'AssignSub', ref: Tensor, value: TensorLike, o: { use_locking?: boolean | null; name?: string | null }): Tensor {
  return apply1({
    type,
    name: o.name ?? undefined,
    defaultName: type,
    inputs: [
      ['ref', ref],
      ['value', value],
    ],
    attrs: { use_locking: o.use_locking ?? false },
  });
}

const REF = SYMBOLIC;

/** TF1's `tf.assign(ref, value, validate_shape, use_locking, name)`: an Assign op writing `value` into the variable. */
export const assign = tf1('assign', [req('ref', REF), req('value', TENSOR), opt('validate_shape', BOOL), opt('use_locking', BOOL), opt('name', STR)], (a) =>
  assignOp(refOf(a.ref, 'Assign'), a.value, a),
);

/** TF1's `tf.assign_add(ref, value, use_locking, name)`: an AssignAdd op. */
export const assign_add = tf1('assign_add', [req('ref', REF), req('value', TENSOR), opt('use_locking', BOOL), opt('name', STR)], (a) =>
  updateOp('AssignAdd', refOf(a.ref, 'AssignAdd'), a.value, a),
);

/** TF1's `tf.assign_sub(ref, value, use_locking, name)`: an AssignSub op. */
export const assign_sub = tf1('assign_sub', [req('ref', REF), req('value', TENSOR), opt('use_locking', BOOL), opt('name', STR)], (a) =>
  updateOp('AssignSub', refOf(a.ref, 'AssignSub'), a.value, a),
);

/** Variables of collection `key` in the default graph whose names match `scope` from their start (TF1's `scope` filter). */
export function collection(key: string, scope: string | null | undefined): RefVariable[] {
  const all = get_default_graph().get_collection<RefVariable>(key);
  if (!scope) return all;
  const re = new RegExp(`^(?:${scope})`);
  return all.filter((v) => re.test(v.name));
}

/** TF1's `tf.global_variables(scope)`: the GLOBAL_VARIABLES collection of the default graph. */
export const global_variables = tf1('global_variables', [opt('scope', STR)], (a) => collection(GraphKeys.GLOBAL_VARIABLES, a.scope));

/** TF1's `tf.trainable_variables(scope)`: the TRAINABLE_VARIABLES collection of the default graph. */
export const trainable_variables = tf1('trainable_variables', [opt('scope', STR)], (a) => collection(GraphKeys.TRAINABLE_VARIABLES, a.scope));

/** A list of Variables. */
export const VARIABLES = list(
  kind<RefVariable>('Variable', (v) => v instanceof RefVariable),
  'list of Variables',
);
