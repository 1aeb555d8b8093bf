// tf.variables_initializer and tf.global_variables_initializer.
import type { Operation } from '../graph/operation.js';
import { get_default_graph } from '../graph/graph.js';
import { opt, req, tf1 } from '../framework/args.js';
import { group, no_op } from './control_flow_ops.js';
import { global_variables, VARIABLES } from './variables.js';
import { STR } from './kinds.js';

/** `tf.variables_initializer(var_list, name)`: one op running every initializer, named `init`. */
export const variables_initializer = tf1('variables_initializer', [req('var_list', VARIABLES), opt('name', STR)], (a): Operation => {
  const name = a.name ?? 'init';
  if (a.var_list.length === 0) return no_op(name);
  return a.var_list[0]!.graph.as_default(() =>
    group(
      a.var_list.map((v) => v.initializer),
      { name },
    ),
  );
});

/** `tf.global_variables_initializer()`: initializes every variable of the default graph. */
export const global_variables_initializer = tf1('global_variables_initializer', [], () =>
  get_default_graph().as_default(() => variables_initializer(global_variables())),
);
