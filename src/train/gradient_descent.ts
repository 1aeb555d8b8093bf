import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, req, signed, type Call } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { toTensor } from '../ops/convert.js';
import { cast } from '../ops/math_ops.js';
import '../ops/variable_scatter.js';
import type { RefVariable } from '../ops/variables.js';
import { BOOL, STR, TENSOR } from '../ops/kinds.js';
import { Optimizer } from './optimizer.js';

const PARAMS = [req('learning_rate', TENSOR), opt('use_locking', BOOL), opt('name', STR)] as const;

/** TF1's `GradientDescentOptimizer(learning_rate, use_locking, name)`: `var -= learning_rate * grad` through ApplyGradientDescent ops (ScatterSub for an IndexedSlices). */
export class GradientDescentOptimizer extends Optimizer {
  private readonly lr: number | Tensor;
  private lrTensor: Tensor | null = null;

  constructor(...args: Call<typeof PARAMS>) {
    const a = parseArgs('GradientDescentOptimizer', PARAMS, args);
    super(a.use_locking ?? false, a.name ?? 'GradientDescent');
    const lr = a.learning_rate;
    if (typeof lr === 'number' && !Number.isFinite(lr)) throw new ValueError(`learning_rate must be a finite number, got ${lr}`);
    this.lr = lr as number | Tensor;
  }

  protected _prepare(): void {
    this.lrTensor = toTensor(this.lr, { name: 'learning_rate' });
  }

  protected _apply_dense(grad: Tensor, v: RefVariable): Operation {
    const alpha = cast(this.lrTensor!, v.dtype);
    return v.graph.create_op('ApplyGradientDescent', [v._ref(), alpha, grad], { use_locking: this._use_locking }, 'ApplyGradientDescent');
  }

  /** TF1's override: the rows' values times the learning rate subtracted with ScatterSub, repeated rows subtracted each (no Unique). */
  protected override _apply_sparse_duplicate_indices(grad: IndexedSlices, v: RefVariable): Operation {
    const delta = new IndexedSlices(grad.values.mul(cast(this.lrTensor!, v.dtype)), grad.indices, grad.dense_shape);
    return v.scatter_sub(delta, { use_locking: this._use_locking }).op;
  }
}
signed(GradientDescentOptimizer, 'train.GradientDescentOptimizer', PARAMS);
