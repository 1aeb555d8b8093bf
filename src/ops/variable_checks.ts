// TF1 r1.12's variables.py beyond the Variable class: tf.local_variables, tf.local_variables_initializer,
// tf.model_variables, tf.is_variable_initialized (state_ops' IsVariableInitialized op), and the readiness checks
// tf.report_uninitialized_variables and tf.assert_variables_initialized, and Variable.initialized_value, which
// needs tf.cond on IsVariableInitialized (installed on RefVariable here, as operators.ts installs Tensor's methods).
import type { Tensor } from '../graph/tensor.js';
import { get_default_graph, GraphKeys } from '../graph/graph.js';
import { opt, parseArgs, req, signed, tf1 } from '../framework/args.js';
import { cond } from './cond.js';
import { boolean_mask } from './boolean_mask.js';
import { stack } from './array_structure_ops.js';
import { constant, identity } from './array_ops.js';
import { logical_not } from './logical_ops.js';
import { variables_initializer } from './initializers.js';
import { collection, RefVariable, global_variables, refOf, VARIABLES } from './variables.js';
import { STR, SYMBOLIC } from './kinds.js';

/** `tf.local_variables(scope)`: the LOCAL_VARIABLES collection of the default graph (tf.metrics' counters, ...). */
export const local_variables = tf1('local_variables', [opt('scope', STR)], (a) => collection(GraphKeys.LOCAL_VARIABLES, a.scope));

/** `tf.model_variables(scope)`: the MODEL_VARIABLES collection of the default graph. */
export const model_variables = tf1('model_variables', [opt('scope', STR)], (a) => collection(GraphKeys.MODEL_VARIABLES, a.scope));

/** `tf.local_variables_initializer()`: one op initializing every local variable, named `init`. */
export const local_variables_initializer = tf1('local_variables_initializer', [], () =>
  get_default_graph().as_default(() => variables_initializer(local_variables())),
);

/** `tf.is_variable_initialized(variable)`: a scalar bool, true once the variable has a value (IsVariableInitialized). */
export const is_variable_initialized = tf1('is_variable_initialized', [req('variable', SYMBOLIC)], (a): Tensor => {
  const ref = refOf(a.variable, 'IsVariableInitialized');
  return ref.graph.name_scope('IsVariableInitialized', (scope) => ref.graph.create_op('IsVariableInitialized', [ref], { dtype: ref.dtype }, scope).outputs[0]!);
});

/** The variables TF1's checks look at by default: global and local ones, else every variable op's output. */
function defaultVarList(): (RefVariable | Tensor)[] {
  const all = [...global_variables(), ...local_variables()];
  if (all.length) return all;
  return get_default_graph()
    .get_operations()
    .filter((op) => op.type === 'VariableV2')
    .map((op) => op.outputs[0]!);
}

/** A variable's op name (a Variable's or a ref tensor's). */
const opName = (v: RefVariable | Tensor): string => (v instanceof RefVariable ? v.op.name : v.op.name);

/**
 * `tf.report_uninitialized_variables(var_list, name)`: a 1-D string tensor of the names of the variables not yet
 * initialized (global and local ones by default); empty when all are.
 */
export const report_uninitialized_variables = tf1('report_uninitialized_variables', [opt('var_list', VARIABLES), opt('name', STR)] as const, (a): Tensor => {
  const g = get_default_graph();
  const varList = a.var_list ?? defaultVarList();
  return g.name_scope(a.name ?? 'report_uninitialized_variables', () => {
    if (varList.length === 0) return constant([], 'string');
    const initVars = varList.map((v) => is_variable_initialized(v));
    const variablesMask = logical_not(stack(initVars));
    const names = constant(varList.map(opName));
    return boolean_mask(names, variablesMask);
  });
});

/**
 * `tf.assert_variables_initialized(var_list)`: an op whose run fails with "Attempting to use uninitialized value"
 * unless every variable (global and local ones by default) is initialized: the Rank of each (TF1's obsolete check);
 * null when there are none.
 */
export const assert_variables_initialized = tf1('assert_variables_initialized', [opt('var_list', VARIABLES)], (a): Tensor | null => {
  const g = get_default_graph();
  const varList = a.var_list ?? defaultVarList();
  if (varList.length === 0) return null;
  // TF1's rank_internal(var, optimize=False): a Rank op, whose kernel reads the variable
  const ranks = varList.map((v) => {
    const t = v instanceof RefVariable ? v.value() : v;
    return g.name_scope('Rank', (scope) => g.create_op('Rank', [t], {}, scope).outputs[0]!);
  });
  return ranks.length === 1 ? ranks[0]! : stack(ranks);
});

declare module './variables.js' {
  interface RefVariable {
    /**
     * TF1's `initialized_value()`: the variable's value once initialized, else its initial value (a tf.cond on
     * IsVariableInitialized, outside any control dependency), so another variable's initial value can use it.
     */
    initialized_value(): Tensor;
  }
}

RefVariable.prototype.initialized_value = function (this: RefVariable, ...args: []): Tensor {
  parseArgs('initialized_value', [], args);
  const g = this.graph;
  return g.control_dependencies(null, () =>
    g.as_default(
      () =>
        cond(
          is_variable_initialized(this),
          // TF1's read_value(): a new `read` Identity of the storage, in the branch, so only a taken branch reads it
          () => identity(this._ref(), { name: 'read' }),
          () => this.initial_value,
        ) as Tensor,
    ),
  );
};
signed(RefVariable.prototype.initialized_value, 'Variable.initialized_value', []);
