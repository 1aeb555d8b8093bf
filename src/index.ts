/** tf1-ts: TensorFlow 1.x's graph programming model in TypeScript. `import * as tf from 'tf1-ts'`. */
export { float32, float64, int32, int64, bool, uint8, int8, int16, uint16 } from './framework/dtype_constants.js';
export type { DType, DTypeLike } from './framework/dtypes.js';
export { as_dtype } from './ops/kinds.js';
export { Graph, GraphKeys, get_default_graph, reset_default_graph } from './graph/graph.js';
export { add_to_collection, add_to_collections, get_collection, get_collection_ref } from './graph/collection_api.js';
export { Operation } from './graph/operation.js';
export { Tensor } from './graph/tensor.js';
export { IndexedSlices, IndexedSlicesValue } from './graph/indexed_slices.js';
export { TensorShape, type Dim } from './framework/shape.js';
export type { NodeDef } from './graph/graph_def.js';
export * as errors from './framework/errors.js';
export { IOError } from './framework/io_error.js';
export { toDot, renderGraph } from './viz/api.js';
export type { DotOptions, RenderOptions } from './viz/index.js';
export { NDArray } from './framework/ndarray.js';
export { pinned_zeros } from './framework/memory/pinned.js';
export { name_scope, control_dependencies } from './ops/scopes.js';
export { convert_to_tensor, type TensorLike } from './ops/convert.js';
export { convert_to_tensor_or_indexed_slices } from './ops/indexed_slices_ops.js';
export {
  placeholder,
  constant,
  zeros,
  ones,
  fill,
  zeros_like,
  ones_like,
  reshape,
  identity,
  stop_gradient,
  shape,
  size,
  rank,
  tile,
  range,
  expand_dims,
  dynamic_stitch,
} from './ops/array_ops.js';
export { transpose } from './ops/transpose.js';
export { gather, unsorted_segment_sum, one_hot, strided_slice, linspace, lin_space } from './ops/array_index_ops.js';
export { unique, unique_with_counts } from './ops/unique_ops.js';
export { newaxis, type Index, type SliceString } from './ops/slice_helper.js';
export { sequence_mask } from './ops/sequence_mask.js';
export {
  add,
  subtract,
  multiply,
  divide,
  div,
  realdiv,
  maximum,
  minimum,
  floordiv,
  floor_div,
  floormod,
  mod,
  equal,
  greater,
  greater_equal,
  less,
  less_equal,
  negative,
  log,
  exp,
  sqrt,
  square,
  reciprocal,
  sigmoid,
  cast,
  to_float,
  to_double,
  to_int32,
  to_int64,
  reduce_sum,
  reduce_mean,
  reduce_max,
  truediv,
  reduce_prod,
  argmax,
  matmul,
  add_n,
  type ReduceOptions,
} from './ops/math_ops.js';
export { not_equal, reduce_min, reduce_any, reduce_all, argmin, arg_max, arg_min } from './ops/math_ops.js';
export { pow, squared_difference } from './ops/math_ops.js';
export { clip_by_value, clip_by_norm, global_norm, clip_by_global_norm, clip_by_average_norm } from './ops/clip_ops.js';
export { logical_and, logical_or, logical_not, logical_xor, is_nan, is_inf, is_finite } from './ops/logical_ops.js';
export { count_nonzero, reduce_logsumexp } from './ops/reduce_ops.js';
export { tanh, abs, sign, rsqrt, log1p, expm1, sin, cos, floor, ceil, round, rint, sinh, cosh, tan, asin, acos, atan } from './ops/math_unary_ops.js';
export { set_random_seed, random_normal, truncated_normal, random_uniform, random_shuffle, multinomial } from './ops/random_ops.js';
export { matrix_diag, matrix_diag_part, matrix_set_diag, diag, diag_part, eye, svd } from './ops/linalg_ops.js';
export { norm } from './ops/linalg_norm.js';
export * as linalg from './ops/linalg_ns.js';
export { boolean_mask } from './ops/boolean_mask.js';
export { Variable, RefVariable, assign, assign_add, assign_sub, global_variables, trainable_variables, type VariableOptions } from './ops/variables.js';
export {
  scatter_update,
  scatter_add,
  scatter_sub,
  scatter_mul,
  scatter_div,
  scatter_min,
  scatter_max,
  scatter_nd_update,
  scatter_nd_add,
  scatter_nd_sub,
} from './ops/scatter_ops.js';
// RefVariable.scatter_sub, scatter_add and scatter_update
import './ops/variable_scatter.js';
export { no_op, group, tuple } from './ops/control_flow_ops.js';
export { gradients, AggregationMethod, UnconnectedGradients, LookupError, RegisterGradient, type GradientsOptions } from './ops/gradients.js';
export { where } from './ops/select_ops.js';
export * as test from './testing/tf_test.js';
export { concat, stack, unstack, shape_n, slice, pad, split, squeeze, reverse, reverse_v2 } from './ops/array_structure_ops.js';
export { global_variables_initializer, variables_initializer } from './ops/initializers.js';
export {
  local_variables,
  local_variables_initializer,
  model_variables,
  is_variable_initialized,
  report_uninitialized_variables,
  assert_variables_initialized,
} from './ops/variable_checks.js';
export { variable_scope, get_variable_scope, VariableScope, AUTO_REUSE } from './ops/variable_scope.js';
export { get_variable, get_local_variable, no_regularizer } from './ops/get_variable.js';
export {
  zeros_initializer,
  ones_initializer,
  constant_initializer,
  random_uniform_initializer,
  random_normal_initializer,
  truncated_normal_initializer,
  uniform_unit_scaling_initializer,
  variance_scaling_initializer,
  glorot_uniform_initializer,
  glorot_normal_initializer,
  type Initializer,
} from './ops/init_ops.js';
export * as contrib from './ops/contrib.js';
export * as nn from './ops/nn.js';
export * as layers from './ops/layers/index.js';
export * as initializers from './ops/initializers_ns.js';
export * as train from './train/index.js';
export * as saved_model from './train/saved_model/index.js';
export * as graph_util from './train/graph_util.js';
export { import_graph_def, type ImportGraphDefOptions } from './graph/import_graph_def.js';
export { GraphDef, type GraphDefMessage } from './graph/graph_def_message.js';
export { InteractiveSession } from './session/interactive_session.js';
export { Session, ConfigProto, RunOptions, RunMetadata, type SessionOptions } from './session/session.js';
export { get_default_session } from './graph/default_session.js';
export type { Fetch, FetchResult } from './session/fetches.js';
export type { FeedDict, FeedValue } from './session/feeds.js';
export * as losses from './ops/losses/index.js';
export { saturate_cast } from './ops/saturate_cast.js';
// Tensor's operator methods (`x.add(y)`, `x.mul(y)`, ...) are declared where src/ops/operators.ts installs them;
// naming that module here keeps the declaration in the published index.d.ts (declaration files drop side-effect imports).
export type { BinaryOp } from './ops/operators.js';
export { check_numerics, verify_tensor_all_finite, add_check_numerics_ops } from './ops/numerics.js';
export { cumsum, cumprod } from './ops/scan_ops.js';
export { sparse_to_dense } from './ops/sparse_ops.js';
export * as summary from './summary/index.js';
export * as python_io from './summary/python_io.js';
export { Summary, SessionLog, Event, HistogramProto, SummaryMetadata } from './summary/messages.js';
// tf.string (DT_STRING) and the string ops
export { string } from './framework/dtype_constants.js';
export { string_join } from './ops/string_ops.js';
export * as strings from './ops/strings_ns.js';
export { placeholder_with_default } from './ops/array_ops.js';
export { cond } from './ops/cond.js';
export { case_ as case } from './ops/case.js';
export { Assert } from './ops/control_flow_assert.js';
export { Print } from './ops/logging_ops.js';
export { print } from './ops/print_ops.js';
export { py_func } from './ops/script_ops.js';
// SpaceToBatchND / BatchToSpaceND (issue 16: dilated convolution)
export { space_to_batch_nd, batch_to_space_nd, space_to_batch, batch_to_space, required_space_to_batch_paddings } from './ops/space_batch_ops.js';
// tf.while_loop (issue 19, whileb)
export { while_loop } from './ops/while_loop.js';
// tf.TensorArray (issue 19, tarray)
export { TensorArray } from './ops/tensor_array_ops.js';
// tf.foldl, tf.foldr, tf.map_fn, tf.scan (issue 19, functional)
export { foldl, foldr, map_fn, scan } from './ops/functional_ops.js';
export { reverse_sequence } from './ops/reverse_sequence.js';
