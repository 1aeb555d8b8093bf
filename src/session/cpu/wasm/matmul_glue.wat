;; The glue around the CPU backend's matmul kernels (matmul.wat), in WebAssembly rather than
;; JavaScript because its loops are as long as a side of the product: B's finiteness check, the
;; panels the products read and write, the threads' partial sums, and verify, which checks a
;; kept packed form against the array it was made from. build.mjs assembles it with the others.

  ;; 1 when every float of p[0, n) is finite: x - x is 0 for those, NaN for an infinity or NaN,
  ;; and a NaN survives the sum.
  (func (export "all_finite") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $acc v128) (local $s f32)
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done (loop $vec
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $acc (f32x4.add (local.get $acc) (f32x4.sub (v128.load (local.get $p)) (v128.load (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $vec)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done (loop $tail
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $s (f32.add (local.get $s) (f32.sub (f32.load (local.get $p)) (f32.load (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $tail)))
    (i32.and (i32x4.all_true (f32x4.eq (local.get $acc) (v128.const i32x4 0 0 0 0))) (f32.eq (local.get $s) (f32.const 0))))

;; For mm_nn: B's columns [j0, j0+12) laid out [ceil(K/4)][12][4] at $dst, zero past K and N.
  ;; B is [K, N], or with tb B^T stored [N, K]: element (k, col) lies at k·ks + col·cs. The panel
  ;; is zeroed, then B's w = min(12, N - j0) columns copied in, row k of B into lane k mod 4 of
  ;; group k / 4: for B [K, N], four rows by four columns at a time where whole (a 4×4 block of
  ;; vectors, transposed), then one float at a time.
  (func $panel_rows (export "panel_rows") (param $b i32) (param $K i32) (param $N i32) (param $tb i32) (param $j0 i32) (param $dst i32)
    (local $k i32) (local $j i32) (local $w i32) (local $ks i32) (local $cs i32) (local $src i32) (local $out i32)
    (local $kq i32) (local $w4 i32) (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local.set $ks (i32.shl (select (i32.const 1) (local.get $N) (local.get $tb)) (i32.const 2)))
    (local.set $cs (i32.shl (select (local.get $K) (i32.const 1) (local.get $tb)) (i32.const 2)))
    (local.set $w (select (i32.const 12) (i32.sub (local.get $N) (local.get $j0)) (i32.gt_u (i32.sub (local.get $N) (local.get $j0)) (i32.const 12))))
    (memory.fill (local.get $dst) (i32.const 0) (i32.mul (i32.shr_u (i32.add (local.get $K) (i32.const 3)) (i32.const 2)) (i32.const 192)))
    ;; rows [0, kq) and columns [0, w4) go by blocks; the loop below does the rest
    (if (i32.eqz (local.get $tb))
      (then
        (local.set $kq (i32.and (local.get $K) (i32.const -4)))
        (local.set $w4 (i32.and (local.get $w) (i32.const -4)))
        (block $kb_done (loop $kb
          (br_if $kb_done (i32.ge_u (local.get $k) (local.get $kq)))
          (local.set $src (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $N)) (local.get $j0)) (i32.const 2))))
          (local.set $out (i32.add (local.get $dst) (i32.mul (i32.shr_u (local.get $k) (i32.const 2)) (i32.const 192))))
          (local.set $j (i32.const 0))
          (block $jb_done (loop $jb
            (br_if $jb_done (i32.ge_u (local.get $j) (local.get $w4)))
            (local.set $r0 (v128.load (local.get $src)))
            (local.set $r1 (v128.load (i32.add (local.get $src) (local.get $ks))))
            (local.set $r2 (v128.load (i32.add (local.get $src) (i32.shl (local.get $ks) (i32.const 1)))))
            (local.set $r3 (v128.load (i32.add (local.get $src) (i32.mul (local.get $ks) (i32.const 3)))))
            ;; (r0, r1) interleaved and (r2, r3): then each column's four rows in one vector
            (v128.store offset=0 (local.get $out) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
              (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1))
              (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3))))
            (v128.store offset=16 (local.get $out) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
              (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1))
              (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3))))
            (v128.store offset=32 (local.get $out) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
              (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1))
              (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3))))
            (v128.store offset=48 (local.get $out) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
              (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1))
              (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3))))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 64)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $jb)))
          (local.set $k (i32.add (local.get $k) (i32.const 4)))
          (br $kb)))
        (local.set $k (i32.const 0))))
    (block $k_done (loop $k_loop
      (br_if $k_done (i32.ge_u (local.get $k) (local.get $K)))
      ;; the columns the blocks did not cover: [w4, w) in rows below kq, all of them after
      (local.set $j (select (local.get $w4) (i32.const 0) (i32.lt_u (local.get $k) (local.get $kq))))
      (local.set $src (i32.add (local.get $b) (i32.add (i32.mul (local.get $k) (local.get $ks)) (i32.mul (i32.add (local.get $j0) (local.get $j)) (local.get $cs)))))
      (local.set $out (i32.add (local.get $dst) (i32.add (i32.add (i32.mul (i32.shr_u (local.get $k) (i32.const 2)) (i32.const 192))
                                                                (i32.shl (i32.and (local.get $k) (i32.const 3)) (i32.const 2)))
                                                        (i32.shl (local.get $j) (i32.const 4)))))
      (block $j_done (loop $j_loop
        (br_if $j_done (i32.ge_u (local.get $j) (local.get $w)))
        (f32.store (local.get $out) (f32.load (local.get $src)))
        (local.set $src (i32.add (local.get $src) (local.get $cs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $j_loop)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $k_loop))))

  ;; For mm_tn: G's columns [j0, j0+12) as a [K, 12] panel at $dst, zero past N; G as B above.
  (func $panel_cols (export "panel_cols") (param $g i32) (param $K i32) (param $N i32) (param $tb i32) (param $j0 i32) (param $dst i32)
    (local $k i32) (local $j i32) (local $w i32) (local $ks i32) (local $cs i32) (local $src i32) (local $out i32)
    (local.set $ks (i32.shl (select (i32.const 1) (local.get $N) (local.get $tb)) (i32.const 2)))
    (local.set $cs (i32.shl (select (local.get $K) (i32.const 1) (local.get $tb)) (i32.const 2)))
    (local.set $w (select (i32.const 12) (i32.sub (local.get $N) (local.get $j0)) (i32.gt_u (i32.sub (local.get $N) (local.get $j0)) (i32.const 12))))
    (memory.fill (local.get $dst) (i32.const 0) (i32.mul (local.get $K) (i32.const 48)))
    (block $k_done (loop $k_loop
      (br_if $k_done (i32.ge_u (local.get $k) (local.get $K)))
      (local.set $src (i32.add (local.get $g) (i32.add (i32.mul (local.get $k) (local.get $ks)) (i32.mul (local.get $j0) (local.get $cs)))))
      (local.set $out (i32.add (local.get $dst) (i32.mul (local.get $k) (i32.const 48))))
      (local.set $j (i32.const 0))
      (block $j_done (loop $j_loop
        (br_if $j_done (i32.ge_u (local.get $j) (local.get $w)))
        (f32.store (local.get $out) (f32.load (local.get $src)))
        (local.set $src (i32.add (local.get $src) (local.get $cs)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $j_loop)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $k_loop))))

  ;; C[:, j0 : j0+w] (C [M, N]) from mm_nn's [M, 12] panel: whole vectors, then single floats, so
  ;; nothing outside those columns is written.
  (func $unpanel (export "unpanel") (param $cp i32) (param $M i32) (param $c i32) (param $N i32) (param $j0 i32) (param $w i32)
    (local $i i32) (local $j i32) (local $row i32)
    (local.set $c (i32.add (local.get $c) (i32.shl (local.get $j0) (i32.const 2))))
    (local.set $row (i32.shl (local.get $N) (i32.const 2)))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $M)))
      (local.set $j (i32.const 0))
      (block $vec_done (loop $vec
        (br_if $vec_done (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $w)))
        (v128.store (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))) (v128.load (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $vec)))
      (block $tail_done (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $j) (local.get $w)))
        (f32.store (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))) (f32.load (i32.add (local.get $cp) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tail)))
      (local.set $c (i32.add (local.get $c) (local.get $row)))
      (local.set $cp (i32.add (local.get $cp) (i32.const 48)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; C[:, j0 : j0+w] (C [M, N]) as the sum of mm_tn's T partial panels (their addresses at $parts),
  ;; added in doubles in thread order and rounded once. A partial holds C[4q+l, j] at
  ;; ((q·12 + j)·4 + l): four rows of one column per vector, summed as two f64x2.
  (func $sum_partials (export "sum_partials") (param $parts i32) (param $T i32) (param $M i32) (param $c i32) (param $N i32) (param $j0 i32) (param $w i32)
    (local $q i32) (local $Q i32) (local $j i32) (local $t i32) (local $off i32) (local $lo v128) (local $hi v128) (local $v v128)
    (local $out i32) (local $row i32) (local $rows i32) (local $src i32) (local $u v128) (local $x v128)
    (local.set $Q (i32.shr_u (i32.add (local.get $M) (i32.const 3)) (i32.const 2)))
    (local.set $row (i32.shl (local.get $N) (i32.const 2)))
    (block $q_done (loop $q_loop
      (br_if $q_done (i32.ge_u (local.get $q) (local.get $Q)))
      ;; rows 4q .. 4q+3 that exist
      (local.set $rows (i32.sub (local.get $M) (i32.shl (local.get $q) (i32.const 2))))
      (local.set $j (i32.const 0))
      ;; one partial and four rows: no sum to take, so four columns at a time are transposed (the
      ;; 4×4 block of vectors) into four rows of C and stored whole
      (if (i32.and (i32.eq (local.get $T) (i32.const 1)) (i32.ge_u (local.get $rows) (i32.const 4)))
        (then
          (local.set $src (i32.add (i32.load (local.get $parts)) (i32.mul (local.get $q) (i32.const 192))))
          (local.set $out (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.shl (local.get $q) (i32.const 2)) (local.get $N)) (local.get $j0)) (i32.const 2))))
          (block $quad_done (loop $quad
            (br_if $quad_done (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $w)))
            (local.set $lo (v128.load offset=0 (local.get $src)))
            (local.set $hi (v128.load offset=16 (local.get $src)))
            ;; (c0, c1) interleaved, then (c2, c3): rows 0-1 and rows 2-3 of the block in pairs
            (local.set $v (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $lo) (local.get $hi)))
            (local.set $lo (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $lo) (local.get $hi)))
            (local.set $hi (v128.load offset=32 (local.get $src)))
            (local.set $u (v128.load offset=48 (local.get $src)))
            (local.set $x (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $hi) (local.get $u)))
            (local.set $hi (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $hi) (local.get $u)))
            (v128.store (local.get $out) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $v) (local.get $x)))
            (v128.store (i32.add (local.get $out) (local.get $row)) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $v) (local.get $x)))
            (v128.store (i32.add (local.get $out) (i32.shl (local.get $row) (i32.const 1))) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lo) (local.get $hi)))
            (v128.store (i32.add (local.get $out) (i32.mul (local.get $row) (i32.const 3))) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $lo) (local.get $hi)))
            (local.set $src (i32.add (local.get $src) (i32.const 64)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $quad)))))
      (block $j_done (loop $j_loop
        (br_if $j_done (i32.ge_u (local.get $j) (local.get $w)))
        (local.set $off (i32.shl (i32.add (i32.mul (local.get $q) (i32.const 12)) (local.get $j)) (i32.const 4)))
        (local.set $lo (v128.const i32x4 0 0 0 0))
        (local.set $hi (v128.const i32x4 0 0 0 0))
        (local.set $t (i32.const 0))
        (block $t_done (loop $t_loop
          (br_if $t_done (i32.ge_u (local.get $t) (local.get $T)))
          (local.set $v (v128.load (i32.add (i32.load (i32.add (local.get $parts) (i32.shl (local.get $t) (i32.const 2)))) (local.get $off))))
          (local.set $lo (f64x2.add (local.get $lo) (f64x2.promote_low_f32x4 (local.get $v))))
          (local.set $hi (f64x2.add (local.get $hi) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $t_loop)))
        (local.set $v (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi))))
        (local.set $out (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.shl (local.get $q) (i32.const 2)) (local.get $N)) (i32.add (local.get $j0) (local.get $j))) (i32.const 2))))
        (f32.store (local.get $out) (f32x4.extract_lane 0 (local.get $v)))
        (if (i32.gt_u (local.get $rows) (i32.const 1)) (then (f32.store (i32.add (local.get $out) (local.get $row)) (f32x4.extract_lane 1 (local.get $v)))))
        (if (i32.gt_u (local.get $rows) (i32.const 2)) (then (f32.store (i32.add (local.get $out) (i32.shl (local.get $row) (i32.const 1))) (f32x4.extract_lane 2 (local.get $v)))))
        (if (i32.gt_u (local.get $rows) (i32.const 3)) (then (f32.store (i32.add (local.get $out) (i32.mul (local.get $row) (i32.const 3))) (f32x4.extract_lane 3 (local.get $v)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $j_loop)))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $q_loop))))

