// Softmax over rows (the kernel `softmax`), written from one text of its exp; build.mjs assembles it with
// elementwise.wat, whose opening comment says how the kernels match the JavaScript ones to the bit. Each row is
// shifted by its max, its exps taken in doubles and summed in order, each divided by the sum and rounded once to
// float32, as the JavaScript kernel (kernels/nn.ts) does. Rows of the lengths in UNROLLED have a function of their
// own, unrolled: the row's exps stay in registers, and with no loop inside a row the processor overlaps one row's
// sum (a chain of C additions, which must stay in order) with the next row's exps; the max is taken four floats at a
// time (a max is the same in any order). A row of ten: 5.2 µs for [100, 10] against 6.9 with the loop
// (bench/row_kernels.ts). Other rows loop, their exps kept in scratch. Each unrolled length adds about 2 KB of
// module a pair of floats (the exp's text inline: called as a function instead, it saves nothing).
import { EXP as exp, EXP_LOCALS } from './exp.mjs';
import { switchOn } from './wat.mjs';

/** The row lengths that run unrolled: two classes, and ten (MNIST's digits, CIFAR-10). */
const UNROLLED = [2, 10];

/** Rows of C (one of UNROLLED): $softmax_c{C}, the rows loop around one unrolled row. */
function unrolled(C) {
  const P = Math.ceil(C / 2);
  const V = C >> 2;
  const lines = [];
  // the max: whole vectors, their lanes, then the last C mod 4 floats
  if (V > 0) {
    lines.push('(local.set $mv (v128.load (local.get $src)))');
    for (let v = 1; v < V; v++) lines.push(`(local.set $mv (f32x4.max (local.get $mv) (v128.load offset=${16 * v} (local.get $src))))`);
    lines.push(
      '(local.set $m (f32.max (f32.max (f32x4.extract_lane 0 (local.get $mv)) (f32x4.extract_lane 1 (local.get $mv))) (f32.max (f32x4.extract_lane 2 (local.get $mv)) (f32x4.extract_lane 3 (local.get $mv)))))',
    );
  } else lines.push('(local.set $m (f32.const -inf))');
  for (let j = 4 * V; j < C; j++) lines.push(`(local.set $m (f32.max (local.get $m) (f32.load offset=${4 * j} (local.get $src))))`);
  lines.push('(local.set $mm (f64x2.splat (f64.promote_f32 (local.get $m))))');
  // the exps, two floats a vector (an odd row's last vector reads one float past it: that lane is never used)
  for (let p = 0; p < P; p++) {
    lines.push(`(local.set $x (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero offset=${8 * p} (local.get $src))) (local.get $mm)))${exp}`);
    lines.push(`(local.set $e${p} (local.get $e))`);
  }
  // the sum in order, from 0 as the loop's
  lines.push('(local.set $s (f64.const 0))');
  for (let j = 0; j < C; j++) lines.push(`(local.set $s (f64.add (local.get $s) (f64x2.extract_lane ${j & 1} (local.get $e${j >> 1}))))`);
  lines.push('(local.set $inv (f64x2.splat (local.get $s)))');
  for (let p = 0; p < C >> 1; p++)
    lines.push(`(v128.store64_lane offset=${8 * p} 0 (local.get $o) (f32x4.demote_f64x2_zero (f64x2.div (local.get $e${p}) (local.get $inv))))`);
  if (C & 1)
    lines.push(`(f32.store offset=${4 * (C - 1)} (local.get $o) (f32.demote_f64 (f64.div (f64x2.extract_lane 0 (local.get $e${P - 1})) (local.get $s))))`);
  return `
  (func $softmax_c${C} (param $src i32) (param $o i32) (param $rows i32)
    (local $row i32) (local $m f32) (local $mv v128) (local $mm v128) (local $s f64) (local $inv v128)
    ${Array.from({ length: P }, (_, p) => `(local $e${p} v128)`).join(' ')}
    ${EXP_LOCALS}
    (block $rows_done (loop $rows_loop
      (br_if $rows_done (i32.ge_u (local.get $row) (local.get $rows)))
${lines.map((l) => `      ${l}`).join('\n')}
      (local.set $src (i32.add (local.get $src) (i32.const ${4 * C})))
      (local.set $o (i32.add (local.get $o) (i32.const ${4 * C})))
      (local.set $row (i32.add (local.get $row) (i32.const 1)))
      (br $rows_loop))))`;
}

