import { isInteger, type DType } from '../framework/dtypes.js';
import { get_default_graph, type Graph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { Operation } from '../graph/operation.js';
import { TensorShape } from '../framework/shape.js';
import { OpError, TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { MISMATCH, opt, req, repr, tf1 } from '../framework/args.js';
import { NDArray } from '../framework/ndarray.js';
import { ConversionError, toNDArray, type ArrayLike } from '../framework/from_js.js';
import { DTYPE, STR, TENSOR, isVariable, pyType } from './kinds.js';
import type { RefVariable } from './variables.js';

/** A Variable as conversion sees it: its dtype and the tensor ops read. */
const asVariable = (v: unknown): RefVariable | null => (isVariable(v) ? (v as RefVariable) : null);

/** Anything an op accepts as an input: a Tensor, a Variable (its value), an IndexedSlices (densely), a constant value, or a fully known TensorShape. */
export type TensorLike = Tensor | RefVariable | IndexedSlices | ArrayLike | TensorShape;

/**
 * TF1's registered conversion of an IndexedSlices (gradients_impl's `_IndexedSlicesToTensor`), installed by
 * indexed_slices_ops.ts: it builds with the ops builders, which import this module.
 */
export const SPARSE_TO_DENSE: { convert: ((v: IndexedSlices, opts: ToTensorOptions) => Tensor) | null } = { convert: null };

// Const ops made from JS numbers whose dtype was inferred as int32: JavaScript has no float literal, so
// `tf.constant(2.0)` is int32 as TF1's `tf.constant(2)` is; when one meets a float, the error says how to fix it.
const intLiterals = new WeakSet<Operation>();

/** Creates a Const op holding `value`, named `name` in the current scope; `literal` is the JS value it came from, if inferred. */
export function constOp(graph: Graph, value: NDArray, name: string, literal?: unknown): Tensor {
  const t = graph.create_op('Const', [], { dtype: value.dtype, value }, name).outputs[0]!;
  if (literal !== undefined && value.dtype === 'int32' && isJsNumbers(literal)) intLiterals.add(t.op);
  return t;
}

function isJsNumbers(v: unknown): boolean {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) stack.push(...(x as unknown[]));
    else if (typeof x !== 'number') return false;
  }
  return true;
}

/** Adds the fix to a dtype mismatch that an integer literal caused (`tf.constant(2)` meeting a float32 tensor). */
export function withLiteralHint(e: unknown, inputs: readonly Tensor[]): unknown {
  if (!(e instanceof TFTypeError) || !/does not match type/.test(e.message)) return e;
  const lit = inputs.find((t) => intLiterals.has(t.op));
  const float = inputs.find((t) => t.dtype === 'float32' || t.dtype === 'float64');
  if (!lit || !float) return e;
  const v = (lit.op.attrs as { value: NDArray }).value;
  const shown = v.size === 1 ? String(v.data[0]) : '...';
  return new TFTypeError(
    `${e.message} (JavaScript has no float literal, so the constant ${shown} ('${lit.op.name}') is int32: give its dtype, e.g. tf.constant(${shown}, tf.${float.dtype}) or { dtype: tf.${float.dtype} }.)`,
  );
}

/** A JS value as an NDArray of `dtype` (inferred when absent, as NumPy does), with TF1's errors for what cannot be one. */
export function convertValue(v: unknown, dtype?: DType): NDArray {
  if (dtype !== undefined && isInteger(dtype)) {
    const bad = firstFraction(v);
    // TF1's _AssertCompatible names the first element that does not fit, and its Python type.
    if (bad !== undefined) throw new TFTypeError(`Expected ${dtype}, got ${pyFloat(bad)} of type 'float' instead.`);
  }
  try {
    return toNDArray(v, dtype);
  } catch (e) {
    if (e instanceof ConversionError) {
      // NumPy's own words when it is given the dtype (np.array(values, dtype) in make_tensor_proto).
      if (e.ragged && dtype) throw new ValueError('setting an array element with a sequence.');
      if (e.ragged)
        throw new ValueError(
          `Argument must be a dense tensor: ${repr(v)} - got shape [${e.ragged.got.join(', ')}], but wanted [${e.ragged.wanted.join(', ')}].`,
        );
      if (e.type) throw new TFTypeError(e.message);
      throw new TFTypeError(`Failed to convert object of type ${pyType(v)} to Tensor. Contents: ${repr(v)}. ${e.message}`);
    }
    if (e instanceof OpError) throw new ValueError(`Cannot create a tensor proto whose content is larger than 2GB. (${e.message})`);
    throw e;
  }
}

/** Options of the library's own tensor conversion: TF1's dtype and name, and the graph new constants go into. */
export interface ToTensorOptions {
  dtype?: DType | undefined;
  name?: string | undefined;
  graph?: Graph | undefined;
}

