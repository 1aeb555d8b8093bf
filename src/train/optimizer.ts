import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { GraphKeys, get_default_graph, type Graph } from '../graph/graph.js';
import { kind, opt, parseArgs, req, signed, type Call, type Parsed } from '../framework/args.js';
import { RuntimeError, TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { IndexedSlices } from '../graph/indexed_slices.js';
import { isFloating } from '../framework/dtypes.js';
import { RefVariable, trainable_variables, VARIABLES } from '../ops/variables.js';
import { gradients } from '../ops/gradients.js';
import { group, tuple } from '../ops/control_flow_ops.js';
import { control_dependencies } from '../ops/scopes.js';
import { ANY, BOOL, STR, SYMBOLIC } from '../ops/kinds.js';
import { zeros } from '../ops/array_ops.js';
import { toTensor } from '../ops/convert.js';
import { shape } from '../ops/array_ops.js';
import { unique } from '../ops/unique_ops.js';
import { unsorted_segment_sum } from '../ops/array_index_ops.js';
import { sliceHelper } from '../ops/slice_helper.js';
import { createNonSlot, createSlot, initScope } from './slot_creator.js';

/**
 * A (gradient, variable) pair as TF1's optimizers pass them: the gradient a Tensor, an IndexedSlices (a gather's
 * rows), or null where the loss does not depend on the variable.
 */
export type GradAndVar = [Tensor | IndexedSlices | null, RefVariable];

/**
 * A hyperparameter as the optimizer's `_prepare` converts it (`Adam/learning_rate`): a number is Python's float
 * there, so float32 (`momentum=0` makes no int32 constant and Cast), a tensor is itself.
 */
export function hyperTensor(value: number | Tensor, name: string): Tensor {
  return typeof value === 'number' ? toTensor(value, { name, dtype: 'float32' }) : toTensor(value, { name });
}

/** TF1's gating levels: 0 none, 1 per op (the default), 2 the whole graph. */
export const GATE_NONE = 0;
/** Gate each op's gradients together (TF1's default). */
export const GATE_OP = 1;
/** Gate all gradients together before any is used. */
export const GATE_GRAPH = 2;

const GATE = kind<0 | 1 | 2>('GATE_NONE, GATE_OP or GATE_GRAPH', (v) => v === 0 || v === 1 || v === 2);
const GLOBAL_STEP = kind<RefVariable | Tensor>('Variable', (v) => v instanceof RefVariable || v instanceof Tensor);
const VAR = kind<RefVariable>('Variable', (v) => v instanceof RefVariable);
const GET_SLOT = [req('var', VAR), req('name', STR)] as const;
const GRADS_AND_VARS = kind<readonly GradAndVar[]>(
  'list of (gradient, variable) pairs',
  (v) => Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && p[1] instanceof RefVariable),
);

const COMPUTE = [
  req('loss', SYMBOLIC),
  opt('var_list', VARIABLES),
  opt('gate_gradients', GATE),
  opt('aggregation_method', ANY),
  opt('colocate_gradients_with_ops', BOOL),
  opt('grad_loss', SYMBOLIC),
] as const;
const APPLY = [req('grads_and_vars', GRADS_AND_VARS), opt('global_step', GLOBAL_STEP), opt('name', STR)] as const;
const MINIMIZE = [
  req('loss', SYMBOLIC),
  opt('global_step', GLOBAL_STEP),
  opt('var_list', VARIABLES),
  opt('gate_gradients', GATE),
  opt('aggregation_method', ANY),
  opt('colocate_gradients_with_ops', BOOL),
  opt('name', STR),
  opt('grad_loss', SYMBOLIC),
] as const;

/** Options of `minimize` after the loss, with TF1's names. */
export type MinimizeOptions = Partial<Omit<Parsed<typeof MINIMIZE>, 'loss'>>;

/** TF1's Optimizer: compute_gradients, apply_gradients and minimize; subclasses give the per-variable update. */
export abstract class Optimizer {
  /** The optimizer's name, its ops' scope (`GradientDescent`). */
  readonly _name: string;
  /** Whether its update ops lock the variables (TF1's `use_locking`). */
  readonly _use_locking: boolean;

  /** Slot variables by slot name, then by primary variable (TF1's `_slots`). */
  private readonly _slots = new Map<string, Map<RefVariable, RefVariable>>();
  /** Non-slot variables (Adam's `beta1_power`) by graph, then name (TF1's `_non_slot_dict`). */
  private readonly _non_slot = new Map<Graph, Map<string, RefVariable>>();

  constructor(use_locking: boolean, name: string) {
    if (!name) throw new ValueError('Must specify the optimizer name');
    this._use_locking = use_locking;
    this._name = name;
  }

