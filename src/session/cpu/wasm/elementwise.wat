;; The CPU backend's float32 elementwise and sum kernels in WebAssembly SIMD; build.mjs
;; assembles them with the matmul kernels into one module at install. They read and write arrays
;; that live in the module's memory (a plan's buffers, the variables, kept copies of feeds), in place.
;; The op-coded kernels, binary and unary, are written from the op list in simd_ops.mjs by
;; elementwise_ops.mjs, and softmax by softmax.mjs; the rest is here.
;;
;; Each computes what the JavaScript kernel computes, to the bit: a float32 add, subtract,
;; multiply, divide, max, min or square root of float32 operands is the double result rounded
;; once, which is what JavaScript's double arithmetic stored into a Float32Array gives. Softmax
;; and sums work in doubles, as the JavaScript kernels do, adding in the same order.

;; o[a, i] = (Σ_r x[a, r, i]) / div over a contiguous [A, R, I]: sums in doubles, r ascending (as
  ;; the JavaScript kernel adds), two i at a time; each divided once (div = 1 for a sum) and rounded
  ;; once to float32. A sum that rounds to ±inf in float32 is stored as that (a float32 mean of it
  ;; overflows before dividing, as TF1's float accumulator and NumPy's do, and the JavaScript kernel).
  ;; Each output's sum is a chain of R additions that must stay in order; the kernel keeps several
  ;; chains going at once so the processor overlaps them: eight i at a time (four pairs) where I has
  ;; them, and with I = 1 (rows summed) four rows at a time.
  (func (export "sum") (param $x i32) (param $A i32) (param $R i32) (param $I i32) (param $o i32) (param $div f64)
    (local $a i32) (local $i i32) (local $r i32) (local $p i32) (local $row i32) (local $acc v128) (local $s f64)
    (local $sum32 v128) (local $t f32)
    (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $q i32) (local $len i32)
    (local.set $row (i32.shl (local.get $I) (i32.const 2)))
    ;; rows summed (I = 1): four rows' chains at once, the rows R floats apart
    (if (i32.eq (local.get $I) (i32.const 1))
      (then
        (local.set $len (i32.shl (local.get $R) (i32.const 2)))
        (block $quads_done (loop $quads
          (br_if $quads_done (i32.gt_u (i32.add (local.get $a) (i32.const 4)) (local.get $A)))
          (local.set $s (f64.const 0)) (local.set $s1 (f64.const 0)) (local.set $s2 (f64.const 0)) (local.set $s3 (f64.const 0))
          (local.set $p (local.get $x))
          (local.set $q (i32.add (local.get $x) (local.get $len)))
          (block $r_done (loop $r_loop
            (br_if $r_done (i32.ge_u (local.get $p) (local.get $q)))
            (local.set $s (f64.add (local.get $s) (f64.promote_f32 (f32.load (local.get $p)))))
            (local.set $s1 (f64.add (local.get $s1) (f64.promote_f32 (f32.load (i32.add (local.get $p) (local.get $len))))))
            (local.set $s2 (f64.add (local.get $s2) (f64.promote_f32 (f32.load (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 1)))))))
            (local.set $s3 (f64.add (local.get $s3) (f64.promote_f32 (f32.load (i32.add (local.get $p) (i32.mul (local.get $len) (i32.const 3)))))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $r_loop)))
          (local.set $t (f32.demote_f64 (local.get $s)))
          (f32.store (local.get $o)
            (select (local.get $t) (f32.demote_f64 (f64.div (local.get $s) (local.get $div))) (f32.eq (f32.abs (local.get $t)) (f32.const inf))))
          (local.set $o (i32.add (local.get $o) (i32.const 4)))
          (local.set $t (f32.demote_f64 (local.get $s1)))
          (f32.store (local.get $o)
            (select (local.get $t) (f32.demote_f64 (f64.div (local.get $s1) (local.get $div))) (f32.eq (f32.abs (local.get $t)) (f32.const inf))))
          (local.set $o (i32.add (local.get $o) (i32.const 4)))
          (local.set $t (f32.demote_f64 (local.get $s2)))
          (f32.store (local.get $o)
            (select (local.get $t) (f32.demote_f64 (f64.div (local.get $s2) (local.get $div))) (f32.eq (f32.abs (local.get $t)) (f32.const inf))))
          (local.set $o (i32.add (local.get $o) (i32.const 4)))
          (local.set $t (f32.demote_f64 (local.get $s3)))
          (f32.store (local.get $o)
            (select (local.get $t) (f32.demote_f64 (f64.div (local.get $s3) (local.get $div))) (f32.eq (f32.abs (local.get $t)) (f32.const inf))))
          (local.set $o (i32.add (local.get $o) (i32.const 4)))
          (local.set $x (i32.add (local.get $x) (i32.shl (local.get $len) (i32.const 2))))
          (local.set $a (i32.add (local.get $a) (i32.const 4)))
          (br $quads)))))
    (block $a_done (loop $a_loop
      (br_if $a_done (i32.ge_u (local.get $a) (local.get $A)))
      (local.set $i (i32.const 0))
      ;; four pairs of i at once
      (block $octets_done (loop $octets
        (br_if $octets_done (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $I)))
        (local.set $acc (v128.const i32x4 0 0 0 0)) (local.set $acc1 (v128.const i32x4 0 0 0 0))
        (local.set $acc2 (v128.const i32x4 0 0 0 0)) (local.set $acc3 (v128.const i32x4 0 0 0 0))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $r (i32.const 0))
        (block $r_done (loop $r_loop
          (br_if $r_done (i32.ge_u (local.get $r) (local.get $R)))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p)))))
          (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $p)))))
          (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.promote_low_f32x4 (v128.load64_zero offset=16 (local.get $p)))))
          (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.promote_low_f32x4 (v128.load64_zero offset=24 (local.get $p)))))
          (local.set $p (i32.add (local.get $p) (local.get $row)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $r_loop)))
        (local.set $sum32 (f32x4.demote_f64x2_zero (local.get $acc)))
        (v128.store64_lane 0 (local.get $o)
          (v128.bitselect (local.get $sum32)
            (f32x4.demote_f64x2_zero (f64x2.div (local.get $acc) (f64x2.splat (local.get $div))))
            (f32x4.eq (f32x4.abs (local.get $sum32)) (v128.const f32x4 inf inf inf inf))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $sum32 (f32x4.demote_f64x2_zero (local.get $acc1)))
        (v128.store64_lane 0 (local.get $o)
          (v128.bitselect (local.get $sum32)
            (f32x4.demote_f64x2_zero (f64x2.div (local.get $acc1) (f64x2.splat (local.get $div))))
            (f32x4.eq (f32x4.abs (local.get $sum32)) (v128.const f32x4 inf inf inf inf))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $sum32 (f32x4.demote_f64x2_zero (local.get $acc2)))
        (v128.store64_lane 0 (local.get $o)
          (v128.bitselect (local.get $sum32)
            (f32x4.demote_f64x2_zero (f64x2.div (local.get $acc2) (f64x2.splat (local.get $div))))
            (f32x4.eq (f32x4.abs (local.get $sum32)) (v128.const f32x4 inf inf inf inf))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $sum32 (f32x4.demote_f64x2_zero (local.get $acc3)))
        (v128.store64_lane 0 (local.get $o)
          (v128.bitselect (local.get $sum32)
            (f32x4.demote_f64x2_zero (f64x2.div (local.get $acc3) (f64x2.splat (local.get $div))))
            (f32x4.eq (f32x4.abs (local.get $sum32)) (v128.const f32x4 inf inf inf inf))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $octets)))
      (block $pairs_done (loop $pairs
        (br_if $pairs_done (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $I)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $r (i32.const 0))
        (block $r_done (loop $r_loop
          (br_if $r_done (i32.ge_u (local.get $r) (local.get $R)))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p)))))
          (local.set $p (i32.add (local.get $p) (local.get $row)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $r_loop)))
        (local.set $sum32 (f32x4.demote_f64x2_zero (local.get $acc)))
        (v128.store64_lane 0 (local.get $o)
          (v128.bitselect (local.get $sum32)
            (f32x4.demote_f64x2_zero (f64x2.div (local.get $acc) (f64x2.splat (local.get $div))))
            (f32x4.eq (f32x4.abs (local.get $sum32)) (v128.const f32x4 inf inf inf inf))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pairs)))
      (if (i32.lt_u (local.get $i) (local.get $I))
        (then
          (local.set $s (f64.const 0))
          (local.set $p (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2))))
          (local.set $r (i32.const 0))
          (block $r_done (loop $r_loop
            (br_if $r_done (i32.ge_u (local.get $r) (local.get $R)))
            (local.set $s (f64.add (local.get $s) (f64.promote_f32 (f32.load (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (local.get $row)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $r_loop)))
          (local.set $t (f32.demote_f64 (local.get $s)))
          (f32.store (local.get $o)
            (select (local.get $t) (f32.demote_f64 (f64.div (local.get $s) (local.get $div))) (f32.eq (f32.abs (local.get $t)) (f32.const inf))))
          (local.set $o (i32.add (local.get $o) (i32.const 4)))))
      (local.set $x (i32.add (local.get $x) (i32.mul (local.get $R) (local.get $row))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $a_loop))))

  ;; ApplyGradientDescent on float32: v[i] -= f32(alpha · d[i]), the product rounded to float32
  ;; before the subtraction, as TF1 does (and the JavaScript kernel): whole vectors, then single
  ;; floats.
  (func (export "apply_gd") (param $v i32) (param $alpha f32) (param $d i32) (param $n i32)
    (local $end i32) (local $a v128)
    (local.set $a (f32x4.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $v) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
      (v128.store (local.get $v) (f32x4.sub (v128.load (local.get $v)) (f32x4.mul (local.get $a) (v128.load (local.get $d)))))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (local.set $d (i32.add (local.get $d) (i32.const 16)))
      (br $vec)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done (loop $tail
      (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
      (f32.store (local.get $v) (f32.sub (f32.load (local.get $v)) (f32.mul (local.get $alpha) (f32.load (local.get $d)))))
      (local.set $v (i32.add (local.get $v) (i32.const 4)))
      (local.set $d (i32.add (local.get $d) (i32.const 4)))
      (br $tail))))

  ;; TF1's Adam on float32 in place (training.ts's applyAdam, every operation rounded to float32):
  ;; m += (g − m)·c1; v += (g² − v)·c2; w −= num / (√v + eps), num = m·alpha, or with Nesterov
  ;; (g·c1 + b1·m)·alpha. The scalars come from the JavaScript kernel, already float32.
  (func (export "apply_adam") (param $w i32) (param $m i32) (param $v i32) (param $g i32) (param $n i32)
      (param $alpha f32) (param $c1 f32) (param $c2 f32) (param $b1 f32) (param $eps f32) (param $nesterov i32)
    (local $end i32) (local $A v128) (local $C1 v128) (local $C2 v128) (local $B1 v128) (local $E v128)
    (local $gi v128) (local $mi v128) (local $vi v128) (local $num v128)
    (local $sg f32) (local $sm f32) (local $sv f32) (local $sn f32)
    (local.set $A (f32x4.splat (local.get $alpha)))
    (local.set $C1 (f32x4.splat (local.get $c1)))
    (local.set $C2 (f32x4.splat (local.get $c2)))
    (local.set $B1 (f32x4.splat (local.get $b1)))
    (local.set $E (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $w) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
      (local.set $gi (v128.load (local.get $g)))
      (local.set $mi (v128.load (local.get $m)))
      (local.set $vi (v128.load (local.get $v)))
      (local.set $mi (f32x4.add (local.get $mi) (f32x4.mul (f32x4.sub (local.get $gi) (local.get $mi)) (local.get $C1))))
      (local.set $vi (f32x4.add (local.get $vi) (f32x4.mul (f32x4.sub (f32x4.mul (local.get $gi) (local.get $gi)) (local.get $vi)) (local.get $C2))))
      (v128.store (local.get $m) (local.get $mi))
      (v128.store (local.get $v) (local.get $vi))
      (local.set $num (if (result v128) (local.get $nesterov)
        (then (f32x4.mul (f32x4.add (f32x4.mul (local.get $gi) (local.get $C1)) (f32x4.mul (local.get $B1) (local.get $mi))) (local.get $A)))
        (else (f32x4.mul (local.get $mi) (local.get $A)))))
      (v128.store (local.get $w) (f32x4.sub (v128.load (local.get $w)) (f32x4.div (local.get $num) (f32x4.add (f32x4.sqrt (local.get $vi)) (local.get $E)))))
      (local.set $w (i32.add (local.get $w) (i32.const 16)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (br $vec)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done (loop $tail
      (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
      (local.set $sg (f32.load (local.get $g)))
      (local.set $sm (f32.load (local.get $m)))
      (local.set $sv (f32.load (local.get $v)))
      (local.set $sm (f32.add (local.get $sm) (f32.mul (f32.sub (local.get $sg) (local.get $sm)) (local.get $c1))))
      (local.set $sv (f32.add (local.get $sv) (f32.mul (f32.sub (f32.mul (local.get $sg) (local.get $sg)) (local.get $sv)) (local.get $c2))))
      (f32.store (local.get $m) (local.get $sm))
      (f32.store (local.get $v) (local.get $sv))
      (local.set $sn (if (result f32) (local.get $nesterov)
        (then (f32.mul (f32.add (f32.mul (local.get $sg) (local.get $c1)) (f32.mul (local.get $b1) (local.get $sm))) (local.get $alpha)))
        (else (f32.mul (local.get $sm) (local.get $alpha)))))
      (f32.store (local.get $w) (f32.sub (f32.load (local.get $w)) (f32.div (local.get $sn) (f32.add (f32.sqrt (local.get $sv)) (local.get $eps)))))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (local.set $m (i32.add (local.get $m) (i32.const 4)))
      (local.set $v (i32.add (local.get $v) (i32.const 4)))
      (local.set $g (i32.add (local.get $g) (i32.const 4)))
      (br $tail))))
