import { InternalError } from '../../framework/errors.js';
import type { Program } from './kernel.js';

/** A compiled program with the bind group layout its dispatches use. */
export interface CompiledProgram {
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

/**
 * Compute pipelines keyed by WGSL source: a program text compiles once per device however many
 * ops and runs use it. Layouts are explicit (uniforms at binding 0, then read-only inputs, then
 * read-write outputs), so a binding that a program never reads is still valid.
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, Promise<CompiledProgram>>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();

  constructor(private readonly device: GPUDevice) {}

  /** Number of distinct programs compiled (or compiling). */
  get size(): number {
    return this.pipelines.size;
  }

  /** The pipeline for a program; a compile error names the op (its name and type) and carries the compiler's message. */
  get(program: Program, opName: string, opType: string): Promise<CompiledProgram> {
    let p = this.pipelines.get(program.source);
    if (!p) {
      p = this.compile(program, opName, opType);
      // A failed program is forgotten, so every op that uses it reports with its own name.
      p.catch(() => this.pipelines.delete(program.source));
      this.pipelines.set(program.source, p);
    }
    return p;
  }

  private layoutFor(program: Program): GPUBindGroupLayout {
    const key = `${program.inputs}:${program.outputs}`;
    let layout = this.layouts.get(key);
    if (!layout) {
      const entries: GPUBindGroupLayoutEntry[] = [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } }];
      for (let i = 0; i < program.inputs + program.outputs; i++) {
        entries.push({ binding: i + 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: i < program.inputs ? 'read-only-storage' : 'storage' } });
      }
      layout = this.device.createBindGroupLayout({ entries, label: `tf1-ts ${key}` });
      this.layouts.set(key, layout);
    }
    return layout;
  }

  private async compile(program: Program, opName: string, opType: string): Promise<CompiledProgram> {
    const opLabel = `op '${opName}' (${opType})`;
    const layout = this.layoutFor(program);
    const module = this.device.createShaderModule({ code: program.source, label: opLabel });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length) {
      const text = errors.map((m) => `${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
      throw new InternalError(`The WGSL program of ${opLabel} failed to compile:\n${text}\n--- program ---\n${program.source}`, opName);
    }
    try {
      const pipeline = await this.device.createComputePipelineAsync({
        label: opLabel,
        layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main' },
      });
      return { pipeline, layout };
    } catch (e) {
      throw new InternalError(`The WGSL program of ${opLabel} failed to build a pipeline: ${(e as Error).message}`, opName);
    }
  }
}