/** The text of softmax and its parts. */
export function softmaxKernel() {
  const any = '(call $softmax_any (local.get $x) (local.get $o) (local.get $rows) (local.get $C) (local.get $scratch))';
  // a case per row length up to the longest unrolled, the loop for the others
  const cases = {};
  for (let C = 0; C <= Math.max(...UNROLLED); C++)
    cases[`c${C}`] = UNROLLED.includes(C) ? `(call $softmax_c${C} (local.get $x) (local.get $o) (local.get $rows))` : any;
  cases.any = any;
  return `
  ;; e[j] = exp(src[j] - m) in doubles for the n floats at $src, two at a time, into $e (n rounded up
  ;; to even: an odd row's last pair reads one float past it, whose exp lands in e's spare slot). One
  ;; loop, no call per pair, so consecutive pairs overlap in the processor.
  (func $exps (param $src i32) (param $m f64) (param $out i32) (param $n i32)
    (local $end i32)
    ${EXP_LOCALS}
    (local.set $end (i32.add (local.get $src) (i32.shl (i32.and (i32.add (local.get $n) (i32.const 1)) (i32.const -2)) (i32.const 2))))
    (block $done (loop $pairs
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $x (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $src))) (f64x2.splat (local.get $m))))${exp}
      (v128.store (local.get $out) (local.get $e))
      (local.set $src (i32.add (local.get $src) (i32.const 8)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $pairs))))

  ;; Rows of any length C, their exps kept in $scratch (C + 1 doubles) between the passes.
  (func $softmax_any (param $x i32) (param $o i32) (param $rows i32) (param $C i32) (param $scratch i32)
    (local $r i32) (local $j i32) (local $m f32) (local $s f64) (local $inv v128)
    (block $rows_done (loop $rows_loop
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $m (f32.const -inf))
      (local.set $j (i32.const 0))
      (block $max_done (loop $max
        (br_if $max_done (i32.ge_u (local.get $j) (local.get $C)))
        (local.set $m (f32.max (local.get $m) (f32.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $max)))
      (call $exps (local.get $x) (f64.promote_f32 (local.get $m)) (local.get $scratch) (local.get $C))
      (local.set $s (f64.const 0))
      (local.set $j (i32.const 0))
      (block $sum_done (loop $sum
        (br_if $sum_done (i32.ge_u (local.get $j) (local.get $C)))
        (local.set $s (f64.add (local.get $s) (f64.load (i32.add (local.get $scratch) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $sum)))
      (local.set $inv (f64x2.splat (local.get $s)))
      (local.set $j (i32.const 0))
      (block $div_done (loop $div
        (br_if $div_done (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $C)))
        (v128.store64_lane 0 (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 2)))
          (f32x4.demote_f64x2_zero (f64x2.div (v128.load (i32.add (local.get $scratch) (i32.shl (local.get $j) (i32.const 3)))) (local.get $inv))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $div)))
      (if (i32.lt_u (local.get $j) (local.get $C))
        (then (f32.store (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 2)))
          (f32.demote_f64 (f64.div (f64.load (i32.add (local.get $scratch) (i32.shl (local.get $j) (i32.const 3)))) (local.get $s))))))
      (local.set $x (i32.add (local.get $x) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $o (i32.add (local.get $o) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows_loop))))

  ;; o[a, i] = (Σ_r x[a, r, i]) / div over a contiguous [A, R, I]: sums in doubles, r ascending (as
  ;; the JavaScript kernel adds), two i at a time; each divided once (div = 1 for a sum) and rounded
  ;; once to float32. A sum that rounds to ±inf in float32 is stored as that (a float32 mean of it
${UNROLLED.map(unrolled).join('\n')}

  ;; Softmax over rows of C (each shifted by its max, exps in doubles, summed in order, each divided by the sum and
  ;; rounded once to float32): rows of ${UNROLLED.join(' or ')} floats by their unrolled function, others by
  ;; $softmax_any, whose exps go to $scratch (C + 1 doubles).
  (func (export "softmax") (param $x i32) (param $o i32) (param $rows i32) (param $C i32) (param $scratch i32)
${switchOn('(local.get $C)', cases, null, '    ')})
`;
}
