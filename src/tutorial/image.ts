// Raster images as plain RGBA bytes, and the few layout operations the figures need. No Node APIs here: the
// web page draws these same bytes onto a canvas (`new ImageData(img.data, img.width, img.height)`).

/** An opaque-or-not RGBA raster, row-major, four bytes a pixel (the layout of the browser's `ImageData`). */
export interface RGBAImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** A blank image filled with one colour (default white, as matplotlib's figure background). */
export function blankImage(width: number, height: number, rgba: readonly [number, number, number, number] = [255, 255, 255, 255]): RGBAImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
  return { width, height, data };
}

/** Wraps RGBA bytes as an image, checking that the size matches. */
export function rgbaImage(data: Uint8ClampedArray, width: number, height: number): RGBAImage {
  if (data.length !== width * height * 4) {
    throw new RangeError(`RGBA data of ${data.length} bytes does not fit a ${width}×${height} image`);
  }
  return { width, height, data };
}

/** Enlarges each pixel to a `factor`×`factor` block (nearest neighbour, as `imshow` shows a small image large). */
export function upscale(img: RGBAImage, factor: number): RGBAImage {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`upscale factor must be a positive integer, got ${factor}`);
  if (factor === 1) return img;
  const width = img.width * factor;
  const height = img.height * factor;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const srcRow = Math.floor(y / factor) * img.width;
    for (let x = 0; x < width; x++) {
      const s = (srcRow + Math.floor(x / factor)) * 4;
      const d = (y * width + x) * 4;
      out[d] = img.data[s]!;
      out[d + 1] = img.data[s + 1]!;
      out[d + 2] = img.data[s + 2]!;
      out[d + 3] = img.data[s + 3]!;
    }
  }
  return { width, height, data: out };
}

/** Copies `src` into `dst` with its top-left corner at (x, y); `dst` must be large enough. */
export function blit(dst: RGBAImage, src: RGBAImage, x: number, y: number): void {
  if (x < 0 || y < 0 || x + src.width > dst.width || y + src.height > dst.height) {
    throw new RangeError(`a ${src.width}×${src.height} image at (${x}, ${y}) does not fit in ${dst.width}×${dst.height}`);
  }
  for (let row = 0; row < src.height; row++) {
    const s = row * src.width * 4;
    dst.data.set(src.data.subarray(s, s + src.width * 4), ((y + row) * dst.width + x) * 4);
  }
}

/** Lays equal-sized panels out in a grid of `cols` columns (row by row, as `plt.subplot` numbers them) with `gap` pixels of white around each. */
export function grid(panels: readonly RGBAImage[], cols: number, gap: number): RGBAImage {
  const first = panels[0];
  if (!first) throw new RangeError('grid needs at least one panel');
  for (const p of panels) {
    if (p.width !== first.width || p.height !== first.height) throw new RangeError('grid panels must all have the same size');
  }
  const rows = Math.ceil(panels.length / cols);
  const out = blankImage(cols * (first.width + gap) + gap, rows * (first.height + gap) + gap);
  panels.forEach((p, i) => {
    blit(out, p, gap + (i % cols) * (first.width + gap), gap + Math.floor(i / cols) * (first.height + gap));
  });
  return out;
}

/** The RGBA bytes of pixel (x, y), for tests and for checking a figure by eye in code. */
export function pixelAt(img: RGBAImage, x: number, y: number): [number, number, number, number] {
  const i = (y * img.width + x) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!];
}
