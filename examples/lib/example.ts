// What every program under examples/ shares: its options (CI's short setting) and Python's print.
import { NDArray } from 'tf1-ts';

/** How an example runs. */
export interface ExampleOptions {
  /** CI's short setting: fewer epochs or steps (each example says which), same code otherwise. */
  short?: boolean;
  /** The folder the examples that write files write them in; default /tmp, as the originals (tests give their own). */
  tmp?: string;
}

/** An example program: `main` runs it, printing what the TF1 original prints, and returns its figures (for the tests). */
export type ExampleMain = (opts?: ExampleOptions) => Promise<Record<string, unknown>>;

/** Python's `str(v)`: NumPy's printing for arrays (NDArray's toString), `True`/`False`, `None`. */
export function str(v: unknown): string {
  if (v instanceof NDArray) return v.toString();
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  return String(v);
}

/** Python 3's `print(*values)`: their `str()`s joined by spaces, on one line. */
export function print(...values: unknown[]): void {
  console.log(values.map(str).join(' '));
}

/** A number from a Python number or a NumPy scalar (a 0-d or one-element NDArray), as Python's formatting takes either. */
function num(v: unknown): number {
  if (v instanceof NDArray) return Number(v.item());
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return Number(v);
  throw new TypeError(`a number is required, not ${str(v)}`);
}

/** Python's `fmt % values` for the conversions the examples use: `%i`/`%d` (with `0N` padding), `%s`, `%f`/`%.Nf`,
 * `%g`/`%.Ng`. */
export function percent(fmt: string, ...values: unknown[]): string {
  let k = 0;
  return fmt.replace(/%(0?)(\d*)(?:\.(\d+))?([idsfg%])/g, (_m, zero: string, width: string, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const v = values[k++];
    let s: string;
    if (conv === 's') s = str(v);
    else if (conv === 'f') s = num(v).toFixed(prec === undefined ? 6 : Number(prec));
    else if (conv === 'g') s = general(num(v), prec === undefined ? 6 : Number(prec));
    else s = String(Math.trunc(num(v)));
    return s.padStart(Number(width || 0), zero ? '0' : ' ');
  });
}

/** Python's `'%.Pg' % v`: P significant digits, fixed-point when the exponent X is -4 <= X < P, else `d.ddde+XX`;
 * trailing zeros (and a bare point) dropped. */
function general(v: number, p: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  const P = Math.max(p, 1);
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, e] = v.toExponential(P - 1).split('e') as [string, string];
  const X = Number(e);
  const strip = (t: string) => (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t);
  if (X >= -4 && X < P) return strip(v.toFixed(P - 1 - X));
  return `${strip(mantissa)}e${X < 0 ? '-' : '+'}${String(Math.abs(X)).padStart(2, '0')}`;
}

/** Python's `"{:.Nf}".format(v)`: `v` with N decimals. */
export function fixed(v: unknown, decimals: number): string {
  return num(v).toFixed(decimals);
}

/** The uniform [0, 1) source behind numpy_random: Math.random until `numpy_random.seed` is called. */
let draw: () => number = Math.random;

/** NumPy's `numpy.random` for what the examples draw: `randn()`, one standard normal sample (Box–Muller), ... */
export const numpy_random = {
  /** `numpy.random.seed(seed)`: a repeatable stream from here on (mulberry32; NumPy's own Mersenne Twister stream is
   * not reproduced, so the draws differ from NumPy's for the same seed). */
  seed(seed: number): void {
    let a = seed >>> 0;
    draw = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  },
  randn(): number {
    const u = 1 - draw();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * draw());
  },
  /** `uniform(low, high, size)`: float64 samples in [low, high) of shape `size`. */
  uniform(low: number, high: number, size: number[]): NDArray {
    const data = new Float64Array(size.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * draw();
    return new NDArray(data, size, 'float64');
  },
  /** `normal(loc, scale, size)`: float64 normal samples of shape `size` (Box–Muller). */
  normal(loc: number, scale: number, size: number[]): NDArray {
    const data = new Float64Array(size.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = loc + scale * numpy_random.randn();
    return new NDArray(data, size, 'float64');
  },
};

/** NumPy's `a[i]` (`a[i, :]`) of a 2-d array: row i, a view of its data. */
export function np_row(a: NDArray, i: number): NDArray {
  const width = a.shape[1]!;
  return new NDArray(a.data.subarray(i * width, (i + 1) * width), [width], a.dtype);
}

/** NumPy's `np.argmax(v)` of a 1-d array: the first index of its largest value. */
export function np_argmax(v: NDArray): number {
  let best = 0;
  for (let i = 1; i < v.data.length; i++) if (v.data[i]! > v.data[best]!) best = i;
  return best;
}

/** NumPy's `a[start:end]` of a 2-d array: rows start..end-1, a view of its data. */
export function np_rows(a: NDArray, start: number, end: number): NDArray {
  const width = a.shape[1]!;
  return new NDArray(a.data.subarray(start * width, end * width), [end - start, width], a.dtype);
}

/** NumPy's `a.reshape(shape)` (one dimension may be -1): the same data, a view. */
export function np_reshape(a: NDArray, shape: readonly number[]): NDArray {
  const known = shape.filter((d) => d !== -1).reduce((x, y) => x * y, 1);
  return new NDArray(
    a.data,
    shape.map((d) => (d === -1 ? a.data.length / known : d)),
    a.dtype,
  );
}
