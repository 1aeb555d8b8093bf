// Shared pieces of the WGSL generators: the binding header, the uniform struct, flat grids.
import type { WgslScalar } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { sharedFns } from './special.js';

/** A named uniform field and its type. */
export type Field = readonly [name: string, type: WgslScalar];

/** A named storage array and its element type. */
export type Arr = readonly [name: string, type: WgslScalar];

// Program objects by their generator key, so a training loop builds each WGSL string once and the
// pipeline cache sees the identical string object every step.
const programs = new Map<string, Program>();

/**
 * A program from its uniform fields, arrays and body, with the shared functions (special.ts) the body calls. `key` must
 * determine the text (op, attributes, dtypes, ranks); the text is built only on the first call with that key.
 */
export function program(key: string, build: () => { fields: readonly Field[]; inputs: readonly Arr[]; outputs: readonly Arr[]; body: string }): Program {
  let p = programs.get(key);
  if (!p) {
    const { fields, inputs, outputs, body } = build();
    const all = fields.length ? fields : ([['unused', 'u32']] as const);
    const lines = [
      `struct U {\n${all.map(([n, t]) => `  ${n}: ${t},`).join('\n')}\n}`,
      '@group(0) @binding(0) var<uniform> u: U;',
      ...inputs.map(([n, t], i) => `@group(0) @binding(${i + 1}) var<storage, read> ${n}: array<${t}>;`),
      ...outputs.map(([n, t], i) => `@group(0) @binding(${i + 1 + inputs.length}) var<storage, read_write> ${n}: array<${t}>;`),
      sharedFns(body),
      body,
    ];
    p = { source: lines.join('\n'), uniforms: all.map(([, t]) => t), inputs: inputs.length, outputs: outputs.length };
    programs.set(key, p);
  }
  return p;
}

/** Threads per workgroup of the one-thread-per-element programs. */
export const FLAT_WG = 64;

/**
 * The entry point of a one-thread-per-element program: `i` is the flat element index, spread
 * over x and y because a single dimension holds at most 65,535 workgroups.
 */
export function flatMain(n: string, body: string): string {
  return `@compute @workgroup_size(${FLAT_WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * ${FLAT_WG}u;
  if (i >= ${n}) { return; }
${body}
}`;
}

/** Workgroup counts covering `groups` workgroups within the per-dimension limit. */
export function grid(groups: number, limits: GPUSupportedLimits): [number, number] {
  const max = limits.maxComputeWorkgroupsPerDimension;
  if (groups <= max) return [Math.max(groups, 1), 1];
  const y = Math.ceil(groups / max);
  if (y > max) throw new RangeError(`${groups} workgroups exceed the device's ${max}×${max} grid`);
  return [Math.ceil(groups / y), y];
}

/** Workgroup counts for `n` elements, one thread each. */
export function flatGrid(n: number, limits: GPUSupportedLimits): [number, number] {
  return grid(Math.ceil(n / FLAT_WG), limits);
}

/** A WGSL literal of `type` for a small integer constant (0, 1). */
export function lit(type: WgslScalar, v: number): string {
  return type === 'f32' ? `${v}.0` : type === 'u32' ? `${v}u` : `${v}i`;
}

/**
 * Loop-free code that splits flat index `idx` over `rank` dims (uniform fields `<dim>0..`,
 * innermost last) and accumulates `offset += coord * <stride>k` for each stride prefix given.
 */
export function unravel(idx: string, rank: number, dim: string, strides: readonly [offset: string, stride: string][]): string {
  const lines = [`  var rem = ${idx};`, ...strides.map(([o]) => `  var ${o} = 0u;`)];
  for (let k = rank - 1; k >= 0; k--) {
    lines.push(`  { let c = rem % u.${dim}${k}; rem = rem / u.${dim}${k};${strides.map(([o, s]) => ` ${o} += c * u.${s}${k};`).join('')} }`);
  }
  return lines.join('\n');
}

/** `count` u32 fields named `<prefix>0..`. */
export function dimFields(prefix: string, count: number): Field[] {
  return Array.from({ length: count }, (_, k) => [`${prefix}${k}`, 'u32'] as const);
}
