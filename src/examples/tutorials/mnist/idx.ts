import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { MnistDataError } from './data_error.js';

export { MnistDataError } from './data_error.js';

/** The raw contents of an IDX image file (magic 0x00000803): `count` images of `rows`×`cols` bytes, row-major. */
export interface IdxImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count·rows·cols pixel bytes; a view into the file's bytes. */
  readonly pixels: Uint8Array;
}

/** The raw contents of an IDX label file (magic 0x00000801): one byte per example. */
export interface IdxLabels {
  readonly count: number;
  /** count label bytes; a view into the file's bytes. */
  readonly labels: Uint8Array;
}

/** IDX's magic number for unsigned-byte data with 1 dimension (labels). */
export const IDX_LABELS_MAGIC = 0x00000801;
/** IDX's magic number for unsigned-byte data with 3 dimensions (images). */
export const IDX_IMAGES_MAGIC = 0x00000803;

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** The bytes of a file, gunzipped when it starts with gzip's magic bytes 1f 8b (whatever its name). */
export function readMaybeGzipped(path: string): Uint8Array {
  if (!existsSync(path)) throw new MnistDataError(`${path}: no such file`);
  let raw: Uint8Array;
  try {
    raw = readFileSync(path);
  } catch (e) {
    throw new MnistDataError(`${path}: cannot be read (${(e as Error).message})`);
  }
  if (raw.length >= 2 && raw[0] === GZIP_MAGIC_0 && raw[1] === GZIP_MAGIC_1) {
    try {
      return gunzipSync(raw);
    } catch (e) {
      throw new MnistDataError(`${path}: corrupt gzip data (${(e as Error).message})`);
    }
  }
  return raw;
}

/** Reads the IDX header: checks the magic number and that the data the dimensions promise is all there. */
function parseHeader(bytes: Uint8Array, path: string, magic: number, what: string): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4) {
    throw new MnistDataError(`${path}: truncated: ${bytes.length} bytes, too short for an IDX header`);
  }
  const got = view.getUint32(0, false);
  if (got !== magic) {
    throw new MnistDataError(`${path}: not an IDX ${what} file (magic number 0x${hex8(got)}, expected 0x${hex8(magic)})`);
  }
  const ndims = magic & 0xff;
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new MnistDataError(`${path}: truncated: ${bytes.length} bytes, the IDX header alone takes ${headerBytes}`);
  }
  const dims: number[] = [];
  let payload = 1;
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    payload *= d;
  }
  if (bytes.length < headerBytes + payload) {
    throw new MnistDataError(
      `${path}: truncated: the header promises ${dims.join('×')} = ${payload} bytes of data ` +
        `after ${headerBytes} header bytes, the file has ${bytes.length - headerBytes}`,
    );
  }
  return dims;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Parses an IDX image file's bytes (already gunzipped); `path` only names the file in errors. */
export function parseIdxImages(bytes: Uint8Array, path: string): IdxImages {
  const dims = parseHeader(bytes, path, IDX_IMAGES_MAGIC, 'image');
  const [count, rows, cols] = dims as [number, number, number];
  const start = 16;
  return { count, rows, cols, pixels: bytes.subarray(start, start + count * rows * cols) };
}

/** Parses an IDX label file's bytes (already gunzipped); `path` only names the file in errors. */
export function parseIdxLabels(bytes: Uint8Array, path: string): IdxLabels {
  const [count] = parseHeader(bytes, path, IDX_LABELS_MAGIC, 'label') as [number];
  return { count, labels: bytes.subarray(8, 8 + count) };
}

/** Reads an IDX image file, plain or gzipped. */
export function readIdxImages(path: string): IdxImages {
  return parseIdxImages(readMaybeGzipped(path), path);
}

/** Reads an IDX label file, plain or gzipped. */
export function readIdxLabels(path: string): IdxLabels {
  return parseIdxLabels(readMaybeGzipped(path), path);
}

/** Throws unless an image file and its label file hold the same number of examples. */
export function checkSameCount(images: IdxImages, imagesPath: string, labels: IdxLabels, labelsPath: string): void {
  if (images.count !== labels.count) {
    throw new MnistDataError(`${imagesPath} holds ${images.count} images but ${labelsPath} holds ${labels.count} labels`);
  }
}
