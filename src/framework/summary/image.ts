// ImageSummary's values (core/kernels/summary_image_op.cc): PNG images (png.ts) with TF's float normalization.
import { create } from '@bufbuild/protobuf';
import { InvalidArgumentError } from '../errors.js';
import { type Summary_Value, Summary_ValueSchema } from '../proto/tensorflow/core/framework/summary_pb.js';
import { encode } from 'fast-png';

/** Images as ImageSummary takes them: [batch, height, width, channels] with 1, 3 or 4 channels. */
export interface ImageBatch {
  readonly shape: readonly [number, number, number, number];
  /** uint8 pixels as they are, or floats rescaled to 0..255 as TF does. */
  readonly data: Uint8Array | Float32Array | Float64Array;
}

/**
 * TF's float image normalization (NormalizeFloatImage): finite values in [0, max] scaled to 0..255, or with
 * negatives to 128 ± 127·v/max|v|; NaN and infinities take `badColor` (red, TF's default).
 */
export function normalizeFloatImage(px: Float32Array | Float64Array, channels: number, badColor: readonly number[] = [255, 0, 0, 255]): Uint8Array {
  // TF takes the range and the scale in float32 and transforms in the image's own type (float32 or double).
  const t = px instanceof Float64Array ? (x: number): number => x : Math.fround;
  const pixelFinite = (p: number): boolean => {
    for (let c = 0; c < channels; c++) if (!Number.isFinite(px[p + c]!)) return false;
    return true;
  };
  let lo = Infinity;
  let hi = -Infinity;
  for (let p = 0; p < px.length; p += channels) {
    if (!pixelFinite(p)) continue;
    for (let c = 0; c < channels; c++) {
      lo = Math.min(lo, px[p + c]!);
      hi = Math.max(hi, px[p + c]!);
    }
  }
  lo = Math.fround(lo);
  hi = Math.fround(hi);
  const kZero = Math.fround(1e-6);
  let scale: number;
  let offset: number;
  if (lo < 0) {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    scale = m < kZero ? 0 : Math.fround(127 / m);
    offset = 128;
  } else {
    scale = hi < kZero ? 0 : Math.fround(255 / hi);
    offset = 0;
  }
  const out = new Uint8Array(px.length);
  for (let p = 0; p < px.length; p += channels) {
    const finite = pixelFinite(p);
    for (let c = 0; c < channels; c++) out[p + c] = finite ? Math.trunc(t(t(px[p + c]! * scale) + offset)) : (badColor[c] ?? 0);
  }
  return out;
}

/**
 * ImageSummary's values: up to `max_images` images of the batch as PNGs, tagged `tag/image` when `max_images` is 1
 * and `tag/image/<i>` otherwise, as TF names them (by the images asked for, not those made). Float images are
 * normalized, their non-finite pixels `badColor` (at least one entry per channel).
 */
export function imageValues(tag: string, images: ImageBatch, max_images = 3, badColor: readonly number[] = [255, 0, 0, 255]): Summary_Value[] {
  const [batch, height, width, channels] = images.shape;
  if (channels !== 1 && channels !== 3 && channels !== 4)
    throw new InvalidArgumentError(`Tensor must be 4-D with last dim 1, 3, or 4, not [${images.shape.join(',')}]`);
  if (height * width <= 0) throw new InvalidArgumentError(`input tensor must have non-zero dims. Found: [${batch}, ${height}, ${width}, ${channels}].`);
  if (!(images.data instanceof Uint8Array) && badColor.length < channels)
    throw new InvalidArgumentError(`expected depth <= bad_color.size, got depth = ${channels}, bad_color.size = ${badColor.length}`);
  const n = Math.min(batch, max_images);
  const size = height * width * channels;
  const out: Summary_Value[] = [];
  for (let i = 0; i < n; i++) {
    const slice = images.data.subarray(i * size, (i + 1) * size);
    const data = slice instanceof Uint8Array ? slice : normalizeFloatImage(slice, channels, badColor);
    out.push(
      create(Summary_ValueSchema, {
        tag: max_images > 1 ? `${tag}/image/${i}` : `${tag}/image`,
        value: { case: 'image', value: { height, width, colorspace: channels, encodedImageString: encode({ width, height, data, channels, depth: 8 }) } },
      }),
    );
  }
  return out;
}