  /** TF1's `get_slot(var, name)`: the slot variable `name` made for `var`, or null. */
  get_slot(...args: Call<typeof GET_SLOT>): RefVariable | null {
    const a = parseArgs('get_slot', GET_SLOT, args);
    return this._slots.get(a.name)?.get(a.var) ?? null;
  }

  /** TF1's `get_slot_names()`: the names of the slots this optimizer makes, sorted. */
  get_slot_names(): string[] {
    return [...this._slots.keys()].sort();
  }

  /** TF1's `variables()`: the optimizer's variables in the default graph (non-slot and slot), sorted by name. */
  variables(): RefVariable[] {
    const graph = get_default_graph();
    const all = [...(this._non_slot.get(graph)?.values() ?? []), ...[...this._slots.values()].flatMap((m) => [...m.values()])];
    return all.filter((v) => v.graph === graph).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  }

  /** Creates the slots of the variables about to be updated (TF1's `_create_slots`, run in its init scope); none by default. */
  protected _create_slots(_var_list: readonly RefVariable[]): void {}

  /** The op that ends an update: a group of the update ops named `name` (TF1's `_finish`); Adam also advances its powers. */
  protected _finish(update_ops: readonly Operation[], name: string): Operation {
    return group(update_ops, { name });
  }

  /** The slot `slot_name` of `v`, made by `make` the first time (TF1's `_get_or_make_slot_with_initializer`). */
  protected _get_or_make_slot(v: RefVariable, slot_name: string, make: () => RefVariable): RefVariable {
    let named = this._slots.get(slot_name);
    if (!named) this._slots.set(slot_name, (named = new Map()));
    let slot = named.get(v);
    if (!slot) named.set(v, (slot = make()));
    return slot;
  }

  /** TF1's `_zeros_slot(var, slot_name, op_name)`: a slot `<var>/<op_name>` of zeros of the variable's shape and dtype. */
  protected _zeros_slot(v: RefVariable, slot_name: string, op_name: string): RefVariable {
    return this._get_or_make_slot(v, slot_name, () => createSlot(v, (shape, dtype) => zeros(shape, dtype), op_name));
  }

  /** The slot `slot_name` of `v`, made when the update ops were built. */
  protected _slot(v: RefVariable, slot_name: string): RefVariable {
    return this._slots.get(slot_name)!.get(v)!;
  }

  /** TF1's `_create_non_slot_variable(initial_value, name, colocate_with)`: one per graph, at the graph's root. */
  protected _create_non_slot_variable(initial_value: number | Tensor, name: string, colocate_with: RefVariable): RefVariable {
    const graph = colocate_with.graph;
    let named = this._non_slot.get(graph);
    if (!named) this._non_slot.set(graph, (named = new Map()));
    let v = named.get(name);
    if (!v) named.set(name, (v = createNonSlot(graph, initial_value, name)));
    return v;
  }

  /** TF1's `_get_non_slot_variable(name, graph)`. */
  protected _get_non_slot_variable(name: string, graph: Graph): RefVariable | null {
    return this._non_slot.get(graph)?.get(name) ?? null;
  }

  /** The optimizer's name (TF1's `get_name()`). */
  get_name(): string {
    return this._name;
  }

  /** Builds what the update needs inside the optimizer's scope (the learning-rate tensor). */
  protected abstract _prepare(): void;
  /** The update op for one variable. */
  protected abstract _apply_dense(grad: Tensor, v: RefVariable): Operation;

  /**
   * The update op for an IndexedSlices gradient whose indices are unique (TF1's `_apply_sparse`); an optimizer
   * without one raises Python's NotImplementedError, as TF1's base class does.
   */
  protected _apply_sparse(_grad: IndexedSlices, _v: RefVariable): Operation {
    throw new RuntimeError(`NotImplementedError: ${this.constructor.name}._apply_sparse`);
  }

  /**
   * TF1's `_apply_sparse_duplicate_indices(grad, var)`: the rows of repeated indices summed (`Unique`, then
   * `UnsortedSegmentSum` over the unique count), then `_apply_sparse`.
   */
  protected _apply_sparse_duplicate_indices(grad: IndexedSlices, v: RefVariable): Operation {
    const [unique_indices, new_index_positions] = unique(grad.indices);
    const summed = unsorted_segment_sum(grad.values, new_index_positions, sliceHelper(shape(unique_indices), [0]));
    return this._apply_sparse(new IndexedSlices(summed, unique_indices, grad.dense_shape), v);
  }

  /** TF1's `compute_gradients(loss, var_list, gate_gradients, aggregation_method, colocate_gradients_with_ops, grad_loss)`. */
  compute_gradients(...args: Call<typeof COMPUTE>): GradAndVar[] {
    return this.computeGradients(parseArgs('compute_gradients', COMPUTE, args));
  }

