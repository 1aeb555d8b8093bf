// Elementwise WGSL programs: binary ops with NumPy broadcasting (coalesced on the host), unary ops, casts. The ops'
// expressions are listed in elementwise_unary.ts and elementwise_binary.ts.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { BINARY_HELPERS, type BinaryOpType, BINARY_WGSL } from './elementwise_binary.js';
import { UNARY_HELPERS, type UnaryOpType, UNARY_WGSL } from './elementwise_unary.js';
import { dimFields, flatMain, lit, program, unravel } from './wgsl.js';

export { BINARY_WGSL, type BinaryOpType } from './elementwise_binary.js';
export { UNARY_WGSL, type UnaryOpType } from './elementwise_unary.js';

/** A binary op's value check on `dtype`, when it has one: integer division's zero divisor, integer Pow's negative exponent. */
export function valueCheck(op: BinaryOpType, dtype: DType): { cond: string; error: string } | null {
  if (wgslType(dtype) !== 'i32') return null;
  if (op === 'FloorDiv' || op === 'FloorMod' || op === 'RealDiv') return { cond: 'b == 0i', error: 'Integer division by zero' };
  if (op === 'Pow') return { cond: 'b < 0i', error: 'Integers to negative integer powers are not allowed' };
  return null;
}

/**
 * A binary op over inputs broadcast to the output along `rank` coalesced dims (uniforms: n, d*, sa*, sb*).
 * A value-checked op (valueCheck: integer division, integer Pow) also binds the run's error flag after `out` and takes its error id
 * as a last uniform: a zero divisor stores the id there unless an earlier step already stored one.
 */
export function binaryProgram(op: BinaryOpType, inDtype: DType, outDtype: DType, rank: number): Program {
  const t = wgslType(inDtype);
  const o = wgslType(outDtype);
  const check = valueCheck(op, inDtype);
  return program(`binary:${op}:${t}:${o}:${rank}`, () => ({
    fields: [['n', 'u32'], ...dimFields('d', rank), ...dimFields('sa', rank), ...dimFields('sb', rank), ...(check ? [['err_id', 'u32'] as const] : [])],
    inputs: [
      ['x', t],
      ['y', t],
    ],
    outputs: check
      ? [
          ['out', o],
          ['err', 'u32'],
        ]
      : [['out', o]],
    body: `${elementwiseHelpers(op)}
${flatMain(
  'u.n',
  `${unravel('i', rank, 'd', [
    ['ia', 'sa'],
    ['ib', 'sb'],
  ])}
  let a = x[ia];
  let b = y[ib];${check ? `\n  if (${check.cond} && err[0] == 0u) { err[0] = u.err_id; }` : ''}
  out[i] = ${BINARY_WGSL[op].expr(t)};`,
)}`,
  }));
}

/** The WGSL functions an elementwise op's expression calls ('' for none). */
export function elementwiseHelpers(op: UnaryOpType | BinaryOpType): string {
  return UNARY_HELPERS[op as UnaryOpType] ?? BINARY_HELPERS[op as BinaryOpType] ?? '';
}

/** A unary op over a flat array (uniform: n); its output is of `outDtype` (bool for the float checks). */
export function unaryProgram(op: UnaryOpType, dtype: DType, outDtype: DType = dtype): Program {
  const t = wgslType(dtype);
  const o = wgslType(outDtype);
  return program(`unary:${op}:${t}:${o}`, () => ({
    fields: [['n', 'u32']],
    inputs: [['x', t]],
    outputs: [['out', o]],
    body: `${elementwiseHelpers(op)}
${flatMain('u.n', `  let a = x[i];\n  out[i] = ${UNARY_WGSL[op](t)};`)}`,
  }));
}

// f32 → i32 as TF1 on x86 (cvttss2si): truncation toward zero, and the integer minimum for NaN, the
// infinities and values out of range, which WGSL's i32() leaves clamped or undefined. Read from the bits,
// since WGSL lets a compiler assume no NaN: a biased exponent of 158 or more is |a| >= 2^31 (or NaN/inf).
const F32_TO_I32 = `fn f32_to_i32(a: f32) -> i32 {
  return select(i32(a), bitcast<i32>(0x80000000u), ((bitcast<u32>(a) >> 23u) & 0xffu) >= 158u);
}`;

