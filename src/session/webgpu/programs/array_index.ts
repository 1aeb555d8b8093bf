// Programs of the indexing ops: Gather, the segment sum of UnsortedSegmentSum (over row lists the host builds from the
// ids), OneHot. One thread per output element; sizes travel in the uniforms.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, lit, program } from './wgsl.js';

/** Gather: out[o, i, p] = params[o, idx[i], p]. Uniforms: n (output elements), count (indices), gathered, inner. */
export function gatherProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`gather:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['count', 'u32'],
      ['gathered', 'u32'],
      ['inner', 'u32'],
    ],
    inputs: [
      ['params', t],
      ['idx', 'i32'],
    ],
    outputs: [['out', t]],
    body: flatMain(
      'u.n',
      `  let p = i % u.inner;
  let r = i / u.inner;
  let k = r % u.count;
  let o = r / u.count;
  out[i] = params[(o * u.gathered + u32(idx[k])) * u.inner + p];`,
    ),
  }));
}

/**
 * UnsortedSegmentSum: output row s sums data rows rows[start[s]..start[s + 1]) in the order the ids list them (the
 * CPU kernel's order, so float sums round alike). Uniforms: n (output elements), row (elements per row).
 */
export function segmentSumProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`segment_sum:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['row', 'u32'],
    ],
    inputs: [
      ['data', t],
      ['start', 'u32'],
      ['rows', 'u32'],
    ],
    outputs: [['out', t]],
    body: flatMain(
      'u.n',
      `  let s = i / u.row;
  let p = i % u.row;
  var acc = ${lit(t, 0)};
  for (var k = start[s]; k < start[s + 1u]; k++) { acc = acc + data[rows[k] * u.row + p]; }
  out[i] = acc;`,
    ),
  }));
}

/** OneHot: out[a, d, s] = idx[a, s] == d ? on : off. Uniforms: n, depth, suffix, on, off. */
export function oneHotProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`one_hot:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['depth', 'u32'],
      ['suffix', 'u32'],
      ['on', t],
      ['off', t],
    ],
    inputs: [['idx', 'i32']],
    outputs: [['out', t]],
    body: flatMain(
      'u.n',
      `  let s = i % u.suffix;
  let r = i / u.suffix;
  let d = r % u.depth;
  let a = r / u.depth;
  out[i] = select(u.off, u.on, idx[a * u.suffix + s] == i32(d));`,
    ),
  }));
}

/**
 * StridedSlice as a gather (out[i] = x[off]) or its gradient as a scatter (out[off] = dy[i]) over the processing
 * shape: off = base + Σ coord_k · step_k, step_k the stride times the input's stride (negative when reversing).
 * Uniforms: n, base, p* (processing dims), st* (steps).
 */
export function stridedSliceProgram(dtype: DType, rank: number, scatter: boolean): Program {
  const t = wgslType(dtype);
  const lines = ['  var rem = i;', '  var off = u.base;'];
  for (let k = rank - 1; k >= 0; k--) lines.push(`  { let c = rem % u.p${k}; rem = rem / u.p${k}; off += i32(c) * u.st${k}; }`);
  lines.push(scatter ? '  out[u32(off)] = x[i];' : '  out[i] = x[u32(off)];');
  return program(`strided_slice:${t}:${rank}:${scatter}`, () => ({
    fields: [
      ['n', 'u32'],
      ['base', 'i32'],
      ...Array.from({ length: rank }, (_, k) => [`p${k}`, 'u32'] as const),
      ...Array.from({ length: rank }, (_, k) => [`st${k}`, 'i32'] as const),
    ],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: flatMain('u.n', lines.join('\n')),
  }));
}

/** LinSpace: out[i] = start + step · i (the host computed step as the CPU kernel does). Uniforms: n, start, step. */
export function linSpaceProgram(): Program {
  return program('lin_space', () => ({
    fields: [
      ['n', 'u32'],
      ['start', 'f32'],
      ['step', 'f32'],
    ],
    inputs: [],
    outputs: [['out', 'f32']],
    body: flatMain('u.n', '  out[i] = select(u.start + u.step * f32(i), u.start, u.n == 1u);'),
  }));
}
