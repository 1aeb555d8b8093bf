import type { StepStat } from '../backend.js';

/**
 * Device time per dispatch for traced runs (RunOptions FULL_TRACE), from WebGPU timestamp
 * queries: each dispatch runs in a compute pass of its own that writes a timestamp at its start
 * and end. Only where the device has the 'timestamp-query' feature; without it a traced run's
 * step stats carry host times only. Dawn rounds timestamps to a coarse quantum unless told not
 * to, so single short dispatches may read 0.
 */
export class PassTimer {
  private readonly querySet: GPUQuerySet;
  private readonly resolved: GPUBuffer;
  private readonly staging: GPUBuffer;

  constructor(
    device: GPUDevice,
    private readonly passes: number,
  ) {
    this.querySet = device.createQuerySet({ type: 'timestamp', count: 2 * passes, label: 'tf1-ts step stats' });
    this.resolved = device.createBuffer({ size: 16 * passes, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
    this.staging = device.createBuffer({ size: 16 * passes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  }

  /** The descriptor of pass `j`, timed. */
  pass(j: number): GPUComputePassDescriptor {
    return { timestampWrites: { querySet: this.querySet, beginningOfPassWriteIndex: 2 * j, endOfPassWriteIndex: 2 * j + 1 } };
  }

  /** Records the copy of the timestamps to where `read` maps them; call once every pass is ended. */
  resolve(encoder: GPUCommandEncoder): void {
    encoder.resolveQuerySet(this.querySet, 0, 2 * this.passes, this.resolved, 0);
    encoder.copyBufferToBuffer(this.resolved, 0, this.staging, 0, 16 * this.passes);
  }

  /** Each pass's duration in milliseconds, once the submission has run; frees the query objects. */
  async read(): Promise<number[]> {
    try {
      await this.staging.mapAsync(GPUMapMode.READ);
      const t = new BigInt64Array(this.staging.getMappedRange().slice(0));
      // A pass whose end reads before its start (timestamps may reset) counts as 0.
      return Array.from({ length: this.passes }, (_, j) => Math.max(0, Number(t[2 * j + 1]! - t[2 * j]!) / 1e6));
    } finally {
      if (this.staging.mapState === 'mapped') this.staging.unmap();
      this.querySet.destroy();
      this.resolved.destroy();
      this.staging.destroy();
    }
  }
}

/** Adds each op's device time (the sum over its dispatches) to its step stat; an op with no dispatch took none. */
export function addDeviceTimes(stats: StepStat[], timings: readonly { opName: string; ms: number }[]): void {
  const byOp = new Map<string, number>();
  for (const t of timings) byOp.set(t.opName, (byOp.get(t.opName) ?? 0) + t.ms);
  for (const s of stats) s.device_ms = byOp.get(s.node_name) ?? 0;
}
