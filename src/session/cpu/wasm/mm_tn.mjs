// The transposed products of matmul.wat's packed A, mm_tn and mm_tn_acc, with a kernel for each
// width of G's panel (mm_nn.mjs's WIDTHS): a 10-class output's panel holds 10 columns, not 12, and
// each column costs a load, a multiply, an add and a store per entry. matmul.wat's opening comment
// describes the packed layout.
import { unroll } from './wat.mjs';
import { byWidth, PANEL, WIDTHS } from './mm_nn.mjs';

/** mm_tn_acc_W: the kernel for a panel of `width` columns. */
function accumulate(width) {
  const g = (j) => `$g${j}`;
  return `
  (func $mm_tn_acc_${width} (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $g i32) (param $ct i32) (param $k0 i32) (param $k1 i32)
    (local $k i32) (local $vp i32) (local $vend i32) (local $ip i32) (local $gp i32) (local $cp i32) (local $v v128)
    ${unroll(width, (j) => `(local ${g(j)} v128)`, ' ')}
    (local.set $k (local.get $k0))
    (local.set $gp (i32.add (local.get $g) (i32.mul (local.get $k0) (i32.const ${PANEL * 4}))))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $k) (local.get $k1)))
${unroll(width, (j) => `      (local.set ${g(j)} (v128.load32_splat offset=${4 * j} (local.get $gp)))`)}
      (local.set $vp (i32.load (i32.add (local.get $starts) (i32.shl (local.get $k) (i32.const 2)))))
      (local.set $vend (i32.add (local.get $vals) (i32.shl (i32.load (i32.add (local.get $ends) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 4))))
      (local.set $ip (i32.add (local.get $idx) (i32.shl (local.get $vp) (i32.const 2))))
      (local.set $vp (i32.add (local.get $vals) (i32.shl (local.get $vp) (i32.const 4))))
      (block $entries_done (loop $entries
        (br_if $entries_done (i32.ge_u (local.get $vp) (local.get $vend)))
        (local.set $v (v128.load (local.get $vp)))
        (local.set $cp (i32.add (local.get $ct) (i32.mul (i32.load (local.get $ip)) (i32.const ${PANEL * 16}))))
${unroll(width, (j) => `        (v128.store offset=${16 * j} (local.get $cp) (f32x4.add (v128.load offset=${16 * j} (local.get $cp)) (f32x4.mul (local.get $v) (local.get ${g(j)}))))`)}
        (local.set $vp (i32.add (local.get $vp) (i32.const 16)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (br $entries)))
      (local.set $gp (i32.add (local.get $gp) (i32.const ${PANEL * 4})))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rows))))
`;
}

const text = `
  ;; CT = Σ_k A[k, :] ⊗ G[k, 0:w] over rows k in [k0, k1) of a packed A stored [K, M]: the
  ;; partial A^T·G of those rows, so the weight gradient X^T·G reads X as it lies. G is a [K, 12]
  ;; panel of w columns; CT, zeroed here, is laid out [Q][12][4] (C[4q+l, j] at ((q·12 + j)·4 + l)),
  ;; Q groups. Each group of A updates w adjacent vectors of CT, which stays in L1/L2 (37 KB for MNIST).
  (func (export "mm_tn") (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $g i32) (param $ct i32) (param $k0 i32) (param $k1 i32) (param $Q i32) (param $w i32)
    (memory.fill (local.get $ct) (i32.const 0) (i32.mul (local.get $Q) (i32.const ${PANEL * 16})))
    (call $mm_tn_acc (local.get $vals) (local.get $idx) (local.get $starts) (local.get $ends)
      (local.get $g) (local.get $ct) (local.get $k0) (local.get $k1) (local.get $w)))

  ;; mm_tn without the zeroing: adds rows [k0, k1)'s products to CT's first w columns as it holds
  ;; them (conv.wat adds a convolution's patches to the filter's gradient chunk by chunk), by the
  ;; kernel for the width $w (1 to 12; more is taken as 12).
  (func $mm_tn_acc (param $vals i32) (param $idx i32) (param $starts i32) (param $ends i32)
      (param $g i32) (param $ct i32) (param $k0 i32) (param $k1 i32) (param $w i32)
${byWidth('mm_tn_acc', ['vals', 'idx', 'starts', 'ends', 'g', 'ct', 'k0', 'k1'])})
`;

/** The text of mm_tn, mm_tn_acc and a kernel per width. */
export function transposedProducts() {
  return [text, ...WIDTHS.map(accumulate)].join('');
}
