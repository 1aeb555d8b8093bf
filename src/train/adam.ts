import { get_default_graph, type Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, parseArgs, signed, type Call } from '../framework/args.js';
import { group } from '../ops/control_flow_ops.js';
import { cast } from '../ops/math_ops.js';
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
