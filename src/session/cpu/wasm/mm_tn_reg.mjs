// mm_tn_reg: matmul.wat's mm_tn with its sums in registers, for an A read dense where it lies.
// mm_tn walks a packed A row by row and adds each group's products to twelve vectors of CT in
// memory: a load and a store per vector per entry, and the stores bound its speed. mm_tn_reg turns
// the loops round: for a block of CT (two groups of four rows, four columns: eight v128 sums, few
// enough for x64's registers beside the operands) it walks all n rows of A and G, then writes the
// block back once. A is read in full (no zero groups skipped), so it serves where A is mostly
// nonzero (a convolution's patches after ReLU and pooling, a dense layer's activations) and where
// K is a multiple of four (every group whole).
import { unroll } from './wat.mjs';

const GROUPS = 2; // groups of A (4 rows of CT each) per block
const COLS = 4; // columns of G per block

/** The block's sum for group g, column j. */
const acc = (g, j) => `$s${g}_${j}`;

/**
 * The loop over rows for one block: groups [q, q + groups), columns [jb, jb + COLS). `groups` is 2,
 * or 1 for an odd Q's last group.
 */
function block(groups) {
  const cell = (g, j) =>
    `(i32.add (local.get $ct) (i32.shl (i32.add (i32.mul (i32.add (local.get $q) (i32.const ${g})) (i32.const 12)) (i32.add (local.get $jb) (i32.const ${j}))) (i32.const 4)))`;
  const each = (f) => unroll(groups, (g) => unroll(COLS, (j) => f(g, j)));
  return `
${each((g, j) => `          (local.set ${acc(g, j)} (v128.load ${cell(g, j)}))`)}
          (local.set $ap (i32.add (local.get $a) (i32.shl (local.get $q) (i32.const 4))))
          (local.set $gp (i32.add (local.get $g) (i32.shl (local.get $jb) (i32.const 2))))
          (local.set $gend (i32.add (local.get $gp) (i32.mul (local.get $n) (local.get $ldg))))
          (block $rows_done (loop $rows
            (br_if $rows_done (i32.ge_u (local.get $gp) (local.get $gend)))
${unroll(groups, (g) => `            (local.set $v${g} (v128.load offset=${16 * g} (local.get $ap)))`)}
${unroll(
  COLS,
  (j) => `            (local.set $x (v128.load32_splat offset=${4 * j} (local.get $gp)))
${unroll(groups, (g) => `            (local.set ${acc(g, j)} (f32x4.add (local.get ${acc(g, j)}) (f32x4.mul (local.get $v${g}) (local.get $x))))`)}`,
)}
            (local.set $ap (i32.add (local.get $ap) (local.get $lda)))
            (local.set $gp (i32.add (local.get $gp) (local.get $ldg)))
            (br $rows)))
${each((g, j) => `          (v128.store ${cell(g, j)} (local.get ${acc(g, j)}))`)}`;
}

