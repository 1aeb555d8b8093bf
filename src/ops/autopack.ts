// TF1's autopacking conversion (array_ops.py's _autopacking_conversion_function): a nested list that holds Tensors
// or Variables becomes a Pack of its elements; array ops take such lists through packedArg.
import type { DType } from '../framework/dtypes.js';
import { Tensor } from '../graph/tensor.js';
import { MISMATCH } from '../framework/args.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { TENSOR, isVariable, kind } from './kinds.js';

/** A Tensor-like value, or a (nested) list that may hold Tensors, which TF1's conversion packs. */
export type Packable = TensorLike | readonly Packable[];
/** A value TF1 converts with convert_to_tensor, lists holding Tensors included. */
export const PACKABLE = kind<Packable>('a Tensor or a value convertible to one', (v) => TENSOR.parse(v) !== MISMATCH, { refuse: TENSOR.refuse });
const isSymbolic = (v: unknown): boolean => v instanceof Tensor || isVariable(v);

/** True when a nested list holds a Tensor or Variable somewhere. */
export const holdsTensor = (v: unknown): boolean => isSymbolic(v) || (Array.isArray(v) && v.some(holdsTensor));

/** The dtype of the first Tensor in a nested list (TF1's _get_dtype_from_nested_lists). */
export function nestedDtype(v: readonly unknown[]): DType | null {
  for (const e of v) {
    if (isSymbolic(e)) return toTensor(e as TensorLike).dtype;
    if (Array.isArray(e)) {
      const d = nestedDtype(e);
      if (d) return d;
    }
  }
  return null;
}

/**
 * TF1's _autopacking_helper: a list holding Tensors becomes a Pack named after the scope, its plain values
 * Consts named by their index (`stack/1`), nested lists packed the same way.
 */
export function autopack(values: readonly unknown[], dtype: DType, name: string): Tensor | unknown[] {
  const graph = graphOf(values);
  return graph.name_scope(name, (scope) => {
    let mustPack = false;
    const elems = values.map((e, i) => {
      if (isSymbolic(e)) {
        const t = toTensor(e as TensorLike, { graph });
        if (t.dtype !== dtype) throw new TFTypeError(`Cannot convert a list containing a tensor of dtype ${t.dtype} to ${dtype} (Tensor is: ${t})`);
        mustPack = true;
        return t;
      }
      if (Array.isArray(e)) {
        const inner = autopack(e, dtype, String(i));
        if (inner instanceof Tensor) mustPack = true;
        return inner;
      }
      return e;
    });
    if (!mustPack) return elems;
    const tensors = elems.map((e, i) => (e instanceof Tensor ? e : toTensor(e as TensorLike, { dtype, name: String(i), graph })));
    return graph.create_op('Pack', tensors, { axis: 0 }, scope).outputs[0]!;
  });
}

/** A list input holding Tensors packed as TF1's conversion packs it (a Pack named after the argument), else the value. */
export function packedArg(v: Packable, name: string): TensorLike {
  return Array.isArray(v) && holdsTensor(v) ? (autopack(v, nestedDtype(v)!, name) as Tensor) : (v as TensorLike);
}
