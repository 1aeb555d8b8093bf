// TF1 r1.12's parameter lists for the public API tf1-ts has, read from TF1's Python source
// (tensorflow/python/ops/*.py, training/*.py, client/session.py, framework/*.py): the order is TF1's
// positional order. The walker test checks that every public function declares exactly these.

/** Public function or class path (as `tf.<path>`) → TF1's parameters, in order. */
export const TF1_SIGNATURES: Readonly<Record<string, readonly string[]>> = {
  // array_ops / constant_op
  placeholder: ['dtype', 'shape', 'name'],
  constant: ['value', 'dtype', 'shape', 'name', 'verify_shape'],
  zeros: ['shape', 'dtype', 'name'],
  ones: ['shape', 'dtype', 'name'],
  fill: ['dims', 'value', 'name'],
  zeros_like: ['tensor', 'dtype', 'name', 'optimize'],
  ones_like: ['tensor', 'dtype', 'name', 'optimize'],
  reshape: ['tensor', 'shape', 'name'],
  identity: ['input', 'name'],
  stop_gradient: ['input', 'name'],
  shape: ['input', 'name', 'out_type'],
  size: ['input', 'name', 'out_type'],
  rank: ['input', 'name'],
  tile: ['input', 'multiples', 'name'],
  range: ['start', 'limit', 'delta', 'dtype', 'name'],
  expand_dims: ['input', 'axis', 'name', 'dim'],
  dynamic_stitch: ['indices', 'data', 'name'],
  transpose: ['a', 'perm', 'name', 'conjugate'],
  convert_to_tensor: ['value', 'dtype', 'name', 'preferred_dtype'],
  as_dtype: ['type_value'],
  // math_ops
  add: ['x', 'y', 'name'],
  subtract: ['x', 'y', 'name'],
  multiply: ['x', 'y', 'name'],
  divide: ['x', 'y', 'name'],
  truediv: ['x', 'y', 'name'],
  realdiv: ['x', 'y', 'name'],
  maximum: ['x', 'y', 'name'],
  minimum: ['x', 'y', 'name'],
  floordiv: ['x', 'y', 'name'],
  floormod: ['x', 'y', 'name'],
  equal: ['x', 'y', 'name'],
  greater: ['x', 'y', 'name'],
  greater_equal: ['x', 'y', 'name'],
  less: ['x', 'y', 'name'],
  less_equal: ['x', 'y', 'name'],
  negative: ['x', 'name'],
  log: ['x', 'name'],
  exp: ['x', 'name'],
  sqrt: ['x', 'name'],
  square: ['x', 'name'],
  reciprocal: ['x', 'name'],
  cast: ['x', 'dtype', 'name'],
  to_float: ['x', 'name'],
  reduce_sum: ['input_tensor', 'axis', 'keepdims', 'name', 'reduction_indices', 'keep_dims'],
  reduce_mean: ['input_tensor', 'axis', 'keepdims', 'name', 'reduction_indices', 'keep_dims'],
  reduce_max: ['input_tensor', 'axis', 'keepdims', 'name', 'reduction_indices', 'keep_dims'],
  reduce_prod: ['input_tensor', 'axis', 'keepdims', 'name', 'reduction_indices', 'keep_dims'],
  argmax: ['input', 'axis', 'name', 'dimension', 'output_type'],
  matmul: ['a', 'b', 'transpose_a', 'transpose_b', 'adjoint_a', 'adjoint_b', 'a_is_sparse', 'b_is_sparse', 'name'],
  add_n: ['inputs', 'name'],
  // random_ops
  set_random_seed: ['seed'],
  random_normal: ['shape', 'mean', 'stddev', 'dtype', 'seed', 'name'],
  truncated_normal: ['shape', 'mean', 'stddev', 'dtype', 'seed', 'name'],
  random_uniform: ['shape', 'minval', 'maxval', 'dtype', 'seed', 'name'],
  // variables, state_ops
  Variable: ['initial_value', 'trainable', 'collections', 'validate_shape', 'caching_device', 'name', 'variable_def', 'dtype', 'expected_shape', 'import_scope', 'constraint'],
  assign: ['ref', 'value', 'validate_shape', 'use_locking', 'name'],
  assign_add: ['ref', 'value', 'use_locking', 'name'],
  assign_sub: ['ref', 'value', 'use_locking', 'name'],
  global_variables: ['scope'],
  trainable_variables: ['scope'],
  variables_initializer: ['var_list', 'name'],
  global_variables_initializer: [],
  // control_flow_ops, ops
  no_op: ['name'],
  group: ['name'], // group(*inputs, **kwargs): the inputs are Python's *args
  tuple: ['tensors', 'name', 'control_inputs'],
  name_scope: ['name', 'default_name', 'values'], // the `with` block is the last argument here
  control_dependencies: ['control_inputs'], // the `with` block is the last argument here
  get_default_graph: [],
  reset_default_graph: [],
  get_default_session: [],
  gradients: ['ys', 'xs', 'grad_ys', 'name', 'colocate_gradients_with_ops', 'gate_gradients', 'aggregation_method', 'stop_gradients'],
  RegisterGradient: ['op_type'],
  import_graph_def: ['graph_def', 'input_map', 'return_elements', 'name', 'op_dict', 'producer_op_list'],
  // client
  Session: ['target', 'graph', 'config'],
  InteractiveSession: ['target', 'graph', 'config'],
  'Session.run': ['fetches', 'feed_dict', 'options', 'run_metadata'],
  // nn
  'nn.softmax': ['logits', 'axis', 'name', 'dim'],
  'nn.log_softmax': ['logits', 'axis', 'name', 'dim'],
  'nn.relu': ['features', 'name'],
  'nn.softmax_cross_entropy_with_logits': ['_sentinel', 'labels', 'logits', 'dim', 'name'],
  'nn.softmax_cross_entropy_with_logits_v2': ['_sentinel', 'labels', 'logits', 'axis', 'name', 'dim'],
  // training
  'train.GradientDescentOptimizer': ['learning_rate', 'use_locking', 'name'],
  'Optimizer.minimize': ['loss', 'global_step', 'var_list', 'gate_gradients', 'aggregation_method', 'colocate_gradients_with_ops', 'name', 'grad_loss'],
  'Optimizer.compute_gradients': ['loss', 'var_list', 'gate_gradients', 'aggregation_method', 'colocate_gradients_with_ops', 'grad_loss'],
  'Optimizer.apply_gradients': ['grads_and_vars', 'global_step', 'name'],
  'train.Saver': ['var_list', 'reshape', 'sharded', 'max_to_keep', 'keep_checkpoint_every_n_hours', 'name', 'restore_sequentially', 'saver_def', 'builder', 'defer_build', 'allow_empty', 'write_version', 'pad_step_number', 'save_relative_paths', 'filename'],
  'Saver.save': ['sess', 'save_path', 'global_step', 'latest_filename', 'meta_graph_suffix', 'write_meta_graph', 'write_state', 'strip_default_attrs'],
  'Saver.restore': ['sess', 'save_path'],
  'train.import_meta_graph': ['meta_graph_or_file', 'clear_devices', 'import_scope'],
  'train.export_meta_graph': ['filename', 'meta_info_def', 'graph_def', 'saver_def', 'collection_list', 'as_text', 'graph', 'export_scope', 'clear_devices', 'clear_extraneous_savers', 'strip_default_attrs'],
  'train.latest_checkpoint': ['checkpoint_dir', 'latest_filename'],
  'train.get_checkpoint_state': ['checkpoint_dir', 'latest_filename'],
  'train.update_checkpoint_state': ['save_dir', 'model_checkpoint_path', 'all_model_checkpoint_paths', 'latest_filename', 'all_model_checkpoint_timestamps', 'last_preserved_timestamp'],
  'train.write_graph': ['graph_or_graph_def', 'logdir', 'name', 'as_text'],
  // variables' and tensors' methods
  'Variable.assign': ['value', 'use_locking', 'name', 'read_value'],
  'Variable.assign_add': ['delta', 'use_locking', 'name', 'read_value'],
  'Variable.assign_sub': ['delta', 'use_locking', 'name', 'read_value'],
  'Variable.eval': ['session'],
  'Tensor.eval': ['feed_dict', 'session'],
  'Operation.run': ['feed_dict', 'session'],
  // tf.test
  'test.compute_gradient': ['x', 'x_shape', 'y', 'y_shape', 'x_init_value', 'delta', 'init_targets', 'extra_feed_dict'],
  'test.compute_gradient_error': ['x', 'x_shape', 'y', 'y_shape', 'x_init_value', 'delta', 'init_targets', 'extra_feed_dict'],
  // framework
  TensorShape: ['dims'],
  Graph: [],
};

/** tf1-ts's own public functions (not TF1's), with their parameters. */
export const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  toDot: ['graph', 'options'],
  renderGraph: ['graph', 'options'],
  pinned_zeros: ['shape'],
  // `backend` is not TF1's: 'cpu', 'webgpu' or 'auto'
  Session: ['target', 'graph', 'config', 'backend'],
  InteractiveSession: ['target', 'graph', 'config', 'backend'],
};
