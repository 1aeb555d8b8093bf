// Helpers for writing WebAssembly text from tables, as the WebGPU backend writes WGSL: the kernel
// generators (elementwise_ops.mjs, mm_nn.mjs) unroll lines and switch on op codes with them.

/** f(0) … f(n - 1), joined by `sep`: a kernel's unrolled lines (one per register, per vector). */
export function unroll(n, f, sep = '\n') {
  return Array.from({ length: n }, (_, i) => f(i)).join(sep);
}

/** `text` with every line indented by `pad`. */
const indent = (text, pad) => text.replace(/^/gm, pad);

/**
 * A switch on `selector` (an i32 expression) over `cases` (name → WAT, in code order): one br_table
 * over a block per case, named after it, so case i runs for selector i, and the last case for any
 * selector past the end (br_table's default). With `result` (a value type) the cases are expressions
 * and the switch is one of that type; without, they are statements. It leaves through `$done`, and
 * its lines are indented by `pad`.
 */
export function switchOn(selector, cases, result, pad = '') {
  const names = Object.keys(cases);
  const last = names.length - 1;
  const leave = (body) => (result ? `(br $done ${body})` : `${body}\n(br $done)`);
  return indent(
    [
      `(block $done${result ? ` (result ${result})` : ''}`,
      // the innermost block is case 0's: branching out of it runs the code that follows it, case 0
      `  ${names
        .map((n) => `(block $${n}`)
        .reverse()
        .join(' ')}`,
      `    (br_table ${names.map((n) => `$${n}`).join(' ')} ${selector}))`,
      ...names.map((n, i) => indent(`${i < last ? leave(cases[n]) : cases[n]})`, '    ')),
    ].join('\n'),
    pad,
  );
}
