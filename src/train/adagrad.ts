import type { Operation } from '../graph/operation.js';
import type { IndexedSlices } from '../graph/indexed_slices.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, req, signed, type Call } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { constant } from '../ops/array_ops.js';
import { cast } from '../ops/math_ops.js';
import type { RefVariable } from '../ops/variables.js';
import { BOOL, FLOAT, STR, TENSOR } from '../ops/kinds.js';
import { hyperTensor, Optimizer } from './optimizer.js';
import { createSlot } from './slot_creator.js';

const PARAMS = [req('learning_rate', TENSOR), opt('initial_accumulator_value', FLOAT), opt('use_locking', BOOL), opt('name', STR)] as const;

/**
 * TF1's `AdagradOptimizer(learning_rate, initial_accumulator_value=0.1, use_locking, name)`: ApplyAdagrad ops,
 * `accum += grad²; var -= lr * grad / √accum`, the accumulator a slot (variable `W/Adagrad`) starting at the value.
 */
export class AdagradOptimizer extends Optimizer {
  private readonly lr: number | Tensor;
  private readonly initial: number;
  private lrTensor: Tensor | null = null;

  constructor(...args: Call<typeof PARAMS>) {
    const a = parseArgs('AdagradOptimizer', PARAMS, args);
    const initial = a.initial_accumulator_value ?? 0.1;
    if (initial <= 0) throw new ValueError(`initial_accumulator_value must be positive: ${initial}`);
    super(a.use_locking ?? false, a.name ?? 'Adagrad');
    this.lr = a.learning_rate as number | Tensor;
    this.initial = initial;
  }

  protected override _create_slots(var_list: readonly RefVariable[]): void {
    for (const v of var_list) {
      this._get_or_make_slot(v, 'accumulator', () => createSlot(v, (shape, dtype) => constant(this.initial, dtype, shape), this._name));
    }
  }

  protected _prepare(): void {
    this.lrTensor = hyperTensor(this.lr, 'learning_rate');
  }

  protected _apply_dense(grad: Tensor, v: RefVariable): Operation {
    const acc = this._slot(v, 'accumulator');
    const inputs = [v._ref(), acc._ref(), cast(this.lrTensor!, v.dtype), grad];
    return v.graph.create_op('ApplyAdagrad', inputs, { use_locking: this._use_locking, update_slots: true }, 'ApplyAdagrad');
  }

  /** TF1's `_apply_sparse`: a SparseApplyAdagrad of the gradient's rows. */
  protected override _apply_sparse(grad: IndexedSlices, v: RefVariable): Operation {
    const acc = this._slot(v, 'accumulator');
    const inputs = [v._ref(), acc._ref(), cast(this.lrTensor!, v.dtype), grad.values, grad.indices];
    return v.graph.create_op('SparseApplyAdagrad', inputs, { use_locking: this._use_locking, update_slots: true }, 'SparseApplyAdagrad');
  }
}
signed(AdagradOptimizer, 'train.AdagradOptimizer', PARAMS);
