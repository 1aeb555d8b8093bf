// A prototype, tried and not kept in the library: the weight gradient X^T·G by groups of X's columns, each group's
// output columns summed in registers and stored once, against the library's mm_tn (which adds each entry's products
// into the output in memory: ten loads and ten stores an entry for a 10-column panel). The prototype reads X's
// entries in column order, a form of the packed X the library does not keep (built here in JavaScript, outside the
// timing), and adds each output's terms in mm_tn's order, so its results must be bit-identical (counted). On one
// thread, the article's 5,500 images and a mini-batch of 100:
//   npx tsx bench/mm_tn_by_groups.ts
// docs/performance.md ("The weight gradient by groups") says why it was not kept.
import wabtInit from 'wabt';
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { copyIn, alloc } from '../src/framework/memory/host.js';
import { wasm } from '../src/session/cpu/wasm/instance.js';
import { packInto, packedBytes, type Packed } from '../src/session/cpu/wasm/matmul_pack.js';
const W = 10;
const acc = (j: number) => `$a${j}`;
const rng = (n: number) => Array.from({ length: n }, (_, j) => j);
const wat = `(module (import "env" "memory" (memory 1 65536 shared))
  (func (export "csc") (param $vals i32) (param $rowsOf i32) (param $qs i32) (param $g i32) (param $ct i32) (param $q0 i32) (param $q1 i32)
    (local $q i32) (local $e i32) (local $eend i32) (local $v v128) (local $gp i32) (local $cp i32) (local $rp i32)
    ${rng(W)
      .map((j) => `(local ${acc(j)} v128)`)
      .join(' ')}
    (local.set $q (local.get $q0))
    (block $qd (loop $ql
      (br_if $qd (i32.ge_u (local.get $q) (local.get $q1)))
      ${rng(W)
        .map((j) => `(local.set ${acc(j)} (v128.const i32x4 0 0 0 0))`)
        .join(' ')}
      (local.set $e (i32.load (i32.add (local.get $qs) (i32.shl (local.get $q) (i32.const 2)))))
      (local.set $eend (i32.load offset=4 (i32.add (local.get $qs) (i32.shl (local.get $q) (i32.const 2)))))
      (local.set $rp (i32.add (local.get $rowsOf) (i32.shl (local.get $e) (i32.const 2))))
      (local.set $e (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 4))))
      (local.set $eend (i32.add (local.get $vals) (i32.shl (local.get $eend) (i32.const 4))))
      (block $ed (loop $el
        (br_if $ed (i32.ge_u (local.get $e) (local.get $eend)))
        (local.set $v (v128.load (local.get $e)))
        (local.set $gp (i32.add (local.get $g) (i32.mul (i32.load (local.get $rp)) (i32.const 48))))
        ${rng(W)
          .map((j) => `(local.set ${acc(j)} (f32x4.add (local.get ${acc(j)}) (f32x4.mul (local.get $v) (v128.load32_splat offset=${4 * j} (local.get $gp)))))`)
          .join('\n        ')}
        (local.set $e (i32.add (local.get $e) (i32.const 16)))
        (local.set $rp (i32.add (local.get $rp) (i32.const 4)))
        (br $el)))
      (local.set $cp (i32.add (local.get $ct) (i32.mul (local.get $q) (i32.const 192))))
      ${rng(W)
        .map((j) => `(v128.store offset=${16 * j} (local.get $cp) (local.get ${acc(j)}))`)
        .join(' ')}
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $ql)))))`;
const wabt = await wabtInit();
const bin = new Uint8Array(wabt.parseWat('csc.wat', wat, { simd: true, threads: true }).toBinary({}).buffer);
type Csc = { csc(vals: number, rowsOf: number, qs: number, g: number, ct: number, q0: number, q1: number): void };
const ex = new WebAssembly.Instance(new WebAssembly.Module(bin), { env: { memory: wasm!.memory } }).exports as unknown as Csc;
const w = wasm!.exports;
const [K, Q] = [784, 196];

/** X's packed entries (rows [0, rows)) in column order: each group's entries, rows ascending; with each group's first entry. */
function byGroups(A: Packed, rows: number): { vals: number; rowsOf: number; qs: number; entries: number } {
  let I = new Int32Array(wasm!.memory.buffer);
  const entriesOf = (i: number): [number, number] => [I[(A.starts >> 2) + i]!, I[(A.ends >> 2) + i]!];
  const first = new Int32Array(Q + 1);
  for (let i = 0; i < rows; i++) {
    const [e0, e1] = entriesOf(i);
    for (let e = e0; e < e1; e++) first[I[(A.idx >> 2) + e]! + 1]! += 1;
  }
  for (let q = 0; q < Q; q++) first[q + 1]! += first[q]!;
  const entries = first[Q]!;
  const [vals, rowsOf, qs] = [alloc(entries * 16 + 16), alloc(entries * 4 + 16), alloc((Q + 1) * 4)];
  // views made again after the allocations, which may grow the memory
  I = new Int32Array(wasm!.memory.buffer);
  const F = new Float32Array(wasm!.memory.buffer);
  const next = Int32Array.from(first);
  for (let i = 0; i < rows; i++) {
    const [e0, e1] = entriesOf(i);
    for (let e = e0; e < e1; e++) {
      const d = next[I[(A.idx >> 2) + e]!]!++;
      F.copyWithin((vals >> 2) + d * 4, (A.vals >> 2) + e * 4, (A.vals >> 2) + e * 4 + 4);
      I[(rowsOf >> 2) + d] = i;
    }
  }
  I.set(first, qs >> 2);
  return { vals, rowsOf, qs, entries };
}

const mnist = read_data_sets(undefined, { one_hot: true, log: null });
for (const rows of [5500, 100]) {
  const x = copyIn(mnist.train.slice(0, rows)[0].data as Float32Array);
  const A = packInto(x, rows, K, false, alloc(packedBytes(rows, K)));
  const C = byGroups(A, rows);
  const g = alloc(rows * 48);
  new Float32Array(wasm!.memory.buffer, g, rows * 12).forEach((_, i, a) => (a[i] = Math.sin(i)));
  const [p0, p1] = [alloc(Q * 192), alloc(Q * 192)];
  const reps = rows > 1000 ? 100 : 3000;
  const time = (f: () => void): number => {
    const t = performance.now();
    for (let i = 0; i < reps; i++) f();
    return ((performance.now() - t) / reps) * 1000;
  };
  for (let r = 0; r < 3; r++) {
    const old = time(() => w.mm_tn(A.vals, A.idx, A.starts, A.ends, g, p0, 0, rows, Q, W));
    const neu = time(() => ex.csc(C.vals, C.rowsOf, C.qs, g, p1, 0, Q));
    const [a, b] = [new Float32Array(wasm!.memory.buffer, p0, Q * 48), new Float32Array(wasm!.memory.buffer, p1, Q * 48)];
    let same = 0;
    for (let k = 0; k < Q * 48; k++) if (Math.floor(k / 4) % 12 < W && Object.is(a[k], b[k])) same++;
    console.log(
      `${rows} rows, ${C.entries} entries: mm_tn ${old.toFixed(1)} µs, by groups ${neu.toFixed(1)} µs; ${same} of ${Q * 4 * W} outputs bit-identical`,
    );
  }
}
