// Assert's and Print's host kernels. Assert as TF1's AssertOp (core/kernels/logging_ops.cc): nothing when the condition holds, else
// InvalidArgumentError "assertion failed: " and each data tensor in brackets as Tensor::SummarizeValue prints it
// (framework/tensor.cc: at most `summarize` elements, nested dimensions in brackets, "..." for the rest).
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import { cEscape } from '../../graph/node_def.js';
import type { HostKernel } from '../kernel.js';

/** C's printf("%.*g", p, x) of a finite nonzero double. */
function gFormat(x: number, p: number): string {
  const [mant, ex] = x.toExponential(p - 1).split('e') as [string, string];
  const e = Number(ex);
  const trim = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (e < -4 || e >= p) return `${trim(mant)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return trim(x.toFixed(Math.max(0, p - 1 - e)));
}

/** strings::StrCat of a float (FloatToBuffer: %.6g, or %.9g when that does not read back) or a double (%.15g, %.17g). */
function floatText(x: number, double: boolean): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const short = gFormat(x, double ? 15 : 6);
  const back = double ? Number(short) : Math.fround(Number(short));
  return back === x ? short : gFormat(x, double ? 17 : 9);
}

/** PrintOneElement (print_v2 false): numbers as StrCat prints them (bool as 1 and 0), strings C-escaped without quotes. */
export function element(a: NDArray, i: number): string {
  if (a.dtype === 'string') return cEscape(a.strings[i]!);
  if (a.dtype === 'float32' || a.dtype === 'float64') return floatText(a.data[i]!, a.dtype === 'float64');
  return String(a.data[i]!);
}

/** Tensor::SummarizeValue(max_entries) as TF1 r1.12 prints it for Assert (print_v2 false). */
export function summarizeValue(a: NDArray, maxEntries: number): string {
  const n = a.size;
  const limit = Math.min(maxEntries < 0 ? n : maxEntries, n);
  const shape = a.shape;
  let out = '';
  if (shape.length === 0) {
    for (let i = 0; i < limit; i++) out += (i > 0 ? ' ' : '') + element(a, i);
  } else {
    let at = 0;
    // PrintOneDim: the innermost dimension's elements separated by spaces, each outer one in brackets
    const dim = (d: number): void => {
      if (at >= limit) return;
      const count = shape[d]!;
      if (d === shape.length - 1) {
        for (let i = 0; i < count; i++) {
          if (at >= limit) {
            if (d !== 0) out += '...';
            return;
          }
          out += (i > 0 ? ' ' : '') + element(a, at++);
        }
        return;
      }
      for (let i = 0; i < count; i++) {
        const opened = at < limit;
        if (opened) out += '[';
        dim(d + 1);
        if (at < limit || opened) out += ']';
      }
    };
    dim(0);
  }
  if (n > limit) out += '...';
  return out;
}

const assert: HostKernel<'Assert'> = ({ name, inputs, attrs }) => {
  const cond = inputs[0]!;
  // IsLegacyScalar: a scalar, or a vector of one element
  if (!(cond.shape.length === 0 || (cond.shape.length === 1 && cond.shape[0] === 1))) {
    throw new InvalidArgumentError(`In[0] should be a scalar: [${cond.shape.join(',')}]`, name);
  }
  if (cond.data[0]) return;
  const parts = inputs.slice(1).map((d) => `[${summarizeValue(d, attrs.summarize)}]`);
  throw new InvalidArgumentError(`assertion failed: ${parts.join(' ')}`, name);
};

/**
 * Print (PrintOp): the input is the output; the first `first_n` runs in a session (every run for -1) write the
 * message and each data tensor in brackets, as SummarizeValue prints it, as one line on stderr (TF1's std::cerr).
 */
const print: HostKernel<'Print'> = ({ inputs, attrs, output, state }) => {
  const x = inputs[0]!;
  const o = output(0, x.shape);
  if (x.dtype === 'string') o.strings.splice(0, o.size, ...x.strings);
  else if (o !== x) o.data.set(x.data);
  if (attrs.first_n >= 0) {
    const calls = state!(() => ({ count: 0 }));
    if (calls.count >= attrs.first_n) return;
    calls.count++;
  }
  console.error(attrs.message + inputs.map((d, i) => (i === 0 ? '' : `[${summarizeValue(d, attrs.summarize)}]`)).join(''));
};

/** The host kernels of Assert and Print. */
export const LOGGING_KERNELS: { Assert: HostKernel<'Assert'>; Print: HostKernel<'Print'> } = { Assert: assert, Print: print };
