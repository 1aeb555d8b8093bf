/** `tf.train`: optimizers, Saver and checkpoint helpers. */
export { Optimizer, GATE_NONE, GATE_OP, GATE_GRAPH, type GradAndVar, type MinimizeOptions } from './optimizer.js';
export { GradientDescentOptimizer } from './gradient_descent.js';
export { MomentumOptimizer } from './momentum.js';
export { AdamOptimizer } from './adam.js';
export { AdagradOptimizer } from './adagrad.js';
export { RMSPropOptimizer } from './rmsprop.js';
export { AdadeltaOptimizer } from './adadelta.js';
export { ProximalAdagradOptimizer } from './proximal_adagrad.js';
export { ProximalGradientDescentOptimizer } from './proximal_gradient_descent.js';
export { Saver, SaverDef, type SaverOptions, type SaveOptions, type SaverVarList } from './saver.js';
export { import_meta_graph } from './import_meta_graph.js';
export { export_meta_graph, type MetaGraphDefMessage } from './meta_graph.js';
export { latest_checkpoint, get_checkpoint_state, update_checkpoint_state } from './checkpoint_api.js';
export type { CheckpointState } from './checkpoint_state.js';
export { write_graph } from './graph_io.js';
export { get_global_step, create_global_step, get_or_create_global_step } from './training_util.js';
export { exponential_decay, natural_exp_decay, inverse_time_decay, polynomial_decay, cosine_decay, piecewise_constant } from './learning_rate_decay.js';
export { FtrlOptimizer } from './ftrl.js';
export {
  NewCheckpointReader,
  load_checkpoint,
  load_variable,
  list_variables,
  checkpoint_exists,
  get_checkpoint_mtimes,
  type CheckpointReader,
} from './checkpoint_reader.js';
export { summary_iterator } from '../summary/summary_iterator.js';
