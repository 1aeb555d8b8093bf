// TF1's variable scopes (python/ops/variable_scope.py, r1.12): `tf.variable_scope`, `tf.get_variable_scope`,
// `tf.VariableScope`, `tf.AUTO_REUSE`. A variable scope names the variables `tf.get_variable` makes
// (`scope/W`) and carries their defaults (reuse, initializer, regularizer, dtype); entering one also opens a
// name scope for the ops made inside (`scope/`, `scope_1/` when entered again). Python's `with` block is the
// callback, last: `tf.variable_scope('layer1', { reuse: tf.AUTO_REUSE }, (scope) => ...)`.
import type { DType } from '../framework/dtypes.js';
import { type Graph, GraphKeys, get_default_graph } from '../graph/graph.js';
import { opt, parseArgs, req, signed, tf1, type Call, type Parsed } from '../framework/args.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { graphOf } from './convert.js';
import { ANY, BOOL, DTYPE, STR, kind } from './kinds.js';
import { withBlock } from './scopes.js';

/** TF1's `tf.AUTO_REUSE`: get_variable creates a variable when it does not exist and returns it when it does. */
export const AUTO_REUSE = Object.freeze({ toString: () => '<_ReuseMode.AUTO_REUSE: 1>' });
/** A scope's reuse: False (create only), True (reuse only) or AUTO_REUSE. */
export type Reuse = boolean | typeof AUTO_REUSE;

/** `reuse` as variable_scope takes it: True, False, None or tf.AUTO_REUSE (anything else a TypeError here, TF1's ValueError). */
const REUSE = kind<Reuse>('bool or tf.AUTO_REUSE', (v) => typeof v === 'boolean' || v === AUTO_REUSE);
/** A function of the variable (TF1's regularizer), or a scope's. */
const CALLABLE = kind<(v: never) => unknown>('callable', (v) => typeof v === 'function');

const SCOPE_PARAMS = [
  req('reuse', REUSE),
  opt('name', STR),
  opt('initializer', ANY),
  opt('regularizer', CALLABLE),
  opt('caching_device', ANY),
  opt('partitioner', ANY),
  opt('custom_getter', ANY),
  opt('name_scope', STR),
  opt('dtype', DTYPE),
  opt('use_resource', BOOL),
  opt('constraint', ANY),
] as const;

/** What tf1-ts does not have: partitioned and resource variables, custom getters, constraints. */
export function refuseUnsupported(a: { partitioner?: unknown; custom_getter?: unknown; use_resource?: boolean | null; constraint?: unknown }): void {
  if (a.partitioner != null) throw new ValueError('Partitioned variables (partitioner) are not supported by tf1-ts.');
  if (a.custom_getter != null) throw new ValueError('custom_getter is not supported by tf1-ts.');
  if (a.use_resource) throw new ValueError('Resource variables (use_resource=True) are not supported by tf1-ts.');
  if (a.constraint != null) throw new ValueError('Variable constraints are not supported by tf1-ts.');
}

/**
 * TF1's `VariableScope(reuse, name, initializer, regularizer, caching_device, partitioner, custom_getter,
 * name_scope, dtype, use_resource, constraint)`: the defaults get_variable uses inside a variable scope.
 */
export class VariableScope {
  private _reuse: Reuse;
  private readonly _name: string;
  private _initializer: unknown;
  private _regularizer: ((v: never) => unknown) | null;
  private _caching_device: unknown;
  private readonly _name_scope: string;
  private _dtype: DType;

  constructor(...args: Call<typeof SCOPE_PARAMS>) {
    const a = parseArgs('VariableScope', SCOPE_PARAMS, args);
    refuseUnsupported(a);
    this._reuse = a.reuse;
    this._name = a.name ?? '';
    this._initializer = a.initializer ?? null;
    this._regularizer = a.regularizer ?? null;
    this._caching_device = a.caching_device ?? null;
    this._name_scope = a.name_scope ?? '';
    this._dtype = a.dtype ?? 'float32';
  }

