// TF1's slot_creator.py and the optimizers' non-slot variables: the extra variables an optimizer keeps, built as
// TF1 builds them outside any control dependency and name scope (its `ops.init_scope()`), so their names and
// initializers are TF1's: `W/Adam` (and `W/Adam/Initializer/zeros`), `W/Adam_1`, `beta1_power`.
import type { DType } from '../framework/dtypes.js';
import { ValueError } from '../framework/errors.js';
import type { Graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { Variable, type RefVariable } from '../ops/variables.js';

/** Runs `fn` as TF1's `ops.init_scope()` does in graph mode: no control dependencies, the root name scope. */
export function initScope<T>(graph: Graph, fn: () => T): T {
  return graph.control_dependencies(null, () => graph.name_scope('', fn));
}

/**
 * TF1's `create_slot_with_initializer(primary, initializer, shape, dtype, name)`: a variable named
 * `<primary's op name>/<name>` (made unique: `W/Adam_1`), not trainable, its initial value built by `init(shape,
 * dtype)` in its `Initializer` scope. The primary's shape must be fully defined (a dense, shaped variable).
 */
export function createSlot(primary: RefVariable, init: (shape: number[], dtype: DType) => Tensor, name: string): RefVariable {
  const shape = primary.shape;
  if (!shape.is_fully_defined())
    throw new ValueError(`tf1-ts creates optimizer slots only for variables of a known shape, got ${primary.name} of shape ${shape}`);
  const graph = primary.graph;
  return initScope(graph, () =>
    graph.name_scope(`${primary.op.name}/${name}`, (scope) => Variable(() => init(shape.dims as number[], primary.dtype), { name: scope, trainable: false })),
  );
}

/** TF1's `_create_non_slot_variable(initial_value, name, colocate_with)`: a float32 variable `name` at the graph's root, not trainable. */
export function createNonSlot(graph: Graph, initial: number | Tensor, name: string): RefVariable {
  return initScope(graph, () => Variable(initial, { name, trainable: false, ...(typeof initial === 'number' ? { dtype: 'float32' as const } : {}) }));
}
