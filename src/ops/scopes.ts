import { get_default_graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';

/** `tf.name_scope(name, fn)`: runs `fn` in a name scope of the default graph; `fn` gets the scope (`'foo/'`). */
export function name_scope<T>(name: string | null, fn: (scope: string) => T): T {
  return get_default_graph().name_scope(name, fn);
}

/** `tf.control_dependencies(deps, fn)`: ops made in `fn` run after `deps` (null clears them). */
export function control_dependencies<T>(deps: readonly (Operation | Tensor)[] | null, fn: () => T): T {
  const first = deps?.[0];
  const g = first ? first.graph : get_default_graph();
  return g.control_dependencies(deps, fn);
}
