import type { NDArray } from './ndarray.js';
import { isInteger } from './dtypes.js';

// NumPy's default print options: these make `print(sess.run(y))` read as it does in Python.
const LINE_WIDTH = 75;
const PRECISION = 8;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;

/** Decimal digits and exponent of the shortest string that round-trips `v` in its own precision. */
function shortest(v: number, f32: boolean): { neg: boolean; digits: string; exp: number } {
  let s = String(v);
  if (f32) {
    for (let p = 1; p <= 9; p++) {
      const t = v.toPrecision(p);
      if (Math.fround(Number(t)) === v) {
        s = t;
        break;
      }
    }
  }
  const e = Math.abs(Number(s)).toExponential();
  const [mant, ex] = e.split('e') as [string, string];
  return { neg: v < 0 || Object.is(v, -0), digits: mant.replace('.', ''), exp: Number(ex) };
}

/** Positional digits split at the point, from digits d0.d1d2... times 10^exp. */
function positional(digits: string, exp: number): [string, string] {
  if (exp >= 0) {
    const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    return [int, digits.slice(exp + 1)];
  }
  return ['0', '0'.repeat(-exp - 1) + digits];
}

/** One float in positional notation, at most PRECISION fractional digits, trailing zeros trimmed. */
function posParts(v: number, f32: boolean): [string, string] {
  const sh = shortest(v, f32);
  let [int, frac] = positional(sh.digits, sh.exp);
  if (frac.length > PRECISION) {
    const fixed = Math.abs(v).toFixed(PRECISION).split('.') as [string, string];
    int = fixed[0];
    frac = fixed[1].replace(/0+$/, '');
  }
  return [(sh.neg ? '-' : '') + int, frac];
}

/** One float in scientific notation: mantissa parts and exponent. */
function sciParts(v: number, f32: boolean): [string, string, number] {
  const sh = shortest(v, f32);
  let digits = sh.digits;
  let exp = sh.exp;
  if (digits.length - 1 > PRECISION) {
    const [m, e] = Math.abs(v).toExponential(PRECISION).split('e') as [string, string];
    digits = m.replace('.', '').replace(/0+$/, '');
    exp = Number(e);
  }
  return [(sh.neg ? '-' : '') + digits[0], digits.slice(1), exp];
}

