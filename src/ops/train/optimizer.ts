import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import { GraphKeys } from '../../graph/graph.js';
import { ValueError } from '../../graph/errors.js';
import { isFloating } from '../../graph/dtypes.js';
import { RefVariable, trainable_variables } from '../variables.js';
import { gradients } from '../gradients.js';
import { group, tuple } from '../control_flow_ops.js';
import { control_dependencies } from '../scopes.js';

/** A (gradient, variable) pair as TF1's optimizers pass them; gradient null where the loss does not depend on it. */
export type GradAndVar = [Tensor | null, RefVariable];

/** TF1's gating levels: 0 none, 1 per op (the default), 2 the whole graph. */
export const GATE_NONE = 0;
/** Gate each op's gradients together (TF1's default). */
export const GATE_OP = 1;
/** Gate all gradients together before any is used. */
export const GATE_GRAPH = 2;

/** Options of `minimize` and `compute_gradients`, with TF1's names. */
export interface MinimizeOptions {
  var_list?: RefVariable[];
  global_step?: RefVariable;
  gate_gradients?: 0 | 1 | 2;
  name?: string;
  grad_loss?: Tensor;
}

/** TF1's Optimizer: compute_gradients, apply_gradients and minimize; subclasses give the per-variable update. */
export abstract class Optimizer {
  /** The optimizer's name, its ops' scope (`GradientDescent`). */
  readonly _name: string;

  constructor(name: string) {
    this._name = name;
  }

  /** Builds what the update needs inside the optimizer's scope (the learning-rate tensor). */
  protected abstract _prepare(): void;
  /** The update op for one variable. */
  protected abstract _apply_dense(grad: Tensor, v: RefVariable): Operation;

  /** Gradients of `loss` for each variable, as TF1's `compute_gradients`. */
  compute_gradients(loss: Tensor, opts: MinimizeOptions = {}): GradAndVar[] {
    if (!isFloating(loss.dtype)) {
      throw new ValueError(`Invalid type tf.${loss.dtype} for ${loss.name}, expected: [tf.float32, tf.float64].`);
    }
    const gate = opts.gate_gradients ?? GATE_OP;
    const varList = opts.var_list ?? loss.graph.as_default(() => trainable_variables());
    if (varList.length === 0) throw new ValueError('No variables to optimize.');
    let grads = gradients(loss, varList.map((v) => v._ref()), opts.grad_loss ? [opts.grad_loss] : null, { gate_gradients: gate === GATE_OP });
    if (gate === GATE_GRAPH) grads = loss.graph.as_default(() => tuple(grads));
    return varList.map((v, i) => [grads[i] ?? null, v]);
  }

  /** The op that applies the gradients (named after the optimizer), as TF1's `apply_gradients`. */
  apply_gradients(gradsAndVars: readonly GradAndVar[], opts: { global_step?: RefVariable; name?: string } = {}): Operation {
    const withGrad = gradsAndVars.filter(([g]) => g !== null) as [Tensor, RefVariable][];
    if (withGrad.length === 0) {
      throw new ValueError(`No gradients provided for any variable: ${gradsAndVars.map(([g, v]) => `(${g}, ${v})`).join(', ')}.`);
    }
    const graph = withGrad[0]![1].graph;
    return graph.as_default(() => graph.name_scope(opts.name ?? this._name, (scope) => {
      this._prepare();
      const updates = withGrad.map(([g, v]) => graph.name_scope(`update_${v.op.name}`, () => this._apply_dense(g, v)));
      if (!opts.global_step) return group(updates, { name: scope });
      const gs = opts.global_step;
      const finish = group(updates, { name: 'update' });
      return control_dependencies([finish], () => gs.assign_add(1, { name: scope }).op);
    }));
  }

  /** `compute_gradients` then `apply_gradients`; TF1's error when no variable gets a gradient. */
  minimize(loss: Tensor, opts: MinimizeOptions = {}): Operation {
    const gv = this.compute_gradients(loss, opts);
    if (!gv.some(([g]) => g !== null)) {
      throw new ValueError(`No gradients provided for any variable, check your graph for ops that do not support gradients, between variables [${gv.map(([, v]) => `"${v}"`).join(', ')}] and loss ${loss}.`);
    }
    const op = this.apply_gradients(gv, { global_step: opts.global_step, name: opts.name });
    loss.graph.add_to_collection(GraphKeys.TRAIN_OP, op);
    return op;
  }
}
