// The row products of matmul.wat's packed A: mm_nn, a kernel per panel width written from one text, and
// mm_nn_verify, the same product followed by verify's checks (matmul_glue.wat) on the same rows, one job for the
// threads. matmul.wat's opening comment describes the layout.
import { switchOn, unroll } from './wat.mjs';

/** Output columns per panel: one v128 accumulator each (matmul.ts's PANEL). */
export const PANEL = 12;

/** A panel's widths, 1 to PANEL: each has a kernel with that many accumulators (a 10-class output is not 12). */
export const WIDTHS = Array.from({ length: PANEL }, (_, i) => i + 1);

/** The horizontal sum both products end each row with. */
const hsum4 = `
  ;; [Σa, Σb, Σc, Σd]: the lane sums of four vectors, as one vector.
  (func $hsum4 (param $a v128) (param $b v128) (param $c v128) (param $d v128) (result v128)
    (local $ab v128) (local $cd v128)
    (local.set $ab (f32x4.add (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b))
                              (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b))))
    (local.set $cd (f32x4.add (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c) (local.get $d))
                              (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c) (local.get $d))))
    (f32x4.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ab) (local.get $cd))
               (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ab) (local.get $cd))))
`;

const DOC = {
  mm_nn: `
  ;; C[i, 0:w] = A[i, :] · B for rows i in [m0, m1) of a packed A: dot products, four k at a
  ;; time. B is a panel laid out [Q][12][4] (B[4q+l, j] at ((q·12 + j)·4 + l), zero-padded), so
  ;; a group of A meets w adjacent vectors of B. C is a [rows, 12] panel (columns past w unset).
  ;; The kernel for the panel's width w runs (mm_nn_w).`,
  mm_nn_verify: `
  ;; mm_nn (panel width $w), then verify, for rows [m0, m1): C's rows as mm_nn computes them, and 1 written to $bad
  ;; when rows [m0, m1) of A [rows, K] at $a are not what the packed form was made from (verify's two checks). The
  ;; caller discards C then. One job for the threads, each taking a range of rows for both. The two loops in turn
  ;; take 1.5 ms on one thread for the article's product (x [5500, 784], 10 columns; bench/mm_nn_verify.ts). Written
  ;; as one loop with verify's checks woven into the product's (12 columns) it took 2.5 ms where the two in turn,
  ;; with the verify of then, took 2.0; blocks of 16 rows, each checked right after its product, 2.2-2.5.`,
};

/** mm_nn_w: the product for a panel of `width` columns, one accumulator a column. */
function rowProduct(width) {
  const acc = (j) => `$c${j}`;
  return `
  (func $mm_nn_${width} (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $b i32) (param $c i32) (param $m0 i32) (param $m1 i32)
    (local $i i32) (local $vp i32) (local $vend i32) (local $ip i32) (local $bp i32) (local $v v128)
    ${unroll(width, (j) => `(local ${acc(j)} v128)`, ' ')}
    (local.set $i (local.get $m0))
    (local.set $c (i32.add (local.get $c) (i32.mul (local.get $m0) (i32.const ${PANEL * 4}))))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m1)))
      (local.set $vp (i32.load (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $vend (i32.add (local.get $vals) (i32.shl (i32.load (i32.add (local.get $ends) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 4))))
      (local.set $ip (i32.add (local.get $idx) (i32.shl (local.get $vp) (i32.const 2))))
      (local.set $vp (i32.add (local.get $vals) (i32.shl (local.get $vp) (i32.const 4))))
${unroll(width, (j) => `      (local.set ${acc(j)} (v128.const i32x4 0 0 0 0))`)}
      (block $entries_done (loop $entries
        (br_if $entries_done (i32.ge_u (local.get $vp) (local.get $vend)))
        (local.set $v (v128.load (local.get $vp)))
        (local.set $bp (i32.add (local.get $b) (i32.mul (i32.load (local.get $ip)) (i32.const ${PANEL * 16}))))
${unroll(width, (j) => `        (local.set ${acc(j)} (f32x4.add (local.get ${acc(j)}) (f32x4.mul (local.get $v) (v128.load offset=${16 * j} (local.get $bp)))))`)}
        (local.set $vp (i32.add (local.get $vp) (i32.const 16)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (br $entries)))
${unroll(Math.ceil(width / 4), (g) => `      (v128.store offset=${16 * g} (local.get $c) (call $hsum4 ${unroll(4, (l) => (4 * g + l < width ? `(local.get ${acc(4 * g + l)})` : '(v128.const i32x4 0 0 0 0)'), ' ')}))`)}
      (local.set $c (i32.add (local.get $c) (i32.const ${PANEL * 4})))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
  )
`;
}

/** mm_nn_verify: the rows multiplied (mm_nn), then checked (verify). */
const verified = `${DOC.mm_nn_verify}
  (func $mm_nn_verify (export "mm_nn_verify") (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $b i32) (param $c i32) (param $m0 i32) (param $m1 i32) (param $a i32) (param $K i32) (param $dense i32) (param $bad i32) (param $w i32)
    (call $mm_nn (local.get $vals) (local.get $idx) (local.get $starts) (local.get $ends) (local.get $b) (local.get $c) (local.get $m0) (local.get $m1) (local.get $w))
    (call $verify (local.get $a) (local.get $K) (local.get $m0) (local.get $m1)
      (local.get $vals) (local.get $idx) (local.get $starts) (local.get $ends) (local.get $dense) (local.get $bad)))
`;

/**
 * A call of the kernel `${name}_W` for the panel's width $w (1 to 12; more is taken as 12) with the locals `args`:
 * the body of a function that takes $w after the kernels' own parameters.
 */
export function byWidth(name, args) {
  const call = (w) => `(call $${name}_${w} ${args.map((a) => `(local.get $${a})`).join(' ')})`;
  return switchOn('(i32.sub (local.get $w) (i32.const 1))', Object.fromEntries(WIDTHS.map((w) => [`w${w}`, call(w)])), undefined, '    ');
}

/** mm_nn: the product by the kernel for the panel's width $w. */
const dispatch = `${DOC.mm_nn}
  (func $mm_nn (export "mm_nn") (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $b i32) (param $c i32) (param $m0 i32) (param $m1 i32) (param $w i32)
${byWidth('mm_nn', ['vals', 'idx', 'starts', 'ends', 'b', 'c', 'm0', 'm1'])})
`;

/** The text of hsum4, mm_nn (with a kernel per width) and mm_nn_verify. */
export function rowProducts() {
  return [hsum4, dispatch, ...WIDTHS.map((w) => rowProduct(w)), verified].join('');
}
