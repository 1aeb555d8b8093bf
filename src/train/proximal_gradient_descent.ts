import type { Operation } from '../graph/operation.js';
import type { IndexedSlices } from '../graph/indexed_slices.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, req, signed, type Call } from '../framework/args.js';
import type { RefVariable } from '../ops/variables.js';
import { BOOL, STR, TENSOR } from '../ops/kinds.js';
import { hyperTensor, Optimizer } from './optimizer.js';

const PARAMS = [
  req('learning_rate', TENSOR),
  opt('l1_regularization_strength', TENSOR),
  opt('l2_regularization_strength', TENSOR),
  opt('use_locking', BOOL),
  opt('name', STR),
] as const;

/**
 * TF1's `ProximalGradientDescentOptimizer(learning_rate, l1_regularization_strength=0.0, l2_regularization_strength=0.0,
 * use_locking=False, name="ProximalGradientDescent")`: ApplyProximalGradientDescent ops, no slots; the
 * hyperparameters are used as given (TF1 casts none of them).
 */
export class ProximalGradientDescentOptimizer extends Optimizer {
  private readonly hyper: { lr: number | Tensor; l1: number | Tensor; l2: number | Tensor };
  private t: { lr: Tensor; l1: Tensor; l2: Tensor } | null = null;

  constructor(...args: Call<typeof PARAMS>) {
    const a = parseArgs('ProximalGradientDescentOptimizer', PARAMS, args);
    super(a.use_locking ?? false, a.name ?? 'ProximalGradientDescent');
    this.hyper = {
      lr: a.learning_rate as number | Tensor,
      l1: (a.l1_regularization_strength ?? 0) as number | Tensor,
      l2: (a.l2_regularization_strength ?? 0) as number | Tensor,
    };
  }

  protected _prepare(): void {
    this.t = {
      lr: hyperTensor(this.hyper.lr, 'learning_rate'),
      l1: hyperTensor(this.hyper.l1, 'l1_regularization_strength'),
      l2: hyperTensor(this.hyper.l2, 'l2_regularization_strength'),
    };
  }

  protected _apply_dense(grad: Tensor, v: RefVariable): Operation {
    const t = this.t!;
    return v.graph.create_op(
      'ApplyProximalGradientDescent',
      [v._ref(), t.lr, t.l1, t.l2, grad],
      { use_locking: this._use_locking },
      'ApplyProximalGradientDescent',
    );
  }

  /** TF1's `_apply_sparse`: a SparseApplyProximalGradientDescent of the gradient's rows. */
  protected override _apply_sparse(grad: IndexedSlices, v: RefVariable): Operation {
    const t = this.t!;
    return v.graph.create_op(
      'SparseApplyProximalGradientDescent',
      [v._ref(), t.lr, t.l1, t.l2, grad.values, grad.indices],
      { use_locking: this._use_locking },
      'SparseApplyProximalGradientDescent',
    );
  }
}
signed(ProximalGradientDescentOptimizer, 'train.ProximalGradientDescentOptimizer', PARAMS);
