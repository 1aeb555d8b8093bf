import { sameBytes } from '../../framework/memory/compare.js';
import type { BufferPool } from './buffer_pool.js';

/** Identities of GPU objects, for cache keys. */
const ids = new WeakMap<object, number>();
let nextId = 1;

function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

/** One submission's packed uniforms: the buffer that holds them and the bytes last written there. */
interface Segment {
  buffer: GPUBuffer;
  bytes: Uint8Array<ArrayBuffer>;
}

// Most distinct bind groups one plan keeps: a plan whose buffers never repeat (shapes that change every run)
// starts over rather than growing without bound.
const MAX_BIND_GROUPS = 4096;

// A plan that is collected gives its uniform buffers back to the pool.
const registry = new FinalizationRegistry<{ pool: BufferPool; segments: Segment[] }>(({ pool, segments }) => {
  for (const s of segments) pool.release(s.buffer);
});

/**
 * What a plan's runs share on the GPU beyond compiled programs: its uniform buffers and its bind
 * groups. A run that repeats (a training step) packs the same uniform values and binds the same
 * pooled buffers as the run before, so it writes no uniforms and creates no bind group: the
 * submission reuses both. Submission k of a run (a run submits more than once when a value is read
 * back mid-run) has its own uniform buffer. Rewriting one that earlier submissions read is safe:
 * `queue.writeBuffer` is ordered after all work submitted before it.
 */
export class PlanGpuCache {
  private readonly segments: Segment[] = [];
  private readonly bindGroups = new Map<string, GPUBindGroup>();
  /** Uniform bytes written and bind groups created, for tests and benchmarks. */
  readonly counts = { uniformWrites: 0, bindGroups: 0 };

  constructor(
    owner: object,
    private readonly device: GPUDevice,
    private readonly pool: BufferPool,
  ) {
    registry.register(owner, { pool, segments: this.segments });
  }

  /** The uniform buffer of submission `k`, holding `bytes`: written only when they differ from what it holds. */
  uniforms(k: number, bytes: Uint8Array<ArrayBuffer>): GPUBuffer {
    let s = this.segments[k];
    if (s && s.bytes.byteLength === bytes.byteLength && sameBytes(s.bytes, bytes)) return s.buffer;
    if (!s || s.buffer.size < bytes.byteLength) {
      if (s) this.pool.release(s.buffer);
      s = this.segments[k] = { buffer: this.pool.acquireUntouched(bytes.byteLength), bytes };
    }
    s.bytes = bytes;
    this.counts.uniformWrites++;
    this.device.queue.writeBuffer(s.buffer, 0, bytes);
    return s.buffer;
  }

  /** The bind group of `layout` over the uniform range and buffer ranges given, made once per distinct set. */
  bindGroup(
    layout: GPUBindGroupLayout,
    uniforms: { buffer: GPUBuffer; offset: number; size: number },
    bindings: readonly { buffer: GPUBuffer; size: number }[],
  ): GPUBindGroup {
    let key = `${idOf(layout)}|${idOf(uniforms.buffer)}:${uniforms.offset}:${uniforms.size}`;
    for (const b of bindings) key += `|${idOf(b.buffer)}:${b.size}`;
    let group = this.bindGroups.get(key);
    if (!group) {
      if (this.bindGroups.size >= MAX_BIND_GROUPS) this.bindGroups.clear();
      const entries: GPUBindGroupEntry[] = [
        { binding: 0, resource: uniforms },
        ...bindings.map((b, i) => ({ binding: i + 1, resource: { buffer: b.buffer, offset: 0, size: b.size } })),
      ];
      group = this.device.createBindGroup({ layout, entries });
      this.counts.bindGroups++;
      this.bindGroups.set(key, group);
    }
    return group;
  }
}
