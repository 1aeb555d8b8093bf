// Matplotlib's colormaps and `imshow` normalisation, so the figures colour pixels as the article's do.
// No Node APIs here: the web page reuses this in the browser.

/** An RGB colour, each channel in [0, 1] as matplotlib writes them. */
export type RGB = readonly [number, number, number];

/** A colormap as matplotlib samples it: `N` RGB byte triples, looked up by the normalised value. */
export interface Colormap {
  readonly name: string;
  /** N·3 bytes: entry i is the colour at i/(N-1). */
  readonly lut: Uint8Array;
  readonly N: number;
}

/** Matplotlib's `LinearSegmentedColormap.from_list(name, colors, N)`: colours equally spaced on [0, 1], linearly interpolated. */
export function colormapFromList(name: string, colors: readonly RGB[], N = 256): Colormap {
  const lut = new Uint8Array(N * 3);
  const segments = colors.length - 1;
  for (let i = 0; i < N; i++) {
    const x = (i / (N - 1)) * segments;
    const k = Math.min(Math.floor(x), segments - 1);
    const t = x - k;
    const a = colors[k]!;
    const b = colors[k + 1]!;
    for (let c = 0; c < 3; c++) {
      // Matplotlib turns the float LUT into bytes with `(lut * 255).astype(uint8)`, which truncates; the 1e-9 keeps
      // a level that lands a rounding error under an integer (254.99999...) from dropping one.
      lut[i * 3 + c] = Math.trunc((a[c]! + (b[c]! - a[c]!) * t) * 255 + 1e-9);
    }
  }
  return { name, lut, N };
}

/** Matplotlib's `gray_r`: white for the smallest value, black for the largest (the article's digits). */
export const gray_r: Colormap = colormapFromList('gray_r', [
  [1, 1, 1],
  [0, 0, 0],
]);

/** Matplotlib's `seismic`: dark blue, blue, white, red, dark red (the article's weights). */
export const seismic: Colormap = colormapFromList('seismic', [
  [0, 0, 0.3],
  [0, 0, 1],
  [1, 1, 1],
  [1, 0, 0],
  [0.5, 0, 0],
]);

/** Matplotlib's colormaps by name, for the ones the tutorial uses. */
export const COLORMAPS = { gray_r, seismic } as const;

/** The LUT index of a value already normalised to [0, 1], as `Colormap.__call__` picks it (`int(x * N)`, clipped). */
export function lutIndex(cmap: Colormap, v: number): number {
  if (Number.isNaN(v)) return 0;
  const i = Math.floor(v * cmap.N);
  return i < 0 ? 0 : i >= cmap.N ? cmap.N - 1 : i;
}

/** `imshow`'s default `Normalize()`: the data's own min and max. */
export function autoscale(values: ArrayLike<number>): { vmin: number; vmax: number } {
  let vmin = Infinity;
  let vmax = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < vmin) vmin = v;
    if (v > vmax) vmax = v;
  }
  return { vmin, vmax };
}

/**
 * Colours values through a colormap as `plt.imshow(values, cmap)` does: normalised to [vmin, vmax] (by default
 * the values' own range; all at the low end when the range is empty, as matplotlib) and looked up in the LUT.
 * Returns opaque RGBA bytes, four per value.
 */
export function applyColormap(values: ArrayLike<number>, cmap: Colormap, range: { vmin: number; vmax: number } = autoscale(values)): Uint8ClampedArray {
  const { vmin, vmax } = range;
  const span = vmax - vmin;
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const t = span > 0 ? (values[i]! - vmin) / span : 0;
    const k = lutIndex(cmap, t) * 3;
    out[i * 4] = cmap.lut[k]!;
    out[i * 4 + 1] = cmap.lut[k + 1]!;
    out[i * 4 + 2] = cmap.lut[k + 2]!;
    out[i * 4 + 3] = 255;
  }
  return out;
}