/** mm_tn_cols (matmul_glue.wat) for a dense A: the same split by panels, each panel's sums from mm_tn_reg. */
const cols = `
  ;; C = A^T·G, A [K, M] dense at $a (M a multiple of 4), over G's 12-column panels [p0, p1): each
  ;; panel's CT zeroed, summed by mm_tn_reg (G read where it lies, or with tb from a panel_cols
  ;; panel) and written into C (sum_partials of the one partial). Scratch: K·48 bytes for G's
  ;; panel, (M/4)·192 for CT, 16 for its list.
  (func (export "mm_tn_reg_cols") (param $a i32) (param $g i32) (param $K i32) (param $N i32) (param $tb i32)
      (param $c i32) (param $M i32) (param $p0 i32) (param $p1 i32) (param $scratch i32)
    (local $ct i32) (local $list i32) (local $Q i32) (local $j0 i32) (local $w i32)
    (local.set $Q (i32.shr_u (local.get $M) (i32.const 2)))
    (local.set $ct (i32.add (local.get $scratch) (i32.mul (local.get $K) (i32.const 48))))
    (local.set $list (i32.add (local.get $ct) (i32.mul (local.get $Q) (i32.const 192))))
    (i32.store (local.get $list) (local.get $ct))
    (block $done (loop $panels
      (br_if $done (i32.ge_u (local.get $p0) (local.get $p1)))
      (local.set $j0 (i32.mul (local.get $p0) (i32.const 12)))
      (local.set $w (select (i32.const 12) (i32.sub (local.get $N) (local.get $j0)) (i32.gt_u (i32.sub (local.get $N) (local.get $j0)) (i32.const 12))))
      (memory.fill (local.get $ct) (i32.const 0) (i32.mul (local.get $Q) (i32.const 192)))
      (if (local.get $tb)
        (then
          (call $panel_cols (local.get $g) (local.get $K) (local.get $N) (i32.const 1) (local.get $j0) (local.get $scratch))
          (call $mm_tn_reg (local.get $a) (i32.shl (local.get $M) (i32.const 2)) (local.get $Q) (local.get $scratch) (i32.const 48)
            (local.get $ct) (local.get $K) (local.get $w)))
        (else
          (call $mm_tn_reg (local.get $a) (i32.shl (local.get $M) (i32.const 2)) (local.get $Q)
            (i32.add (local.get $g) (i32.shl (local.get $j0) (i32.const 2))) (i32.shl (local.get $N) (i32.const 2))
            (local.get $ct) (local.get $K) (local.get $w))))
      (call $sum_partials (local.get $list) (i32.const 1) (local.get $M) (local.get $c) (local.get $N) (local.get $j0) (local.get $w))
      (local.set $p0 (i32.add (local.get $p0) (i32.const 1)))
      (br $panels))))
`;

/** How many of n/4 groups of four floats hold a nonzero: whether A is dense enough for mm_tn_reg. */
const count = `
  ;; The groups of four floats in p[0, n) (n a multiple of 4) that hold a nonzero (or a NaN).
  (func (export "nonzero_groups") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $count i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $groups
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $count (i32.add (local.get $count) (v128.any_true (v128.load (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $groups)))
    (local.get $count))
`;

/** The text of mm_tn_reg, mm_tn_reg_cols and nonzero_groups. */
export function mmTnReg() {
  return (
    count +
    cols +
    `
  ;; CT += Σ_r A[r, :]ᵀ ⊗ G[r, 0:w] over rows r in [0, n): A [n, 4Q] dense at $a, row r at a + r·lda
  ;; bytes; G [n, ≥ w] at $g, row r at g + r·ldg bytes (dy itself, or a panel_cols panel with ldg 48);
  ;; CT in mm_tn's layout [Q][12][4]. Columns past w (w ≤ 12) are left as they are, except up to the
  ;; next multiple of ${COLS}, which may be read from past G's row and hold garbage no one reads. Blocks of ${GROUPS} groups × ${COLS} columns, summed in registers.
  (func $mm_tn_reg (export "mm_tn_reg") (param $a i32) (param $lda i32) (param $Q i32) (param $g i32) (param $ldg i32) (param $ct i32) (param $n i32) (param $w i32)
    (local $q i32) (local $jb i32) (local $ap i32) (local $gp i32) (local $gend i32) (local $x v128)
    ${unroll(GROUPS, (g) => `(local $v${g} v128)`, ' ')}
    ${unroll(GROUPS, (g) => unroll(COLS, (j) => `(local ${acc(g, j)} v128)`, ' '), ' ')}
    (block $pairs_done (loop $pairs
      (br_if $pairs_done (i32.gt_u (i32.add (local.get $q) (i32.const 2)) (local.get $Q)))
      (local.set $jb (i32.const 0))
      (block $cols_done (loop $cols
        (br_if $cols_done (i32.ge_u (local.get $jb) (local.get $w)))${block(2)}
        (local.set $jb (i32.add (local.get $jb) (i32.const ${COLS})))
        (br $cols)))
      (local.set $q (i32.add (local.get $q) (i32.const 2)))
      (br $pairs)))
    (if (i32.lt_u (local.get $q) (local.get $Q))
      (then
        (local.set $jb (i32.const 0))
        (block $cols_done (loop $cols
          (br_if $cols_done (i32.ge_u (local.get $jb) (local.get $w)))${block(1)}
          (local.set $jb (i32.add (local.get $jb) (i32.const ${COLS})))
          (br $cols))))))
`
  );
}
