// tf.TensorArray as TF1 r1.12's tensor_array_ops.py (_GraphTensorArray) builds it: a handle and a flow; every write
// returns a new TensorArray object on the same handle whose flow is the write's flow_out, so reads made from it
// run after the write. The static element shape is inferred from the writes (infer_shape) and shared by every
// object of the chain, as TF1's `_element_shape` list is.
import { signed, parseArgs, type Call } from '../framework/args.js';
import type { DType } from '../framework/dtypes.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { type Dim, TensorShape } from '../framework/shape.js';
import { Tensor } from '../graph/tensor.js';
import { constantValue } from '../graph/infer.js';
import { applyOp } from './apply.js';
import type { OpAttrs, OpType } from '../framework/op_defs.js';
import type { Operation } from '../graph/operation.js';
import { identity, range, shape as shapeOf } from './array_ops.js';
import { convert_to_tensor, toTensor, type TensorLike } from './convert.js';
import { GATHER, GRAD, INIT, NAME_ONLY, READ, SCATTER, SPLIT, UNSTACK, WRITE } from './tensor_array_params.js';
import { to_int64 } from './math_ops.js';
import { control_dependencies, name_scope } from './scopes.js';

const shapeDims = (s: TensorShape): Dim[] | null => (s.dims === null ? null : [...s.dims]);

/** `tf.TensorArray(dtype, size, dynamic_size, clear_after_read, tensor_array_name, handle, flow, infer_shape, element_shape, colocate_with_first_write_call, name)`: a list of tensors for loops. */
export class TensorArray {
  private _dtype: DType;
  private _handle: Tensor;
  private _flow: Tensor;
  /** Whether writes infer (and check) one static element shape. */
  _infer_shape: boolean;
  /** The inferred element shape, shared by the objects of one chain of writes (empty until known). */
  _element_shape: TensorShape[];

  constructor(...args: Call<typeof INIT>) {
    const a = parseArgs('TensorArray', INIT, args);
    const handle = a.handle ?? null;
    if (handle !== null && a.tensor_array_name) throw new ValueError('Cannot construct with both handle and tensor_array_name');
    if (handle !== null && !(handle instanceof Tensor)) throw new TFTypeError('Handle must be a Tensor');
    if (handle === null && (a.size === undefined || a.size === null)) throw new ValueError('Size must be provided if handle is not provided');
    if (handle !== null && a.size !== undefined && a.size !== null) throw new ValueError('Cannot provide both a handle and size at the same time');
    if (handle !== null && a.element_shape !== undefined && a.element_shape !== null) {
      throw new ValueError('Cannot provide both a handle and element_shape at the same time');
    }
    if (handle !== null && a.dynamic_size !== undefined && a.dynamic_size !== null)
      throw new ValueError('Cannot provide both a handle and dynamic_size at the same time');
    if (handle !== null && a.clear_after_read !== undefined && a.clear_after_read !== null) {
      throw new ValueError('Cannot provide both a handle and clear_after_read at the same time');
    }
    const flow = a.flow ?? null;
    if (handle !== null && flow === null) throw new ValueError('flow must not be None if handle is not None.');
    this._dtype = a.dtype;
    this._infer_shape = a.infer_shape ?? true;
    const es = a.element_shape;
    const elementShape = es === undefined || es === null ? null : es instanceof TensorShape ? es : new TensorShape(es as never);
    this._element_shape = elementShape ? [elementShape] : [];
    if (handle !== null) {
      this._handle = handle as Tensor;
      this._flow = flow as Tensor;
      return;
    }
    const op = applyOp({
      type: 'TensorArrayV3',
      name: a.name ?? undefined,
      defaultName: 'TensorArray',
      inputs: [['size', a.size as TensorLike]],
      shared: [],
      fallback: 'int32',
      attrs: {
        dtype: a.dtype,
        element_shape: elementShape ? shapeDims(elementShape) : null,
        dynamic_size: a.dynamic_size ?? false,
        clear_after_read: a.clear_after_read ?? true,
        identical_element_shapes: this._infer_shape,
        tensor_array_name: a.tensor_array_name ?? '',
      },
    });
    this._handle = op.outputs[0]!;
    this._flow = op.outputs[1]!;
  }

  /** The flow tensor forcing ops leading to this TensorArray state. */
  get flow(): Tensor {
    return this._flow;
  }

  /** The data type of this TensorArray. */
  get dtype(): DType {
    return this._dtype;
  }

  /** The reference to the TensorArray. */
  get handle(): Tensor {
    return this._handle;
  }

