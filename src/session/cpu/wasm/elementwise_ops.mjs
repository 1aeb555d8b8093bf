// The op-coded float32 kernels, `binary` (with its contiguous fast path) and `unary`, written from
// simd_ops.mjs's lists: each dispatches on its op code with a br_table built from the list, so
// adding an op there adds its case here. build.mjs assembles them with elementwise.wat, whose
// opening comment says how these kernels match the JavaScript ones to the bit.
import { BINARY_OPS, UNARY_OPS } from './simd_ops.mjs';
import { switchOn, unroll } from './wat.mjs';

const get = (name) => `(local.get $${name})`;

/** `ops` with each entry turned into WAT by `f` (same names, same order). */
const casesOf = (ops, f) => Object.fromEntries(Object.entries(ops).map(([name, op]) => [name, f(op)]));

/** "0 Add, 1 Sub, …": the codes, for the kernels' comments. */
const codes = (ops) =>
  Object.keys(ops)
    .map((name, i) => `${i} ${name}`)
    .join(', ');

/**
 * The rows loop of binary for one op: the kernel chooses its op once a call, not once a vector (a broadcast's rows of
 * ten floats, two vectors and two floats each, ran 1.6 times as long when each chose it again).
 */
const rowsLoop = (op) => `(block $rows_done (loop $rows_loop
  (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
  (local.set $xp (i32.add (local.get $x) (i32.shl (i32.mul (local.get $r) (local.get $rx)) (i32.const 2))))
  (local.set $yp (i32.add (local.get $y) (i32.shl (i32.mul (local.get $r) (local.get $ry)) (i32.const 2))))
  (local.set $j (i32.const 0))
  (block $vec_done (loop $vec
    (br_if $vec_done (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $inner)))
    (local.set $a (if (result v128) (local.get $ix) (then (v128.load (local.get $xp))) (else (v128.load32_splat (local.get $xp)))))
    (local.set $b (if (result v128) (local.get $iy) (then (v128.load (local.get $yp))) (else (v128.load32_splat (local.get $yp)))))
    (v128.store (local.get $o) ${op.f32x4(get('a'), get('b'))})
    (local.set $xp (i32.add (local.get $xp) (i32.shl (local.get $xs) (i32.const 2))))
    (local.set $yp (i32.add (local.get $yp) (i32.shl (local.get $ys) (i32.const 2))))
    (local.set $o (i32.add (local.get $o) (i32.const 16)))
    (local.set $j (i32.add (local.get $j) (i32.const 4)))
    (br $vec)))
  (block $tail_done (loop $tail
    (br_if $tail_done (i32.ge_u (local.get $j) (local.get $inner)))
    (local.set $sa (f32.load (local.get $xp)))
    (local.set $sb (f32.load (local.get $yp)))
    (f32.store (local.get $o) ${op.f32(get('sa'), get('sb'))})
    (local.set $xp (i32.add (local.get $xp) (local.get $xs)))
    (local.set $yp (i32.add (local.get $yp) (local.get $ys)))
    (local.set $o (i32.add (local.get $o) (i32.const 4)))
    (local.set $j (i32.add (local.get $j) (i32.const 1)))
    (br $tail)))
  (local.set $r (i32.add (local.get $r) (i32.const 1)))
  (br $rows_loop)))`;

/** The text of binary_blocks, binary and unary. */
export function elementwiseOps() {
  return `
  ;; The contiguous case of binary (same shapes): o[i] = x[i] OP y[i] for the whole 16-float blocks
  ;; of n, the op chosen once per block of four vectors. Returns the floats done.
  (func $binary_blocks (param $op i32) (param $x i32) (param $y i32) (param $o i32) (param $n i32) (result i32)
    (local $i i32) ${unroll(4, (k) => `(local $a${k} v128)`, ' ')} ${unroll(4, (k) => `(local $b${k} v128)`, ' ')}
    (block $blocks_done (loop $blocks
      (br_if $blocks_done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
${unroll(4, (k) => `      (local.set $a${k} (v128.load offset=${16 * k} (local.get $x)))`)}
${unroll(4, (k) => `      (local.set $b${k} (v128.load offset=${16 * k} (local.get $y)))`)}
${switchOn(
  get('op'),
  casesOf(BINARY_OPS, (op) => unroll(4, (k) => `(v128.store offset=${16 * k} (local.get $o) ${op.f32x4(get(`a${k}`), get(`b${k}`))})`)),
  null,
  '      ',
)}
      (local.set $x (i32.add (local.get $x) (i32.const 64)))
      (local.set $y (i32.add (local.get $y) (i32.const 64)))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $blocks)))
    (local.get $i))

  ;; o[r, j] = x[r, j] OP y[r, j] for r < rows, j < inner: the row-major [rows, inner] output of a
  ;; broadcast, its operands walked with strides in elements (per row: rx, ry; within a row: ix, iy,
  ;; each 0 to repeat one value or 1). OP: ${codes(BINARY_OPS)}.
  (func (export "binary") (param $op i32) (param $rows i32) (param $inner i32)
      (param $x i32) (param $rx i32) (param $ix i32) (param $y i32) (param $ry i32) (param $iy i32) (param $o i32)
    (local $r i32) (local $j i32) (local $xp i32) (local $yp i32) (local $xs i32) (local $ys i32)
    (local $a v128) (local $b v128) (local $sa f32) (local $sb f32)
    ;; byte steps within a row, per vector and per element
    (local.set $xs (i32.shl (local.get $ix) (i32.const 2)))
    (local.set $ys (i32.shl (local.get $iy) (i32.const 2)))
    ;; same shapes: whole blocks first, the loops below finish the rest
    (if (i32.and (i32.eq (local.get $rows) (i32.const 1)) (i32.and (local.get $ix) (local.get $iy)))
      (then
        (local.set $j (call $binary_blocks (local.get $op) (local.get $x) (local.get $y) (local.get $o) (local.get $inner)))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $y (i32.add (local.get $y) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $o (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $inner (i32.sub (local.get $inner) (local.get $j)))))
${switchOn(get('op'), casesOf(BINARY_OPS, rowsLoop), null, '    ')})

  ;; o[i] = OP x[i] for i < n, OP: ${codes(UNARY_OPS)}.
  ;; May write up to 12 bytes past the end of o, and read as far past x (slack).
  (func (export "unary") (param $op i32) (param $x i32) (param $o i32) (param $n i32)
    (local $end i32) (local $a v128)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $done_all (loop $vec
      (br_if $done_all (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $a (v128.load (local.get $x)))
      (v128.store (local.get $o)
${switchOn(
  get('op'),
  casesOf(UNARY_OPS, (op) => op(get('a'))),
  'v128',
  '        ',
)})
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $vec))))
`;
}
