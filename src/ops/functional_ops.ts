// tf.foldl, tf.foldr, tf.map_fn and tf.scan as TF1 r1.12's functional_ops.py builds them: under their name scope
// (`foldl`, `foldr`, `map`, `scan`), each element of `elems` is unstacked into a TensorArray (`map/TensorArray`,
// `map/TensorArrayUnstack/...`), a tf.while_loop (`map/while/...`) reads element i, calls `fn` and carries the
// accumulator or writes the result into another TensorArray, stacked after the loop. tf.gradients goes through the
// while loop and the TensorArrays as through any other. The variable scope's caching_device, which TF1 sets around
// the loop, is a no-op here (one device).
import { kind, opt, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { DType } from '../framework/dtypes.js';
import { type Dim, TensorShape } from '../framework/shape.js';
import type { Tensor } from '../graph/tensor.js';
import { constant, shape as shapeOf } from './array_ops.js';
import { convert_to_tensor, type TensorLike } from './convert.js';
import { as_dtype, BOOL, FUNC, INT, STR } from './kinds.js';
import { assert_same_structure, flatten, isSequence, map_structure, pack_sequence_as } from './nest.js';
import { binary } from './operators.js';
import { name_scope } from './scopes.js';
import './slice_helper.js';
import { TensorArray } from './tensor_array_ops.js';
import { while_loop } from './while_loop.js';

type Fn = (...args: never[]) => unknown;
/** A nested structure of tensors (a trailing plain object in its place is a dict of elements, not the keywords). */
const NESTED = kind<unknown>('a Tensor or a nested structure of Tensors', (v) => v !== undefined, { takesObject: true });
const LOOP = [opt('parallel_iterations', INT), opt('back_prop', BOOL), opt('swap_memory', BOOL)] as const;
const FOLD = [req('fn', FUNC), req('elems', NESTED), opt('initializer', NESTED), ...LOOP, opt('name', STR)] as const;
const MAP = [req('fn', FUNC), req('elems', NESTED), opt('dtype', NESTED), ...LOOP, opt('infer_shape', BOOL), opt('name', STR)] as const;
const SCAN = [
  req('fn', FUNC),
  req('elems', NESTED),
  opt('initializer', NESTED),
  ...LOOP,
  opt('infer_shape', BOOL),
  opt('reverse', BOOL),
  opt('name', STR),
] as const;

/** The number of elements: the static first dimension where known and not 0 (TF1's `shape[0].value or ...`), else `shape(e)[0]`. */
function lengthOf(e: Tensor): number | Tensor {
  const d0 = e.get_shape().with_rank_at_least(1).dims?.[0] ?? null;
  return d0 ? d0 : shapeOf(e).at(0);
}

/** `n - k` as TF1 writes it, a Python int where n is one and a `sub` node where it is a tensor. */
const minus = (n: number | Tensor, k: number): number | Tensor => (typeof n === 'number' ? n - k : n.sub(k));

/** A TensorArray of `n` elements holding the rows of `e` (TF1's TensorArray(...).unstack(elem)). */
const unstacked = (e: TensorLike, dtype: DType, n: number | Tensor): TensorArray =>
  new TensorArray({ dtype, size: n, dynamic_size: false, infer_shape: true }).unstack(e);

/** The loop options of a while_loop from the caller's. */
const loopOpts = (a: { parallel_iterations?: number | null; back_prop?: boolean | null; swap_memory?: boolean | null }) => ({
  parallel_iterations: a.parallel_iterations ?? 10,
  back_prop: a.back_prop ?? true,
  swap_memory: a.swap_memory ?? false,
});

/** TF1's results of map_fn and scan: each stacked array gets the elements' static length as its first dimension. */
function withLength(results: Tensor[], elemsFlat: readonly Tensor[]): Tensor[] {
  const nStatic: Dim = elemsFlat[0]!.get_shape().with_rank_at_least(1).dims?.[0] ?? null;
  for (const e of elemsFlat.slice(1)) {
    const d: Dim = e.get_shape().with_rank_at_least(1).dims?.[0] ?? null;
    if (nStatic !== null && d !== null && nStatic !== d) throw new ValueError(`Dimensions ${nStatic} and ${d} are not compatible`);
  }
  for (const r of results) {
    const dims = r.get_shape().dims;
    r.set_shape(new TensorShape([nStatic]).concatenate(dims === null ? TensorShape.unknown() : new TensorShape(dims.slice(1))));
  }
  return results;
}

/** How `elems` (or another structure) flattens and packs: a structure by nest, a single tensor as a list of one. */
function packer(structure: unknown) {
  const seq = isSequence(structure);
  return {
    flat: <T>(x: unknown): T[] => (seq ? flatten<T>(x) : [x as T]),
    pack: (x: readonly unknown[]): unknown => (seq ? pack_sequence_as(structure, x) : x[0]),
  };
}

type FoldArgs = { fn: Fn; elems: unknown; initializer?: unknown; name?: string | null } & Parameters<typeof loopOpts>[0];

/** foldl and foldr: one while loop carrying (i, a), reading element i from the unstacked elems. */
function fold(a: FoldArgs, right: boolean): unknown {
  const fn = a.fn as (acc: unknown, x: unknown) => unknown;
  return name_scope(a.name ?? null, right ? 'foldr' : 'foldl', flatten(a.elems), () => {
    const orig = flatten<TensorLike>(a.elems);
    const elemsFlat = orig.map((e) => convert_to_tensor(e, { name: 'elem' }));
    const n = lengthOf(elemsFlat[0]!);
    const elemsTa = pack_sequence_as(
      a.elems,
      orig.map((e, k) => unstacked(e, elemsFlat[k]!.dtype, n)),
    );
    const readAll = (i: number | Tensor): unknown => map_structure((ta: TensorArray) => ta.read(i), elemsTa);
    const none = a.initializer === null || a.initializer === undefined;
    let i: number | Tensor;
    let acc: unknown;
    if (right) {
      i = none ? minus(n, 1) : n;
      acc = none ? readAll(i) : a.initializer;
    } else {
      acc = none ? readAll(0) : a.initializer;
      i = constant(none ? 1 : 0);
    }
    const compute = (i: Tensor, acc: unknown): unknown[] => {
      if (right) {
        const j = i.sub(1);
        return [j, fn(acc, readAll(j))];
      }
      return [i.add(1), fn(acc, readAll(i))];
    };
    const cond = right ? (i: Tensor) => i.gt(0) : (i: Tensor) => i.lt(n);
    return (while_loop(cond, compute, [i, acc], loopOpts(a)) as unknown[])[1];
  });
}

/**
 * `tf.foldl(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name)`: `fn(acc, x)` applied to
 * the elements of `elems` (unpacked on dimension 0) from first to last, starting from `initializer` (else the first
 * element). `elems` and the accumulator may be nested structures. Ops under `foldl/`, the loop `foldl/while/`.
 */
export const foldl = tf1('foldl', FOLD, (a): unknown => fold(a as FoldArgs, false));

/** `tf.foldr(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name)`: tf.foldl from last to first, under `foldr/`. */
export const foldr = tf1('foldr', FOLD, (a): unknown => fold(a as FoldArgs, true));

/**
 * `tf.map_fn(fn, elems, dtype, parallel_iterations, back_prop, swap_memory, infer_shape, name)`: `fn` applied to
 * each element of `elems` (unpacked on dimension 0), the results stacked. `elems` may be a nested structure, each
 * of whose tensors is unpacked; `dtype` (a dtype or a structure of them) is required where `fn`'s output differs in
 * structure or dtype from `elems`. Ops under `map/`, the loop `map/while/`.
 */
export const map_fn = tf1('map_fn', MAP, (a): unknown => {
  const fn = a.fn as (x: unknown) => unknown;
  const input = packer(a.elems);
  const dtypeGiven = a.dtype !== null && a.dtype !== undefined;
  const output = dtypeGiven ? packer(a.dtype) : input;
  const raw = input.flat<TensorLike>(a.elems);
  return name_scope(a.name ?? null, 'map', raw, () => {
    const elemsFlat = raw.map((e) => convert_to_tensor(e, { name: 'elem' }));
    const dtype = dtypeGiven ? map_structure((d: DType) => as_dtype(d), a.dtype) : input.pack(elemsFlat.map((e) => e.dtype));
    const dtypeFlat = output.flat<DType>(dtype);
    const ndims = elemsFlat[0]!.get_shape().ndims;
    if (ndims !== null && ndims < 1) {
      throw new ValueError(
        elemsFlat.length === 1 ? 'elems must be a 1+ dimensional Tensor, not a scalar' : 'elements in elems must be 1+ dimensional Tensors, not scalars',
      );
    }
    const n = lengthOf(elemsFlat[0]!);
    const elemsTa = elemsFlat.map((e) => new TensorArray({ dtype: e.dtype, size: n, dynamic_size: false, infer_shape: true }));
    const unstackedTa = elemsTa.map((ta, k) => ta.unstack(elemsFlat[k]!));
    const i = constant(0);
    const accsTa = dtypeFlat.map((dt) => new TensorArray({ dtype: dt, size: n, dynamic_size: false, infer_shape: a.infer_shape ?? true }));
    const compute = (i: Tensor, tas: TensorArray[]): unknown[] => {
      const out = fn(input.pack(unstackedTa.map((ta) => ta.read(i))));
      assert_same_structure(dtypeGiven ? dtype : a.elems, out);
      const flatOut = output.flat<TensorLike>(out);
      return [i.add(1), tas.map((ta, k) => ta.write(i, flatOut[k]!))];
    };
    const [, rA] = while_loop((i: Tensor) => i.lt(n), compute, [i, accsTa], { ...loopOpts(a), maximum_iterations: n }) as [Tensor, TensorArray[]];
    return output.pack(
      withLength(
        rA.map((r) => r.stack()),
        elemsFlat,
      ),
    );
  });
});

/**
 * `tf.scan(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, infer_shape, reverse, name)`:
 * `fn(acc, x)` applied to the elements of `elems` from first to last (last to first with `reverse`), every
 * accumulator value stacked. Without `initializer` the first element starts the accumulator and is the first
 * result. `elems` and the accumulator may be nested structures. Ops under `scan/`, the loop `scan/while/`.
 */
export const scan = tf1('scan', SCAN, (a): unknown => {
  const fn = a.fn as (acc: unknown, x: unknown) => unknown;
  const reverse = a.reverse ?? false;
  const inferShape = a.infer_shape ?? true;
  const none = a.initializer === null || a.initializer === undefined;
  const input = packer(a.elems);
  const output = none ? input : packer(a.initializer);
  const raw = input.flat<TensorLike>(a.elems);
  return name_scope(a.name ?? null, 'scan', raw, () => {
    const elemsFlat = raw.map((e) => convert_to_tensor(e, { name: 'elem' }));
    const n = lengthOf(elemsFlat[0]!);
    const elemsTa = elemsFlat.map((e) => new TensorArray({ dtype: e.dtype, size: n, dynamic_size: false, infer_shape: true }));
    const unstackedTa = elemsTa.map((ta, k) => ta.unstack(elemsFlat[k]!));
    const first = reverse ? minus(n, 1) : 0;
    const aFlat = none ? unstackedTa.map((ta) => ta.read(first)) : output.flat<TensorLike>(a.initializer).map((x) => convert_to_tensor(x));
    const i = constant(none ? 1 : 0);
    let accsTa = aFlat.map(
      (init) =>
        new TensorArray({ dtype: init.dtype, size: n, element_shape: inferShape ? init.get_shape() : null, dynamic_size: false, infer_shape: inferShape }),
    );
    if (none) accsTa = accsTa.map((ta, k) => ta.write(first, aFlat[k]!));
    const compute = (i: Tensor, aFlat: Tensor[], tas: TensorArray[]): unknown[] => {
      const aOut = fn(output.pack(aFlat), input.pack(unstackedTa.map((ta) => ta.read(i))));
      assert_same_structure(none ? a.elems : a.initializer, aOut);
      const flatOut = output.flat<TensorLike>(aOut);
      const written = tas.map((ta, k) => ta.write(i, flatOut[k]!));
      return [reverse ? i.sub(1) : i.add(1), flatOut, written];
    };
    // TF1's `n - 1 - i`: a Python int minus the tensor is the tensor's reflected `sub`
    const initialI = reverse ? binary('Sub', 'sub', minus(n, 1), i) : i;
    const cond = reverse ? (i: Tensor) => i.ge(0) : (i: Tensor) => i.lt(n);
    const [, , rA] = while_loop(cond, compute, [initialI, aFlat, accsTa], { ...loopOpts(a), maximum_iterations: n }) as [Tensor, Tensor[], TensorArray[]];
    return output.pack(
      withLength(
        rA.map((r) => r.stack()),
        elemsFlat,
      ),
    );
  });
});
