import type { Operation } from '../graph/operation.js';
import type { IndexedSlices } from '../graph/indexed_slices.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, req, signed, type Call } from '../framework/args.js';
import { ones } from '../ops/array_ops.js';
import { cast } from '../ops/math_ops.js';
import type { RefVariable } from '../ops/variables.js';
import { BOOL, STR, TENSOR } from '../ops/kinds.js';
import { hyperTensor, Optimizer } from './optimizer.js';
import { createSlot } from './slot_creator.js';

const PARAMS = [
  req('learning_rate', TENSOR),
  opt('decay', TENSOR),
  opt('momentum', TENSOR),
  opt('epsilon', TENSOR),
  opt('use_locking', BOOL),
  opt('centered', BOOL),
  opt('name', STR),
] as const;

/**
 * TF1's `RMSPropOptimizer(learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking, centered, name)`:
 * ApplyRMSProp ops (ApplyCenteredRMSProp when centered) with slots `rms` (starting at ones), `mg` when centered,
 * and `momentum`: variables `W/RMSProp`, (`W/RMSProp_1` for mg,) then the momentum's.
 */
export class RMSPropOptimizer extends Optimizer {
  private readonly hyper: { lr: number | Tensor; decay: number | Tensor; momentum: number | Tensor; epsilon: number | Tensor };
  private readonly centered: boolean;
  private t: { lr: Tensor; decay: Tensor; momentum: Tensor; epsilon: Tensor } | null = null;

  constructor(...args: Call<typeof PARAMS>) {
    const a = parseArgs('RMSPropOptimizer', PARAMS, args);
    super(a.use_locking ?? false, a.name ?? 'RMSProp');
    this.hyper = {
      lr: a.learning_rate as number | Tensor,
      decay: (a.decay ?? 0.9) as number | Tensor,
      momentum: (a.momentum ?? 0) as number | Tensor,
      epsilon: (a.epsilon ?? 1e-10) as number | Tensor,
    };
    this.centered = a.centered ?? false;
  }

  protected override _create_slots(var_list: readonly RefVariable[]): void {
    for (const v of var_list) {
      this._get_or_make_slot(v, 'rms', () => createSlot(v, (shape, dtype) => ones(shape, dtype), this._name));
      if (this.centered) this._zeros_slot(v, 'mg', this._name);
      this._zeros_slot(v, 'momentum', this._name);
    }
  }

  protected _prepare(): void {
    const h = this.hyper;
    this.t = {
      lr: hyperTensor(h.lr, 'learning_rate'),
      decay: hyperTensor(h.decay, 'decay'),
      momentum: hyperTensor(h.momentum, 'momentum'),
      epsilon: hyperTensor(h.epsilon, 'epsilon'),
    };
  }

  protected _apply_dense(grad: Tensor, v: RefVariable): Operation {
    const t = this.t!;
    const d = v.dtype;
    const scalars = [cast(t.lr, d), cast(t.decay, d), cast(t.momentum, d), cast(t.epsilon, d)];
    const rms = this._slot(v, 'rms')._ref();
    const mom = this._slot(v, 'momentum')._ref();
    const attrs = { use_locking: this._use_locking };
    if (this.centered) {
      return v.graph.create_op('ApplyCenteredRMSProp', [v._ref(), this._slot(v, 'mg')._ref(), rms, mom, ...scalars, grad], attrs, 'ApplyCenteredRMSProp');
    }
    return v.graph.create_op('ApplyRMSProp', [v._ref(), rms, mom, ...scalars, grad], attrs, 'ApplyRMSProp');
  }

  /** TF1's `_apply_sparse`: a SparseApplyRMSProp (SparseApplyCenteredRMSProp when centered) of the gradient's rows. */
  protected override _apply_sparse(grad: IndexedSlices, v: RefVariable): Operation {
    const t = this.t!;
    const d = v.dtype;
    const rest = [cast(t.lr, d), cast(t.decay, d), cast(t.momentum, d), cast(t.epsilon, d), grad.values, grad.indices];
    const rms = this._slot(v, 'rms')._ref();
    const mom = this._slot(v, 'momentum')._ref();
    const attrs = { use_locking: this._use_locking };
    if (this.centered) {
      const inputs = [v._ref(), this._slot(v, 'mg')._ref(), rms, mom, ...rest];
      return v.graph.create_op('SparseApplyCenteredRMSProp', inputs, attrs, 'SparseApplyCenteredRMSProp');
    }
    return v.graph.create_op('SparseApplyRMSProp', [v._ref(), rms, mom, ...rest], attrs, 'SparseApplyRMSProp');
  }
}
signed(RMSPropOptimizer, 'train.RMSPropOptimizer', PARAMS);
