// The stacks of one run (TF1's per-step resource container, core/kernels/stack_ops.cc): StackV2 makes one and
// outputs its handle, a `resource` scalar holding its id; StackPushV2/StackPopV2/StackCloseV2 find it by that id.
// A store lives for one Session.run and is dropped with it, so nothing leaks into the next run; a stack holds
// references to values the run computed anyway (no copies: on WebGPU, the GPU buffers). TF1's wording for every failure.
import { InvalidArgumentError, NotFoundError } from '../framework/errors.js';
import { dtypeProtoName, type DType } from '../framework/dtypes.js';
import { NDArray } from '../framework/ndarray.js';
import type { OpAttrs } from '../framework/op_defs.js';
import type { Operation } from '../graph/operation.js';

/** What a stack holds: a backend's value (a host array, a GPU slot) with its dtype. */
interface Typed {
  readonly dtype: DType;
}

interface Stack<V> {
  readonly name: string;
  readonly elemType: DType;
  readonly maxSize: number;
  readonly values: V[];
  closed: boolean;
}

/** TF1's Stack::stack_counter: every stack a process makes has its own number (`<stack_name>_<n>`). */
let stackCounter = 0;

/** True for the ops a StackStore runs. */
export const isStackOp = (op: Operation): boolean =>
  op.type === 'StackV2' || op.type === 'StackPushV2' || op.type === 'StackPopV2' || op.type === 'StackCloseV2';

/** How a backend's values meet the host: a handle or size as a host array, a host array as a value. */
export interface StackValues<V> {
  host(v: V, op: Operation): NDArray;
  wrap(a: NDArray): V;
}

const HOST_VALUES: StackValues<NDArray> = { host: (v) => v, wrap: (a) => a };

/** One run's stacks, of a backend's values (host arrays unless `values` says otherwise). */
export class StackStore<V extends Typed = NDArray> {
  private readonly stacks = new Map<number, Stack<V>>();

  constructor(private readonly values: StackValues<V> = HOST_VALUES as unknown as StackValues<V>) {}

  /** Drops every stack (the run is over). */
  clear(): void {
    this.stacks.clear();
  }

  /** Runs a stack op on its inputs: its outputs. */
  run(op: Operation, inputs: readonly V[]): V[] {
    if (op.type === 'StackV2') return [this.values.wrap(this.create(op, this.values.host(inputs[0]!, op)))];
    const stack = this.lookup(op, this.values.host(inputs[0]!, op));
    const check = (): void => {
      if (stack.closed) throw new InvalidArgumentError(`Stack[${stack.name}] has already been closed.`, op);
    };
    switch (op.type) {
      case 'StackPushV2': {
        const v = inputs[1]!;
        if (v.dtype !== stack.elemType)
          throw new InvalidArgumentError(`Must have type ${dtypeProtoName(stack.elemType)} but got ${dtypeProtoName(v.dtype)}`, op);
        check();
        if (stack.maxSize >= 0 && stack.values.length >= stack.maxSize) {
          throw new InvalidArgumentError(`Stack[${stack.name}] overflowed its max_size (${stack.maxSize})`, op);
        }
        stack.values.push(v);
        return [v];
      }
      case 'StackPopV2': {
        check();
        const v = stack.values.pop();
        if (v === undefined) throw new InvalidArgumentError(`Stack[${stack.name}] is empty when calling Pop().`, op);
        return [v];
      }
      default:
        stack.values.length = 0;
        stack.closed = true;
        return [];
    }
  }

  private create(op: Operation, maxSize: NDArray): NDArray {
    if (maxSize.shape.length !== 0) throw new InvalidArgumentError(`Stack size must be a scalar, but had shape: [${maxSize.shape.join(',')}]`, op);
    const attrs = op.attrs as OpAttrs['StackV2'];
    const id = stackCounter++;
    const size = maxSize.data[0] as number;
    this.stacks.set(id, { name: `${attrs.stack_name || op.name}_${id}`, elemType: attrs.elem_type, maxSize: size >= 0 ? size : -1, values: [], closed: false });
    return new NDArray(Float64Array.of(id), [], 'resource');
  }

  private lookup(op: Operation, handle: NDArray): Stack<V> {
    const id = handle.shape.length === 0 ? (handle.data[0] as number) : -1;
    const stack = this.stacks.get(id);
    // a handle from another run (fetched, then fed): its stack is gone, as TF1's per-step container is
    if (handle.dtype !== 'resource' || stack === undefined) throw new NotFoundError(`Resource _stacks/${id} does not exist.`, op);
    return stack;
  }
}
