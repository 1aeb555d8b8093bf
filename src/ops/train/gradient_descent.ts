import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { ValueError } from '../../graph/errors.js';
import { convert_to_tensor } from '../convert.js';
import { cast } from '../math_ops.js';
import type { RefVariable } from '../variables.js';
import { Optimizer } from './optimizer.js';

/** TF1's GradientDescentOptimizer: `var -= learning_rate * grad` through ApplyGradientDescent ops. */
export class GradientDescentOptimizer extends Optimizer {
  private readonly lr: number | Tensor;
  private lrTensor: Tensor | null = null;

  constructor(learning_rate: number | Tensor, opts: { use_locking?: boolean; name?: string } = {}) {
    super(opts.name ?? 'GradientDescent');
    if (typeof learning_rate === 'number' && !Number.isFinite(learning_rate)) {
      throw new ValueError(`learning_rate must be a finite number, got ${learning_rate}`);
    }
    this.lr = learning_rate;
  }

  protected _prepare(): void {
    this.lrTensor = convert_to_tensor(this.lr, { name: 'learning_rate' });
  }

  protected _apply_dense(grad: Tensor, v: RefVariable): Operation {
    const alpha = cast(this.lrTensor!, v.dtype);
    return v.graph.create_op('ApplyGradientDescent', [v._ref(), alpha, grad], { use_locking: false }, 'ApplyGradientDescent');
  }
}
