// PNG encoding for ImageSummary (what TF's png::WriteImageToBuffer makes: 8-bit gray, RGB or RGBA, zlib's default
// compression). Synchronous, as a kernel is: the IDAT stream comes from node:zlib's deflateSync where Node is (taken
// with process.getBuiltinModule, so browser bundles leave it out), else from stored deflate blocks, a valid zlib
// stream any PNG decoder reads. CRC-32 from SheetJS's crc-32 (pure JS).
import CRC32 from 'crc-32';

type Zlib = { deflateSync(data: Uint8Array): Uint8Array };
type GetBuiltin = (id: string) => unknown;

function nodeZlib(): Zlib | null {
  const get = typeof process !== 'undefined' ? (process as { getBuiltinModule?: GetBuiltin }).getBuiltinModule : undefined;
  return typeof get === 'function' ? (get('node:zlib') as Zlib) : null;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The PNG colour type of 1 (gray), 2 (gray + alpha), 3 (RGB) and 4 (RGBA) channels. */
const COLOR_TYPE: Record<number, number> = { 1: 0, 2: 4, 3: 2, 4: 6 };

/** A zlib stream of stored (uncompressed) deflate blocks, with its Adler-32. */
function storedZlib(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + data.length + blocks * 5 + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const chunk = data.subarray(b * 65535, Math.min(data.length, (b + 1) * 65535));
    out[o] = b === blocks - 1 ? 1 : 0;
    out[o + 1] = chunk.length & 0xff;
    out[o + 2] = chunk.length >>> 8;
    out[o + 3] = ~chunk.length & 0xff;
    out[o + 4] = (~chunk.length >>> 8) & 0xff;
    out.set(chunk, o + 5);
    o += 5 + chunk.length;
  }
  let a = 1;
  let s = 0;
  for (let i = 0; i < data.length; i++) {
    a = (a + data[i]!) % 65521;
    s = (s + a) % 65521;
  }
  new DataView(out.buffer).setUint32(o, ((s << 16) | a) >>> 0);
  return out;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, CRC32.buf(out.subarray(4, 8 + body.length)) >>> 0);
  return out;
}

/**
 * A PNG of `height` rows of `width` pixels of `channels` 8-bit samples each (row-major, interleaved); `deflate`
 * false stores the scanlines uncompressed, as where node:zlib is missing.
 */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: number, deflate = true): Uint8Array {
  const stride = width * channels;
  // Each scanline with filter type 0 (None) in front.
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const zlib = deflate ? nodeZlib() : null;
  const idat = zlib ? new Uint8Array(zlib.deflateSync(raw)) : storedZlib(raw);
  const ihdr = new Uint8Array(13);
  const h = new DataView(ihdr.buffer);
  h.setUint32(0, width);
  h.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = COLOR_TYPE[channels]!;
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
