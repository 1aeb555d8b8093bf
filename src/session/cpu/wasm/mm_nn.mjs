// The row products of matmul.wat's packed A, mm_nn and mm_nn_verify, written from one text: the
// second is the first with verify's checks (matmul_glue.wat) woven into the same pass, so the
// product itself cannot differ between them. matmul.wat's opening comment describes the layout.
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
  ;; mm_nn and verify in one pass (one job for the threads, the packed rows read once): C's rows as
  ;; mm_nn computes them, and 1 written to $bad when rows [m0, m1) of A [rows, K] at $a are not what
  ;; the packed form was made from (verify's two checks). The caller discards C then.`,
};

/**
 * mm_nn_w for a panel of `width` columns, or with `verify` mm_nn_verify (all 12): the same product, plus verify's
 * count per row and comparison per entry.
 */
function rowProduct(verify, width = PANEL) {
  const name = verify ? 'mm_nn_verify' : `mm_nn_${width}`;
  const only = (text) => (verify ? text : '');
  const acc = (j) => `$c${j}`;
  const head = verify ? `${DOC[name]}\n  (func $${name} (export "${name}")` : `\n  (func $${name}`;
  return `${head} (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $b i32) (param $c i32) (param $m0 i32) (param $m1 i32)${only(' (param $a i32) (param $K i32) (param $dense i32) (param $bad i32)')}
    (local $i i32) (local $vp i32) (local $vend i32) (local $ip i32) (local $bp i32) (local $v v128)${only(`
    (local $row i32) (local $q i32) (local $full i32) (local $count i32) (local $p i32) (local $end i32) (local $tail v128) (local $diff v128)`)}
    ${unroll(width, (j) => `(local ${acc(j)} v128)`, ' ')}${only(`
    (local.set $full (i32.shr_u (local.get $K) (i32.const 2)))
    (local.set $tail (i32x4.lt_s (v128.const i32x4 0 1 2 3) (i32x4.splat (i32.and (local.get $K) (i32.const 3)))))`)}
    (local.set $i (local.get $m0))
    (local.set $c (i32.add (local.get $c) (i32.mul (local.get $m0) (i32.const ${PANEL * 4}))))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m1)))
      (local.set $vp (i32.load (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $vend (i32.add (local.get $vals) (i32.shl (i32.load (i32.add (local.get $ends) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 4))))
      (local.set $ip (i32.add (local.get $idx) (i32.shl (local.get $vp) (i32.const 2))))
      (local.set $vp (i32.add (local.get $vals) (i32.shl (local.get $vp) (i32.const 4))))${only(`
      ;; verify's count: A's nonzero groups in this row against the entries kept
      (local.set $row (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $K)) (i32.const 2))))
      (if (i32.eqz (local.get $dense))
        (then
          (local.set $count (i32.shr_u (i32.sub (local.get $vend) (local.get $vp)) (i32.const 4)))
          (local.set $p (local.get $row))
          (local.set $end (i32.add (local.get $row) (i32.shl (local.get $full) (i32.const 4))))
          (block $groups_done (loop $groups
            (br_if $groups_done (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $count (i32.sub (local.get $count) (v128.any_true (v128.load (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $groups)))
          (if (i32.and (local.get $K) (i32.const 3))
            (then (local.set $count (i32.sub (local.get $count) (v128.any_true (v128.and (v128.load (local.get $p)) (local.get $tail)))))))
          (if (local.get $count) (then (i32.store (local.get $bad) (i32.const 1))))))`)}
${unroll(width, (j) => `      (local.set ${acc(j)} (v128.const i32x4 0 0 0 0))`)}
      (block $entries_done (loop $entries
        (br_if $entries_done (i32.ge_u (local.get $vp) (local.get $vend)))
        (local.set $v (v128.load (local.get $vp)))${
          verify
            ? `
        (local.set $q (i32.load (local.get $ip)))
        (local.set $bp (i32.add (local.get $b) (i32.mul (local.get $q) (i32.const ${PANEL * 16}))))
        ;; verify's comparison: the entry is A's group at its index, bit for bit
        (local.set $diff (v128.or (local.get $diff) (v128.xor (local.get $v)
          (v128.and (v128.load (i32.add (local.get $row) (i32.shl (local.get $q) (i32.const 4))))
                    (v128.or (local.get $tail) (i32x4.splat (i32.sub (i32.const 0) (i32.ne (local.get $q) (local.get $full)))))))))`
            : `
        (local.set $bp (i32.add (local.get $b) (i32.mul (i32.load (local.get $ip)) (i32.const ${PANEL * 16}))))`
        }
${unroll(width, (j) => `        (local.set ${acc(j)} (f32x4.add (local.get ${acc(j)}) (f32x4.mul (local.get $v) (v128.load offset=${16 * j} (local.get $bp)))))`)}
        (local.set $vp (i32.add (local.get $vp) (i32.const 16)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (br $entries)))
${unroll(Math.ceil(width / 4), (g) => `      (v128.store offset=${16 * g} (local.get $c) (call $hsum4 ${unroll(4, (l) => (4 * g + l < width ? `(local.get ${acc(4 * g + l)})` : '(v128.const i32x4 0 0 0 0)'), ' ')}))`)}
      (local.set $c (i32.add (local.get $c) (i32.const ${PANEL * 4})))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))${only(`
    (if (v128.any_true (local.get $diff)) (then (i32.store (local.get $bad) (i32.const 1))))`)})
`;
}

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
  return [hsum4, dispatch, ...WIDTHS.map((w) => rowProduct(false, w)), rowProduct(true)].join('');
}
