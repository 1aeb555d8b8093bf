import type { DType } from '../framework/dtypes.js';
import type { Graph } from './graph.js';
import type { Operation } from './operation.js';
import { type TensorShape, asShape, type ShapeLike } from '../framework/shape.js';
import type { NDArray } from '../framework/ndarray.js';
import { kind, opt, parseArgs, signed, type Call } from '../framework/args.js';
import { sessionFor, type SessionLike } from './default_session.js';
import { isRefOutput } from '../framework/op_defs.js';

/** A feed_dict as Session.run takes it (checked there). */
export const FEED_DICT = kind<unknown>('feed_dict', (v) => typeof v === 'object' && v !== null, { takesObject: true });
/** A Session (anything with `run` and `graph`). */
export const SESSION = kind<SessionLike>('Session', (v) => typeof v === 'object' && v !== null && typeof (v as SessionLike).run === 'function' && 'graph' in v);
const EVAL = [opt('feed_dict', FEED_DICT), opt('session', SESSION)] as const;

/** A symbolic output of an Operation: TF1's Tensor, printed as `Tensor("Softmax:0", shape=(?, 10), dtype=float32)`. */
export class Tensor {
  /** The op that produces this tensor. */
  readonly op: Operation;
  /** Which output of the op this is. */
  readonly value_index: number;
  /** Element type. */
  readonly dtype: DType;
  private _shape: TensorShape;

  constructor(op: Operation, valueIndex: number, dtype: DType, shape: TensorShape) {
    this.op = op;
    this.value_index = valueIndex;
    this.dtype = dtype;
    this._shape = shape;
  }

  /** `op_name:index`, e.g. `Softmax:0`. */
  get name(): string {
    return `${this.op.name}:${this.value_index}`;
  }

  /** The graph of the producing op. */
  get graph(): Graph {
    return this.op.graph;
  }

  /** The static shape inferred when the op was created. */
  get shape(): TensorShape {
    return this._shape;
  }

  /** The static shape (TF1's `get_shape()`). */
  get_shape(): TensorShape {
    return this._shape;
  }

  /** Refines the static shape, as TF1's `set_shape`; incompatible shapes raise ValueError. */
  set_shape(shape: ShapeLike): void {
    this._shape = this._shape.merge_with(asShape(shape));
  }

  /** The ops that take this tensor as an input. */
  consumers(): Operation[] {
    return this.graph.consumersOf(this);
  }

  /**
   * TF1's `eval(feed_dict, session)`: runs this tensor in `session`, else the default session
   * (`sess.as_default(fn)`, or an open `tf.InteractiveSession`); a Promise of its value.
   */
  async eval(...args: Call<typeof EVAL>): Promise<NDArray> {
    const a = parseArgs('eval', EVAL, args);
    const sess = sessionFor('tensor', this.graph, a.session);
    return sess.run(this as never, (a.feed_dict ?? undefined) as never) as Promise<NDArray>;
  }

  /** TF1's printed form. */
  toString(): string {
    const ref = isRefOutput(this.op.type, this.value_index) ? '_ref' : '';
    return `Tensor("${this.name}", shape=${this._shape}, dtype=${this.dtype}${ref})`;
  }
}

signed(Tensor.prototype.eval, 'Tensor.eval', EVAL);
