import type { Operation } from '../graph/operation.js';
import type { IndexedSlices } from '../graph/indexed_slices.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, req, signed, type Call } from '../framework/args.js';
import { cast } from '../ops/math_ops.js';
import type { RefVariable } from '../ops/variables.js';
import { BOOL, STR, TENSOR } from '../ops/kinds.js';
import { hyperTensor, Optimizer } from './optimizer.js';

const PARAMS = [req('learning_rate', TENSOR), req('momentum', TENSOR), opt('use_locking', BOOL), opt('name', STR), opt('use_nesterov', BOOL)] as const;

/**
 * TF1's `MomentumOptimizer(learning_rate, momentum, use_locking, name, use_nesterov)`: through ApplyMomentum ops,
 * `accum = accum * momentum + grad; var -= lr * accum`, the accumulator a slot `momentum` (variable `W/Momentum`).
 */
export class MomentumOptimizer extends Optimizer {
  private readonly lr: number | Tensor;
  private readonly momentum: number | Tensor;
  private readonly useNesterov: boolean;
  private lrTensor: Tensor | null = null;
  private momentumTensor: Tensor | null = null;

  constructor(...args: Call<typeof PARAMS>) {
    const a = parseArgs('MomentumOptimizer', PARAMS, args);
    super(a.use_locking ?? false, a.name ?? 'Momentum');
    this.lr = a.learning_rate as number | Tensor;
    this.momentum = a.momentum as number | Tensor;
    this.useNesterov = a.use_nesterov ?? false;
  }

  protected override _create_slots(var_list: readonly RefVariable[]): void {
    for (const v of var_list) this._zeros_slot(v, 'momentum', this._name);
  }

  protected _prepare(): void {
    this.lrTensor = hyperTensor(this.lr, 'learning_rate');
    this.momentumTensor = hyperTensor(this.momentum, 'momentum');
  }

  protected _apply_dense(grad: Tensor, v: RefVariable): Operation {
    const mom = this._slot(v, 'momentum');
    const inputs = [v._ref(), mom._ref(), cast(this.lrTensor!, v.dtype), grad, cast(this.momentumTensor!, v.dtype)];
    return v.graph.create_op('ApplyMomentum', inputs, { use_locking: this._use_locking, use_nesterov: this.useNesterov }, 'ApplyMomentum');
  }

  /** TF1's `_apply_sparse`: a SparseApplyMomentum of the gradient's rows. */
  protected override _apply_sparse(grad: IndexedSlices, v: RefVariable): Operation {
    const mom = this._slot(v, 'momentum');
    const inputs = [v._ref(), mom._ref(), cast(this.lrTensor!, v.dtype), grad.values, grad.indices, cast(this.momentumTensor!, v.dtype)];
    const attrs = { use_locking: this._use_locking, use_nesterov: this.useNesterov };
    return v.graph.create_op('SparseApplyMomentum', inputs, attrs, 'SparseApplyMomentum');
  }
}
signed(MomentumOptimizer, 'train.MomentumOptimizer', PARAMS);
