// tf.check_numerics (gen_array_ops), tf.verify_tensor_all_finite and tf.add_check_numerics_ops, as TF1 r1.12's
// numerics.py builds them.
import { isFloating } from '../framework/dtypes.js';
import { ValueError } from '../framework/errors.js';
import { opt, req, tf1 } from '../framework/args.js';
import { outputsRef } from '../framework/op_defs.js';
import { get_default_graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { apply1 } from './apply.js';
import { graphOf, toTensor } from './convert.js';
import { group, with_dependencies } from './control_flow_ops.js';
import { STR, TENSOR } from './kinds.js';
import { name_scope } from './scopes.js';

/**
 * `tf.check_numerics(tensor, message, name)`: the tensor, or at run time InvalidArgumentError
 * "<message> : Tensor had NaN values" (Inf, Inf and NaN). One CheckNumerics op named after its type.
 */
export const check_numerics = tf1('check_numerics', [req('tensor', TENSOR), req('message', STR), opt('name', STR)] as const, (a) =>
  apply1({
    type: 'CheckNumerics',
    name: a.name ?? undefined,
    defaultName: 'CheckNumerics',
    inputs: [['tensor', a.tensor]],
    fallback: 'float32',
    attrs: { message: a.message },
  }),
);

/**
 * `tf.verify_tensor_all_finite(t, msg, name)`: `t` after a check_numerics of it with `msg`, under the scope
 * `VerifyFinite`: `VerifyFinite/CheckNumerics`, then the Identity `VerifyFinite/control_dependency` that runs after it.
 */
export const verify_tensor_all_finite = tf1('verify_tensor_all_finite', [req('t', TENSOR), req('msg', STR), opt('name', STR)] as const, (a) => {
  const graph = graphOf([a.t]);
  return graph.as_default(() =>
    name_scope(a.name ?? null, 'VerifyFinite', [a.t], (): Tensor => {
      const t = toTensor(a.t, { name: 't', graph });
      const verify = check_numerics(t, a.msg);
      return with_dependencies([verify], t);
    }),
  );
});

/**
 * `tf.add_check_numerics_ops()`: a check_numerics of every float output of the default graph's ops (refs aside),
 * messaged `<op name>:<output index>`, each after the one before; a group of the last (TF1's `group_deps`).
 */
export const add_check_numerics_ops = tf1('add_check_numerics_ops', [] as const, (): Operation => {
  const graph = get_default_graph();
  let checks: Tensor[] = [];
  for (const op of graph.get_operations()) {
    for (const output of op.outputs) {
      if (!isFloating(output.dtype) || outputsRef(op.type)) continue;
      // a check on a value inside a cond or loop could never run outside it
      if (op._control_flow_context !== null)
        throw new ValueError(
          '`tf.add_check_numerics_ops() is not compatible with TensorFlow control flow operations such as `tf.cond()` or `tf.while_loop()`.',
        );
      const message = `${op.name}:${output.value_index}`;
      checks = graph.control_dependencies(checks, () => [check_numerics(output, message)]);
    }
  }
  return group(...checks);
});
