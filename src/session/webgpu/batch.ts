import type { BufferPool } from './buffer_pool.js';
import type { Program } from './kernel.js';
import type { CompiledProgram, PipelineCache } from './pipelines.js';
import type { PlanGpuCache } from './plan_cache.js';
import { PassTimer } from './timestamps.js';

/** A buffer range bound to a program. */
export interface Binding {
  buffer: GPUBuffer;
  size: number;
}

type Command =
  | {
      kind: 'dispatch';
      compiled: Promise<CompiledProgram>;
      program: Program;
      opName: string;
      bindings: Binding[];
      uniforms: readonly number[];
      workgroups: readonly number[];
    }
  | { kind: 'copy'; src: GPUBuffer; dst: GPUBuffer; size: number; srcOffset: number; dstOffset: number };

/** Pools a batch draws on: storage (values), uniforms, and mappable staging buffers for reads. */
export interface BatchPools {
  storage: BufferPool;
  uniform: BufferPool;
  staging: BufferPool;
}

/**
 * The commands of one submission, recorded in order and encoded together: every program's
 * uniforms are packed into one buffer, consecutive dispatches share a compute pass, and only the
 * buffers asked for with `read` are copied to staging and mapped. Programs compile while the rest
 * of the run records; a compile error surfaces in `submit` before anything is submitted. The
 * uniform buffer and the bind groups come from the plan's cache (plan_cache.ts): a run that
 * repeats writes no uniforms and creates no bind group.
 */
export class Batch {
  private commands: Command[] = [];
  private reads: Binding[] = [];
  /** Submissions so far (a run submits again after each mid-run read back). */
  private segment = 0;
  /**
   * Distinct uniform buffers the submissions cycle through: a loop submits once per iteration, and rewriting a
   * buffer is ordered after the submissions that read it, so a few suffice.
   */
  segmentCycle = Infinity;
  /** Set for a traced run on a device with timestamp queries: each dispatch is timed (timestamps.ts). */
  timed = false;
  /** The device time of each timed dispatch so far, in milliseconds, by op name. */
  readonly timings: { opName: string; ms: number }[] = [];

  constructor(
    private readonly device: GPUDevice,
    private readonly pipelines: PipelineCache,
    private readonly pools: BatchPools,
    private readonly cache: PlanGpuCache | null,
  ) {}

  /** Records a dispatch of `program` with its bindings (inputs then outputs) and uniform values. */
  dispatch(program: Program, opName: string, opType: string, bindings: Binding[], uniforms: readonly number[], workgroups: readonly number[]): void {
    const compiled = this.pipelines.get(program, opName, opType);
    compiled.catch(() => undefined); // handled in submit
    this.commands.push({ kind: 'dispatch', compiled, program, opName, bindings, uniforms, workgroups });
  }

  /** Records a buffer-to-buffer copy (of `size` bytes, at byte offsets that are multiples of 4). */
  copy(src: GPUBuffer, dst: GPUBuffer, size: number, srcOffset = 0, dstOffset = 0): void {
    this.commands.push({ kind: 'copy', src, dst, size, srcOffset, dstOffset });
  }

  /** Asks for `size` bytes of `buffer` back on the host after the batch runs; returns the read's index in submit's result. */
  read(buffer: GPUBuffer, size: number): number {
    this.reads.push({ buffer, size });
    return this.reads.length - 1;
  }

  /** True when nothing has been recorded. */
  get empty(): boolean {
    return this.commands.length === 0 && this.reads.length === 0;
  }

