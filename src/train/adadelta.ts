import type { Operation } from '../graph/operation.js';
import type { IndexedSlices } from '../graph/indexed_slices.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, signed, type Call } from '../framework/args.js';
import { cast } from '../ops/math_ops.js';
import type { RefVariable } from '../ops/variables.js';
import { BOOL, STR, TENSOR } from '../ops/kinds.js';
import { hyperTensor, Optimizer } from './optimizer.js';

const PARAMS = [opt('learning_rate', TENSOR), opt('rho', TENSOR), opt('epsilon', TENSOR), opt('use_locking', BOOL), opt('name', STR)] as const;

/**
 * TF1's `AdadeltaOptimizer(learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False, name="Adadelta")`:
 * ApplyAdadelta ops with two zero-initialized slots, `accum` and `accum_update` (variables `W/Adadelta`, `W/Adadelta_1`);
 * the hyperparameters are tensors `lr`, `rho` and `epsilon`, cast to each variable's dtype.
 */
export class AdadeltaOptimizer extends Optimizer {
  private readonly hyper: { lr: number | Tensor; rho: number | Tensor; epsilon: number | Tensor };
  private t: { lr: Tensor; rho: Tensor; epsilon: Tensor } | null = null;

  constructor(...args: Call<typeof PARAMS>) {
    const a = parseArgs('AdadeltaOptimizer', PARAMS, args);
    super(a.use_locking ?? false, a.name ?? 'Adadelta');
    this.hyper = {
      lr: (a.learning_rate ?? 0.001) as number | Tensor,
      rho: (a.rho ?? 0.95) as number | Tensor,
      epsilon: (a.epsilon ?? 1e-8) as number | Tensor,
    };
  }

  protected override _create_slots(var_list: readonly RefVariable[]): void {
    for (const v of var_list) {
      this._zeros_slot(v, 'accum', this._name);
      this._zeros_slot(v, 'accum_update', this._name);
    }
  }

  protected _prepare(): void {
    this.t = { lr: hyperTensor(this.hyper.lr, 'lr'), rho: hyperTensor(this.hyper.rho, 'rho'), epsilon: hyperTensor(this.hyper.epsilon, 'epsilon') };
  }

  protected _apply_dense(grad: Tensor, v: RefVariable): Operation {
    const t = this.t!;
    const d = v.dtype;
    const inputs = [v._ref(), this._slot(v, 'accum')._ref(), this._slot(v, 'accum_update')._ref(), cast(t.lr, d), cast(t.rho, d), cast(t.epsilon, d), grad];
    return v.graph.create_op('ApplyAdadelta', inputs, { use_locking: this._use_locking }, 'ApplyAdadelta');
  }

  /** TF1's `_apply_sparse`: a SparseApplyAdadelta of the gradient's rows. */
  protected override _apply_sparse(grad: IndexedSlices, v: RefVariable): Operation {
    const t = this.t!;
    const d = v.dtype;
    const slots = [this._slot(v, 'accum')._ref(), this._slot(v, 'accum_update')._ref()];
    const inputs = [v._ref(), ...slots, cast(t.lr, d), cast(t.rho, d), cast(t.epsilon, d), grad.values, grad.indices];
    return v.graph.create_op('SparseApplyAdadelta', inputs, { use_locking: this._use_locking }, 'SparseApplyAdadelta');
  }
}
signed(AdadeltaOptimizer, 'train.AdadeltaOptimizer', PARAMS);
