import type { Operation } from '../graph/operation.js';
import { get_default_graph } from '../graph/graph.js';
import { group, no_op } from './control_flow_ops.js';
import { global_variables, type RefVariable } from './variables.js';

/** `tf.variables_initializer(vars)`: one op running every initializer, named `init`. */
export function variables_initializer(vars: readonly RefVariable[], name = 'init'): Operation {
  if (vars.length === 0) return no_op(name);
  return vars[0]!.graph.as_default(() => group(vars.map((v) => v.initializer), { name }));
}

/** `tf.global_variables_initializer()`: initializes every variable of the default graph. */
export function global_variables_initializer(): Operation {
  return get_default_graph().as_default(() => variables_initializer(global_variables()));
}
