// The kinds of value tf.layers' parameters take, and the construction path the functional forms use.
import { MISMATCH } from '../../framework/args.js';
import { ValueError } from '../../framework/errors.js';
import { Tensor } from '../../graph/tensor.js';
import { constantValue } from '../../graph/infer.js';
import { cond } from '../cond.js';
import type { TensorLike } from '../convert.js';
import { AUTO_REUSE, type Reuse, VariableScope } from '../variable_scope.js';
import { TENSOR, isVariable, kind } from '../kinds.js';
import type { InitializerLike, LayerOptions, TensorFn } from './base.js';

/** An activation, a regularizer or a constraint: a function of a tensor. */
export const FN = kind<TensorFn>('callable', (v) => typeof v === 'function');
/** An initializer object or function, or a value convertible to a Tensor. */
export const INITIALIZER = kind<InitializerLike>(
  'an initializer or a value convertible to a Tensor',
  (v) => typeof v === 'function' || TENSOR.parse(v) !== MISMATCH,
);
/** A layer's name: a string, or a VariableScope (the functional forms' `name=scope`). */
export const LAYER_NAME = kind<string | VariableScope>('string or VariableScope', (v) => typeof v === 'string' || v instanceof VariableScope);
/** `reuse`: True, False or tf.AUTO_REUSE. */
export const REUSE = kind<Reuse>('bool or tf.AUTO_REUSE', (v) => typeof v === 'boolean' || v === AUTO_REUSE);
/** A size or sizes: an int or a list of ints (checked by normalize_tuple with its ValueError). */
export const SIZES = kind<unknown>(
  'int or tuple of ints',
  (v) => v === null || typeof v === 'number' || Array.isArray(v) || (typeof v === 'object' && v !== null && 'dims' in v),
);
/** `training`: a JavaScript boolean, or a bool Tensor (Dropout and BatchNormalization: TF1's smart_cond, a tf.cond). */
export const TRAINING = kind<boolean | Tensor>('bool', (v) => typeof v === 'boolean' || v instanceof Tensor || isVariable(v));
/** A dropout rate: a number or a float Tensor. */
export const RATE = kind<number | Tensor>('float or Tensor', (v) => typeof v === 'number' || v instanceof Tensor || isVariable(v));

/**
 * TF1's `tf_utils.constant_value(training)` for a layer's `training`: a boolean as given (None: false, tf.layers'
 * default), a bool Tensor's value where it is known while building, and null for a Variable or any other Tensor.
 */
export function trainingValue(training: boolean | Tensor | null | undefined): boolean | null {
  if (training === null || training === undefined) return false;
  if (typeof training === 'boolean') return training;
  if (!(training instanceof Tensor)) return null;
  const known = constantValue(training);
  return known === null ? null : Boolean(known.data[0]);
}

/**
 * TF1's `tf_utils.smart_cond(pred, true_fn, false_fn)`: a boolean, or a Tensor whose value is known while building,
 * calls the function it picks; any other bool Tensor builds a tf.cond.
 */
export function smartCond<T>(pred: boolean | Tensor | null | undefined, trueFn: () => T, falseFn: () => T): T {
  if (pred === null || pred === undefined) return falseFn();
  if (typeof pred === 'boolean') return pred ? trueFn() : falseFn();
  if (!(pred instanceof Tensor)) return cond(pred as TensorLike, trueFn, falseFn) as T; // a Variable: TF1's tf_utils.smart_cond conds on it
  const known = constantValue(pred);
  if (known !== null) return known.data[0] ? trueFn() : falseFn();
  return cond(pred, trueFn, falseFn) as T;
}

/** Variable constraints are applied by TF1's optimizers; tf1-ts has none. */
export function refuseConstraints(a: { kernel_constraint?: unknown; bias_constraint?: unknown; beta_constraint?: unknown; gamma_constraint?: unknown }): void {
  if (a.kernel_constraint != null || a.bias_constraint != null || a.beta_constraint != null || a.gamma_constraint != null) {
    throw new ValueError('Variable constraints are not supported by tf1-ts.');
  }
}

let pending: LayerOptions | null = null;

/** Constructs a layer as TF1's functional forms do (`_scope=name, _reuse=reuse, dtype=...`): the options reach the base constructor. */
export function construct<L>(extra: LayerOptions, make: () => L): L {
  pending = extra;
  try {
    return make();
  } finally {
    pending = null;
  }
}

/** The functional forms' extra options, taken once by the base constructor. */
export function takePending(): LayerOptions {
  const p = pending ?? {};
  pending = null;
  return p;
}
