// Random ops on the GPU: a counter-based generator, so every element is drawn independently in
// parallel. Element i's k-th uniform is a PCG hash of (i, k) under a 64-bit key that the host
// derives from the op's two seeds and a per-run counter: each run draws new values, and the same
// seeds give the same sequence in every session. The values differ from the CPU backend's
// sequential stream (as TF1's do between its CPU and GPU kernels); the distributions are the same.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, program } from './wgsl.js';

/** The random op types. */
export type RandomOpType = 'RandomUniform' | 'RandomStandardNormal' | 'TruncatedNormal';

const PCG = `fn pcg(v: u32) -> u32 {
  let s = v * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}
// A uniform in [0, 1 - 2^-24]: 24 random bits, so it never rounds up to 1 in float32.
fn uniform01(i: u32, k: u32) -> f32 {
  return f32(pcg(pcg(i ^ pcg(k ^ u.key)) ^ u.key2) >> 8u) * (1.0 / 16777216.0);
}
// Box–Muller on uniforms 2j and 2j+1; 1 - u lies in (0, 1], so the log is finite.
fn normal(i: u32, j: u32) -> f32 {
  let r = sqrt(-2.0 * log(1.0 - uniform01(i, 2u * j)));
  return r * cos(6.283185307179586 * uniform01(i, 2u * j + 1u));
}`;

function draw(op: RandomOpType): string {
  if (op === 'RandomUniform') return '  out[i] = uniform01(i, 0u);';
  if (op === 'RandomStandardNormal') return '  out[i] = normal(i, 0u);';
  // TruncatedNormal: values at two standard deviations or beyond are drawn again (4.6% are);
  // 64 redraws all failing has probability 0.046^64, so the cap is never reached in practice.
  return `  var z = normal(i, 0u);
  for (var j = 1u; j < 64u && abs(z) >= 2.0; j = j + 1u) { z = normal(i, j); }
  out[i] = select(z, 0.0, abs(z) >= 2.0);`;
}

/** A random op writing `n` values. Uniforms: n, key, key2. */
export function randomProgram(op: RandomOpType, dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`random:${op}:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['key', 'u32'],
      ['key2', 'u32'],
    ],
    inputs: [],
    outputs: [['out', t]],
    body: `${PCG}\n${flatMain('u.n', draw(op))}`,
  }));
}

/** RandomUniformInt writing `n` integers `lo + bits % range` from 32 random bits each. Uniforms: n, key, key2, lo, range. */
export function randomIntProgram(): Program {
  return program('random:RandomUniformInt', () => ({
    fields: [
      ['n', 'u32'],
      ['key', 'u32'],
      ['key2', 'u32'],
      ['lo', 'i32'],
      ['range', 'u32'],
    ],
    inputs: [],
    outputs: [['out', 'i32']],
    // The sum wraps as int32 arithmetic does, and lands in [lo, lo + range).
    body: `${PCG}\n${flatMain('u.n', '  out[i] = u.lo + bitcast<i32>(pcg(pcg(i ^ pcg(u.key)) ^ u.key2) % u.range);')}`,
  }));
}

function mix(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The two 32-bit key words of one run of a random op, from its seeds and its run counter. */
export function randomKey(seed: number, seed2: number, counter: number): [number, number] {
  const a = mix((seed >>> 0) ^ mix(counter >>> 0));
  const b = mix((seed2 >>> 0) ^ mix(a ^ Math.floor(counter / 2 ** 32)));
  return [a, b];
}

/**
 * Multinomial: one thread per sample (row b = i / samples): the row's unnormalised CDF over its finite logits
 * (exp(logit - max)), walked to the first class whose CDF exceeds a uniform times the total, as the CPU kernel's
 * upper_bound; in float32. Uniforms: n (batch · samples), samples, classes, key, key2.
 */
export function multinomialProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`random:Multinomial:${t}`, () => ({
    fields: [
      ['n', 'u32'],
      ['samples', 'u32'],
      ['classes', 'u32'],
      ['key', 'u32'],
      ['key2', 'u32'],
    ],
    inputs: [['logits', t]],
    outputs: [['out', 'i32']],
    body: `${PCG}
fn finite(v: f32) -> bool { return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u; }
${flatMain(
  'u.n',
  `  let base = (i / u.samples) * u.classes;
  var mx = -3.4028234663852886e38;
  for (var j = 0u; j < u.classes; j = j + 1u) {
    let l = f32(logits[base + j]);
    if (finite(l)) { mx = max(mx, l); }
  }
  var total = 0.0;
  for (var j = 0u; j < u.classes; j = j + 1u) {
    let l = f32(logits[base + j]);
    if (finite(l)) { total = total + exp(l - mx); }
  }
  let find = uniform01(i, 0u) * total;
  var acc = 0.0;
  var k = u.classes;
  for (var j = 0u; j < u.classes; j = j + 1u) {
    let l = f32(logits[base + j]);
    if (finite(l)) { acc = acc + exp(l - mx); }
    if (acc > find) { k = j; break; }
  }
  out[i] = i32(k);`,
)}`,
  }));
}