  private computeGradients(a: Parsed<typeof COMPUTE>): GradAndVar[] {
    const loss = a.loss instanceof RefVariable ? a.loss.value() : a.loss;
    if (!isFloating(loss.dtype)) {
      throw new ValueError(`Invalid type tf.${loss.dtype} for ${loss.name}, expected: [tf.float32, tf.float64].`);
    }
    const gate = a.gate_gradients ?? GATE_OP;
    const varList = a.var_list ?? loss.graph.as_default(() => trainable_variables());
    if (varList.length === 0) throw new ValueError('No variables to optimize.');
    const gradLoss = a.grad_loss instanceof RefVariable ? a.grad_loss.value() : a.grad_loss;
    let grads = gradients(
      loss,
      varList.map((v) => v._ref()),
      gradLoss ? [gradLoss] : null,
      { gate_gradients: gate === GATE_OP },
    );
    if (gate === GATE_GRAPH) grads = loss.graph.as_default(() => tuple(grads));
    return varList.map((v, i) => [grads[i] ?? null, v]);
  }

  /** TF1's `apply_gradients(grads_and_vars, global_step, name)`: the op that applies them, named after the optimizer. */
  apply_gradients(...args: Call<typeof APPLY>): Operation {
    return this.applyGradients(parseArgs('apply_gradients', APPLY, args));
  }

  private applyGradients(a: Parsed<typeof APPLY>): Operation {
    for (const [g] of a.grads_and_vars) {
      if (g !== null && !(g instanceof Tensor) && !(g instanceof IndexedSlices)) {
        throw new TFTypeError(`Gradient must be convertible to a Tensor or IndexedSlices, or None: ${g}`);
      }
    }
    const withGrad = a.grads_and_vars.filter(([g]) => g !== null) as [Tensor | IndexedSlices, RefVariable][];
    if (withGrad.length === 0) {
      throw new ValueError(`No gradients provided for any variable: ${a.grads_and_vars.map(([g, v]) => `(${g}, ${v})`).join(', ')}.`);
    }
    const graph = withGrad[0]![1].graph;
    return graph.as_default(() => {
      initScope(graph, () => this._create_slots(withGrad.map(([, v]) => v)));
      return graph.name_scope(a.name ?? this._name, (scope) => {
        this._prepare();
        const updates = withGrad.map(([g, v]) => graph.name_scope(`update_${v.op.name}`, () => this.updateOp(g, v)));
        const gs = a.global_step;
        if (!gs) return this._finish(updates, scope);
        const finish = this._finish(updates, 'update');
        if (!(gs instanceof RefVariable)) throw new ValueError(`global_step must be a Variable to be incremented, got ${gs}`);
        return control_dependencies([finish], () => gs.assign_add(1, { name: scope }).op);
      });
    });
  }

  /** TF1's `_RefVariableProcessor.update_op`: a Tensor applied densely, an IndexedSlices sparsely. */
  private updateOp(g: Tensor | IndexedSlices, v: RefVariable): Operation {
    if (g instanceof Tensor) return this._apply_dense(g, v);
    return this._apply_sparse_duplicate_indices(g, v);
  }

  /**
   * TF1's `minimize(loss, global_step, var_list, gate_gradients, aggregation_method, colocate_gradients_with_ops,
   * name, grad_loss)`: compute_gradients then apply_gradients; TF1's error when no variable gets a gradient.
   */
  minimize(...args: Call<typeof MINIMIZE>): Operation {
    const a = parseArgs('minimize', MINIMIZE, args);
    const gv = this.computeGradients({ ...a, loss: a.loss });
    if (!gv.some(([g]) => g !== null)) {
      throw new ValueError(
        `No gradients provided for any variable, check your graph for ops that do not support gradients, between variables [${gv.map(([, v]) => `"${v}"`).join(', ')}] and loss ${a.loss}.`,
      );
    }
    const op = this.applyGradients({ grads_and_vars: gv, global_step: a.global_step, name: a.name });
    const loss = a.loss instanceof RefVariable ? a.loss.value() : a.loss;
    loss.graph.add_to_collection(GraphKeys.TRAIN_OP, op);
    return op;
  }
}
signed(Optimizer.prototype.compute_gradients, 'Optimizer.compute_gradients', COMPUTE);
signed(Optimizer.prototype.apply_gradients, 'Optimizer.apply_gradients', APPLY);
signed(Optimizer.prototype.minimize, 'Optimizer.minimize', MINIMIZE);
signed(Optimizer.prototype.get_slot, 'Optimizer.get_slot', GET_SLOT);
