// A run's TensorArrays on the WebGPU backend (a loop plan's, loop_run.ts, or a plan's steps', step_run.ts): the store
// and kernels both backends share (session/tensor_array_store.ts, session/kernels/tensor_array.ts) over GPU slots. An
// element is a buffer of its own, copied in by a write as TF1 copies; a read gives that buffer (no copy), a gather or
// concat copies the elements into one buffer, a scatter or split copies rows out, all as buffer-to-buffer copies
// recorded in the run's batch. Handles, flows, indices and sizes live on the host. A gradient array's repeated write
// to one index adds on the GPU (AddN's program).
import { NDArray } from '../../framework/ndarray.js';
import type { OpAttrs } from '../../framework/op_defs.js';
import type { Operation } from '../../graph/operation.js';
import { TA_KERNELS, TA_VALUE_INPUT, type ElementIO, type TaKernel, type TAType } from '../kernels/tensor_array.js';
import { TensorArrayStore, type ElementOps } from '../tensor_array_store.js';
import { GPU_ELEMENT_BYTES, gpuBytes } from './dtypes.js';
import type { Executor, RunState } from './executor.js';
import { addNProgram } from './programs/elementwise.js';
import { flatGrid } from './programs/wgsl.js';
import { hostView, slot, type Slot } from './slots.js';

/** A host-resident slot (a handle, a flow, a size). */
export const hostSlot = (a: NDArray): Slot => slot(a.shape, a.dtype, { buffer: null, host: a, hostResident: true, owner: 'pool' });

/** One run's TensorArrays on the GPU: an element's storage is the run's (owner 'run': given back when the run ends, not after a reader). */
export class GpuTensorArrays {
  private readonly io: ElementIO<Slot>;
  private readonly store: TensorArrayStore<Slot>;

  constructor(
    private readonly executor: Executor,
    private readonly state: RunState,
  ) {
    const run = state;
    const copyRows = (v: Slot, from: number, to: number, shape: readonly number[]): Slot => {
      const h = hostView(v);
      const inner = v.shape.slice(1).reduce((p, d) => p * d, 1);
      if (h && !v.storage.buffer) return hostSlot(new NDArray(h.data.slice(from * inner, to * inner), shape, v.dtype));
      const out = executor.newSlot(shape, v.dtype, run);
      if (out.size > 0) run.batch.copy(this.bufferOf(v), out.storage.buffer!, gpuBytes(out.size), from * inner * GPU_ELEMENT_BYTES);
      return out;
    };
    const ops: ElementOps<Slot> = {
      copy: (v) => {
        const c = copyRows(v, 0, v.shape[0] ?? 1, v.shape);
        c.storage.owner = 'run';
        return c;
      },
      // a gradient array's repeated write to one index: the element becomes a + b, in a new buffer of the run's
      add: (a, b) => {
        const out = executor.newSlot(a.shape, a.dtype, run);
        out.storage.owner = 'run';
        if (out.size === 0) return out;
        const bind = (s: Slot) => ({ buffer: this.bufferOf(s), size: gpuBytes(s.size) });
        const op = this.current!;
        run.batch.dispatch(
          addNProgram(a.dtype, 2, false),
          op.name,
          op.type,
          [bind(a), bind(b), bind(out)],
          [out.size],
          flatGrid(out.size, executor.device.limits),
        );
        return out;
      },
      zeros: (shape, dtype) => hostSlot(NDArray.zeros(shape, dtype)),
    };
    this.io = {
      wrap: hostSlot,
      rows: copyRows,
      combine: (values, shape, dtype) => {
        const out = executor.newSlot(shape, dtype, run);
        let at = 0;
        for (const v of values) {
          if (v.size > 0) run.batch.copy(this.bufferOf(v), out.storage.buffer!, gpuBytes(v.size), 0, at * GPU_ELEMENT_BYTES);
          at += v.size;
        }
        return out;
      },
      zeros: ops.zeros,
    };
    this.store = new TensorArrayStore<Slot>(ops);
  }

  /** The op running now (the dispatches it records are named after it). */
  private current: Operation | null = null;

  private bufferOf(s: Slot): GPUBuffer {
    return this.executor.ensureBuffer(s, 'TensorArray', this.state);
  }

  /** Runs a TensorArray op: its output slots. */
  async run(op: Operation, ins: readonly Slot[]): Promise<Slot[]> {
    const type = op.type as TAType;
    // every input but the value, which stays in its buffer
    const hosts = await this.executor.hostValues(ins, this.state, TA_VALUE_INPUT[type]);
    const outs: Slot[] = [];
    this.current = op;
    (TA_KERNELS[type] as TaKernel<TAType>)<Slot>({
      name: op.name,
      attrs: op.attrs as OpAttrs[TAType],
      inputs: ins,
      host: (k) => hosts[k]!,
      store: this.store,
      io: this.io,
      out: (i, s) => (outs[i] = s),
    });
    return outs;
  }
}
