;; MaxPool, MaxPoolGrad, MaxPoolGradGrad, AvgPool and AvgPoolGrad on NHWC float32 in WebAssembly SIMD, four channels at a time (the
;; channels are contiguous in NHWC), as kernels/nn_pool.ts computes them to the bit: a window's
;; element is its first maximum in row-major order (a later one replaces it only when strictly
;; greater, so a NaN never does, and a NaN first stays), and the gradient goes to that element.
;; build.mjs assembles this with the others.
;;
;; The geometry block $geo holds i32 words: 0 N, 1 H, 2 W, 3 C, 4 oh, 5 ow, 6 kh, 7 kw, 8 sh,
;; 9 sw, 10 padTop, 11 padLeft. Every window must hold an element (the caller checks).

  ;; Output pixels [p0, p1) (flat over N·oh·ow): with $grad = 0 the maximum of each window into
  ;; $out [.., C]; with 1 each window's gradient $dy [.., C] added (in float32) at its maximum's
  ;; place in $out (the input's gradient, zeroed by the caller; windows must not overlap for the
  ;; float32 sums to equal the kernel's, which the caller checks); with 2 (MaxPoolGradGrad) $dy,
  ;; the input's shape, read at each window's maximum into $out [.., C].
  (func (export "max_pool") (param $geo i32) (param $x i32) (param $out i32) (param $dy i32) (param $grad i32) (param $p0 i32) (param $p1 i32)
    (local $H i32) (local $W i32) (local $C i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32)
    (local $sh i32) (local $sw i32) (local $pt i32) (local $pl i32)
    (local $p i32) (local $t i32) (local $n i32) (local $y i32) (local $xo i32) (local $hs i32) (local $he i32) (local $ws i32) (local $we i32)
    (local $h i32) (local $w i32) (local $c i32) (local $first i32) (local $at i32) (local $o i32)
    (local $best v128) (local $bidx v128) (local $v v128) (local $m v128)
    (local $sb f32) (local $sv f32) (local $si i32)
    (local.set $H (i32.load offset=4 (local.get $geo)))
    (local.set $W (i32.load offset=8 (local.get $geo)))
    (local.set $C (i32.load offset=12 (local.get $geo)))
    (local.set $oh (i32.load offset=16 (local.get $geo)))
    (local.set $ow (i32.load offset=20 (local.get $geo)))
    (local.set $kh (i32.load offset=24 (local.get $geo)))
    (local.set $kw (i32.load offset=28 (local.get $geo)))
    (local.set $sh (i32.load offset=32 (local.get $geo)))
    (local.set $sw (i32.load offset=36 (local.get $geo)))
    (local.set $pt (i32.load offset=40 (local.get $geo)))
    (local.set $pl (i32.load offset=44 (local.get $geo)))
    (local.set $p (local.get $p0))
    (block $pixels_done (loop $pixels
      (br_if $pixels_done (i32.ge_u (local.get $p) (local.get $p1)))
      (local.set $xo (i32.rem_u (local.get $p) (local.get $ow)))
      (local.set $t (i32.div_u (local.get $p) (local.get $ow)))
      (local.set $y (i32.rem_u (local.get $t) (local.get $oh)))
      (local.set $n (i32.div_u (local.get $t) (local.get $oh)))
      ;; the window's clamped rows [hs, he) and columns [ws, we)
      (local.set $hs (i32.sub (i32.mul (local.get $y) (local.get $sh)) (local.get $pt)))
      (local.set $he (i32.add (local.get $hs) (local.get $kh)))
      (local.set $he (select (local.get $he) (local.get $H) (i32.lt_s (local.get $he) (local.get $H))))
      (local.set $hs (select (local.get $hs) (i32.const 0) (i32.gt_s (local.get $hs) (i32.const 0))))
      (local.set $ws (i32.sub (i32.mul (local.get $xo) (local.get $sw)) (local.get $pl)))
      (local.set $we (i32.add (local.get $ws) (local.get $kw)))
      (local.set $we (select (local.get $we) (local.get $W) (i32.lt_s (local.get $we) (local.get $W))))
      (local.set $ws (select (local.get $ws) (i32.const 0) (i32.gt_s (local.get $ws) (i32.const 0))))
      ;; element index of the window's first element, channel 0
      (local.set $first (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H)) (local.get $hs)) (local.get $W)) (local.get $ws)) (local.get $C)))
      (local.set $o (i32.mul (local.get $p) (local.get $C)))
      (local.set $c (i32.const 0))
      ;; four channels at a time
      (block $vec_done (loop $vec
        (br_if $vec_done (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $C)))
        (local.set $bidx (i32x4.add (i32x4.splat (i32.add (local.get $first) (local.get $c))) (v128.const i32x4 0 1 2 3)))
        (local.set $best (v128.load (i32.add (local.get $x) (i32.shl (i32.add (local.get $first) (local.get $c)) (i32.const 2)))))
        (local.set $h (local.get $hs))
        (block $h_done (loop $h_loop
          (br_if $h_done (i32.ge_s (local.get $h) (local.get $he)))
          (local.set $w (local.get $ws))
          (block $w_done (loop $w_loop
            (br_if $w_done (i32.ge_s (local.get $w) (local.get $we)))
            (local.set $at (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c)))
            (local.set $v (v128.load (i32.add (local.get $x) (i32.shl (local.get $at) (i32.const 2)))))
            (local.set $m (f32x4.lt (local.get $best) (local.get $v)))
            (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $m)))
            (local.set $bidx (v128.bitselect (i32x4.add (i32x4.splat (local.get $at)) (v128.const i32x4 0 1 2 3)) (local.get $bidx) (local.get $m)))
            (local.set $w (i32.add (local.get $w) (i32.const 1)))
            (br $w_loop)))
          (local.set $h (i32.add (local.get $h) (i32.const 1)))
          (br $h_loop)))
        (if (i32.eq (local.get $grad) (i32.const 2))
          (then
            ;; MaxPoolGradGrad: the gradient's gradient $dy (the input's shape) at each maximum
            (local.set $at (i32.add (local.get $out) (i32.shl (i32.add (local.get $o) (local.get $c)) (i32.const 2))))
            (f32.store offset=0 (local.get $at) (f32.load (i32.add (local.get $dy) (i32.shl (i32x4.extract_lane 0 (local.get $bidx)) (i32.const 2)))))
            (f32.store offset=4 (local.get $at) (f32.load (i32.add (local.get $dy) (i32.shl (i32x4.extract_lane 1 (local.get $bidx)) (i32.const 2)))))
            (f32.store offset=8 (local.get $at) (f32.load (i32.add (local.get $dy) (i32.shl (i32x4.extract_lane 2 (local.get $bidx)) (i32.const 2)))))
            (f32.store offset=12 (local.get $at) (f32.load (i32.add (local.get $dy) (i32.shl (i32x4.extract_lane 3 (local.get $bidx)) (i32.const 2)))))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $vec)))
        (if (local.get $grad)
          (then
            (local.set $at (i32.add (local.get $dy) (i32.shl (i32.add (local.get $o) (local.get $c)) (i32.const 2))))
            (local.set $si (i32.add (local.get $out) (i32.shl (i32x4.extract_lane 0 (local.get $bidx)) (i32.const 2))))
            (f32.store (local.get $si) (f32.add (f32.load (local.get $si)) (f32.load offset=0 (local.get $at))))
            (local.set $si (i32.add (local.get $out) (i32.shl (i32x4.extract_lane 1 (local.get $bidx)) (i32.const 2))))
            (f32.store (local.get $si) (f32.add (f32.load (local.get $si)) (f32.load offset=4 (local.get $at))))
            (local.set $si (i32.add (local.get $out) (i32.shl (i32x4.extract_lane 2 (local.get $bidx)) (i32.const 2))))
            (f32.store (local.get $si) (f32.add (f32.load (local.get $si)) (f32.load offset=8 (local.get $at))))
            (local.set $si (i32.add (local.get $out) (i32.shl (i32x4.extract_lane 3 (local.get $bidx)) (i32.const 2))))
            (f32.store (local.get $si) (f32.add (f32.load (local.get $si)) (f32.load offset=12 (local.get $at)))))
          (else (v128.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $o) (local.get $c)) (i32.const 2))) (local.get $best))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $vec)))
      ;; the last C mod 4 channels one at a time
      (block $tail_done (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $c) (local.get $C)))
        (local.set $si (i32.add (local.get $first) (local.get $c)))
        (local.set $sb (f32.load (i32.add (local.get $x) (i32.shl (local.get $si) (i32.const 2)))))
        (local.set $h (local.get $hs))
        (block $h_done (loop $h_loop
          (br_if $h_done (i32.ge_s (local.get $h) (local.get $he)))
          (local.set $w (local.get $ws))
          (block $w_done (loop $w_loop
            (br_if $w_done (i32.ge_s (local.get $w) (local.get $we)))
            (local.set $at (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c)))
            (local.set $sv (f32.load (i32.add (local.get $x) (i32.shl (local.get $at) (i32.const 2)))))
            (if (f32.lt (local.get $sb) (local.get $sv))
              (then (local.set $sb (local.get $sv)) (local.set $si (local.get $at))))
            (local.set $w (i32.add (local.get $w) (i32.const 1)))
            (br $w_loop)))
          (local.set $h (i32.add (local.get $h) (i32.const 1)))
          (br $h_loop)))
        (if (i32.eq (local.get $grad) (i32.const 2))
          (then
            (f32.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $o) (local.get $c)) (i32.const 2)))
              (f32.load (i32.add (local.get $dy) (i32.shl (local.get $si) (i32.const 2)))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $tail)))
        (if (local.get $grad)
          (then
            (local.set $at (i32.add (local.get $out) (i32.shl (local.get $si) (i32.const 2))))
            (f32.store (local.get $at) (f32.add (f32.load (local.get $at))
              (f32.load (i32.add (local.get $dy) (i32.shl (i32.add (local.get $o) (local.get $c)) (i32.const 2)))))))
          (else (f32.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $o) (local.get $c)) (i32.const 2))) (local.get $sb))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tail)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $pixels))))

  ;; AvgPool and AvgPoolGrad as kernels/nn_pool.ts computes them to the bit: sums in doubles (two
  ;; f64x2 per four channels), divided by the count of the window's in-bounds elements. Output
  ;; pixels [p0, p1) (flat over N·oh·ow; geometry as max_pool's). With $grad = 0 each window's mean
  ;; of $x into $out [.., C]; else each pixel's $x [.., C] (dy) divided by its count and added, in
  ;; doubles, to every element of its window in $acc (float64, the input's shape, zeroed by the
  ;; caller), pixels in order, so overlapping windows sum as the loop sums them (threads must take
  ;; whole images).
  (func (export "avg_pool") (param $geo i32) (param $x i32) (param $out i32) (param $acc i32) (param $grad i32) (param $p0 i32) (param $p1 i32)
    (local $H i32) (local $W i32) (local $C i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32)
    (local $sh i32) (local $sw i32) (local $pt i32) (local $pl i32)
    (local $p i32) (local $t i32) (local $n i32) (local $y i32) (local $xo i32) (local $hs i32) (local $he i32) (local $ws i32) (local $we i32)
    (local $h i32) (local $w i32) (local $c i32) (local $at i32) (local $o i32) (local $a i32)
    (local $count f64) (local $cnt v128) (local $lo v128) (local $hi v128) (local $v v128) (local $s f64)
    (local.set $H (i32.load offset=4 (local.get $geo)))
    (local.set $W (i32.load offset=8 (local.get $geo)))
    (local.set $C (i32.load offset=12 (local.get $geo)))
    (local.set $oh (i32.load offset=16 (local.get $geo)))
    (local.set $ow (i32.load offset=20 (local.get $geo)))
    (local.set $kh (i32.load offset=24 (local.get $geo)))
    (local.set $kw (i32.load offset=28 (local.get $geo)))
    (local.set $sh (i32.load offset=32 (local.get $geo)))
    (local.set $sw (i32.load offset=36 (local.get $geo)))
    (local.set $pt (i32.load offset=40 (local.get $geo)))
    (local.set $pl (i32.load offset=44 (local.get $geo)))
    (local.set $p (local.get $p0))
    (block $pixels_done (loop $pixels
      (br_if $pixels_done (i32.ge_u (local.get $p) (local.get $p1)))
      (local.set $xo (i32.rem_u (local.get $p) (local.get $ow)))
      (local.set $t (i32.div_u (local.get $p) (local.get $ow)))
      (local.set $y (i32.rem_u (local.get $t) (local.get $oh)))
      (local.set $n (i32.div_u (local.get $t) (local.get $oh)))
      (local.set $hs (i32.sub (i32.mul (local.get $y) (local.get $sh)) (local.get $pt)))
      (local.set $he (i32.add (local.get $hs) (local.get $kh)))
      (local.set $he (select (local.get $he) (local.get $H) (i32.lt_s (local.get $he) (local.get $H))))
      (local.set $hs (select (local.get $hs) (i32.const 0) (i32.gt_s (local.get $hs) (i32.const 0))))
      (local.set $ws (i32.sub (i32.mul (local.get $xo) (local.get $sw)) (local.get $pl)))
      (local.set $we (i32.add (local.get $ws) (local.get $kw)))
      (local.set $we (select (local.get $we) (local.get $W) (i32.lt_s (local.get $we) (local.get $W))))
      (local.set $ws (select (local.get $ws) (i32.const 0) (i32.gt_s (local.get $ws) (i32.const 0))))
      (local.set $count (f64.convert_i32_s (i32.mul (i32.sub (local.get $he) (local.get $hs)) (i32.sub (local.get $we) (local.get $ws)))))
      (local.set $cnt (f64x2.splat (local.get $count)))
      (local.set $o (i32.mul (local.get $p) (local.get $C)))
      (local.set $c (i32.const 0))
      (block $vec_done (loop $vec
        (br_if $vec_done (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $C)))
        (if (local.get $grad)
          (then
            ;; dy / count, in doubles
            (local.set $v (v128.load (i32.add (local.get $x) (i32.shl (i32.add (local.get $o) (local.get $c)) (i32.const 2)))))
            (local.set $lo (f64x2.div (f64x2.promote_low_f32x4 (local.get $v)) (local.get $cnt)))
            (local.set $hi (f64x2.div (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))) (local.get $cnt))))
          (else
            (local.set $lo (v128.const i32x4 0 0 0 0))
            (local.set $hi (v128.const i32x4 0 0 0 0))))
        (local.set $h (local.get $hs))
        (block $h_done (loop $h_loop
          (br_if $h_done (i32.ge_s (local.get $h) (local.get $he)))
          (local.set $w (local.get $ws))
          (block $w_done (loop $w_loop
            (br_if $w_done (i32.ge_s (local.get $w) (local.get $we)))
            (local.set $at (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c)))
            (if (local.get $grad)
              (then
                (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $at) (i32.const 3))))
                (v128.store offset=0 (local.get $a) (f64x2.add (v128.load offset=0 (local.get $a)) (local.get $lo)))
                (v128.store offset=16 (local.get $a) (f64x2.add (v128.load offset=16 (local.get $a)) (local.get $hi))))
              (else
                (local.set $v (v128.load (i32.add (local.get $x) (i32.shl (local.get $at) (i32.const 2)))))
                (local.set $lo (f64x2.add (local.get $lo) (f64x2.promote_low_f32x4 (local.get $v))))
                (local.set $hi (f64x2.add (local.get $hi) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))))
            (local.set $w (i32.add (local.get $w) (i32.const 1)))
            (br $w_loop)))
          (local.set $h (i32.add (local.get $h) (i32.const 1)))
          (br $h_loop)))
        (if (i32.eqz (local.get $grad))
          (then
            (v128.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $o) (local.get $c)) (i32.const 2)))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                (f32x4.demote_f64x2_zero (f64x2.div (local.get $lo) (local.get $cnt)))
                (f32x4.demote_f64x2_zero (f64x2.div (local.get $hi) (local.get $cnt)))))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $vec)))
      ;; the last C mod 4 channels one at a time
      (block $tail_done (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $c) (local.get $C)))
        (local.set $s (select (f64.div (f64.promote_f32 (f32.load (i32.add (local.get $x) (i32.shl (i32.add (local.get $o) (local.get $c)) (i32.const 2))))) (local.get $count))
                              (f64.const 0) (local.get $grad)))
        (local.set $h (local.get $hs))
        (block $h_done (loop $h_loop
          (br_if $h_done (i32.ge_s (local.get $h) (local.get $he)))
          (local.set $w (local.get $ws))
          (block $w_done (loop $w_loop
            (br_if $w_done (i32.ge_s (local.get $w) (local.get $we)))
            (local.set $at (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c)))
            (if (local.get $grad)
              (then
                (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $at) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $s))))
              (else (local.set $s (f64.add (local.get $s) (f64.promote_f32 (f32.load (i32.add (local.get $x) (i32.shl (local.get $at) (i32.const 2)))))))))
            (local.set $w (i32.add (local.get $w) (i32.const 1)))
            (br $w_loop)))
          (local.set $h (i32.add (local.get $h) (i32.const 1)))
          (br $h_loop)))
        (if (i32.eqz (local.get $grad))
          (then (f32.store (i32.add (local.get $out) (i32.shl (i32.add (local.get $o) (local.get $c)) (i32.const 2))) (f32.demote_f64 (f64.div (local.get $s) (local.get $count))))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tail)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $pixels))))
