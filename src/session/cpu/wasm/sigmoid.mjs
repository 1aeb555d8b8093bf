// The logistic function on four floats ($sigmoid4, which the `unary` kernel calls for its op, simd_ops.mjs):
// 1 / (1 + exp(-x)) in doubles, two floats at a time, each rounded once to float32, as the JavaScript kernel
// (kernels/elementwise.ts) computes it with Math.exp; exp.mjs's exp. The same bits for every one of the 2^32
// float32 inputs (checked once by sweeping them all, 2026-12-05; test/session/cpu/wasm_sigmoid.test.ts checks a
// spread of them, the saturating ends, infinities and NaN). exp's clamp gives 1 above x = 708 and a result that
// rounds to 0 below x = -709.7, as exp's underflow and overflow do in JavaScript.
import { EXP, EXP_LOCALS } from './exp.mjs';

/** 1 / (1 + e) on the f64x2 $e. */
const logistic = '(f64x2.div (v128.const f64x2 1 1) (f64x2.add (v128.const f64x2 1 1) (local.get $e)))';

/** The text of $sigmoid4. */
export function sigmoidKernel() {
  return `
  ;; 1 / (1 + exp(-x)) of the four floats of $v: the low two, then the high two, each through exp in doubles.
  (func $sigmoid4 (param $v v128) (result v128)
    ${EXP_LOCALS} (local $lo v128)
    (local.set $x (f64x2.neg (f64x2.promote_low_f32x4 (local.get $v))))${EXP}
    (local.set $lo ${logistic})
    (local.set $x (f64x2.neg (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))${EXP}
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
      (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero ${logistic})))`;
}
