// The kernel `sum`: o[a, i] = (Σ_r x[a, r, i]) / div over a contiguous [A, R, I], written here so that its several
// chains (and their stores) come from one line each; build.mjs assembles it with elementwise.wat, whose opening
// comment says how the kernels match the JavaScript ones to the bit.
import { unroll } from './wat.mjs';

/** Lanes of a sum's chains kept going at once: vectors of two outputs along I, or rows where I = 1. */
const CHAINS = 4;

/** Stores the two sums in f64x2 `acc` at $o (each divided by $div unless it rounds to ±inf in float32), then steps $o. */
const storePair = (acc) => `(local.set $sum32 (f32x4.demote_f64x2_zero (local.get ${acc})))
        (v128.store64_lane 0 (local.get $o)
          (v128.bitselect (local.get $sum32)
            (f32x4.demote_f64x2_zero (f64x2.div (local.get ${acc}) (f64x2.splat (local.get $div))))
            (f32x4.eq (f32x4.abs (local.get $sum32)) (v128.const f32x4 inf inf inf inf))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))`;

/** Stores the sum in f64 `s` at $o (divided by $div unless it rounds to ±inf in float32), then steps $o. */
const storeOne = (s) => `(local.set $t (f32.demote_f64 (local.get ${s})))
          (f32.store (local.get $o)
            (select (local.get $t) (f32.demote_f64 (f64.div (local.get ${s}) (local.get $div))) (f32.eq (f32.abs (local.get $t)) (f32.const inf))))
          (local.set $o (i32.add (local.get $o) (i32.const 4)))`;

const acc = (k) => `$acc${k}`;
const s = (k) => `$s${k}`;

/**
 * The chains' walk down a column from i: $p from x[a, 0, i], `adds` (lines of additions at $p) for each r in order,
 * $p a row further each time. `pad` indents the walk's lines as its place in the text needs.
 */
const downColumn = (pad, adds) => `${pad}(local.set $p (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2))))
${pad}(local.set $r (i32.const 0))
${pad}(block $r_done (loop $r_loop
${pad}  (br_if $r_done (i32.ge_u (local.get $r) (local.get $R)))
${adds}
${pad}  (local.set $p (i32.add (local.get $p) (local.get $row)))
${pad}  (local.set $r (i32.add (local.get $r) (i32.const 1)))
${pad}  (br $r_loop)))`;

/** The text of sum. */
export function sumKernel() {
  return `
  ;; o[a, i] = (Σ_r x[a, r, i]) / div over a contiguous [A, R, I]: sums in doubles, r ascending (as
  ;; the JavaScript kernel adds), two i at a time; each divided once (div = 1 for a sum) and rounded
  ;; once to float32. A sum that rounds to ±inf in float32 is stored as that (a float32 mean of it
  ;; overflows before dividing, as TF1's float accumulator and NumPy's do, and the JavaScript kernel).
  ;; Each output's sum is a chain of R additions that must stay in order; the kernel keeps ${CHAINS}
  ;; chains going at once so the processor overlaps them: ${2 * CHAINS} i at a time (${CHAINS} pairs) where I has
  ;; them, and with I = 1 (rows summed) ${CHAINS} rows at a time.
  (func (export "sum") (param $x i32) (param $A i32) (param $R i32) (param $I i32) (param $o i32) (param $div f64)
    (local $a i32) (local $i i32) (local $r i32) (local $p i32) (local $row i32) (local $sum32 v128) (local $t f32)
    (local $q i32) (local $len i32) ${unroll(CHAINS, (k) => `(local ${acc(k)} v128) (local ${s(k)} f64)`, ' ')}
    (local.set $row (i32.shl (local.get $I) (i32.const 2)))
    ;; rows summed (I = 1): ${CHAINS} rows' chains at once, the rows R floats apart
    (if (i32.eq (local.get $I) (i32.const 1))
      (then
        (local.set $len (i32.shl (local.get $R) (i32.const 2)))
        (block $rows_done (loop $rows
          (br_if $rows_done (i32.gt_u (i32.add (local.get $a) (i32.const ${CHAINS})) (local.get $A)))
${unroll(CHAINS, (k) => `          (local.set ${s(k)} (f64.const 0))`)}
          (local.set $p (local.get $x))
          (local.set $q (i32.add (local.get $x) (local.get $len)))
          (block $r_done (loop $r_loop
            (br_if $r_done (i32.ge_u (local.get $p) (local.get $q)))
${unroll(CHAINS, (k) => `            (local.set ${s(k)} (f64.add (local.get ${s(k)}) (f64.promote_f32 (f32.load (i32.add (local.get $p) (i32.mul (local.get $len) (i32.const ${k})))))))`)}
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $r_loop)))
${unroll(CHAINS, (k) => `          ${storeOne(s(k))}`)}
          (local.set $x (i32.add (local.get $x) (i32.mul (local.get $len) (i32.const ${CHAINS}))))
          (local.set $a (i32.add (local.get $a) (i32.const ${CHAINS})))
          (br $rows)))))
    (block $a_done (loop $a_loop
      (br_if $a_done (i32.ge_u (local.get $a) (local.get $A)))
      (local.set $i (i32.const 0))
      ;; ${CHAINS} pairs of i at once
      (block $groups_done (loop $groups
        (br_if $groups_done (i32.gt_u (i32.add (local.get $i) (i32.const ${2 * CHAINS})) (local.get $I)))
${unroll(CHAINS, (k) => `        (local.set ${acc(k)} (v128.const i32x4 0 0 0 0))`)}
${downColumn(
  '        ',
  unroll(
    CHAINS,
    (k) => `          (local.set ${acc(k)} (f64x2.add (local.get ${acc(k)}) (f64x2.promote_low_f32x4 (v128.load64_zero offset=${8 * k} (local.get $p)))))`,
  ),
)}
${unroll(CHAINS, (k) => `        ${storePair(acc(k))}`)}
        (local.set $i (i32.add (local.get $i) (i32.const ${2 * CHAINS})))
        (br $groups)))
      ;; one pair of i at a time
      (block $pairs_done (loop $pairs
        (br_if $pairs_done (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $I)))
        (local.set ${acc(0)} (v128.const i32x4 0 0 0 0))
${downColumn('        ', `          (local.set ${acc(0)} (f64x2.add (local.get ${acc(0)}) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p)))))`)}
        ${storePair(acc(0))}
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pairs)))
      ;; the last i, alone
      (if (i32.lt_u (local.get $i) (local.get $I))
        (then
          (local.set ${s(0)} (f64.const 0))
${downColumn('          ', `            (local.set ${s(0)} (f64.add (local.get ${s(0)}) (f64.promote_f32 (f32.load (local.get $p)))))`)}
          ${storeOne(s(0))}))
      (local.set $x (i32.add (local.get $x) (i32.mul (local.get $R) (local.get $row))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $a_loop))))
`;
}
