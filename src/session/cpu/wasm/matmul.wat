;; The CPU backend's matmul kernels in WebAssembly SIMD (f32x4); build.mjs assembles them with
;; matmul_glue.wat and elementwise.wat into one module (binary.ts) at install. The row products,
;; mm_nn and mm_nn_verify, are written from one text by mm_nn.mjs; pack and mm_tn are here.
;;
;; A matmul runs in two passes. `pack` lists each row's nonzero groups of four entries of A (the
;; group and its index), without a branch: MNIST pixels are ~80% zeros and the images are always
;; the A operand (X·W, and the weight gradient X^T·G), so the lists hold ~30% of A, and the
;; products that follow walk them with no test and no misprediction. A packed A is reused by
;; every product that reads it in a run. Skipping zeros is exact unless the other operand holds
;; an infinity or NaN (0·inf is NaN); the caller then packs with dense = 1, which keeps every group.
;;
;; Both products compute a panel of 12 output columns with twelve v128 accumulators or
;; multipliers held in registers. Every kernel takes a range of rows, the unit of work the thread
;; pool hands out, and writes only what belongs to that range. Loads may read up to 12 bytes
;; past the end of A: the caller allocates that slack.
;;
;; Packed layout, for A with rows of K entries and Q = ceil(K/4) groups per row: entry e is the
;; group vals[e] (v128) with its index idx[e] (i32); row i owns entries [starts[i], ends[i]).
;; Rows [m0, m1) fill entries from m0·Q on, so threads packing different rows never collide.

  ;; Packs rows [m0, m1) of A [rows, K] (matmul.wat's opening comment describes the layout).
  (func $pack (export "pack") (param $a i32) (param $K i32) (param $m0 i32) (param $m1 i32)
      (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32) (param $dense i32)
    (local $i i32) (local $p i32) (local $q i32) (local $full i32) (local $e i32) (local $v v128) (local $tail v128)
    (local.set $full (i32.shr_u (local.get $K) (i32.const 2)))
    ;; keeps the first K mod 4 lanes of a row's last, partial group (the rest belongs to the next row)
    (local.set $tail (i32x4.lt_s (v128.const i32x4 0 1 2 3) (i32x4.splat (i32.and (local.get $K) (i32.const 3)))))
    (local.set $e (i32.mul (local.get $m0) (i32.shr_u (i32.add (local.get $K) (i32.const 3)) (i32.const 2))))
    (local.set $i (local.get $m0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m1)))
      (local.set $p (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $K)) (i32.const 2))))
      (i32.store (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2))) (local.get $e))
      (local.set $q (i32.const 0))
      (block $groups_done (loop $groups
        (br_if $groups_done (i32.ge_u (local.get $q) (local.get $full)))
        (local.set $v (v128.load (local.get $p)))
        ;; always store; keep the entry (advance e) only when the group has a nonzero
        (v128.store (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 4))) (local.get $v))
        (i32.store (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2))) (local.get $q))
        (local.set $e (i32.add (local.get $e) (i32.or (local.get $dense) (v128.any_true (local.get $v)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $groups)))
      (if (i32.and (local.get $K) (i32.const 3))
        (then
          (local.set $v (v128.and (v128.load (local.get $p)) (local.get $tail)))
          (v128.store (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 4))) (local.get $v))
          (i32.store (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2))) (local.get $q))
          (local.set $e (i32.add (local.get $e) (i32.or (local.get $dense) (v128.any_true (local.get $v)))))))
      (i32.store (i32.add (local.get $ends) (i32.shl (local.get $i) (i32.const 2))) (local.get $e))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; CT = Σ_k A[k, :] ⊗ G[k, 0:12] over rows k in [k0, k1) of a packed A stored [K, M]: the
  ;; partial A^T·G of those rows, so the weight gradient X^T·G reads X as it lies. G is a [K, 12]
  ;; panel; CT, zeroed here, is laid out [Q][12][4] (C[4q+l, j] at ((q·12 + j)·4 + l)), Q groups.
  ;; Each group of A updates twelve adjacent vectors of CT, which stays in L1/L2 (37 KB for MNIST).
  (func (export "mm_tn") (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $g i32) (param $ct i32) (param $k0 i32) (param $k1 i32) (param $Q i32)
    (memory.fill (local.get $ct) (i32.const 0) (i32.mul (local.get $Q) (i32.const 192)))
    (call $mm_tn_acc (local.get $vals) (local.get $idx) (local.get $starts) (local.get $ends)
      (local.get $g) (local.get $ct) (local.get $k0) (local.get $k1)))

  ;; mm_tn without the zeroing: adds rows [k0, k1)'s products to CT as it holds them (conv.wat adds
  ;; a convolution's patches to the filter's gradient chunk by chunk).
  (func $mm_tn_acc (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $g i32) (param $ct i32) (param $k0 i32) (param $k1 i32)
    (local $k i32) (local $vp i32) (local $vend i32) (local $ip i32) (local $gp i32) (local $cp i32) (local $v v128)
    (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128) (local $g4 v128) (local $g5 v128) (local $g6 v128) (local $g7 v128) (local $g8 v128) (local $g9 v128) (local $g10 v128) (local $g11 v128)
    (local.set $k (local.get $k0))
    (local.set $gp (i32.add (local.get $g) (i32.mul (local.get $k0) (i32.const 48))))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $k) (local.get $k1)))
      (local.set $g0 (v128.load32_splat offset=0 (local.get $gp)))
      (local.set $g1 (v128.load32_splat offset=4 (local.get $gp)))
      (local.set $g2 (v128.load32_splat offset=8 (local.get $gp)))
      (local.set $g3 (v128.load32_splat offset=12 (local.get $gp)))
      (local.set $g4 (v128.load32_splat offset=16 (local.get $gp)))
      (local.set $g5 (v128.load32_splat offset=20 (local.get $gp)))
      (local.set $g6 (v128.load32_splat offset=24 (local.get $gp)))
      (local.set $g7 (v128.load32_splat offset=28 (local.get $gp)))
      (local.set $g8 (v128.load32_splat offset=32 (local.get $gp)))
      (local.set $g9 (v128.load32_splat offset=36 (local.get $gp)))
      (local.set $g10 (v128.load32_splat offset=40 (local.get $gp)))
      (local.set $g11 (v128.load32_splat offset=44 (local.get $gp)))
      (local.set $vp (i32.load (i32.add (local.get $starts) (i32.shl (local.get $k) (i32.const 2)))))
      (local.set $vend (i32.add (local.get $vals) (i32.shl (i32.load (i32.add (local.get $ends) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 4))))
      (local.set $ip (i32.add (local.get $idx) (i32.shl (local.get $vp) (i32.const 2))))
      (local.set $vp (i32.add (local.get $vals) (i32.shl (local.get $vp) (i32.const 4))))
      (block $entries_done (loop $entries
        (br_if $entries_done (i32.ge_u (local.get $vp) (local.get $vend)))
        (local.set $v (v128.load (local.get $vp)))
        (local.set $cp (i32.add (local.get $ct) (i32.mul (i32.load (local.get $ip)) (i32.const 192))))
        (v128.store offset=0 (local.get $cp) (f32x4.add (v128.load offset=0 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g0))))
        (v128.store offset=16 (local.get $cp) (f32x4.add (v128.load offset=16 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g1))))
        (v128.store offset=32 (local.get $cp) (f32x4.add (v128.load offset=32 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g2))))
        (v128.store offset=48 (local.get $cp) (f32x4.add (v128.load offset=48 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g3))))
        (v128.store offset=64 (local.get $cp) (f32x4.add (v128.load offset=64 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g4))))
        (v128.store offset=80 (local.get $cp) (f32x4.add (v128.load offset=80 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g5))))
        (v128.store offset=96 (local.get $cp) (f32x4.add (v128.load offset=96 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g6))))
        (v128.store offset=112 (local.get $cp) (f32x4.add (v128.load offset=112 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g7))))
        (v128.store offset=128 (local.get $cp) (f32x4.add (v128.load offset=128 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g8))))
        (v128.store offset=144 (local.get $cp) (f32x4.add (v128.load offset=144 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g9))))
        (v128.store offset=160 (local.get $cp) (f32x4.add (v128.load offset=160 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g10))))
        (v128.store offset=176 (local.get $cp) (f32x4.add (v128.load offset=176 (local.get $cp)) (f32x4.mul (local.get $v) (local.get $g11))))
        (local.set $vp (i32.add (local.get $vp) (i32.const 16)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (br $entries)))
      (local.set $gp (i32.add (local.get $gp) (i32.const 48)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows))))