  /** A TensorArray on the same handle with `flow`, sharing the inferred shape. */
  private withFlow(flow: Tensor): TensorArray {
    const ta = new TensorArray(this._dtype, { handle: this._handle, flow, infer_shape: this._infer_shape });
    ta._element_shape = this._element_shape;
    return ta;
  }

  /** A TensorArray*V3 op on this array (its default name its type): inputs `handle`, then `middle`, then `flow_in`, as every such op has them. */
  private taOp<K extends OpType>(type: K, middle: [string, TensorLike][], attrs: OpAttrs[K], name?: string | null): Operation<K> {
    const inputs: [string, TensorLike][] = [['handle', this._handle], ...middle, ['flow_in', this._flow]];
    return applyOp({ type, name: name ?? undefined, defaultName: type, inputs, shared: [], fallback: 'int32', attrs });
  }

  /** TF1's _check_element_shape: with infer_shape, `shape` must fit the inferred element shape, which it refines. */
  private checkElementShape(shape: TensorShape): void {
    if (!this._infer_shape) return;
    const known = this._element_shape[0];
    if (known) {
      if (!shape.is_compatible_with(known)) throw new ValueError(`Inconsistent shapes: saw ${shape} but expected ${known} (and infer_shape=True)`);
      this._element_shape[0] = known.merge_with(shape);
    } else this._element_shape.push(shape);
  }

  /** A TensorArray whose flow is an Identity of this one's. */
  identity(...args: Call<readonly []>): TensorArray {
    parseArgs('identity', [] as const, args);
    return this.withFlow(identity(this._flow));
  }

  /** The gradient TensorArray of this one for gradient computation `source`. */
  grad(...args: Call<typeof GRAD>): TensorArray {
    const a = parseArgs('grad', GRAD, args);
    const flowIn = (a.flow as Tensor | null | undefined) ?? this._flow;
    return name_scope(a.name ?? null, 'TensorArrayGrad', [this._handle], () => {
      const op = applyOp({
        type: 'TensorArrayGradV3',
        defaultName: 'TensorArrayGradV3',
        inputs: [
          ['handle', this._handle],
          ['flow_in', flowIn],
        ],
        attrs: { source: a.source },
      });
      const gHandle = op.outputs[0]!;
      const flow = control_dependencies([gHandle], () => identity(flowIn, { name: 'gradient_flow' }));
      const g = new TensorArray(this._dtype, { handle: gHandle, flow, infer_shape: this._infer_shape });
      g._element_shape = this._element_shape;
      return g;
    });
  }

  /** The element at `index`. */
  read(...args: Call<typeof READ>): Tensor {
    const a = parseArgs('read', READ, args);
    const value = this.taOp('TensorArrayReadV3', [['index', a.index]], { dtype: this._dtype }, a.name).outputs[0]!;
    if (this._element_shape.length) value.set_shape(this._element_shape[0]!);
    return value;
  }

  /** Writes `value` at `index`; returns the TensorArray after the write. */
  write(...args: Call<typeof WRITE>): TensorArray {
    const a = parseArgs('write', WRITE, args);
    return name_scope(a.name ?? null, 'TensorArrayWrite', [this._handle, a.index, a.value], () => {
      const value = convert_to_tensor(a.value, { preferred_dtype: this._dtype, name: 'value' });
      this.checkElementShape(value.get_shape());
      const flow = this.taOp(
        'TensorArrayWriteV3',
        [
          ['index', a.index],
          ['value', value],
        ],
        {},
      ).outputs[0]!;
      return this.withFlow(flow);
    });
  }

  /** The elements at `indices`, stacked. */
  gather(...args: Call<typeof GATHER>): Tensor {
    const a = parseArgs('gather', GATHER, args);
    const elem = this._element_shape[0] ?? TensorShape.unknown();
    const value = this.taOp('TensorArrayGatherV3', [['indices', a.indices]], { dtype: this._dtype, element_shape: shapeDims(elem) }, a.name).outputs[0]!;
    if (elem.dims !== null) value.set_shape(new TensorShape([null, ...elem.dims]));
    return value;
  }

  /** Every element, stacked (a gather of `range(size())`). */
  stack(...args: Call<typeof NAME_ONLY>): Tensor {
    const a = parseArgs('stack', NAME_ONLY, args);
    return name_scope(a.name ?? null, 'TensorArrayStack', [this._handle], () => this.gather(range(0, this.size()), a.name ?? undefined));
  }

