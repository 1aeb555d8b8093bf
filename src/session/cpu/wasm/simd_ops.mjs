// The float32 ops that the kernels `binary` and `unary` run in WebAssembly SIMD, by TF1 op type, in
// code order: an op's code is its place in its list. elementwise_ops.mjs writes the kernels' br_tables
// from these lists and build.mjs writes the TypeScript codes (BINARY_CODES, UNARY_CODES in binary.ts)
// from them, so the two cannot disagree. Adding an op here adds its case to the kernel and its code.
//
// Each entry turns its operands (WAT expressions without side effects, local.get's: they may appear
// more than once) into a WAT expression. It must compute what the CPU backend's JavaScript loop for
// the op computes, to the bit (test/session/cpu/wasm_elementwise.test.ts checks every op listed).

/** An op that is one instruction on four floats (f32x4.NAME) and on one (f32.NAME). */
const instruction = (name) => ({
  f32x4: (x, y) => `(f32x4.${name} ${x} ${y})`,
  f32: (x, y) => `(f32.${name} ${x} ${y})`,
});

/** Binary ops: x OP y on four floats (f32x4) and on one (f32, for a row's last floats). */
export const BINARY_OPS = {
  Add: instruction('add'),
  Sub: instruction('sub'),
  Mul: instruction('mul'),
  RealDiv: instruction('div'),
  Maximum: instruction('max'),
  Minimum: instruction('min'),
  // ReluGrad(gradients x, features y): y > 0 ? x : 0, as a mask (a NaN feature is not > 0)
  ReluGrad: {
    f32x4: (x, y) => `(v128.and ${x} (f32x4.gt ${y} (v128.const i32x4 0 0 0 0)))`,
    f32: (x, y) => `(select ${x} (f32.const 0) (f32.gt ${y} (f32.const 0)))`,
  },
  // SigmoidGrad(y x, dy y) = dy · (y · (1 − y)) and TanhGrad(y x, dy y) = dy · (1 − y · y), each step rounded to
  // float32 as the loops (kernels/elementwise_pairs.ts, elementwise_math.ts) round it, in their order
  SigmoidGrad: {
    f32x4: (x, y) => `(f32x4.mul ${y} (f32x4.mul ${x} (f32x4.sub (v128.const f32x4 1 1 1 1) ${x})))`,
    f32: (x, y) => `(f32.mul ${y} (f32.mul ${x} (f32.sub (f32.const 1) ${x})))`,
  },
  TanhGrad: {
    f32x4: (x, y) => `(f32x4.mul ${y} (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul ${x} ${x})))`,
    f32: (x, y) => `(f32.mul ${y} (f32.sub (f32.const 1) (f32.mul ${x} ${x})))`,
  },
};

/** Unary ops: OP x on four floats (unary runs whole vectors only, into the output's slack). */
export const UNARY_OPS = {
  Neg: (x) => `(f32x4.neg ${x})`,
  Reciprocal: (x) => `(f32x4.div (v128.const f32x4 1 1 1 1) ${x})`,
  Square: (x) => `(f32x4.mul ${x} ${x})`,
  Sqrt: (x) => `(f32x4.sqrt ${x})`,
  // x < 0 ? 0 : x rather than max(x, 0), so NaN passes, as the JavaScript loop and NumPy's maximum(x, 0)
  Relu: (x) => `(v128.bitselect (v128.const i32x4 0 0 0 0) ${x} (f32x4.lt ${x} (v128.const i32x4 0 0 0 0)))`,
  // 1 / (1 + exp(-x)) in doubles, a function of its own (sigmoid.mjs)
  Sigmoid: (x) => `(call $sigmoid4 ${x})`,
};
