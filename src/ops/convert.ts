import type { DType } from '../graph/dtypes.js';
import { get_default_graph, type Graph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { Operation } from '../graph/operation.js';
import { TypeError as TFTypeError, ValueError } from '../graph/errors.js';
import { NDArray } from '../ndarray/ndarray.js';
import { ConversionError, toNDArray, type ArrayLike } from '../ndarray/from_js.js';
import { RefVariable } from './variables.js';

/** Anything an op accepts as an input: a Tensor, a Variable (its value), or a constant value. */
export type TensorLike = Tensor | RefVariable | ArrayLike;

/** Creates a Const op holding `value`, named `name` in the current scope. */
export function constOp(graph: Graph, value: NDArray, name: string): Tensor {
  return graph.create_op('Const', [], { dtype: value.dtype, value }, name).outputs[0]!;
}

/** TF1's `convert_to_tensor`: Tensors pass through, Variables give their value, JS values become Const ops. */
export function convert_to_tensor(v: TensorLike, opts: { dtype?: DType; name?: string; graph?: Graph } = {}): Tensor {
  if (v instanceof Tensor) {
    if (opts.dtype && v.dtype !== opts.dtype) {
      throw new ValueError(`Tensor conversion requested dtype ${opts.dtype} for Tensor with dtype ${v.dtype}: '${v}'`);
    }
    return v;
  }
  if (v instanceof RefVariable) return convert_to_tensor(v.value(), opts);
  if (v instanceof Operation) throw new TFTypeError(`Can't convert Operation '${v.name}' to Tensor (target dtype=${opts.dtype ?? 'None'}, name='${opts.name ?? 'None'}', as_ref=False)`);
  const graph = opts.graph ?? get_default_graph();
  if (opts.dtype && (opts.dtype === 'int32' || opts.dtype === 'int64') && hasFraction(v)) {
    throw new TFTypeError(`Expected ${opts.dtype}, got ${String(v)} of type '${describe(v)}' instead.`);
  }
  let arr: NDArray;
  try {
    arr = toNDArray(v, opts.dtype);
  } catch (e) {
    if (e instanceof ConversionError) throw new TFTypeError(`Failed to convert object of type ${describe(v)} to Tensor. Contents: ${String(v)}. ${e.message}`);
    throw e;
  }
  return constOp(graph, arr, opts.name ?? 'Const');
}

/** True when a JS value holds a number that is not an integer (NaN and infinities included), which an integer dtype cannot take. */
export function hasFraction(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isInteger(v);
  return Array.isArray(v) && v.some(hasFraction);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? (v as object).constructor?.name ?? 'object' : typeof v;
}

/** The graph an op's inputs belong to (the default graph when none is a Tensor). */
export function graphOf(values: readonly unknown[]): Graph {
  let g: Graph | null = null;
  for (const v of values) {
    const t = v instanceof Tensor ? v : v instanceof RefVariable ? v.value() : null;
    if (!t) continue;
    if (g && t.graph !== g) throw new ValueError(`${String(t)} must be from the same graph as ${String(values.find((x) => x instanceof Tensor))}.`);
    g = t.graph;
  }
  return g ?? get_default_graph();
}

/** Converts an op's inputs inside its scope as TF1's op-def library does: inputs sharing a type attr take the first tensor's dtype. */
export function convertInputs(graph: Graph, args: readonly [string, TensorLike][], shared: readonly string[], fallback?: DType): Tensor[] {
  let dtype: DType | undefined;
  for (const [n, v] of args) {
    if (!shared.includes(n)) continue;
    if (v instanceof Tensor) { dtype = v.dtype; break; }
    if (v instanceof RefVariable) { dtype = v.dtype; break; }
  }
  dtype ??= fallback;
  return args.map(([n, v]) => convert_to_tensor(v, { dtype: shared.includes(n) && !(v instanceof Tensor) && !(v instanceof RefVariable) ? dtype : undefined, name: n, graph }));
}