/** TF1's `convert_to_tensor` inside the library: Tensors pass through, Variables give their value, JS values become Const ops. */
export function toTensor(v: TensorLike, opts: ToTensorOptions = {}): Tensor {
  if (v instanceof Tensor) {
    if (opts.dtype && v.dtype !== opts.dtype) {
      throw new ValueError(`Tensor conversion requested dtype ${opts.dtype} for Tensor with dtype ${v.dtype}: '${v}'`);
    }
    return v;
  }
  const variable = asVariable(v);
  if (variable) return toTensor(variable.value(), opts);
  if (v instanceof IndexedSlices) {
    if (!SPARSE_TO_DENSE.convert) throw new Error('IndexedSlices conversion is not installed: import tf1-ts, not its internal modules');
    return SPARSE_TO_DENSE.convert(v, opts);
  }
  if (v instanceof TensorShape) return shapeAsTensor(v, opts);
  if (v instanceof Operation)
    throw new TFTypeError(`Can't convert Operation '${v.name}' to Tensor (target dtype=${opts.dtype ?? 'None'}, name='${opts.name ?? 'None'}', as_ref=False)`);
  if (TENSOR.parse(v) === MISMATCH) throw TENSOR.refuse!(v, 'value', 'convert_to_tensor');
  const graph = opts.graph ?? get_default_graph();
  return constOp(graph, convertValue(v, opts.dtype), opts.name ?? 'Const', opts.dtype ? undefined : v);
}

/** TF1's conversion of a TensorShape: an int32 vector named `shape_as_tensor`, int64 when a dimension is past int32. */
function shapeAsTensor(s: TensorShape, opts: ToTensorOptions): Tensor {
  if (!s.is_fully_defined()) throw new ValueError(`Cannot convert a partially known TensorShape to a Tensor: ${s}`);
  const dims = s.dims as number[];
  const big = dims.find((d) => d >= 2 ** 31);
  if (opts.dtype && opts.dtype !== 'int32' && opts.dtype !== 'int64') throw new TFTypeError(`Cannot convert a TensorShape to dtype: ${opts.dtype}`);
  if (opts.dtype === 'int32' && big !== undefined) throw new ValueError(`Cannot convert a TensorShape to dtype int32; a dimension is too large (${big})`);
  const dtype = opts.dtype ?? (big !== undefined ? 'int64' : 'int32');
  const value = new NDArray(dtype === 'int32' ? Int32Array.from(dims) : Float64Array.from(dims), [dims.length], dtype);
  return constOp(opts.graph ?? get_default_graph(), value, opts.name ?? 'shape_as_tensor');
}

/**
 * `tf.convert_to_tensor(value, dtype, name, preferred_dtype)`: Tensors pass through, Variables give their value,
 * other values become a Const (of `preferred_dtype` when they can be, else their own).
 */
export const convert_to_tensor = tf1('convert_to_tensor', [req('value', TENSOR), opt('dtype', DTYPE), opt('name', STR), opt('preferred_dtype', DTYPE)], (a) => {
  const v = a.value;
  if (!a.dtype && a.preferred_dtype && !(v instanceof Tensor) && !(v instanceof IndexedSlices) && !isVariable(v)) {
    try {
      return toTensor(v, { dtype: a.preferred_dtype, name: a.name ?? undefined });
    } catch (e) {
      if (!(e instanceof TFTypeError) && !(e instanceof ValueError)) throw e;
    }
  }
  return toTensor(v, { dtype: a.dtype ?? undefined, name: a.name ?? undefined });
});

/** The first number in a JS value (depth first) that is not an integer (NaN and infinities included), which an integer dtype cannot take. */
function firstFraction(v: unknown): number | undefined {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'number' && !Number.isInteger(x)) return x;
    if (Array.isArray(x)) for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]);
  }
  return undefined;
}

/** Python's repr of a float. */
const pyFloat = (x: number): string => (Number.isNaN(x) ? 'nan' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : String(x));

/**
 * The graph an op's inputs belong to (TF1's `_get_graph_from_inputs`): that of its Tensors, Variables and
 * Operations, which must share one (ValueError otherwise); the default graph when there is none.
 */
export function graphOf(values: readonly unknown[]): Graph {
  let first: { graph: Graph } | null = null;
  for (const v of values) {
    const el = v instanceof Tensor || v instanceof Operation || v instanceof IndexedSlices ? v : (asVariable(v)?.value() ?? null);
    if (!el) continue;
    if (first && el.graph !== first.graph) throw new ValueError(`${String(el)} must be from the same graph as ${String(first)}.`);
    first ??= el;
  }
  return first?.graph ?? get_default_graph();
}

/**
 * Converts an op's inputs inside its scope as TF1's op-def library does: inputs sharing a type attr take the
 * dtype of the first that has one (a Tensor or Variable, else an NDArray or typed array); plain JS numbers
 * take `fallback` when none has (float-only ops: `tf.log(2)` means 2.0, as JavaScript has no float literal).
 */
export function convertInputs(graph: Graph, args: readonly [string, TensorLike][], shared: readonly string[], fallback?: DType): Tensor[] {
  const sharedArgs = args.filter(([n]) => shared.includes(n)).map(([, v]) => v);
  let dtype: DType | undefined;
  for (const v of sharedArgs) {
    if (v instanceof Tensor || v instanceof IndexedSlices) {
      dtype = v.dtype;
      break;
    }
    const variable = asVariable(v);
    if (variable) {
      dtype = variable.dtype;
      break;
    }
  }
  if (!dtype) {
    const typed = sharedArgs.find((v) => v instanceof NDArray || ArrayBuffer.isView(v));
    if (typed !== undefined) dtype = toNDArray(typed).dtype;
  }
  dtype ??= fallback;
  return args.map(([n, v]) =>
    toTensor(v, { dtype: shared.includes(n) && !(v instanceof Tensor) && !(v instanceof IndexedSlices) && !isVariable(v) ? dtype : undefined, name: n, graph }),
  );
}
