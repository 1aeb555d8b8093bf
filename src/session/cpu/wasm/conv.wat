;; The CPU backend's convolutions in WebAssembly SIMD: im2col fused with matmul.wat's packed products,
;; so the patches never leave the cache. build.mjs assembles this with the others.
;;
;; A convolution is the product of its patches P [M, K] (one row per output position, M = B·OH·OW,
;; K = FH·FW·IC, zeros where a window leaves the input) with the filter [K, N]. Each thread takes a
;; range of P's rows and walks it in chunks of R rows: it writes the chunk's patches into its scratch
;; (im2col_rows), packs them to their nonzero groups of four (matmul.wat's pack: the inputs after a
;; ReLU are mostly zeros), and multiplies the packed chunk by every 12-column panel of the filter
;; (mm_nn) into the output, or (the filter's gradient, P^T·dY) adds the chunk's products with dY's
;; panels to its partial gradient (mm_tn). A chunk's patches, packed form and panel fit in L2.
;;
;; The geometry block $geo holds i32 words: 0 B, 1 IH, 2 IW, 3 IC, 4 FH, 5 FW, 6 N (output
;; channels), 7 OH, 8 OW, 9 sh, 10 sw, 11 dh, 12 dw, 13 padTop, 14 padLeft, 15 K, 16 dense (keep
;; zero groups: the other operand is not all finite), 17 R, 18 P (panels: ceil(N / 12)), 19 Q
;; (ceil(K / 4)), then the byte offsets in a thread's scratch of 20 the packed vals, 21 idx,
;; 22 starts, 23 ends and 24 the product's [R, 12] panel; the chunk's patches lie at offset 0.

  ;; Rows [r0, r1) of the patches of the NHWC input at $x (row r is output position r), written
  ;; from $dst on, K floats a row: the window's (fy, fx, ic) entries, zeros outside the input.
  (func $im2col_rows (param $geo i32) (param $x i32) (param $r0 i32) (param $r1 i32) (param $dst i32)
    (local $IH i32) (local $IW i32) (local $IC4 i32) (local $FH i32) (local $FW i32) (local $OH i32) (local $OW i32)
    (local $sh i32) (local $sw i32) (local $dh i32) (local $dw i32) (local $pt i32) (local $pl i32)
    (local $r i32) (local $t i32) (local $oy i32) (local $ox i32) (local $fy i32) (local $fx i32) (local $iy i32) (local $ix i32)
    (local $img i32) (local $seg i32) (local $lo i32) (local $hi i32)
    (local.set $IH (i32.load offset=4 (local.get $geo)))
    (local.set $IW (i32.load offset=8 (local.get $geo)))
    (local.set $IC4 (i32.shl (i32.load offset=12 (local.get $geo)) (i32.const 2)))
    (local.set $FH (i32.load offset=16 (local.get $geo)))
    (local.set $FW (i32.load offset=20 (local.get $geo)))
    (local.set $OH (i32.load offset=28 (local.get $geo)))
    (local.set $OW (i32.load offset=32 (local.get $geo)))
    (local.set $sh (i32.load offset=36 (local.get $geo)))
    (local.set $sw (i32.load offset=40 (local.get $geo)))
    (local.set $dh (i32.load offset=44 (local.get $geo)))
    (local.set $dw (i32.load offset=48 (local.get $geo)))
    (local.set $pt (i32.load offset=52 (local.get $geo)))
    (local.set $pl (i32.load offset=56 (local.get $geo)))
    ;; a filter row's bytes: FW windows of IC floats
    (local.set $seg (i32.mul (local.get $FW) (local.get $IC4)))
    (local.set $r (local.get $r0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $r1)))
      (local.set $ox (i32.rem_u (local.get $r) (local.get $OW)))
      (local.set $t (i32.div_u (local.get $r) (local.get $OW)))
      (local.set $oy (i32.rem_u (local.get $t) (local.get $OH)))
      ;; the image's first float: b = t / OH
      (local.set $img (i32.add (local.get $x)
        (i32.mul (i32.mul (i32.div_u (local.get $t) (local.get $OH)) (i32.mul (local.get $IH) (local.get $IW))) (local.get $IC4))))
      (local.set $fy (i32.const 0))
      (block $fy_done (loop $fy_loop
        (br_if $fy_done (i32.ge_u (local.get $fy) (local.get $FH)))
        (local.set $iy (i32.sub (i32.add (i32.mul (local.get $oy) (local.get $sh)) (i32.mul (local.get $fy) (local.get $dh))) (local.get $pt)))
        (if (i32.ge_u (local.get $iy) (local.get $IH))
          (then (memory.fill (local.get $dst) (i32.const 0) (local.get $seg)))
          (else
            (if (i32.eq (local.get $dw) (i32.const 1))
              (then
                ;; the windows inside the input are fx in [lo, hi): one copy, zeros either side
                (local.set $lo (i32.sub (local.get $pl) (i32.mul (local.get $ox) (local.get $sw))))
                (local.set $hi (i32.add (local.get $lo) (local.get $IW)))
                (local.set $lo (select (local.get $lo) (i32.const 0) (i32.gt_s (local.get $lo) (i32.const 0))))
                (local.set $lo (select (local.get $lo) (local.get $FW) (i32.lt_s (local.get $lo) (local.get $FW))))
                (local.set $hi (select (local.get $hi) (local.get $FW) (i32.lt_s (local.get $hi) (local.get $FW))))
                (local.set $hi (select (local.get $hi) (local.get $lo) (i32.gt_s (local.get $hi) (local.get $lo))))
                (memory.fill (local.get $dst) (i32.const 0) (i32.mul (local.get $lo) (local.get $IC4)))
                (memory.copy (i32.add (local.get $dst) (i32.mul (local.get $lo) (local.get $IC4)))
                  (i32.add (local.get $img) (i32.mul (i32.sub (i32.add (i32.add (i32.mul (local.get $iy) (local.get $IW)) (i32.mul (local.get $ox) (local.get $sw))) (local.get $lo)) (local.get $pl)) (local.get $IC4)))
                  (i32.mul (i32.sub (local.get $hi) (local.get $lo)) (local.get $IC4)))
                (memory.fill (i32.add (local.get $dst) (i32.mul (local.get $hi) (local.get $IC4))) (i32.const 0) (i32.mul (i32.sub (local.get $FW) (local.get $hi)) (local.get $IC4))))
              (else
                (local.set $fx (i32.const 0))
                (block $fx_done (loop $fx_loop
                  (br_if $fx_done (i32.ge_u (local.get $fx) (local.get $FW)))
                  (local.set $ix (i32.sub (i32.add (i32.mul (local.get $ox) (local.get $sw)) (i32.mul (local.get $fx) (local.get $dw))) (local.get $pl)))
                  (if (i32.lt_u (local.get $ix) (local.get $IW))
                    (then (memory.copy (i32.add (local.get $dst) (i32.mul (local.get $fx) (local.get $IC4)))
                      (i32.add (local.get $img) (i32.mul (i32.add (i32.mul (local.get $iy) (local.get $IW)) (local.get $ix)) (local.get $IC4)))
                      (local.get $IC4)))
                    (else (memory.fill (i32.add (local.get $dst) (i32.mul (local.get $fx) (local.get $IC4))) (i32.const 0) (local.get $IC4))))
                  (local.set $fx (i32.add (local.get $fx) (i32.const 1)))
                  (br $fx_loop)))))))
        (local.set $dst (i32.add (local.get $dst) (local.get $seg)))
        (local.set $fy (i32.add (local.get $fy) (i32.const 1)))
        (br $fy_loop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows))))

  ;; out[r, :] = patches[r, :] · filter for rows r in [m0, m1) (out [M, N]); the filter as its P
  ;; panels at $bp, each laid out for mm_nn ([Q][12][4], Q·192 bytes), one after another.
  (func (export "conv_rows") (param $geo i32) (param $x i32) (param $bp i32) (param $out i32) (param $m0 i32) (param $m1 i32) (param $scratch i32)
    (local $K i32) (local $N i32) (local $R i32) (local $P i32) (local $Q192 i32) (local $dense i32)
    (local $vals i32) (local $idx i32) (local $starts i32) (local $ends i32) (local $cp i32)
    (local $r0 i32) (local $r1 i32) (local $n i32) (local $p i32) (local $j0 i32)
    (local.set $N (i32.load offset=24 (local.get $geo)))
    (local.set $K (i32.load offset=60 (local.get $geo)))
    (local.set $dense (i32.load offset=64 (local.get $geo)))
    (local.set $R (i32.load offset=68 (local.get $geo)))
    (local.set $P (i32.load offset=72 (local.get $geo)))
    (local.set $Q192 (i32.mul (i32.load offset=76 (local.get $geo)) (i32.const 192)))
    (local.set $vals (i32.add (local.get $scratch) (i32.load offset=80 (local.get $geo))))
    (local.set $idx (i32.add (local.get $scratch) (i32.load offset=84 (local.get $geo))))
    (local.set $starts (i32.add (local.get $scratch) (i32.load offset=88 (local.get $geo))))
    (local.set $ends (i32.add (local.get $scratch) (i32.load offset=92 (local.get $geo))))
    (local.set $cp (i32.add (local.get $scratch) (i32.load offset=96 (local.get $geo))))
    (local.set $r0 (local.get $m0))
    (block $chunks_done (loop $chunks
      (br_if $chunks_done (i32.ge_u (local.get $r0) (local.get $m1)))
      (local.set $r1 (i32.add (local.get $r0) (local.get $R)))
      (local.set $r1 (select (local.get $r1) (local.get $m1) (i32.lt_u (local.get $r1) (local.get $m1))))
      (local.set $n (i32.sub (local.get $r1) (local.get $r0)))
      (call $im2col_rows (local.get $geo) (local.get $x) (local.get $r0) (local.get $r1) (local.get $scratch))
      (call $pack (local.get $scratch) (local.get $K) (i32.const 0) (local.get $n)
        (local.get $vals) (local.get $idx) (local.get $starts) (local.get $ends) (local.get $dense))
      (local.set $p (i32.const 0))
      (block $panels_done (loop $panels
        (br_if $panels_done (i32.ge_u (local.get $p) (local.get $P)))
        (local.set $j0 (i32.mul (local.get $p) (i32.const 12)))
        (call $mm_nn (local.get $vals) (local.get $idx) (local.get $starts) (local.get $ends)
          (i32.add (local.get $bp) (i32.mul (local.get $p) (local.get $Q192))) (local.get $cp) (i32.const 0) (local.get $n)
          (select (i32.const 12) (i32.sub (local.get $N) (local.get $j0)) (i32.gt_u (i32.sub (local.get $N) (local.get $j0)) (i32.const 12))))
        (call $unpanel (local.get $cp) (local.get $n) (i32.add (local.get $out) (i32.shl (i32.mul (local.get $r0) (local.get $N)) (i32.const 2)))
          (local.get $N) (local.get $j0)
          (select (i32.const 12) (i32.sub (local.get $N) (local.get $j0)) (i32.gt_u (i32.sub (local.get $N) (local.get $j0)) (i32.const 12))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $panels)))
      (local.set $r0 (local.get $r1))
      (br $chunks))))

  ;; The filter's gradient from rows [m0, m1): patches[m0:m1]^T · dy[m0:m1] (dy [M, N]) into this
  ;; thread's partial at $parts: P panels of mm_tn's layout ([Q][12][4], Q·192 bytes), zeroed here.
  (func (export "conv_filter") (param $geo i32) (param $x i32) (param $dy i32) (param $parts i32) (param $m0 i32) (param $m1 i32) (param $scratch i32)
    (local $K i32) (local $N i32) (local $R i32) (local $P i32) (local $Q192 i32) (local $dense i32)
    (local $vals i32) (local $idx i32) (local $starts i32) (local $ends i32) (local $gp i32)
    (local $r0 i32) (local $r1 i32) (local $n i32) (local $p i32) (local $j0 i32)
    (local.set $N (i32.load offset=24 (local.get $geo)))
    (local.set $K (i32.load offset=60 (local.get $geo)))
    (local.set $dense (i32.load offset=64 (local.get $geo)))
    (local.set $R (i32.load offset=68 (local.get $geo)))
    (local.set $P (i32.load offset=72 (local.get $geo)))
    (local.set $Q192 (i32.mul (i32.load offset=76 (local.get $geo)) (i32.const 192)))
    (local.set $vals (i32.add (local.get $scratch) (i32.load offset=80 (local.get $geo))))
    (local.set $idx (i32.add (local.get $scratch) (i32.load offset=84 (local.get $geo))))
    (local.set $starts (i32.add (local.get $scratch) (i32.load offset=88 (local.get $geo))))
    (local.set $ends (i32.add (local.get $scratch) (i32.load offset=92 (local.get $geo))))
    (local.set $gp (i32.add (local.get $scratch) (i32.load offset=96 (local.get $geo))))
    (memory.fill (local.get $parts) (i32.const 0) (i32.mul (local.get $P) (local.get $Q192)))
    (local.set $r0 (local.get $m0))
    (block $chunks_done (loop $chunks
      (br_if $chunks_done (i32.ge_u (local.get $r0) (local.get $m1)))
      (local.set $r1 (i32.add (local.get $r0) (local.get $R)))
      (local.set $r1 (select (local.get $r1) (local.get $m1) (i32.lt_u (local.get $r1) (local.get $m1))))
      (local.set $n (i32.sub (local.get $r1) (local.get $r0)))
      (call $im2col_rows (local.get $geo) (local.get $x) (local.get $r0) (local.get $r1) (local.get $scratch))
      (local.set $p (i32.const 0))
      (if (i32.eqz (i32.and (local.get $K) (i32.const 3)))
        (then
          ;; whole groups: the dense patches times dy's rows as they lie, the sums in registers (mm_tn_reg)
          (block $reg_done (loop $reg
            (br_if $reg_done (i32.ge_u (local.get $p) (local.get $P)))
            (local.set $j0 (i32.mul (local.get $p) (i32.const 12)))
            (call $mm_tn_reg (local.get $scratch) (i32.shl (local.get $K) (i32.const 2)) (i32.shr_u (local.get $K) (i32.const 2))
              (i32.add (local.get $dy) (i32.shl (i32.add (i32.mul (local.get $r0) (local.get $N)) (local.get $j0)) (i32.const 2)))
              (i32.shl (local.get $N) (i32.const 2))
              (i32.add (local.get $parts) (i32.mul (local.get $p) (local.get $Q192))) (local.get $n)
              (select (i32.const 12) (i32.sub (local.get $N) (local.get $j0)) (i32.gt_u (i32.sub (local.get $N) (local.get $j0)) (i32.const 12))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $reg)))))
      (if (i32.and (local.get $K) (i32.const 3))
        (then (call $pack (local.get $scratch) (local.get $K) (i32.const 0) (local.get $n)
          (local.get $vals) (local.get $idx) (local.get $starts) (local.get $ends) (local.get $dense))))
      (block $panels_done (loop $panels
        (br_if $panels_done (i32.ge_u (local.get $p) (local.get $P)))
        (call $panel_cols (i32.add (local.get $dy) (i32.shl (i32.mul (local.get $r0) (local.get $N)) (i32.const 2)))
          (local.get $n) (local.get $N) (i32.const 0) (i32.mul (local.get $p) (i32.const 12)) (local.get $gp))
        (call $mm_tn_acc (local.get $vals) (local.get $idx) (local.get $starts) (local.get $ends)
          (local.get $gp) (i32.add (local.get $parts) (i32.mul (local.get $p) (local.get $Q192))) (i32.const 0) (local.get $n)
          (select (i32.const 12) (i32.sub (local.get $N) (i32.mul (local.get $p) (i32.const 12))) (i32.gt_u (i32.sub (local.get $N) (i32.mul (local.get $p) (i32.const 12))) (i32.const 12))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $panels)))
      (local.set $r0 (local.get $r1))
      (br $chunks))))