function nonFinite(v: number): string {
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

/** Builds NumPy's FloatingFormat for the values shown: one width for every element. */
function floatFormatter(vals: number[], f32: boolean): (v: number) => string {
  const finite = vals.filter(Number.isFinite);
  const absNz = finite.map(Math.abs).filter((x) => x !== 0);
  const maxV = absNz.length ? Math.max(...absNz) : 0;
  const minV = absNz.length ? Math.min(...absNz) : 0;
  const sci = maxV >= 1e8 || (absNz.length > 0 && (minV < 1e-4 || maxV / minV > 1e3));
  let padLeft = 0;
  let padRight = 0;
  let expSize = 0;
  for (const v of finite) {
    if (sci) {
      const [i, f, e] = sciParts(v, f32);
      padLeft = Math.max(padLeft, i.length);
      padRight = Math.max(padRight, f.length);
      expSize = Math.max(expSize, String(Math.abs(e)).length, 2);
    } else {
      const [i, f] = posParts(v, f32);
      padLeft = Math.max(padLeft, i.length);
      padRight = Math.max(padRight, f.length);
    }
  }
  const hasNeg = vals.some((v) => v < 0);
  const width = sci ? padLeft + 1 + padRight + 2 + expSize : padLeft + 1 + padRight;
  return (v: number) => {
    if (!Number.isFinite(v)) {
      const s = nonFinite(v);
      return s.padStart(Math.max(width, hasNeg && s[0] !== '-' ? s.length + 1 : s.length));
    }
    if (sci) {
      const [i, f, e] = sciParts(v, f32);
      const es = String(Math.abs(e)).padStart(expSize, '0');
      return i.padStart(padLeft) + '.' + f.padEnd(padRight, '0') + 'e' + (e < 0 ? '-' : '+') + es;
    }
    const [i, f] = posParts(v, f32);
    return i.padStart(padLeft) + '.' + f.padEnd(padRight);
  };
}

/** NumPy's str() of a scalar: shortest round-trip digits (`0.9067`, `1e-05`, `True`, `7`). */
export function formatScalar(v: number, dtype: NDArray['dtype']): string {
  if (dtype === 'bool') return v ? 'True' : 'False';
  if (isInteger(dtype)) return String(v);
  if (!Number.isFinite(v)) return nonFinite(v);
  const f32 = dtype === 'float32';
  const a = Math.abs(v);
  if (a === 0 || (a >= 1e-4 && a < 1e16)) {
    const [i, f] = posParts(v, f32);
    const sh = shortest(v, f32);
    const [, full] = positional(sh.digits, sh.exp);
    return `${i}.${full.length > f.length ? full : f || '0'}`;
  }
  const [i, f, e] = sciParts(v, f32);
  return `${i}${f ? '.' + f : ''}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Indices of the elements shown along one axis when the array is summarised. */
function shownIndices(n: number, summarise: boolean): number[] {
  if (!summarise || n <= 2 * EDGE_ITEMS) return [...Array(n).keys()];
  return [0, 1, 2, n - 3, n - 2, n - 1];
}

/** NumPy's str() of an array (`[[0.1 0.1]\n [0.1 0.1]]`), with its line wrapping and summarising. */
export function formatArray(a: NDArray): string {
  const { shape, dtype } = a;
  if (dtype === 'string') return formatStrings(a);
  const data = a.data;
  if (shape.length === 0) return formatScalar(data[0]!, dtype);
  if (a.size === 0) return '[]';
  const summarise = a.size > THRESHOLD;
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((p, d) => p * d, 1));
  const shown: number[] = [];
  const collect = (axis: number, off: number): void => {
    for (const i of shownIndices(shape[axis]!, summarise)) {
      if (axis === shape.length - 1) shown.push(data[off + i]!);
      else collect(axis + 1, off + i * strides[axis]!);
    }
  };
  collect(0, 0);
  let fmt: (v: number) => string;
  if (dtype === 'float32' || dtype === 'float64') fmt = floatFormatter(shown, dtype === 'float32');
  else if (dtype === 'bool') {
    const w = shown.some((v) => !v) ? 5 : 4;
    fmt = (v) => (v ? 'True' : 'False').padStart(w);
  } else {
    const w = Math.max(...shown.map((v) => String(v).length));
    fmt = (v) => String(v).padStart(w);
  }
  return layout(shape, summarise, (i) => fmt(data[i]!));
}

/** Python's repr of a bytes value (`b'abc'`, `b"it's"`, `b'\\x00'`). */
export function bytesRepr(b: Uint8Array): string {
  const quote = b.includes(0x27) && !b.includes(0x22) ? '"' : "'";
  let s = 'b' + quote;
  for (const c of b) {
    if (c === 0x5c) s += '\\\\';
    else if (c === quote.charCodeAt(0)) s += '\\' + quote;
    else if (c === 0x09) s += '\\t';
    else if (c === 0x0a) s += '\\n';
    else if (c === 0x0d) s += '\\r';
    else if (c < 0x20 || c >= 0x7f) s += '\\x' + c.toString(16).padStart(2, '0');
    else s += String.fromCharCode(c);
  }
  return s + quote;
}

/** NumPy's str() of a bytes array (`[b'a' b'bc']`): each element's repr, unpadded, wrapped as numbers are. */
function formatStrings(a: NDArray): string {
  const s = a.strings;
  if (a.shape.length === 0) return bytesRepr(s[0]!);
  if (a.size === 0) return '[]';
  return layout(a.shape, a.size > THRESHOLD, (i) => bytesRepr(s[i]!));
}

/** NumPy's nesting, line wrapping and summarising of an array whose element at flat index i prints as `fmt(i)`. */
function layout(shape: readonly number[], summarise: boolean, fmt: (i: number) => string): string {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((p, d) => p * d, 1));
  const rec = (axis: number, off: number, indent: string, width: number): string => {
    const n = shape[axis]!;
    const idx = shownIndices(n, summarise);
    const gap = summarise && n > 2 * EDGE_ITEMS;
    const nextIndent = indent + ' ';
    let s = '';
    if (axis === shape.length - 1) {
      const elemWidth = width - 1;
      let line = indent;
      const extend = (word: string, w: number): void => {
        if (line.length + word.length > w && line.length > indent.length) {
          s += line.trimEnd() + '\n';
          line = indent;
        }
        line += word;
      };
      idx.forEach((i, k) => {
        const last = k === idx.length - 1;
        extend(fmt(off + i), last ? elemWidth : elemWidth);
        if (!last) line += ' ';
        if (gap && k === EDGE_ITEMS - 1) {
          extend('...', elemWidth);
          line += ' ';
        }
      });
      s += line;
    } else {
      const sep = '\n'.repeat(shape.length - axis - 1);
      idx.forEach((i, k) => {
        s += indent + rec(axis + 1, off + i * strides[axis]!, nextIndent, width - 1);
        if (k < idx.length - 1) s += sep;
        if (gap && k === EDGE_ITEMS - 1) s += indent + '...' + sep;
      });
    }
    return '[' + s.slice(indent.length) + ']';
  };
  return rec(0, 0, ' ', LINE_WIDTH);
}