function castExpr(src: DType, dst: DType): string {
  const s = wgslType(src);
  const d = wgslType(dst);
  // A float is true unless it is ±0, NaN included; from its bits, as a compare may not see NaN.
  if (dst === 'bool') return s === 'f32' ? 'select(0u, 1u, (bitcast<u32>(a) & 0x7fffffffu) != 0u)' : `select(0u, 1u, a != ${lit(s, 0)})`;
  if (s === d) return 'a';
  if (s === 'f32' && d === 'i32') return 'f32_to_i32(a)';
  return `${d}(a)`;
}

// -2^31 (bits 0xcf000000) fits; every other value with that exponent or more does not (bits again: no float compare sees NaN).
const RANGE_CHECK = '  if (bitcast<u32>(a) != 0xcf000000u && ((bitcast<u32>(a) >> 23u) & 0xffu) >= 158u && err[0] == 0u) { err[0] = u.err_id; }';

/**
 * Whether a cast can produce a value the GPU cannot store: float to int64 (int64 lives in 32 bits here)
 * of a value outside int32's range, which the CPU casts exactly (or to INT64_MIN, for NaN).
 */
export function castChecksRange(src: DType, dst: DType): boolean {
  return dst === 'int64' && wgslType(src) === 'f32';
}

/**
 * Cast between two dtypes (uniform: n). A range-checked cast (castChecksRange) also binds the run's error
 * flag after `out` and takes its error id as a last uniform.
 */
export function castProgram(src: DType, dst: DType): Program {
  const s = wgslType(src);
  const d = wgslType(dst);
  const check = castChecksRange(src, dst);
  return program(`cast:${src}:${dst}`, () => ({
    fields: check
      ? [
          ['n', 'u32'],
          ['err_id', 'u32'],
        ]
      : [['n', 'u32']],
    inputs: [['x', s]],
    outputs: check
      ? [
          ['out', d],
          ['err', 'u32'],
        ]
      : [['out', d]],
    body: `${s === 'f32' && d === 'i32' ? F32_TO_I32 : ''}
${flatMain(
  'u.n',
  `  let a = x[i];${check ? `\n${RANGE_CHECK}` : ''}
  out[i] = ${castExpr(src, dst)};`,
)}`,
  }));
}

/** Sum of `k` equal-shaped inputs, optionally added to what `out` holds (AddN in chunks of the binding limit). */
export function addNProgram(dtype: DType, k: number, accumulate: boolean): Program {
  const t = wgslType(dtype);
  const names = Array.from({ length: k }, (_, j) => `x${j}`);
  // Left to right, one rounding per addition, as the CPU kernel does.
  const sum = [accumulate ? 'out[i]' : null, ...names.map((x) => `${x}[i]`)].filter(Boolean).join(' + ');
  return program(`addn:${t}:${k}:${accumulate}`, () => ({
    fields: [['n', 'u32']],
    inputs: names.map((x) => [x, t] as const),
    outputs: [['out', t]],
    body: flatMain('u.n', `  out[i] = ${sum};`),
  }));
}

/** Every element of `out` set to input 0's first element (Fill) or to a constant (ZerosLike, OnesLike). */
export function fillProgram(dtype: DType, constant: 0 | 1 | null): Program {
  const t = wgslType(dtype);
  return program(`fill:${t}:${constant}`, () => ({
    fields: [['n', 'u32']],
    inputs: constant === null ? [['v', t]] : [],
    outputs: [['out', t]],
    body: flatMain('u.n', `  out[i] = ${constant === null ? 'v[0]' : lit(t, constant)};`),
  }));
}

/** The ref updates, in place on the variable's storage: AssignAdd, AssignSub, ApplyGradientDescent (uniform: n). */
export function refUpdateProgram(op: 'AssignAdd' | 'AssignSub' | 'ApplyGradientDescent', dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`refupdate:${op}:${t}`, () => ({
    fields: [['n', 'u32']],
    inputs:
      op === 'ApplyGradientDescent'
        ? [
            ['alpha', t],
            ['delta', t],
          ]
        : [['delta', t]],
    outputs: [['v', t]],
    // ApplyGradientDescent rounds alpha * delta to float32 before subtracting, as TF1 and the CPU kernel do.
    body: flatMain(
      'u.n',
      op === 'AssignAdd'
        ? '  v[i] = v[i] + delta[i];'
        : op === 'AssignSub'
          ? '  v[i] = v[i] - delta[i];'
          : '  let step = alpha[0] * delta[i];\n  v[i] = v[i] - step;',
    ),
  }));
}