  /** Every element, concatenated along axis 0. */
  concat(...args: Call<typeof NAME_ONLY>): Tensor {
    const a = parseArgs('concat', NAME_ONLY, args);
    const e = this._element_shape[0];
    const except0 = e && e.dims !== null ? new TensorShape(e.dims.slice(1)) : TensorShape.unknown();
    const op = this.taOp('TensorArrayConcatV3', [], { dtype: this._dtype, element_shape_except0: shapeDims(except0) }, a.name);
    const value = op.outputs[0]!;
    if (e && e.dims !== null) value.set_shape(new TensorShape([null, ...e.dims.slice(1)]));
    return value;
  }

  /** Writes the rows of `value` at `indices`; returns the TensorArray after the writes. */
  scatter(...args: Call<typeof SCATTER>): TensorArray {
    const a = parseArgs('scatter', SCATTER, args);
    return name_scope(a.name ?? null, 'TensorArrayScatter', [this._handle, a.value, a.indices], () => {
      const value = convert_to_tensor(a.value, { preferred_dtype: this._dtype, name: 'value' });
      const s = value.get_shape();
      this.checkElementShape(s.dims === null ? TensorShape.unknown() : new TensorShape(s.dims.slice(1)));
      const flow = this.taOp(
        'TensorArrayScatterV3',
        [
          ['indices', a.indices],
          ['value', value],
        ],
        {},
      ).outputs[0]!;
      return this.withFlow(flow);
    });
  }

  /** Writes the rows of `value` at 0, 1, ...; returns the TensorArray after the writes. */
  unstack(...args: Call<typeof UNSTACK>): TensorArray {
    const a = parseArgs('unstack', UNSTACK, args);
    return name_scope(a.name ?? null, 'TensorArrayUnstack', [this._handle, a.value], () => {
      const value = convert_to_tensor(a.value, { preferred_dtype: this._dtype, name: 'value' });
      return this.scatter(range(0, shapeOf(value).at(0)), value, a.name ?? undefined);
    });
  }

  /** Splits `value` along axis 0 into pieces of `lengths` rows, one per element; returns the TensorArray after. */
  split(...args: Call<typeof SPLIT>): TensorArray {
    const a = parseArgs('split', SPLIT, args);
    return name_scope(a.name ?? null, 'TensorArraySplit', [this._handle, a.value, a.lengths], () => {
      const value = toTensor(a.value, { dtype: this._dtype, name: 'value' });
      const lengths64 = to_int64(a.lengths);
      if (this._infer_shape) {
        const c = constantValue(lengths64);
        const s = value.get_shape();
        if (s.dims !== null && c !== null && c.size > 0) {
          const l = Array.from(c.data);
          if (Math.max(...l) === Math.min(...l)) this.checkElementShape(new TensorShape([l[0]!, ...s.dims.slice(1)]));
        }
      }
      const flow = this.taOp(
        'TensorArraySplitV3',
        [
          ['value', value],
          ['lengths', lengths64],
        ],
        {},
      ).outputs[0]!;
      return this.withFlow(flow);
    });
  }

  /** The number of elements (an int32 scalar). */
  size(...args: Call<typeof NAME_ONLY>): Tensor {
    const a = parseArgs('size', NAME_ONLY, args);
    return this.taOp('TensorArraySizeV3', [], {}, a.name).outputs[0]!;
  }

  /** Closes the TensorArray (an Operation). */
  close(...args: Call<typeof NAME_ONLY>): Operation {
    const a = parseArgs('close', NAME_ONLY, args);
    return applyOp({ type: 'TensorArrayCloseV3', name: a.name ?? undefined, defaultName: 'TensorArrayCloseV3', inputs: [['handle', this._handle]], attrs: {} });
  }
}

signed(TensorArray, 'TensorArray', INIT);
signed(TensorArray.prototype.read, 'TensorArray.read', READ);
signed(TensorArray.prototype.write, 'TensorArray.write', WRITE);
signed(TensorArray.prototype.gather, 'TensorArray.gather', GATHER);
signed(TensorArray.prototype.scatter, 'TensorArray.scatter', SCATTER);
signed(TensorArray.prototype.stack, 'TensorArray.stack', NAME_ONLY);
signed(TensorArray.prototype.unstack, 'TensorArray.unstack', UNSTACK);
signed(TensorArray.prototype.concat, 'TensorArray.concat', NAME_ONLY);
signed(TensorArray.prototype.split, 'TensorArray.split', SPLIT);
signed(TensorArray.prototype.size, 'TensorArray.size', NAME_ONLY);
signed(TensorArray.prototype.close, 'TensorArray.close', NAME_ONLY);
signed(TensorArray.prototype.grad, 'TensorArray.grad', GRAD);
signed(TensorArray.prototype.identity, 'TensorArray.identity', []);
