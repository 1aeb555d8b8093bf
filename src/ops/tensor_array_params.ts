// The parameters of tf.TensorArray and its methods, in TF1's order and with TF1's names (tensor_array_ops.py).
import { opt, req } from '../framework/args.js';
import { ANY, BOOL, DTYPE, SHAPE, STR, TENSOR } from './kinds.js';

/** The constructor's parameters, in TF1's order. */
export const INIT = [
  req('dtype', DTYPE),
  opt('size', TENSOR),
  opt('dynamic_size', BOOL),
  opt('clear_after_read', BOOL),
  opt('tensor_array_name', STR),
  opt('handle', ANY),
  opt('flow', ANY),
  opt('infer_shape', BOOL),
  opt('element_shape', SHAPE),
  opt('colocate_with_first_write_call', BOOL),
  opt('name', STR),
] as const;
/** `read(index, name)`. */
export const READ = [req('index', TENSOR), opt('name', STR)] as const;
/** `write(index, value, name)`. */
export const WRITE = [req('index', TENSOR), req('value', TENSOR), opt('name', STR)] as const;
/** `gather(indices, name)`. */
export const GATHER = [req('indices', TENSOR), opt('name', STR)] as const;
/** `scatter(indices, value, name)`. */
export const SCATTER = [req('indices', TENSOR), req('value', TENSOR), opt('name', STR)] as const;
/** `unstack(value, name)`. */
export const UNSTACK = [req('value', TENSOR), opt('name', STR)] as const;
/** `split(value, lengths, name)`. */
export const SPLIT = [req('value', TENSOR), req('lengths', TENSOR), opt('name', STR)] as const;
/** `stack`, `concat`, `size` and `close`: `(name)`. */
export const NAME_ONLY = [opt('name', STR)] as const;
/** `grad(source, flow, name)`. */
export const GRAD = [req('source', STR), opt('flow', ANY), opt('name', STR)] as const;
