// TF1's RefVariable.scatter_sub, scatter_add and scatter_update (variables.py): the IndexedSlices' rows applied with
// the scatter ops, installed on RefVariable here (variables.ts knows nothing of the scatter ops; a module of their
// own, as a declaration file of scatter_ops.ts with this augmentation lost its RefVariable import).
import { opt, parseArgs, req, signed, type Call } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import type { Tensor } from '../graph/tensor.js';
import { ANY, BOOL, STR } from './kinds.js';
import { scatter_add, scatter_sub, scatter_update, type ScatterFn } from './scatter_ops.js';
import { RefVariable } from './variables.js';

const SPARSE_METHOD = [req('sparse_delta', ANY), opt('use_locking', BOOL), opt('name', STR)] as const;

// TF1's RefVariable.scatter_sub, scatter_add and scatter_update (variables.py), declared where they are installed:
// variables.ts knows nothing of the scatter ops.
declare module './variables.js' {
  interface RefVariable {
    /** TF1's `scatter_sub(sparse_delta, use_locking, name)`: the IndexedSlices' values subtracted from its rows (a ScatterSub op). */
    scatter_sub(...args: Call<typeof SPARSE_METHOD>): Tensor;
    /** TF1's `scatter_add(sparse_delta, use_locking, name)`: the IndexedSlices' values added to its rows (a ScatterAdd op). */
    scatter_add(...args: Call<typeof SPARSE_METHOD>): Tensor;
    /** TF1's `scatter_update(sparse_delta, use_locking, name)`: its rows set to the IndexedSlices' values (a ScatterUpdate op). */
    scatter_update(...args: Call<typeof SPARSE_METHOD>): Tensor;
  }
}

/** The method `name` of RefVariable: `fn` on the variable, the IndexedSlices' indices and values (use_locking false, as TF1's methods pass it). */
function sparseMethod(name: string, fn: ScatterFn): (this: RefVariable, ...args: Call<typeof SPARSE_METHOD>) => Tensor {
  const method = function (this: RefVariable, ...args: Call<typeof SPARSE_METHOD>): Tensor {
    const a = parseArgs(name, SPARSE_METHOD, args);
    const d = a.sparse_delta;
    if (!(d instanceof IndexedSlices)) throw new ValueError(`sparse_delta is not IndexedSlices: ${String(d)}`);
    return fn(this, d.indices, d.values, { use_locking: a.use_locking ?? false, name: a.name ?? null });
  };
  return signed(method, `Variable.${name}`, SPARSE_METHOD);
}

Object.assign(RefVariable.prototype, {
  scatter_sub: sparseMethod('scatter_sub', scatter_sub),
  scatter_add: sparseMethod('scatter_add', scatter_add),
  scatter_update: sparseMethod('scatter_update', scatter_update),
});