  /** The scope's name (`outer/inner`; '' for the root scope). */
  get name(): string {
    return this._name;
  }
  /** The name scope it was first entered with (`outer/inner/`). */
  get original_name_scope(): string {
    return this._name_scope;
  }
  /** False, True or tf.AUTO_REUSE. */
  get reuse(): Reuse {
    return this._reuse;
  }
  /** The default initializer of its variables, or null. */
  get initializer(): unknown {
    return this._initializer;
  }
  /** The default dtype of its variables. */
  get dtype(): DType {
    return this._dtype;
  }
  /** The default regularizer of its variables, or null. */
  get regularizer(): ((v: never) => unknown) | null {
    return this._regularizer;
  }
  /** The default caching device (kept, not used: tf1-ts has no devices). */
  get caching_device(): unknown {
    return this._caching_device;
  }
  /** Always null (partitioned variables are not supported). */
  get partitioner(): null {
    return null;
  }
  /** Always null (custom getters are not supported). */
  get custom_getter(): null {
    return null;
  }
  /** Always false (resource variables are not supported). */
  get use_resource(): boolean {
    return false;
  }
  /** Always null (constraints are not supported). */
  get constraint(): null {
    return null;
  }

  /** TF1's `reuse_variables()`: from now on get_variable in this scope reuses. */
  reuse_variables(): void {
    this._reuse = true;
  }
  /** TF1's `set_initializer(initializer)`. */
  set_initializer(initializer: unknown): void {
    this._initializer = initializer;
  }
  /** TF1's `set_dtype(dtype)`. */
  set_dtype(dtype: DType): void {
    this._dtype = dtype;
  }
  /** TF1's `set_regularizer(regularizer)`. */
  set_regularizer(regularizer: ((v: never) => unknown) | null): void {
    this._regularizer = regularizer;
  }
  /** TF1's `set_caching_device(caching_device)` (kept, not used). */
  set_caching_device(caching_device: unknown): void {
    this._caching_device = caching_device;
  }

  /** TF1's `get_collection(name)`: the default graph's collection `name`, filtered by this scope's name. */
  get_collection<T = unknown>(name: string): T[] {
    return get_default_graph().get_collection<T>(name, this._name ? `${this._name}/` : '');
  }
  /** The global variables of this scope. */
  global_variables<T = unknown>(): T[] {
    return this.get_collection<T>(GraphKeys.GLOBAL_VARIABLES);
  }
  /** The trainable variables of this scope. */
  trainable_variables<T = unknown>(): T[] {
    return this.get_collection<T>(GraphKeys.TRAINABLE_VARIABLES);
  }
  /** The local variables of this scope. */
  local_variables<T = unknown>(): T[] {
    return this.get_collection<T>(GraphKeys.LOCAL_VARIABLES);
  }
}
signed(VariableScope, 'VariableScope', SCOPE_PARAMS);

/** A graph's variable scope state (TF1's _VariableScopeStore) and its variables by name (_VariableStore._vars). */
export interface ScopeStore {
  current: VariableScope;
  counts: Map<string, number>;
  readonly vars: Map<string, unknown>;
}

const stores = new WeakMap<Graph, ScopeStore>();

/** The variable scope state of `graph` (made on first use). */
export function storeOf(graph: Graph): ScopeStore {
  let s = stores.get(graph);
  if (!s) stores.set(graph, (s = { current: new VariableScope(false), counts: new Map(), vars: new Map() }));
  return s;
}

/** `tf.get_variable_scope()`: the current variable scope of the default graph. */
export const get_variable_scope = tf1('get_variable_scope', [], () => storeOf(get_default_graph()).current);

/** TF1's `_get_unique_variable_scope(prefix)`: `prefix`, else `prefix_1`, ... unused in the current scope. */
function uniqueScope(store: ScopeStore, prefix: string): string {
  const cur = store.current.name;
  const name = cur ? `${cur}/${prefix}` : prefix;
  if (!store.counts.get(name)) return prefix;
  let i = 1;
  while (store.counts.get(`${name}_${i}`)) i++;
  return `${prefix}_${i}`;
}

const VARIABLE_SCOPE = [
  req(
    'name_or_scope',
    kind<string | VariableScope | null>('string or VariableScope', (v) => v === null || typeof v === 'string' || v instanceof VariableScope),
  ),
  opt('default_name', STR),
  opt('values', ANY),
  opt('initializer', ANY),
  opt('regularizer', CALLABLE),
  opt('caching_device', ANY),
  opt('partitioner', ANY),
  opt('custom_getter', ANY),
  opt('reuse', REUSE),
  opt('dtype', DTYPE),
  opt('use_resource', BOOL),
  opt('constraint', ANY),
  opt('auxiliary_name_scope', BOOL),
] as const;

type ScopeArgs = Parsed<typeof VARIABLE_SCOPE>;

