// What adding an op costs (docs/architecture.md, "Adding an op"): an elementwise op is named in its definition,
// its host (CPU) kernel, its WGSL kernel and optionally its SIMD kernel, and nowhere else in src/ — builders,
// gradients, import, the diagram and every table derive from the definition.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');
// Generated from simd_ops.mjs at build time (gitignored).
const GENERATED = new Set(['session/cpu/wasm/binary.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mjs|wat)$/.test(name) && !GENERATED.has(relative(SRC, path)) ? [path] : [];
  });
}

/** The files under src/ that name `word` as a whole word. */
function filesNaming(word: string): string[] {
  const re = new RegExp(`\\b${word}\\b`);
  return sources(SRC)
    .filter((f) => re.test(readFileSync(f, 'utf8')))
    .map((f) => relative(SRC, f))
    .sort();
}

describe('an op is named in at most four source files', () => {
  it('Relu: its definition, host kernel, WGSL kernel and SIMD op list', () => {
    expect(filesNaming('Relu')).toEqual([
      'framework/ops/nn.ts',
      'session/cpu/wasm/simd_ops.mjs',
      'session/kernels/elementwise.ts',
      'session/webgpu/programs/elementwise_unary.ts',
    ]);
  });

  it('Sigmoid: its definition, host kernel, WGSL kernel and SIMD op list', () => {
    expect(filesNaming('Sigmoid')).toEqual([
      'framework/ops/unary.ts',
      'session/cpu/wasm/simd_ops.mjs',
      'session/kernels/elementwise.ts',
      'session/webgpu/programs/elementwise_unary.ts',
    ]);
  });
});
