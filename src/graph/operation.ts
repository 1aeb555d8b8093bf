import type { OpAttrs, OpType } from '../framework/op_defs.js';
import type { Graph } from './graph.js';
import type { Tensor } from './tensor.js';
import type { ControlFlowContext } from './control_flow_context.js';
import { nodeDefText } from './node_def.js';
import { tf1Attr } from './node_def_attrs.js';
import { ValueError } from '../framework/errors.js';
import { opt, parseArgs, signed, type Call } from '../framework/args.js';
import { sessionFor } from './default_session.js';
import { FEED_DICT, SESSION } from './tensor.js';

const RUN = [opt('feed_dict', FEED_DICT), opt('session', SESSION)] as const;

/** A node of the graph: TF1's Operation, with typed attributes for its op type. */
export class Operation<K extends OpType = OpType> {
  /** Creation order within the graph (TF1's `_id`). */
  readonly _id: number;
  /** Unique name within the graph. */
  readonly name: string;
  /** Op type, e.g. 'MatMul'. */
  readonly type: K;
  /** Data inputs. */
  readonly inputs: readonly Tensor[];
  /** Ops that must run first although no data flows from them. */
  readonly control_inputs: Operation[];
  /** Typed attributes. */
  readonly attrs: OpAttrs[K];
  /** Outputs, filled in by the graph right after construction. */
  outputs: readonly Tensor[] = [];
  /** The graph this op belongs to. */
  readonly graph: Graph;
  /** The control-flow context the op was created in (TF1's `_control_flow_context`), null outside control flow. */
  _control_flow_context: ControlFlowContext | null = null;

  constructor(graph: Graph, id: number, name: string, type: K, inputs: readonly Tensor[], controlInputs: Operation[], attrs: OpAttrs[K]) {
    this.graph = graph;
    this._id = id;
    this.name = name;
    this.type = type;
    this.inputs = Object.freeze([...inputs]);
    this.control_inputs = controlInputs;
    this.attrs = attrs;
  }

  /** TF1's `_update_input` for every input at once: a control-flow context's AddOp reading inputs through its Switches. */
  _update_inputs(inputs: readonly Tensor[]): void {
    (this as { inputs: readonly Tensor[] }).inputs = Object.freeze([...inputs]);
  }

  /**
   * TF1's `get_attr(name)`: any attribute of the op's TF1 NodeDef, the inferred ones too (`T`, `N`, `Tidx`);
   * ValueError, with TF1's message, for a name the node has no attribute of.
   */
  get_attr<A extends keyof OpAttrs[K]>(name: A): OpAttrs[K][A];
  get_attr(name: string): unknown;
  get_attr(name: string): unknown {
    const attr = typeof name === 'string' ? tf1Attr(this, name) : undefined;
    if (!attr) throw new ValueError(`Operation '${this.name}' has no attr named '${String(name)}'.`);
    return attr.value;
  }

  /** TF1's `run(feed_dict, session)`: runs this op in `session`, else the default session; a Promise that settles when done. */
  async run(...args: Call<typeof RUN>): Promise<void> {
    const a = parseArgs('run', RUN, args);
    const sess = sessionFor('operation', this.graph, a.session);
    await sess.run(this as never, (a.feed_dict ?? undefined) as never);
  }

  /** The op's NodeDef in protobuf text form, as TF1 prints an Operation. */
  toString(): string {
    return nodeDefText(this);
  }
}
signed(Operation.prototype.run, 'Operation.run', RUN);
