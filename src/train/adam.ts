import { get_default_graph, type Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { IndexedSlices } from '../graph/indexed_slices.js';
import { opt, parseArgs, signed, type Call } from '../framework/args.js';
import { group } from '../ops/control_flow_ops.js';
import { cast, sqrt } from '../ops/math_ops.js';
import { binary, truediv } from '../ops/operators.js';
import { scatter_add } from '../ops/scatter_ops.js';
import { assign, assign_sub } from '../ops/variables.js';
import { control_dependencies } from '../ops/scopes.js';
import type { RefVariable } from '../ops/variables.js';
import { BOOL, STR, TENSOR } from '../ops/kinds.js';
import { hyperTensor, Optimizer } from './optimizer.js';

const PARAMS = [
  opt('learning_rate', TENSOR),
  opt('beta1', TENSOR),
  opt('beta2', TENSOR),
  opt('epsilon', TENSOR),
  opt('use_locking', BOOL),
  opt('name', STR),
] as const;

/**
 * TF1's `AdamOptimizer(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking, name)`: ApplyAdam ops
 * with slots `m` and `v` (variables `W/Adam`, `W/Adam_1`) and the non-slot variables `beta1_power` and `beta2_power`,
 * which the op that ends the update multiplies by beta1 and beta2 after every ApplyAdam has run.
 */
export class AdamOptimizer extends Optimizer {
  private readonly lr: number | Tensor;
  private readonly beta1: number | Tensor;
  private readonly beta2: number | Tensor;
  private readonly epsilon: number | Tensor;
  private t: { lr: Tensor; beta1: Tensor; beta2: Tensor; epsilon: Tensor } | null = null;

  constructor(...args: Call<typeof PARAMS>) {
    const a = parseArgs('AdamOptimizer', PARAMS, args);
    super(a.use_locking ?? false, a.name ?? 'Adam');
    this.lr = (a.learning_rate ?? 0.001) as number | Tensor;
    this.beta1 = (a.beta1 ?? 0.9) as number | Tensor;
    this.beta2 = (a.beta2 ?? 0.999) as number | Tensor;
    this.epsilon = (a.epsilon ?? 1e-8) as number | Tensor;
  }

  /** TF1's `_get_beta_accumulators()`: the variables `beta1_power` and `beta2_power` of the graph (the default one). */
  _get_beta_accumulators(graph: Graph = get_default_graph()): [RefVariable, RefVariable] {
    return [this._get_non_slot_variable('beta1_power', graph)!, this._get_non_slot_variable('beta2_power', graph)!];
  }

  protected override _create_slots(var_list: readonly RefVariable[]): void {
    // TF1 places the powers with the variable of the smallest name.
    const first = [...var_list].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))[0]!;
    this._create_non_slot_variable(this.beta1, 'beta1_power', first);
    this._create_non_slot_variable(this.beta2, 'beta2_power', first);
    for (const v of var_list) {
      this._zeros_slot(v, 'm', this._name);
      this._zeros_slot(v, 'v', this._name);
    }
  }

  protected _prepare(): void {
    this.t = {
      lr: hyperTensor(this.lr, 'learning_rate'),
      beta1: hyperTensor(this.beta1, 'beta1'),
      beta2: hyperTensor(this.beta2, 'beta2'),
      epsilon: hyperTensor(this.epsilon, 'epsilon'),
    };
  }

  protected _apply_dense(grad: Tensor, v: RefVariable): Operation {
    const t = this.t!;
    const [b1p, b2p] = this._get_beta_accumulators(v.graph);
    const d = v.dtype;
    const inputs = [
      v._ref(),
      this._slot(v, 'm')._ref(),
      this._slot(v, 'v')._ref(),
      cast(b1p, d),
      cast(b2p, d),
      cast(t.lr, d),
      cast(t.beta1, d),
      cast(t.beta2, d),
      cast(t.epsilon, d),
      grad,
    ];
    return v.graph.create_op('ApplyAdam', inputs, { use_locking: this._use_locking, use_nesterov: false }, 'ApplyAdam');
  }

  /**
   * TF1's `_apply_sparse_shared(grad, var, indices, scatter_add)`: m and v decay whole (`m_t = assign(m, m *
   * beta1_t)`), then the gradient's rows are added to them (`scatter_add(m, indices, grad * (1 - beta1_t))`, and
   * `grad * grad * (1 - beta2_t)` to v), and the variable takes `lr * m_t / (sqrt(v_t) + epsilon_t)` with
   * lr = lr_t·√(1 − β2^t)/(1 − β1^t); the three grouped (`group_deps`). Python's operators name the nodes.
   */
  protected _apply_sparse_shared(grad: Tensor, v: RefVariable, indices: Tensor, scatterAdd: (x: RefVariable, i: Tensor, u: Tensor) => Tensor): Operation {
    const t = this.t!;
    const d = v.dtype;
    const [b1p, b2p] = this._get_beta_accumulators(v.graph);
    const beta1_power = cast(b1p, d);
    const beta2_power = cast(b2p, d);
    const [lr_t, beta1_t, beta2_t, epsilon_t] = [t.lr, t.beta1, t.beta2, t.epsilon].map((x) => cast(x, d)) as [Tensor, Tensor, Tensor, Tensor];
    // Python's `1 - x`: a `sub` node whose constant is x's dtype
    const oneMinus = (x: Tensor): Tensor => binary('Sub', 'sub', 1, x);
    const lr = truediv(lr_t.mul(sqrt(oneMinus(beta2_power))), oneMinus(beta1_power));
    // m_t = beta1 * m + (1 - beta1) * g_t
    const m = this._slot(v, 'm');
    const m_scaled_g_values = grad.mul(oneMinus(beta1_t));
    const mDecayed = assign(m, m.value().mul(beta1_t), { use_locking: this._use_locking });
    const m_t = control_dependencies([mDecayed.op], () => scatterAdd(m, indices, m_scaled_g_values));
    // v_t = beta2 * v + (1 - beta2) * (g_t * g_t)
    const vSlot = this._slot(v, 'v');
    const v_scaled_g_values = grad.mul(grad).mul(oneMinus(beta2_t));
    const vDecayed = assign(vSlot, vSlot.value().mul(beta2_t), { use_locking: this._use_locking });
    const v_t = control_dependencies([vDecayed.op], () => scatterAdd(vSlot, indices, v_scaled_g_values));
    const v_sqrt = sqrt(v_t);
    const var_update = assign_sub(v, truediv(lr.mul(m_t), v_sqrt.add(epsilon_t)), { use_locking: this._use_locking });
    return group([var_update.op, m_t.op, v_t.op]);
  }

  /** TF1's `_apply_sparse`: `_apply_sparse_shared` with `scatter_add` (honouring use_locking) on the gradient's rows. */
  protected override _apply_sparse(grad: IndexedSlices, v: RefVariable): Operation {
    return this._apply_sparse_shared(grad.values, v, grad.indices, (x, i, u) => scatter_add(x, i, u, { use_locking: this._use_locking }));
  }

  /** TF1's Adam `_finish`: after the updates, `beta1_power *= beta1` and `beta2_power *= beta2` (`Adam/mul`, `Adam/Assign`, ...). */
  protected override _finish(update_ops: readonly Operation[], name: string): Operation {
    const t = this.t!;
    const [b1p, b2p] = this._get_beta_accumulators(update_ops[0]!.graph);
    const [u1, u2] = control_dependencies(update_ops, () => [
      b1p.assign(b1p.value().mul(t.beta1), { use_locking: this._use_locking }),
      b2p.assign(b2p.value().mul(t.beta2), { use_locking: this._use_locking }),
    ]);
    return group([...update_ops, u1!.op, u2!.op], { name });
  }
}
signed(AdamOptimizer, 'train.AdamOptimizer', PARAMS);