/** TF1's `_pure_variable_scope`: makes the new current VariableScope, runs `fn`, restores the store. */
function pureScope<T>(store: ScopeStore, nameOrScope: string | VariableScope, a: ScopeArgs, oldNameScope: string | null, fn: (s: VariableScope) => T): T {
  const old = store.current;
  const reuse = a.reuse === false ? null : (a.reuse ?? null);
  let scope: VariableScope;
  let restore: () => void;
  if (nameOrScope instanceof VariableScope) {
    const src = nameOrScope;
    scope = new VariableScope(reuse || src.reuse, {
      name: src.name,
      initializer: src.initializer,
      regularizer: src.regularizer,
      caching_device: src.caching_device,
      name_scope: src.original_name_scope,
      dtype: src.dtype,
    });
    store.counts.set(src.name, (store.counts.get(src.name) ?? 0) + 1);
    const saved = new Map(store.counts);
    restore = () => {
      store.counts = saved;
    };
  } else {
    const name = old.name ? `${old.name}/${nameOrScope}` : nameOrScope;
    scope = new VariableScope(reuse || old.reuse, {
      name,
      initializer: old.initializer,
      regularizer: old.regularizer,
      caching_device: old.caching_device,
      name_scope: oldNameScope ?? nameOrScope,
      dtype: old.dtype,
    });
    store.counts.set(name, (store.counts.get(name) ?? 0) + 1);
    restore = () => {
      for (const k of store.counts.keys()) if (k.startsWith(`${name}/`)) store.counts.set(k, 0);
    };
  }
  if (a.initializer != null) scope.set_initializer(a.initializer);
  if (a.regularizer != null) scope.set_regularizer(a.regularizer);
  if (a.caching_device != null) scope.set_caching_device(a.caching_device);
  if (a.dtype != null) scope.set_dtype(a.dtype);
  store.current = scope;
  try {
    return fn(scope);
  } finally {
    restore();
    store.current = old;
  }
}

function enterScope<T>(graph: Graph, a: ScopeArgs, fn: (scope: VariableScope) => T): T {
  const store = storeOf(graph);
  const auxiliary = a.auxiliary_name_scope ?? true;
  // Without an auxiliary name scope, the current name scope is entered again (`outer/`), so nothing new is named.
  const nameScope = <R>(name: string, body: (ns: string) => R): R => {
    if (auxiliary) return graph.name_scope(name, body);
    const cur = graph.get_name_scope();
    return graph.name_scope(cur ? `${cur}/` : '', body);
  };
  const nameOrScope = a.name_or_scope;
  if (nameOrScope !== null) {
    const ns = typeof nameOrScope === 'string' ? nameOrScope : nameOrScope.name.split('/').pop()!;
    if (ns || !auxiliary) {
      return nameScope(ns, (entered) => pureScope(store, nameOrScope, a, typeof nameOrScope === 'string' ? entered : nameOrScope.original_name_scope, fn));
    }
    return pureScope(store, nameOrScope, a, null, fn);
  }
  if (a.reuse === true) throw new ValueError('reuse=True cannot be used without a name_or_scope');
  const defaultName = a.default_name!;
  return nameScope(defaultName, (entered) => pureScope(store, uniqueScope(store, defaultName), a, entered, fn));
}

/**
 * `tf.variable_scope(name_or_scope, default_name, values, initializer, regularizer, caching_device, partitioner,
 * custom_getter, reuse, dtype, use_resource, constraint, auxiliary_name_scope, fn)`: runs `fn` in a variable
 * scope (and its name scope) of the graph of `values`, else the default graph; `fn` gets the VariableScope.
 */
export const variable_scope = signed(
  function variable_scope<T>(
    ...args: [
      ...rest: [name_or_scope: string | VariableScope | null, ...more: unknown[]] | [keywords: Record<string, unknown>],
      fn: (scope: VariableScope) => T,
    ]
  ): T {
    const [rest, fn] = withBlock<(scope: VariableScope) => T>('variable_scope', args);
    const a = parseArgs('variable_scope', VARIABLE_SCOPE, rest);
    if (a.default_name == null && a.name_or_scope == null) throw new TFTypeError('If default_name is None then name_or_scope is required');
    refuseUnsupported(a);
    const values = a.values ?? [];
    if (!Array.isArray(values)) throw new TFTypeError(`values must be a list, got ${String(values)}`);
    const graph = graphOf(values);
    return graph.as_default(() => enterScope(graph, a, fn));
  },
  'variable_scope',
  VARIABLE_SCOPE,
);
