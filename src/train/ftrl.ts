import type { Operation } from '../graph/operation.js';
import type { IndexedSlices } from '../graph/indexed_slices.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, req, signed, type Call } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { constant } from '../ops/array_ops.js';
import { cast } from '../ops/math_ops.js';
import { Variable, type RefVariable } from '../ops/variables.js';
import { BOOL, FLOAT, STR, TENSOR } from '../ops/kinds.js';
import { hyperTensor, Optimizer } from './optimizer.js';
import { initScope } from './slot_creator.js';

const PARAMS = [
  req('learning_rate', TENSOR),
  opt('learning_rate_power', FLOAT),
  opt('initial_accumulator_value', FLOAT),
  opt('l1_regularization_strength', FLOAT),
  opt('l2_regularization_strength', FLOAT),
  opt('use_locking', BOOL),
  opt('name', STR),
  opt('accum_name', STR),
  opt('linear_name', STR),
  opt('l2_shrinkage_regularization_strength', FLOAT),
] as const;

/** Python's `%f`: six decimals. */
const pyF = (x: number): string => x.toFixed(6);

/**
 * TF1's `FtrlOptimizer(learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
 * l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="Ftrl", accum_name=None,
 * linear_name=None, l2_shrinkage_regularization_strength=0.0)`: ApplyFtrl ops (ApplyFtrlV2 when the shrinkage is
 * positive) with slots `accum` (variable `W/Ftrl`, or `W/<accum_name>`, from a root constant of the initial value)
 * and `linear` (zeros, `W/Ftrl_1` or `W/<linear_name>`); every hyperparameter is cast to the variable's dtype.
 */
export class FtrlOptimizer extends Optimizer {
  private readonly hyper: { lr: number | Tensor; l1: number; l2: number; l2Shrinkage: number; lrPower: number };
  private readonly initial: number;
  private readonly accumName: string | null;
  private readonly linearName: string | null;
  private t: { lr: Tensor; l1: Tensor; l2: Tensor; l2Shrinkage: Tensor; lrPower: Tensor } | null = null;

  constructor(...args: Call<typeof PARAMS>) {
    const a = parseArgs('FtrlOptimizer', PARAMS, args);
    super(a.use_locking ?? false, a.name ?? 'Ftrl');
    const initial = a.initial_accumulator_value ?? 0.1;
    const lrPower = a.learning_rate_power ?? -0.5;
    const l1 = a.l1_regularization_strength ?? 0;
    const l2 = a.l2_regularization_strength ?? 0;
    const l2Shrinkage = a.l2_shrinkage_regularization_strength ?? 0;
    if (initial < 0) throw new ValueError(`initial_accumulator_value ${pyF(initial)} needs to be positive or zero`);
    if (lrPower > 0) throw new ValueError(`learning_rate_power ${pyF(lrPower)} needs to be negative or zero`);
    if (l1 < 0) throw new ValueError(`l1_regularization_strength ${pyF(l1)} needs to be positive or zero`);
    if (l2 < 0) throw new ValueError(`l2_regularization_strength ${pyF(l2)} needs to be positive or zero`);
    if (l2Shrinkage < 0) throw new ValueError(`l2_shrinkage_regularization_strength ${pyF(l2Shrinkage)} needs to be positive or zero`);
    this.initial = initial;
    this.hyper = { lr: a.learning_rate as number | Tensor, l1, l2, l2Shrinkage, lrPower };
    this.accumName = a.accum_name ?? null;
    this.linearName = a.linear_name ?? null;
  }

  protected override _create_slots(var_list: readonly RefVariable[]): void {
    for (const v of var_list) {
      this._get_or_make_slot(v, 'accum', () =>
        initScope(v.graph, () => {
          const val = constant(this.initial, v.dtype, v.shape.dims as number[]);
          return v.graph.name_scope(`${v.op.name}/${this.accumName || this._name}`, (scope) => Variable(val, { name: scope, trainable: false }));
        }),
      );
      this._zeros_slot(v, 'linear', this.linearName || this._name);
    }
  }

  protected _prepare(): void {
    const h = this.hyper;
    this.t = {
      lr: hyperTensor(h.lr, 'learning_rate'),
      l1: hyperTensor(h.l1, 'l1_regularization_strength'),
      l2: hyperTensor(h.l2, 'l2_regularization_strength'),
      l2Shrinkage: hyperTensor(h.l2Shrinkage, 'l2_shrinkage_regularization_strength'),
      lrPower: hyperTensor(h.lrPower, 'learning_rate_power'),
    };
  }

  protected _apply_dense(grad: Tensor, v: RefVariable): Operation {
    const t = this.t!;
    const d = v.dtype;
    const refs = [v._ref(), this._slot(v, 'accum')._ref(), this._slot(v, 'linear')._ref(), grad];
    const attrs = { use_locking: this._use_locking };
    if (this.hyper.l2Shrinkage <= 0) {
      const inputs = [...refs, cast(t.lr, d), cast(t.l1, d), cast(t.l2, d), cast(t.lrPower, d)];
      return v.graph.create_op('ApplyFtrl', inputs, attrs, 'ApplyFtrl');
    }
    const inputs = [...refs, cast(t.lr, d), cast(t.l1, d), cast(t.l2, d), cast(t.l2Shrinkage, d), cast(t.lrPower, d)];
    return v.graph.create_op('ApplyFtrlV2', inputs, attrs, 'ApplyFtrlV2');
  }

  /** TF1's `_apply_sparse`: a SparseApplyFtrl (SparseApplyFtrlV2 with a positive shrinkage) of the gradient's rows. */
  protected override _apply_sparse(grad: IndexedSlices, v: RefVariable): Operation {
    const t = this.t!;
    const d = v.dtype;
    const refs = [v._ref(), this._slot(v, 'accum')._ref(), this._slot(v, 'linear')._ref(), grad.values, grad.indices];
    const attrs = { use_locking: this._use_locking };
    if (this.hyper.l2Shrinkage <= 0) {
      const inputs = [...refs, cast(t.lr, d), cast(t.l1, d), cast(t.l2, d), cast(t.lrPower, d)];
      return v.graph.create_op('SparseApplyFtrl', inputs, attrs, 'SparseApplyFtrl');
    }
    const inputs = [...refs, cast(t.lr, d), cast(t.l1, d), cast(t.l2, d), cast(t.l2Shrinkage, d), cast(t.lrPower, d)];
    return v.graph.create_op('SparseApplyFtrlV2', inputs, attrs, 'SparseApplyFtrlV2');
  }
}
signed(FtrlOptimizer, 'train.FtrlOptimizer', PARAMS);