;; Checks rows [m0, m1) of A [rows, K] at $a against what `pack` made of them (vals, idx,
  ;; starts, ends as in pack): writes 1 to $bad on any difference. Exact, in two passes per row
  ;; with no chain from one group to the next: A has as many nonzero groups as entries were kept
  ;; (counted first, four groups a step: a sequential read, which brings the row into cache), and
  ;; each kept entry equals A's group at its index (bit for bit), so no other group is nonzero.
  ;; (With dense = 1 every group was kept, and the second pass alone compares them all.) On one
  ;; thread this takes 0.7 ms for the article's x [5500, 784], about a memcmp of it with a copy
  ;; (bench/mm_nn_verify.ts); entries first and one group a step, 1.1 ms.
  (func $verify (export "verify") (param $a i32) (param $K i32) (param $m0 i32) (param $m1 i32)
      (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32) (param $dense i32) (param $bad i32)
    (local $i i32) (local $row i32) (local $p i32) (local $end i32) (local $full i32) (local $q i32) (local $e i32) (local $e_end i32)
    (local $count i32) (local $v v128) (local $tail v128) (local $diff v128)
    (local.set $full (i32.shr_u (local.get $K) (i32.const 2)))
    (local.set $tail (i32x4.lt_s (v128.const i32x4 0 1 2 3) (i32x4.splat (i32.and (local.get $K) (i32.const 3)))))
    (local.set $i (local.get $m0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m1)))
      (local.set $row (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $K)) (i32.const 2))))
      (local.set $e (i32.load (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $e_end (i32.load (i32.add (local.get $ends) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $count (i32.sub (local.get $e_end) (local.get $e)))
      (if (i32.eqz (local.get $dense))
        (then
          ;; A's nonzero groups, counted
          (local.set $p (local.get $row))
          (local.set $end (i32.add (local.get $row) (i32.shl (local.get $full) (i32.const 4))))
          ;; four groups at a time, then the rest one at a time
          (block $fours_done (loop $fours
            (br_if $fours_done (i32.gt_u (i32.add (local.get $p) (i32.const 64)) (local.get $end)))
            (local.set $count (i32.sub (local.get $count)
              (i32.add (i32.add (v128.any_true (v128.load (local.get $p))) (v128.any_true (v128.load offset=16 (local.get $p))))
                       (i32.add (v128.any_true (v128.load offset=32 (local.get $p))) (v128.any_true (v128.load offset=48 (local.get $p)))))))
            (local.set $p (i32.add (local.get $p) (i32.const 64)))
            (br $fours)))
          (block $groups_done (loop $groups
            (br_if $groups_done (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $count (i32.sub (local.get $count) (v128.any_true (v128.load (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $groups)))
          (if (i32.and (local.get $K) (i32.const 3))
            (then (local.set $count (i32.sub (local.get $count) (v128.any_true (v128.and (v128.load (local.get $p)) (local.get $tail)))))))
          (if (local.get $count) (then (i32.store (local.get $bad) (i32.const 1))))))
      ;; the kept entries, against A's groups where they say they came from: whole groups where K is a
      ;; multiple of four; else the partial last group keeps only its first K mod 4 lanes
      (if (i32.and (local.get $K) (i32.const 3))
        (then
          (block $entries_done (loop $entries
            (br_if $entries_done (i32.ge_u (local.get $e) (local.get $e_end)))
            (local.set $q (i32.load (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2)))))
            (local.set $v (v128.and (v128.load (i32.add (local.get $row) (i32.shl (local.get $q) (i32.const 4))))
                                    (v128.or (local.get $tail) (i32x4.splat (i32.sub (i32.const 0) (i32.ne (local.get $q) (local.get $full)))))))
            (local.set $diff (v128.or (local.get $diff) (v128.xor (local.get $v) (v128.load (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 4)))))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $entries))))
        (else
          (block $whole_done (loop $whole
            (br_if $whole_done (i32.ge_u (local.get $e) (local.get $e_end)))
            (local.set $diff (v128.or (local.get $diff) (v128.xor
              (v128.load (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $idx) (i32.shl (local.get $e) (i32.const 2)))) (i32.const 4))))
              (v128.load (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 4)))))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $whole)))))

      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
    (if (v128.any_true (local.get $diff)) (then (i32.store (local.get $bad) (i32.const 1)))))

  ;; C = A·B for all M rows of a packed A, over B's 12-column panels [p0, p1): each panel laid out
  ;; (panel_rows), multiplied (mm_nn) and written into C (unpanel). A thread takes a range of
  ;; panels, so a product with few rows and many columns (a dense layer's) is one job for the
  ;; threads instead of one per panel. Scratch: ceil(K/4)·192 bytes for the panel, then M·48 for C's.
  (func (export "mm_nn_cols") (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $b i32) (param $K i32) (param $N i32) (param $tb i32) (param $c i32) (param $M i32) (param $p0 i32) (param $p1 i32) (param $scratch i32)
    (local $cp i32) (local $j0 i32)
    (local.set $cp (i32.add (local.get $scratch) (i32.mul (i32.shr_u (i32.add (local.get $K) (i32.const 3)) (i32.const 2)) (i32.const 192))))
    (block $done (loop $panels
      (br_if $done (i32.ge_u (local.get $p0) (local.get $p1)))
      (local.set $j0 (i32.mul (local.get $p0) (i32.const 12)))
      (call $panel_rows (local.get $b) (local.get $K) (local.get $N) (local.get $tb) (local.get $j0) (local.get $scratch))
      (call $mm_nn (local.get $vals) (local.get $idx) (local.get $starts) (local.get $ends) (local.get $scratch) (local.get $cp) (i32.const 0) (local.get $M)
        (select (i32.const 12) (i32.sub (local.get $N) (local.get $j0)) (i32.gt_u (i32.sub (local.get $N) (local.get $j0)) (i32.const 12))))
      (call $unpanel (local.get $cp) (local.get $M) (local.get $c) (local.get $N) (local.get $j0)
        (select (i32.const 12) (i32.sub (local.get $N) (local.get $j0)) (i32.gt_u (i32.sub (local.get $N) (local.get $j0)) (i32.const 12))))
      (local.set $p0 (i32.add (local.get $p0) (i32.const 1)))
      (br $panels))))

  ;; C = A^T·G, A packed [K, M] (all K rows), over G's 12-column panels [p0, p1): each panel of G
  ;; laid out (panel_cols), summed over A's rows (mm_tn) and written into C (sum_partials of the one
  ;; partial). Scratch: K·48 bytes for G's panel, ceil(M/4)·192 for the partial, 16 for its list.
  (func (export "mm_tn_cols") (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $g i32) (param $K i32) (param $N i32) (param $tb i32) (param $c i32) (param $M i32) (param $p0 i32) (param $p1 i32) (param $scratch i32)
    (local $ct i32) (local $list i32) (local $Q i32) (local $j0 i32)
    (local.set $Q (i32.shr_u (i32.add (local.get $M) (i32.const 3)) (i32.const 2)))
    (local.set $ct (i32.add (local.get $scratch) (i32.mul (local.get $K) (i32.const 48))))
    (local.set $list (i32.add (local.get $ct) (i32.mul (local.get $Q) (i32.const 192))))
    (i32.store (local.get $list) (local.get $ct))
    (block $done (loop $panels
      (br_if $done (i32.ge_u (local.get $p0) (local.get $p1)))
      (local.set $j0 (i32.mul (local.get $p0) (i32.const 12)))
      (call $panel_cols (local.get $g) (local.get $K) (local.get $N) (local.get $tb) (local.get $j0) (local.get $scratch))
      (memory.fill (local.get $ct) (i32.const 0) (i32.mul (local.get $Q) (i32.const 192)))
      (call $mm_tn_acc (local.get $vals) (local.get $idx) (local.get $starts) (local.get $ends) (local.get $scratch) (local.get $ct) (i32.const 0) (local.get $K)
        (select (i32.const 12) (i32.sub (local.get $N) (local.get $j0)) (i32.gt_u (i32.sub (local.get $N) (local.get $j0)) (i32.const 12))))
      (call $sum_partials (local.get $list) (i32.const 1) (local.get $M) (local.get $c) (local.get $N) (local.get $j0)
        (select (i32.const 12) (i32.sub (local.get $N) (local.get $j0)) (i32.gt_u (i32.sub (local.get $N) (local.get $j0)) (i32.const 12))))
      (local.set $p0 (i32.add (local.get $p0) (i32.const 1)))
      (br $panels))))
