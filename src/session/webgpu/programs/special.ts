// The WGSL functions that handle NaN, the infinities and the zeros' signs, shared by every program: WGSL lets a
// compiler assume that no value is NaN or infinite (SwiftShader's does: exp(NaN) came out inf, log(NaN) 89, a max of
// NaN rows a number), so these tell them by their bits. wgsl.ts's program() prepends the ones a program calls.

/** Each shared function's WGSL text by its name. */
const FNS: Record<string, string> = {
  nanp: 'fn nanp(a: f32) -> bool { return (bitcast<u32>(a) & 0x7fffffffu) > 0x7f800000u; }',
  // From variables: a constant expression may not be infinite or NaN.
  neg_inf: 'fn neg_inf() -> f32 { var bits = 0xff800000u; return bitcast<f32>(bits); }',
  pos_inf: 'fn pos_inf() -> f32 { var bits = 0x7f800000u; return bitcast<f32>(bits); }',
  nan_f: 'fn nan_f() -> f32 { var bits = 0x7fc00000u; return bitcast<f32>(bits); }',
  // The reductions' NaN-propagating max and min, as NumPy's (WGSL's max and min leave NaN to the implementation).
  maxp: 'fn maxp(a: f32, b: f32) -> f32 { return select(select(max(a, b), b, nanp(b)), a, nanp(a)); }',
  minp: 'fn minp(a: f32, b: f32) -> f32 { return select(select(min(a, b), b, nanp(b)), a, nanp(a)); }',
  // Maximum and Minimum: NaN-propagating, and ordered by fkey, the bits as an unsigned key in the floats' order, with
  // -0 below +0 (as the CPU kernel's Math.max and Math.min) and subnormals as they are (a device may flush them in
  // a float compare).
  fkey: 'fn fkey(a: f32) -> u32 { let b = bitcast<u32>(a); return select(b | 0x80000000u, ~b, b >= 0x80000000u); }',
  max_f: 'fn max_f(a: f32, b: f32) -> f32 { return select(select(select(b, a, fkey(a) >= fkey(b)), b, nanp(b)), a, nanp(a)); }',
  min_f: 'fn min_f(a: f32, b: f32) -> f32 { return select(select(select(b, a, fkey(a) <= fkey(b)), b, nanp(b)), a, nanp(a)); }',
  exp_f: 'fn exp_f(a: f32) -> f32 { return select(exp(a), a, nanp(a)); }',
  // log: NaN below -0 and for NaN, -inf for ±0, +inf for +inf; a subnormal from its integer significand (a device may
  // flush it to zero, whose log is no number: SwiftShader's log(0) is -88), less 149 ln 2.
  log_f: `fn log_f(a: f32) -> f32 {
  let b = bitcast<u32>(a);
  let m = b & 0x7fffffffu;
  let r = select(select(log(a), log(f32(m)) - 103.27892990343185, m < 0x00800000u), neg_inf(), m == 0u);
  return select(select(r, a, m >= 0x7f800000u), nan_f(), b > 0x80000000u);
}`,
  // sinh and cosh from e = exp(|a| - ln 2) = e^|a| / 2, finite up to sinh's own overflow (0.5 (e^a - e^-a) overflows
  // past 88.7, sinh past 89.4); a tiny a is its own sinh, so -0 stays -0.
  sinh_f: `fn sinh_f(a: f32) -> f32 {
  let e = exp(abs(a) - 0.6931471805599453);
  return select(select(sign(a) * (e - 0.25 / e), a, abs(a) < 0.000244140625), a, nanp(a));
}`,
  cosh_f: `fn cosh_f(a: f32) -> f32 {
  let e = exp(abs(a) - 0.6931471805599453);
  return select(e + 0.25 / e, a, nanp(a));
}`,
};

const calls = (text: string, name: string): boolean => new RegExp(`\\b${name}\\(`).test(text);
const defines = (text: string, name: string): boolean => text.includes(`fn ${name}(`);

/** The shared functions that `body` calls (directly or through another) and does not define (WGSL's module scope has no order). */
export function sharedFns(body: string): string {
  const out: string[] = [];
  let text = body;
  for (let added = true; added; ) {
    added = false;
    for (const [name, fn] of Object.entries(FNS)) {
      if (calls(text, name) && !defines(text, name)) {
        out.push(fn);
        text = `${fn}\n${text}`;
        added = true;
      }
    }
  }
  return out.join('\n');
}
