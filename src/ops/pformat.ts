// Python's pprint.pformat of the tensor-free structures tf.print builds its template from, in JavaScript terms: a
// string as Python's repr of a str, a number as Python's int (an integral value below 1e16) or float repr, true/false as
// True/False, null and undefined as None, an array as a list, a plain object as a dict with its keys sorted (as
// pprint sorts them), anything else by String(). Unlike pprint, a structure wider than 80 columns is not wrapped
// onto several lines, and JavaScript has no tuples (a Python tuple prints as a list here) nor floats with an
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

/** pprint.pformat of a value, on one line. */
export function pformat(v: unknown): string {
  if (typeof v === 'string') return pyStrRepr(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : pyFloatRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return 'None';
  if (Array.isArray(v)) return `[${v.map(pformat).join(', ')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${pyStrRepr(k)}: ${pformat(v[k])}`).join(', ')}}`;
  }
  return String(v);
}
