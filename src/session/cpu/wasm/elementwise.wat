;; The CPU backend's float32 elementwise kernels in WebAssembly SIMD; build.mjs
;; assembles them with the matmul kernels into one module at install. They read and write arrays
;; that live in the module's memory (a plan's buffers, the variables, kept copies of feeds), in place.
;; The op-coded kernels, binary and unary, are written from the op list in simd_ops.mjs by
;; elementwise_ops.mjs, softmax by softmax.mjs and sum by sum.mjs; the rest is here.
;;
;; Each computes what the JavaScript kernel computes, to the bit: a float32 add, subtract,
;; multiply, divide, max, min or square root of float32 operands is the double result rounded
;; once, which is what JavaScript's double arithmetic stored into a Float32Array gives. Softmax
;; and sums work in doubles, as the JavaScript kernels do, adding in the same order.

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
