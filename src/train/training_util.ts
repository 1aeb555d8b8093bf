// The global step (python/training/training_util.py r1.12): tf.train.get_global_step, create_global_step and
// get_or_create_global_step. The step is an int64 scalar variable `global_step`, not trainable, in the
// GLOBAL_VARIABLES and GLOBAL_STEP collections; minimize(loss, global_step) increments it.
import { isInteger } from '../framework/dtypes.js';
import { opt, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { GraphKeys, Graph, get_default_graph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { get_variable } from '../ops/get_variable.js';
import { zeros_initializer } from '../ops/init_ops.js';
import { instance } from '../ops/kinds.js';
import { RefVariable } from '../ops/variables.js';

const GRAPH = [opt('graph', instance(Graph))] as const;

/** TF1's `assert_global_step`: a Variable or Tensor of an integer dtype and scalar shape. */
function assertGlobalStep(t: unknown): asserts t is RefVariable | Tensor {
  if (!(t instanceof RefVariable) && !(t instanceof Tensor)) throw new TFTypeError(`Existing "global_step" must be a Variable or Tensor: ${t}.`);
  if (!isInteger(t.dtype)) throw new TFTypeError(`Existing "global_step" does not have integer type: ${t.dtype}`);
  if (t.shape.ndims !== 0 && t.shape.is_fully_defined()) throw new TFTypeError(`Existing "global_step" is not scalar: ${t.shape}`);
}

function getGlobalStep(graph: Graph): RefVariable | Tensor | null {
  const found = graph.get_collection(GraphKeys.GLOBAL_STEP);
  let step: unknown;
  if (found.length === 1) step = found[0];
  else if (found.length === 0) {
    const op = graph._get_op('global_step');
    if (!op || op.outputs.length === 0) return null;
    step = op.outputs[0];
  } else return null; // TF1 logs 'Multiple tensors in global_step collection.'
  assertGlobalStep(step);
  return step;
}

function createGlobalStep(graph: Graph): RefVariable {
  if (getGlobalStep(graph) !== null) throw new ValueError('"global_step" already exists.');
  return graph.as_default((g) =>
    g.name_scope(null, () =>
      get_variable(GraphKeys.GLOBAL_STEP, {
        shape: [],
        dtype: 'int64',
        initializer: zeros_initializer(),
        trainable: false,
        collections: [GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
      }),
    ),
  );
}

/** `tf.train.get_global_step(graph=None)`: the GLOBAL_STEP collection's one item, else the tensor `global_step:0`, else null. */
export const get_global_step = tf1('train.get_global_step', GRAPH, (a) => getGlobalStep(a.graph ?? get_default_graph()));

/** `tf.train.create_global_step(graph=None)`: the int64 scalar variable `global_step` (ValueError when one exists). */
export const create_global_step = tf1('train.create_global_step', GRAPH, (a) => createGlobalStep(a.graph ?? get_default_graph()));

/** `tf.train.get_or_create_global_step(graph=None)`: get_global_step, or create_global_step when there is none. */
export const get_or_create_global_step = tf1('train.get_or_create_global_step', GRAPH, (a) => {
  const graph = a.graph ?? get_default_graph();
  return getGlobalStep(graph) ?? createGlobalStep(graph);
});
