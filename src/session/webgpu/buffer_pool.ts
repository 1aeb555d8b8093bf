import { ResourceExhaustedError } from '../../framework/errors.js';

/**
 * GPU buffers by size class, reused as values die. The executor releases a value's buffer after
 * the last step that reads it (the plan's lastUse), and the next allocation of the same class
 * takes it: commands run in the order they were recorded, so a later step may overwrite what an
 * earlier one read. Classes are powers of two, so a run that repeats (a training loop) finds every
 * buffer it needs in the pool after its first step and creates none.
 *
 * One exception to "recorded order": `queue.writeBuffer` runs before the command buffer being
 * recorded. A host upload must therefore go to a buffer that this batch's commands have not
 * touched, which `acquireUntouched` gives.
 */
export class BufferPool {
  private readonly free = new Map<number, GPUBuffer[]>();
  private readonly live = new Set<GPUBuffer>();
  private readonly touched = new WeakMap<GPUBuffer, number>();
  private batch = 0;
  /** Buffers created since the pool was made (for tests and benchmarks). */
  created = 0;
  /** Bytes currently allocated (free and in use). */
  bytes = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly usage: GPUBufferUsageFlags,
    private readonly label: string,
  ) {}

  /** The size class of a request: the next power of two, at least 16 bytes, within the device's buffer limit. */
  sizeClass(bytes: number): number {
    const max = this.device.limits.maxBufferSize;
    if (bytes > max || bytes > this.device.limits.maxStorageBufferBindingSize) {
      throw new ResourceExhaustedError(`OOM when allocating a buffer of ${bytes} bytes: the WebGPU device's largest buffer is ${max} bytes`);
    }
    return Math.min(max, 2 ** Math.ceil(Math.log2(Math.max(16, bytes))));
  }

  /** A buffer of at least `bytes`, reused when one of its class is free. */
  acquire(bytes: number): GPUBuffer {
    const size = this.sizeClass(bytes);
    const buffer = this.free.get(size)?.pop() ?? this.create(size);
    this.touched.set(buffer, this.batch);
    return buffer;
  }

  /** A buffer that no command of the current batch uses, so `queue.writeBuffer` into it cannot race the batch. */
  acquireUntouched(bytes: number): GPUBuffer {
    const size = this.sizeClass(bytes);
    const list = this.free.get(size) ?? [];
    const k = list.findIndex((b) => this.touched.get(b) !== this.batch);
    const buffer = k >= 0 ? list.splice(k, 1)[0]! : this.create(size);
    this.touched.set(buffer, this.batch);
    return buffer;
  }

  /** Returns a buffer to its class's free list. */
  release(buffer: GPUBuffer): void {
    // Its last reader may be a command of this batch, not yet submitted (a value made before a mid-run read back
    // and read after it): no upload may go there before the batch runs.
    this.touched.set(buffer, this.batch);
    const list = this.free.get(buffer.size);
    if (list) list.push(buffer);
    else this.free.set(buffer.size, [buffer]);
  }

  /** Starts a new batch: buffers used by submitted work become safe targets for uploads again. */
  nextBatch(): void {
    this.batch++;
  }

  /** Destroys every buffer the pool made, free or in use. */
  destroyAll(): void {
    for (const b of this.live) b.destroy();
    this.live.clear();
    this.free.clear();
    this.bytes = 0;
  }

  private create(size: number): GPUBuffer {
    const buffer = this.device.createBuffer({ size, usage: this.usage, label: `${this.label} ${size}` });
    this.live.add(buffer);
    this.created++;
    this.bytes += size;
    return buffer;
  }
}
