// TF1's FuncRegistry (python/ops/script_ops.py): the functions of tf.py_func by token (`pyfunc_0`, ...), one
// registry per process. A PyFunc node names its function by token only, so a graph read from a file runs its PyFunc
// nodes only where the same process registered that token.

/** A py_func's function: called with the inputs' values, it returns one value or a list of them. */
export type PyFunction = (...args: never[]) => unknown;

const funcs = new Map<string, PyFunction>();
let next = 0;
// TF1 drops a graph's functions when the graph goes (`_cleanup_py_funcs_used_in_graph`): so here, when it is collected.
const cleanup = new FinalizationRegistry<string[]>((tokens) => {
  for (const t of tokens) funcs.delete(t);
});
const byGraph = new WeakMap<object, string[]>();

/** Registers `fn` for a node of `graph` and returns its token, `pyfunc_<n>` (TF1's `_py_funcs.insert`). */
export function insertPyFunc(fn: PyFunction, graph: object): string {
  const token = `pyfunc_${next++}`;
  funcs.set(token, fn);
  let tokens = byGraph.get(graph);
  if (!tokens) {
    byGraph.set(graph, (tokens = []));
    cleanup.register(graph, tokens);
  }
  tokens.push(token);
  return token;
}

/** The function registered under `token`, or undefined. */
export function pyFunc(token: string): PyFunction | undefined {
  return funcs.get(token);
}
