// e = exp(x) on two doubles (f64x2), as WAT text to write inline into a kernel: x in $x (clamped to [-708, 709.7],
// so no overflow or subnormal on the way; NaN passes), the result in $e, with EXP_LOCALS declared by the function.
// Range reduction by ln 2 (k = round(x / ln 2), r = x - k·ln 2 in two parts), the series of e^r to r^13 by
// Estrin's scheme, then 2^k put in the exponent. Softmax (softmax.mjs) and the logistic function (sigmoid.mjs) use
// it; their float32 results are the JavaScript kernels' (which take Math.exp in doubles) to the bit, as their tests
// check.

/** The exp's statements: reads $x, sets $e. */
export const EXP = `
      (local.set $x (f64x2.pmax (f64x2.pmin (local.get $x) (v128.const f64x2 709.7 709.7)) (v128.const f64x2 -708 -708)))
      ;; k = round(x / ln2) by the 1.5·2^52 trick: adding it leaves k in the low bits of t
      (local.set $t (f64x2.add (f64x2.mul (local.get $x) (v128.const f64x2 1.4426950408889634 1.4426950408889634)) (v128.const f64x2 6755399441055744 6755399441055744)))
      (local.set $k (f64x2.sub (local.get $t) (v128.const f64x2 6755399441055744 6755399441055744)))
      (local.set $r (f64x2.sub (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01)))
                               (f64x2.mul (local.get $k) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))))
      ;; the series by Estrin's scheme (pairs, then powers r^2, r^4, r^8): a short dependency chain
      (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
      (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
      (local.set $q0 (f64x2.add (v128.const f64x2 1 1) (f64x2.mul (local.get $r) (v128.const f64x2 1 1))))  ;; 1/0! + r/1!
      (local.set $q1 (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $r) (v128.const f64x2 1.6666666666666666e-01 1.6666666666666666e-01))))  ;; 1/2! + r/3!
      (local.set $q2 (f64x2.add (v128.const f64x2 4.1666666666666664e-02 4.1666666666666664e-02) (f64x2.mul (local.get $r) (v128.const f64x2 8.333333333333333e-03 8.333333333333333e-03))))  ;; 1/4! + r/5!
      (local.set $q3 (f64x2.add (v128.const f64x2 1.388888888888889e-03 1.388888888888889e-03) (f64x2.mul (local.get $r) (v128.const f64x2 1.984126984126984e-04 1.984126984126984e-04))))  ;; 1/6! + r/7!
      (local.set $q4 (f64x2.add (v128.const f64x2 2.48015873015873e-05 2.48015873015873e-05) (f64x2.mul (local.get $r) (v128.const f64x2 2.7557319223985893e-06 2.7557319223985893e-06))))  ;; 1/8! + r/9!
      (local.set $q5 (f64x2.add (v128.const f64x2 2.755731922398589e-07 2.755731922398589e-07) (f64x2.mul (local.get $r) (v128.const f64x2 2.505210838544172e-08 2.505210838544172e-08))))  ;; 1/10! + r/11!
      (local.set $q6 (f64x2.add (v128.const f64x2 2.08767569878681e-09 2.08767569878681e-09) (f64x2.mul (local.get $r) (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))))  ;; 1/12! + r/13!
      (local.set $q0 (f64x2.add (local.get $q0) (f64x2.mul (local.get $r2) (local.get $q1))))
      (local.set $q2 (f64x2.add (local.get $q2) (f64x2.mul (local.get $r2) (local.get $q3))))
      (local.set $q4 (f64x2.add (local.get $q4) (f64x2.mul (local.get $r2) (local.get $q5))))
      (local.set $q0 (f64x2.add (local.get $q0) (f64x2.mul (local.get $r4) (local.get $q2))))
      (local.set $q4 (f64x2.add (local.get $q4) (f64x2.mul (local.get $r4) (local.get $q6))))
      (local.set $p (f64x2.add (local.get $q0) (f64x2.mul (f64x2.mul (local.get $r4) (local.get $r4)) (local.get $q4))))
      ;; 2^k: k + 1023 (from t's low bits) in the exponent field
      (local.set $e (f64x2.mul (local.get $p) (i64x2.shl (i64x2.add (local.get $t) (v128.const i64x2 1023 1023)) (i32.const 52))))`;

/** The locals EXP uses. */
export const EXP_LOCALS = `(local $x v128) (local $e v128) (local $t v128) (local $k v128) (local $r v128) (local $p v128) (local $r2 v128) (local $r4 v128)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128) (local $q4 v128) (local $q5 v128) (local $q6 v128)`;
