// Python's pprint.pformat of the tensor-free structures tf.print builds its template from, in JavaScript terms: a
// string as Python's repr of a str, a number as Python's int (an integral value below 1e16) or float repr, true/false as
// True/False, null and undefined as None, an array as a list, a plain object as a dict with its keys sorted (as
// pprint sorts them), anything else by String(); a list or dict wider than pprint's 80 columns one item a line, as
// Python 3's pprint wraps it. Unlike pprint, a string wider than that stays on one line (pprint splits it into
// parenthesized pieces), and JavaScript has no tuples (a Python tuple prints as a list here) nor floats with an
// integral value (23.0 prints as 23).
import { isPlainObject } from '../framework/args.js';

/** Python's repr of a str: single quotes unless it holds one and no double quote; backslash escapes for the rest. */
export function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === q) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + q;
}

/** Python's repr of a float: the shortest digits that read back, in exponent form below 1e-4 and from 1e16. */
function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
    const [m, e] = x.toExponential().split('e') as [string, string];
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(x);
}

/** Python's repr of a value: pprint.pformat's text when it fits on one line. */
function pyRepr(v: unknown): string {
  if (typeof v === 'string') return pyStrRepr(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : pyFloatRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return 'None';
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${pyStrRepr(k)}: ${pyRepr(v[k])}`).join(', ')}}`;
  }
  return String(v);
}

/** PrettyPrinter's width. */
const WIDTH = 80;

/** PrettyPrinter._format: the repr when it fits in what is left of the line, else a non-empty list or dict one item a line. */
function format(v: unknown, indent: number, allowance: number): string {
  const rep = pyRepr(v);
  if (rep.length <= WIDTH - indent - allowance) return rep;
  // _pprint_list and _pprint_dict: items indented one past the bracket, the last one leaving room for the closing one
  const inner = indent + 1;
  const delim = `,\n${' '.repeat(inner)}`;
  if (Array.isArray(v) && v.length > 0) {
    return `[${v.map((x, i) => format(x, inner, i === v.length - 1 ? allowance + 1 : 1)).join(delim)}]`;
  }
  if (isPlainObject(v) && Object.keys(v).length > 0) {
    const keys = Object.keys(v).sort();
    const items = keys.map((k, i) => {
      const key = pyStrRepr(k);
      return `${key}: ${format(v[k], inner + key.length + 2, i === keys.length - 1 ? allowance + 1 : 1)}`;
    });
    return `{${items.join(delim)}}`;
  }
  return rep;
}

/** pprint.pformat of a value. */
export function pformat(v: unknown): string {
  return format(v, 0, 0);
}