  /** Encodes and submits everything recorded, then maps the reads; resolves to their bytes. */
  async submit(): Promise<ArrayBuffer[]> {
    const commands = this.commands;
    const reads = this.reads;
    this.commands = [];
    this.reads = [];
    if (!commands.length && !reads.length) return [];
    // Without dispatches nothing is awaited before the queue submission: a read (Backend.readVariable)
    // is then submitted inside the call, ahead of any later run's commands.
    const compiled = commands.some((c) => c.kind === 'dispatch')
      ? await Promise.all(commands.map((c) => (c.kind === 'dispatch' ? c.compiled : null)))
      : commands.map(() => null);
    const { storage, uniform, staging } = this.pools;
    const align = this.device.limits.minUniformBufferOffsetAlignment;
    const offsets: number[] = [];
    let total = 0;
    for (const c of commands) {
      offsets.push(total);
      if (c.kind === 'dispatch') total += Math.ceil(Math.max(16, c.uniforms.length * 4) / align) * align;
    }
    const cache = this.cache;
    if (total > 0 && !cache) throw new Error('a batch with dispatches needs its plan cache');
    const ubuf = total > 0 ? cache!.uniforms(this.segment++ % this.segmentCycle, packUniforms(commands, offsets, total)) : null;
    const encoder = this.device.createCommandEncoder({ label: 'tf1-ts run' });
    let pass: GPUComputePassEncoder | null = null;
    const timed = this.timed ? commands.filter((c) => c.kind === 'dispatch') : [];
    const timer = timed.length ? new PassTimer(this.device, timed.length) : null;
    let j = 0;
    commands.forEach((c, k) => {
      if (c.kind === 'copy') {
        pass?.end();
        pass = null;
        encoder.copyBufferToBuffer(c.src, c.srcOffset, c.dst, c.dstOffset, c.size);
        return;
      }
      const { pipeline, layout } = compiled[k]!;
      if (timer) {
        // a pass of its own, timed at its start and end
        pass?.end();
        pass = encoder.beginComputePass(timer.pass(j++));
      }
      pass ??= encoder.beginComputePass();
      const usize = Math.ceil(Math.max(16, c.uniforms.length * 4) / 16) * 16;
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, cache!.bindGroup(layout, { buffer: ubuf!, offset: offsets[k]!, size: usize }, c.bindings));
      pass.dispatchWorkgroups(c.workgroups[0]!, c.workgroups[1] ?? 1, c.workgroups[2] ?? 1);
    });
    (pass as GPUComputePassEncoder | null)?.end();
    timer?.resolve(encoder);
    const stage = reads.map((r) => {
      const s = staging.acquire(r.size);
      encoder.copyBufferToBuffer(r.buffer, 0, s, 0, r.size);
      return s;
    });
    this.device.queue.submit([encoder.finish()]);
    for (const pool of [storage, uniform, staging]) pool.nextBatch();
    // The timestamps are mapped alongside the reads, so a failure of either still releases every staging buffer.
    const timing = timer?.read().then((ms) => timed.forEach((c, i) => this.timings.push({ opName: (c as { opName: string }).opName, ms: ms[i]! })));
    const values = Promise.all(
      stage.map(async (s, i) => {
        try {
          await s.mapAsync(GPUMapMode.READ, 0, reads[i]!.size);
          return s.getMappedRange(0, reads[i]!.size).slice(0);
        } finally {
          if (s.mapState === 'mapped') s.unmap();
          staging.release(s);
        }
      }),
    );
    const [bytes] = await Promise.all([values, timing]);
    return bytes;
  }
}

function packUniforms(commands: Command[], offsets: number[], total: number): Uint8Array<ArrayBuffer> {
  const data = new ArrayBuffer(total);
  const view = new DataView(data);
  commands.forEach((c, k) => {
    if (c.kind !== 'dispatch') return;
    const base = offsets[k]!;
    c.program.uniforms.forEach((type, i) => {
      const v = c.uniforms[i] ?? 0;
      if (type === 'f32') view.setFloat32(base + 4 * i, v, true);
      else if (type === 'i32') view.setInt32(base + 4 * i, v | 0, true);
      else view.setUint32(base + 4 * i, v >>> 0, true);
    });
  });
  return new Uint8Array(data);
}
