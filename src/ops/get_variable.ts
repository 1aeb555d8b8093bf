// TF1's `tf.get_variable` and `tf.get_local_variable` (python/ops/variable_scope.py, r1.12: VariableScope.get_variable
// and _VariableStore._get_single_variable): a variable named by the current variable scope (`scope/W`), made
// once and then reused where the scope allows it, initialized by an initializer (glorot_uniform for floats,
// zeros otherwise, by default), its regularizer's loss added to REGULARIZATION_LOSSES.
import type { DType } from '../framework/dtypes.js';
import { isFloating } from '../framework/dtypes.js';
import { asShape, type TensorShape } from '../framework/shape.js';
import { GraphKeys, type Graph, get_default_graph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { MISMATCH, opt, req, tf1, type Parsed } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { toTensor, type TensorLike } from './convert.js';
import { ANY, BOOL, DTYPE, SHAPE, STR, TENSOR, kind } from './kinds.js';
import { Variable, type RefVariable } from './variables.js';
import { glorot_uniform_initializer, isInitializerClass, zeros_initializer } from './init_ops.js';
import { refuseUnsupported, storeOf, type Reuse, type ScopeStore } from './variable_scope.js';

const REGULARIZATION_LOSSES = GraphKeys.REGULARIZATION_LOSSES;

type InitFn = (shape: number[], dtype: DType, partition_info: null) => TensorLike;

/** An initializer: an initializer object or class, a function `(shape, dtype, partition_info)`, or a value (a Tensor or convertible). */
const INITIALIZER = kind<TensorLike | InitFn>(
  'an initializer, a Tensor or a value convertible to one',
  (v) => typeof v === 'function' || TENSOR.parse(v) !== MISMATCH,
);
const REGULARIZER = kind<(v: RefVariable) => Tensor | null | undefined>('callable', (v) => typeof v === 'function');
const COLLECTIONS = kind<readonly string[]>('list of collection names', (v) => Array.isArray(v) && v.every((c) => typeof c === 'string'));

const GET_VARIABLE = [
  req('name', STR),
  opt('shape', SHAPE),
  opt('dtype', DTYPE),
  opt('initializer', INITIALIZER),
  opt('regularizer', REGULARIZER),
  opt('trainable', BOOL),
  opt('collections', COLLECTIONS),
  opt('caching_device', ANY),
  opt('partitioner', ANY),
  opt('validate_shape', BOOL),
  opt('use_resource', BOOL),
  opt('custom_getter', ANY),
  opt('constraint', ANY),
  opt('synchronization', ANY),
  opt('aggregation', ANY),
] as const;

type GetArgs = Parsed<typeof GET_VARIABLE>;

// Where each variable of a store was made, for TF1's "Originally defined at:" (the caller's frames, not the library's).
const definedAt = new WeakMap<object, string>();
const LIBRARY_ROOT = new URL('..', import.meta.url).pathname;

function callerFrames(): string {
  const lines = (new Error().stack ?? '').split('\n').slice(1);
  const own = lines.filter((l) => !l.includes(LIBRARY_ROOT) && !l.includes('node:internal') && !l.includes('/node_modules/'));
  return own
    .slice(0, 3)
    .map((l) => `${l.trim()}\n`)
    .join('');
}

/** The value a constant initializer gives, converted as TF1's check converts it (with the explicit dtype where a JS value takes it). */
function initValueDType(initializer: TensorLike, dtype: DType, graph: Graph): DType {
  if (initializer instanceof Tensor) return initializer.dtype;
  try {
    return toTensor(initializer, { dtype, graph }).dtype;
  } catch (e) {
    if (!(e instanceof TFTypeError) && !(e instanceof ValueError)) throw e;
    return toTensor(initializer, { graph }).dtype;
  }
}

interface Single {
  shape: GetArgs['shape'];
  dtype: DType;
  initializer: TensorLike | InitFn | null;
  regularizer: ((v: RefVariable) => Tensor | null | undefined) | null;
  reuse: Reuse;
  valueDType: DType | null;
}

/** TF1's `_get_single_variable`: returns the existing variable `name` or makes it, as `reuse` allows. */
function singleVariable(graph: Graph, store: ScopeStore, name: string, o: Single, a: GetArgs): RefVariable {
  const fromValue = o.initializer !== null && typeof o.initializer !== 'function';
  if (o.shape != null && fromValue) throw new ValueError('If initializer is a constant, do not specify shape.');
  const shape: TensorShape = asShape(o.shape as number[] | null | undefined);
  const found = store.vars.get(name) as RefVariable | undefined;
  if (found) {
    if (o.reuse === false) {
      throw new ValueError(
        `Variable ${name} already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:\n\n${definedAt.get(found) ?? ''}`,
      );
    }
    if (!shape.is_compatible_with(found.shape)) {
      throw new ValueError(`Trying to share variable ${name}, but specified shape ${shape} and found shape ${found.shape}.`);
    }
    if (o.dtype !== found.dtype) throw new ValueError(`Trying to share variable ${name}, but specified dtype ${o.dtype} and found dtype ${found.dtype}_ref.`);
    return found;
  }
  if (o.reuse === true) {
    throw new ValueError(`Variable ${name} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?`);
  }
  let initial: TensorLike | (() => TensorLike);
  let varDType: DType | null;
  if (fromValue) {
    initial = o.initializer as TensorLike;
    varDType = o.valueDType;
  } else {
    let init = (o.initializer ?? (isFloating(o.dtype) ? glorot_uniform_initializer() : zeros_initializer())) as InitFn;
    if (isInitializerClass(init)) init = init({ dtype: o.dtype }) as unknown as InitFn;
    const dims = shape.as_list() as number[];
    const f = init;
    initial = () => f(dims, o.dtype, null);
    varDType = o.dtype;
  }
  const v = Variable({
    initial_value: initial,
    name,
    trainable: a.trainable ?? true,
    collections: a.collections ?? null,
    caching_device: a.caching_device ?? null,
    dtype: varDType,
    validate_shape: a.validate_shape ?? true,
  });
  store.vars.set(name, v);
  definedAt.set(v, callerFrames());
  if (o.regularizer) {
    const regularizer = o.regularizer;
    const loss = graph.name_scope(`${name}/Regularizer/`, () => regularizer(v));
    if (loss !== null && loss !== undefined) graph.add_to_collection(REGULARIZATION_LOSSES, loss);
  }
  return v;
}

function getVariable(a: GetArgs): RefVariable {
  refuseUnsupported(a);
  if (a.synchronization != null || a.aggregation != null) throw new ValueError('synchronization and aggregation are not supported by tf1-ts.');
  const graph = get_default_graph();
  const store = storeOf(graph);
  const scope = store.current;
  const fullName = scope.name ? `${scope.name}/${a.name}` : a.name;
  // Variable names depend on the variable scope only: the name scope is reset while the variable is made.
  return graph.name_scope(null, () => {
    let valueDType: DType | null = null;
    const initializer = a.initializer ?? null;
    if (a.dtype != null && initializer !== null && typeof initializer !== 'function') {
      // TF1 converts the value to compare dtypes (leaving a `Const` at the root for a non-Tensor value).
      const initDType = initValueDType(initializer, a.dtype, graph);
      if (initDType !== a.dtype) throw new ValueError(`Initializer type '<dtype: '${initDType}'>' and explicit dtype '<dtype: '${a.dtype}'>' don't match.`);
      valueDType = a.dtype;
    }
    return singleVariable(
      graph,
      store,
      fullName,
      {
        shape: a.shape,
        dtype: a.dtype ?? scope.dtype,
        initializer: initializer ?? (scope.initializer as TensorLike | InitFn | null),
        regularizer: a.regularizer ?? (scope.regularizer as Single['regularizer']),
        reuse: scope.reuse,
        valueDType,
      },
      a,
    );
  });
}

/**
 * `tf.get_variable(name, shape, dtype, initializer, regularizer, trainable, collections, caching_device,
 * partitioner, validate_shape, use_resource, custom_getter, constraint, synchronization, aggregation)`.
 */
export const get_variable = tf1('get_variable', GET_VARIABLE, getVariable);

/** `tf.get_local_variable(...)`: get_variable with trainable=False, in LOCAL_VARIABLES (and any `collections` given). */
export const get_local_variable = tf1('get_local_variable', GET_VARIABLE, (a) =>
  getVariable({ ...a, trainable: false, collections: [...(a.collections ?? []), GraphKeys.LOCAL_VARIABLES] }),
);

/** `tf.no_regularizer(_)`: the regularizer that adds no loss (to turn a scope's regularizer off). */
export const no_regularizer = tf1('no_regularizer', [req('_', ANY)], (): null => null);
