;; The CPU backend's matmul kernels in WebAssembly SIMD (f32x4); build.mjs assembles them with
;; matmul_glue.wat and elementwise.wat into one module (binary.ts) at install. The row products,
;; mm_nn and mm_nn_verify, are written from one text by mm_nn.mjs, and mm_tn by mm_tn.mjs; pack is here.
;;
;; A matmul runs in two passes. `pack` lists each row's nonzero groups of four entries of A (the
;; group and its index), without a branch: MNIST pixels are ~80% zeros and the images are always
;; the A operand (X·W, and the weight gradient X^T·G), so the lists hold ~30% of A, and the
;; products that follow walk them with no test and no misprediction. A packed A is reused by
;; every product that reads it in a run. Skipping zeros is exact unless the other operand holds
;; an infinity or NaN (0·inf is NaN); the caller then packs with dense = 1, which keeps every group.
;;
;; Both products compute a panel of up to 12 output columns with a v128 accumulator or
;; multiplier per column held in registers (a kernel for each width). Every kernel takes a range of rows, the unit of work the thread
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
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $f0 i32) (local $f1 i32) (local $f2 i32) (local $f3 i32)
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
      ;; four groups at a time: their loads and tests first, then the stores (no chain between them)
      (block $quads_done (loop $quads
        (br_if $quads_done (i32.gt_u (i32.add (local.get $q) (i32.const 4)) (local.get $full)))
        (local.set $v0 (v128.load offset=0 (local.get $p)))
        (local.set $v1 (v128.load offset=16 (local.get $p)))
        (local.set $v2 (v128.load offset=32 (local.get $p)))
        (local.set $v3 (v128.load offset=48 (local.get $p)))
        (local.set $f0 (i32.or (local.get $dense) (v128.any_true (local.get $v0))))
        (local.set $f1 (i32.or (local.get $dense) (v128.any_true (local.get $v1))))
        (local.set $f2 (i32.or (local.get $dense) (v128.any_true (local.get $v2))))
        (local.set $f3 (i32.or (local.get $dense) (v128.any_true (local.get $v3))))
        (v128.store (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 4))) (local.get $v0))
        (i32.store (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2))) (local.get $q))
        (local.set $e (i32.add (local.get $e) (local.get $f0)))
        (v128.store (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 4))) (local.get $v1))
        (i32.store (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2))) (i32.add (local.get $q) (i32.const 1)))
        (local.set $e (i32.add (local.get $e) (local.get $f1)))
        (v128.store (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 4))) (local.get $v2))
        (i32.store (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2))) (i32.add (local.get $q) (i32.const 2)))
        (local.set $e (i32.add (local.get $e) (local.get $f2)))
        (v128.store (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 4))) (local.get $v3))
        (i32.store (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2))) (i32.add (local.get $q) (i32.const 3)))
        (local.set $e (i32.add (local.get $e) (local.get $f3)))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $quads)))
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
