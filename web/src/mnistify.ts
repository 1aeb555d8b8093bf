// What MNIST did to each digit, done to the one the reader draws: "size normalized to fit in a 20x20 pixel box
// while preserving their aspect ratio" (anti-aliased, so grey levels appear), then "centered in a 28x28 image by
// computing the center of mass of the pixels" (LeCun et al.). Without it, a digit drawn small or off to one side
// looks nothing like the training data. No DOM here.

/** A greyscale picture: `width`×`height` ink values in [0, 1], row-major. */
export interface InkImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** MNIST's field and the box a digit is scaled into. */
export const FIELD = 28;
export const BOX = 20;

/** The smallest rectangle holding every pixel with ink (null for a blank picture); `x1`, `y1` exclusive. */
export function boundingBox(img: InkImage, threshold = 0.05): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = img.width,
    y0 = img.height,
    x1 = 0,
    y1 = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x]! > threshold) {
        if (x < x0) x0 = x;
        if (x >= x1) x1 = x + 1;
        if (y < y0) y0 = y;
        if (y >= y1) y1 = y + 1;
      }
    }
  }
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null;
}

/** Weights of an area-averaging resample of `n` source cells onto `m` target cells: for each target, [source, weight] pairs summing to 1. */
function areaWeights(n: number, m: number): [number, number][][] {
  const scale = n / m;
  const out: [number, number][][] = [];
  for (let t = 0; t < m; t++) {
    const a = t * scale;
    const b = (t + 1) * scale;
    const row: [number, number][] = [];
    for (let s = Math.floor(a); s < Math.min(n, Math.ceil(b)); s++) {
      const overlap = Math.min(b, s + 1) - Math.max(a, s);
      if (overlap > 1e-9) row.push([s, overlap / scale]);
    }
    out.push(row);
  }
  return out;
}

/** The rectangle (`x0..x1`, `y0..y1`) of `img` resampled to `w`×`h` by averaging the area under each target pixel (anti-aliasing). */
export function resampleArea(img: InkImage, rect: { x0: number; y0: number; x1: number; y1: number }, w: number, h: number): InkImage {
  const wx = areaWeights(rect.x1 - rect.x0, w);
  const wy = areaWeights(rect.y1 - rect.y0, h);
  const out = new Float32Array(w * h);
  for (let ty = 0; ty < h; ty++) {
    for (let tx = 0; tx < w; tx++) {
      let sum = 0;
      for (const [sy, ky] of wy[ty]!) {
        const base = (rect.y0 + sy) * img.width + rect.x0;
        for (const [sx, kx] of wx[tx]!) sum += img.data[base + sx]! * ky * kx;
      }
      out[ty * w + tx] = sum;
    }
  }
  return { width: w, height: h, data: out };
}

/** The centre of mass in pixel-centre coordinates (pixel i spans [i, i+1)); null when there is no ink. */
export function centreOfMass(img: InkImage): { x: number; y: number } | null {
  let m = 0,
    sx = 0,
    sy = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const v = img.data[y * img.width + x]!;
      m += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: sx / m, y: sy / m } : null;
}

/**
 * A drawn digit as an MNIST example: cropped to its ink, scaled (aspect kept) so its longer side is 20 pixels,
 * and placed in a 28×28 field with its centre of mass at the centre (moved no further than keeps it inside).
 * Returns 784 values in [0, 1]; all zeros for a blank picture.
 */
export function mnistify(img: InkImage): Float32Array {
  const out = new Float32Array(FIELD * FIELD);
  const box = boundingBox(img);
  if (!box) return out;
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const s = BOX / Math.max(bw, bh);
  const w = Math.max(1, Math.round(bw * s));
  const h = Math.max(1, Math.round(bh * s));
  const small = resampleArea(img, box, w, h);
  const com = centreOfMass(small) ?? { x: w / 2, y: h / 2 };
  const clamp = (v: number, hi: number): number => Math.min(Math.max(v, 0), hi);
  const ox = clamp(Math.round(FIELD / 2 - com.x), FIELD - w);
  const oy = clamp(Math.round(FIELD / 2 - com.y), FIELD - h);
  for (let y = 0; y < h; y++) out.set(small.data.subarray(y * w, y * w + w), (oy + y) * FIELD + ox);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, out[i]!);
  return out;
}

/** The picture shrunk to 28×28 as it is, without cropping or centring: what the model sees if nobody normalises it. */
export function shrinkOnly(img: InkImage): Float32Array {
  const r = resampleArea(img, { x0: 0, y0: 0, x1: img.width, y1: img.height }, FIELD, FIELD);
  return r.data.map((v) => Math.min(1, v));
}
