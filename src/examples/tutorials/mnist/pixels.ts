// TF1's DataSet with dtype float32: `images.astype(numpy.float32)` then `numpy.multiply(images, 1.0 / 255.0)`,
// computed as NumPy computes it (a float32 array times a Python float is a float32 product).
import { type NDArray, pinned_zeros } from '../../../index.js';

/** TF1's scale factor, as NumPy casts `1.0 / 255.0` to meet a float32 array. */
const SCALE = Math.fround(1 / 255);

/** Each byte's scaled float32 (within 1 ulp of byte/255, not always equal). */
const PIXEL_SCALE: Float32Array = (() => {
  const lut = new Float32Array(256);
  for (let b = 0; b < 256; b++) lut[b] = Math.fround(b * SCALE);
  return lut;
})();

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Bytes to scaled float32 through the lookup table; four at a time where aligned (MNIST is ~80% zero words, skipped). */
function decodePixels(src: Uint8Array, out: Float32Array): void {
  const lut = PIXEL_SCALE;
  const n = src.length;
  let i = 0;
  if (LITTLE_ENDIAN) {
    const head = Math.min(n, (4 - (src.byteOffset & 3)) & 3);
    for (; i < head; i++) out[i] = lut[src[i]!]!;
    const words = new Uint32Array(src.buffer, src.byteOffset + i, (n - i) >>> 2);
    for (let k = 0; k < words.length; k++, i += 4) {
      const w = words[k]!;
      if (w === 0) continue; // `out` starts zeroed
      out[i] = lut[w & 0xff]!;
      out[i + 1] = lut[(w >>> 8) & 0xff]!;
      out[i + 2] = lut[(w >>> 16) & 0xff]!;
      out[i + 3] = lut[w >>> 24]!;
    }
  }
  for (; i < n; i++) out[i] = lut[src[i]!]!;
}

/**
 * Images of any dtype as float32 in TF1's scale (`[0, 255]` to `[0.0, 1.0]`), same shape, in pinned memory
 * (tf.pinned_zeros: the CPU kernels read it in place when it is fed, run after run).
 */
export function scaleImages(images: NDArray): NDArray {
  const out = pinned_zeros([...images.shape]);
  const dst = out.data as Float32Array;
  if (images.data instanceof Uint8Array) {
    decodePixels(images.data, dst);
    return out;
  }
  const src = images.data;
  for (let i = 0; i < src.length; i++) dst[i] = Math.fround(Math.fround(Number(src[i]!)) * SCALE);
  return out;
}
