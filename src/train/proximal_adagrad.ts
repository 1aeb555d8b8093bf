import type { Operation } from '../graph/operation.js';
import type { IndexedSlices } from '../graph/indexed_slices.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, req, signed, type Call } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { constant } from '../ops/array_ops.js';
import { Variable, type RefVariable } from '../ops/variables.js';
import { BOOL, FLOAT, STR, TENSOR } from '../ops/kinds.js';
import { hyperTensor, Optimizer } from './optimizer.js';
import { initScope } from './slot_creator.js';

const PARAMS = [
  req('learning_rate', TENSOR),
  opt('initial_accumulator_value', FLOAT),
  opt('l1_regularization_strength', TENSOR),
  opt('l2_regularization_strength', TENSOR),
  opt('use_locking', BOOL),
  opt('name', STR),
] as const;

/**
 * TF1's `ProximalAdagradOptimizer(learning_rate, initial_accumulator_value=0.1, l1_regularization_strength=0.0,
 * l2_regularization_strength=0.0, use_locking=False, name="ProximalAdagrad")`: ApplyProximalAdagrad ops with an
 * `accumulator` slot (variable `W/ProximalAdagrad`) initialized from a constant made at the root (TF1's
 * `_get_or_make_slot(v, constant(...))`); the hyperparameters are used as given (TF1 casts none of them).
 */
export class ProximalAdagradOptimizer extends Optimizer {
  private readonly hyper: { lr: number | Tensor; l1: number | Tensor; l2: number | Tensor };
  private readonly initial: number;
  private t: { lr: Tensor; l1: Tensor; l2: Tensor } | null = null;

  constructor(...args: Call<typeof PARAMS>) {
    const a = parseArgs('ProximalAdagradOptimizer', PARAMS, args);
    const initial = a.initial_accumulator_value ?? 0.1;
    if (initial <= 0) throw new ValueError(`initial_accumulator_value must be positive: ${initial}`);
    super(a.use_locking ?? false, a.name ?? 'ProximalAdagrad');
    this.initial = initial;
    this.hyper = {
      lr: a.learning_rate as number | Tensor,
      l1: (a.l1_regularization_strength ?? 0) as number | Tensor,
      l2: (a.l2_regularization_strength ?? 0) as number | Tensor,
    };
  }

  protected override _create_slots(var_list: readonly RefVariable[]): void {
    for (const v of var_list) {
      this._get_or_make_slot(v, 'accumulator', () =>
        initScope(v.graph, () => {
          const val = constant(this.initial, v.dtype, v.shape.dims as number[]);
          return v.graph.name_scope(`${v.op.name}/${this._name}`, (scope) => Variable(val, { name: scope, trainable: false }));
        }),
      );
    }
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
    const inputs = [v._ref(), this._slot(v, 'accumulator')._ref(), t.lr, t.l1, t.l2, grad];
    return v.graph.create_op('ApplyProximalAdagrad', inputs, { use_locking: this._use_locking }, 'ApplyProximalAdagrad');
  }

  /** TF1's `_apply_sparse`: a SparseApplyProximalAdagrad of the gradient's rows (its hyperparameters uncast, as TF1's). */
  protected override _apply_sparse(grad: IndexedSlices, v: RefVariable): Operation {
    const t = this.t!;
    const inputs = [v._ref(), this._slot(v, 'accumulator')._ref(), t.lr, t.l1, t.l2, grad.values, grad.indices];
    return v.graph.create_op('SparseApplyProximalAdagrad', inputs, { use_locking: this._use_locking }, 'SparseApplyProximalAdagrad');
  }
}
signed(ProximalAdagradOptimizer, 'train.ProximalAdagradOptimizer', PARAMS);
