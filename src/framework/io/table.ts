// TF's immutable sorted table (core/lib/io: table_builder.cc, block_builder.cc, block.cc, format.cc, table.cc),
// LevelDB's SSTable layout, which a V2 checkpoint's `.index` file is: data blocks of prefix-compressed keys with
// restart points, each block followed by a 5-byte trailer (compression type, masked CRC-32C of the block and type),
// an empty metaindex block, an index block naming each data block by a key at or after its last one, and a 48-byte
// footer (the two block handles, padding, TF's table magic number). Pure code over bytes: it runs in browsers.
// The reader checks every length, offset and checksum and answers a bad file with TF's DataLossError wording.
import { DataLossError } from '../errors.js';
import { crc32c, maskCrc, unmaskCrc } from '../crc32c.js';
import { snappyUncompress } from './snappy.js';

/** TF's kTableMagicNumber (0xdb4775248b80fb57), stored little-endian as two 32-bit halves: low, then high. */
const MAGIC_LO = 0x8b80fb57;
const MAGIC_HI = 0xdb477524;
/** Footer::kEncodedLength: two handles padded to 2 × BlockHandle::kMaxEncodedLength, and the magic number. */
export const FOOTER_LENGTH = 48;
/** kBlockTrailerSize: the compression type byte and the masked CRC-32C. */
const TRAILER = 5;
const NO_COMPRESSION = 0;
const SNAPPY_COMPRESSION = 1;

/** table::Options' defaults that shape the bytes: 256 KiB blocks, a restart point every 16 keys (1 in the index). */
export interface TableOptions {
  block_size: number;
  block_restart_interval: number;
  /**
   * TF's kSnappyCompression, given a snappy compressor: a block is stored compressed when that saves at least an
   * eighth, as TF's builder decides. TF writes checkpoints uncompressed (the default, none); this is for tests.
   */
  snappy?: (raw: Uint8Array) => Uint8Array;
}
export const DEFAULT_TABLE_OPTIONS: TableOptions = { block_size: 262144, block_restart_interval: 16 };

/** A growable byte buffer. */
class Bytes {
  buf = new Uint8Array(256);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  put(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  byte(x: number): void {
    this.room(1);
    this.buf[this.length++] = x;
  }
  fixed32(x: number): void {
    this.room(4);
    new DataView(this.buf.buffer).setUint32(this.length, x >>> 0, true);
    this.length += 4;
  }
  /** A varint of up to 64 bits (exact for any safe integer). */
  varint(x: number): void {
    let v = x;
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** BlockBuilder: keys share their prefix with the previous key, except at each restart point. */
class BlockBuilder {
  private out = new Bytes();
  private restarts = [0];
  private counter = 0;
  private last: Uint8Array = new Uint8Array(0);
  constructor(private readonly interval: number) {}
  get empty(): boolean {
    return this.out.length === 0;
  }
  /** CurrentSizeEstimate: the entries, the restart array and its count. */
  get estimate(): number {
    return this.out.length + this.restarts.length * 4 + 4;
  }
  add(key: Uint8Array, value: Uint8Array): void {
    let shared = 0;
    if (this.counter < this.interval) {
      const n = Math.min(this.last.length, key.length);
      while (shared < n && this.last[shared] === key[shared]) shared++;
    } else {
      this.restarts.push(this.out.length);
      this.counter = 0;
    }
    this.out.varint(shared);
    this.out.varint(key.length - shared);
    this.out.varint(value.length);
    this.out.put(key.subarray(shared));
    this.out.put(value);
    this.last = key;
    this.counter++;
  }
  finish(): Uint8Array {
    for (const r of this.restarts) this.out.fixed32(r);
    this.out.fixed32(this.restarts.length);
    const b = this.out.bytes();
    this.out = new Bytes();
    this.restarts = [0];
    this.counter = 0;
    this.last = new Uint8Array(0);
    return b;
  }
}

/** Bytewise order of two keys (TF's BytewiseComparator). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** FindShortestSeparator: a short key in [start, limit), to name the block that ends with `start` in the index. */
function shortestSeparator(start: Uint8Array, limit: Uint8Array): Uint8Array {
  const n = Math.min(start.length, limit.length);
  let i = 0;
  while (i < n && start[i] === limit[i]) i++;
  if (i >= n) return start; // one is a prefix of the other
  const d = start[i]!;
  if (d < 0xff && d + 1 < limit[i]!) {
    const s = start.slice(0, i + 1);
    s[i] = d + 1;
    return s;
  }
  return start;
}

/** FindShortSuccessor: a short key at or after `key`, for the last block. */
function shortSuccessor(key: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    if (key[i] !== 0xff) {
      const s = key.slice(0, i + 1);
      s[i] = key[i]! + 1;
      return s;
    }
  }
  return key;
}

/**
 * TableBuilder with TF's kNoCompression: the table of `entries` (added in bytewise key order; a key out of order is
 * an error, as TF's builder asserts).
 */
export function buildTable(entries: Iterable<readonly [Uint8Array, Uint8Array]>, options: TableOptions = DEFAULT_TABLE_OPTIONS): Uint8Array {
  const file = new Bytes();
  const data = new BlockBuilder(options.block_restart_interval);
  const index = new BlockBuilder(1);
  let last: Uint8Array | null = null;
  let pending: { offset: number; size: number } | null = null;
  const writeBlock = (b: BlockBuilder): { offset: number; size: number } => {
    const raw = b.finish();
    const packed = options.snappy?.(raw);
    const [contents, type] = packed && packed.length < raw.length - raw.length / 8 ? [packed, SNAPPY_COMPRESSION] : [raw, NO_COMPRESSION];
    const handle = { offset: file.length, size: contents.length };
    file.put(contents);
    file.byte(type);
    file.fixed32(maskCrc(crc32c(Uint8Array.of(type), crc32c(contents))));
    return handle;
  };
  const handleBytes = (h: { offset: number; size: number }): Uint8Array => {
    const b = new Bytes();
    b.varint(h.offset);
    b.varint(h.size);
    return b.bytes();
  };
  for (const [key, value] of entries) {
    if (last !== null && compareBytes(key, last) <= 0) throw new Error('buildTable: keys must be added in increasing order');
    if (pending) {
      index.add(shortestSeparator(last!, key), handleBytes(pending));
      pending = null;
    }
    last = key;
    data.add(key, value);
    if (data.estimate >= options.block_size) pending = writeBlock(data);
  }
  if (!data.empty) pending = writeBlock(data);
  const metaindex = writeBlock(new BlockBuilder(options.block_restart_interval));
  if (pending) index.add(shortSuccessor(last!), handleBytes(pending));
  const indexHandle = writeBlock(index);
  const footer = new Bytes();
  footer.put(handleBytes(metaindex));
  footer.put(handleBytes(indexHandle));
  footer.put(new Uint8Array(40 - footer.length));
  footer.fixed32(MAGIC_LO);
  footer.fixed32(MAGIC_HI);
  file.put(footer.bytes());
  return file.bytes();
}

const lost = (why: string): never => {
  throw new DataLossError(why);
};

/** A cursor over bytes whose reads never pass `end`; `fail` is thrown (DataLossError) on any overrun. */
class Reader {
  constructor(
    readonly b: Uint8Array,
    public at: number,
    readonly end: number,
    private readonly fail: string,
  ) {}
  varint(maxBytes: number): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < maxBytes; i++) {
      if (this.at >= this.end) return lost(this.fail);
      const x = this.b[this.at++]!;
      v += (x & 0x7f) * scale;
      if (x < 0x80) return Number.isSafeInteger(v) ? v : lost(this.fail);
      scale *= 0x80;
    }
    return lost(this.fail);
  }
}

interface Handle {
  offset: number;
  size: number;
}

/** ReadBlock: the block's contents after its trailer's type and checksum are checked. */
function readBlock(file: Uint8Array, h: Handle): Uint8Array {
  if (h.offset + h.size + TRAILER > file.length) lost('truncated block read');
  const contents = file.subarray(h.offset, h.offset + h.size);
  const type = file[h.offset + h.size]!;
  const stored = new DataView(file.buffer, file.byteOffset + h.offset + h.size + 1, 4).getUint32(0, true);
  if (unmaskCrc(stored) !== crc32c(file.subarray(h.offset + h.size, h.offset + h.size + 1), crc32c(contents))) lost('block checksum mismatch');
  if (type === NO_COMPRESSION) return contents;
  if (type === SNAPPY_COMPRESSION) return snappyUncompress(contents);
  return lost('bad block type');
}

/** The (key, value) entries of one block, in order; DataLossError for a malformed block. */
function blockEntries(block: Uint8Array): [Uint8Array, Uint8Array][] {
  if (block.length < 4) lost('bad block contents');
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const numRestarts = view.getUint32(block.length - 4, true);
  if (numRestarts > (block.length - 4) / 4) lost('bad block contents');
  const limit = block.length - (1 + numRestarts) * 4;
  const out: [Uint8Array, Uint8Array][] = [];
  const r = new Reader(block, 0, limit, 'bad entry in block');
  let key = new Uint8Array(0);
  while (r.at < limit) {
    const shared = r.varint(5);
    const nonShared = r.varint(5);
    const valueLength = r.varint(5);
    if (shared > key.length || limit - r.at < nonShared + valueLength) lost('bad entry in block');
    const next = new Uint8Array(shared + nonShared);
    next.set(key.subarray(0, shared));
    next.set(block.subarray(r.at, r.at + nonShared), shared);
    r.at += nonShared;
    key = next;
    out.push([key, block.subarray(r.at, r.at + valueLength)]);
    r.at += valueLength;
  }
  return out;
}

function decodeHandle(r: Reader): Handle {
  return { offset: r.varint(10), size: r.varint(10) };
}

/**
 * Table::Open and a full scan: every (key, value) of the table in key order. Throws DataLossError with TF's
 * wording for a short file, a bad magic number or handle, a truncated block, a checksum mismatch, a bad entry,
 * or keys out of order.
 */
export function readTable(file: Uint8Array): [Uint8Array, Uint8Array][] {
  if (file.length < FOOTER_LENGTH) lost('file is too short to be an sstable');
  const f = file.length - FOOTER_LENGTH;
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (view.getUint32(f + 40, true) !== MAGIC_LO || view.getUint32(f + 44, true) !== MAGIC_HI) lost('not an sstable (bad magic number)');
  const r = new Reader(file, f, f + 40, 'bad block handle');
  decodeHandle(r); // the metaindex: TF's Table::Open does not read it either
  const index = blockEntries(readBlock(file, decodeHandle(r)));
  const out: [Uint8Array, Uint8Array][] = [];
  for (const [sep, value] of index) {
    const hr = new Reader(value, 0, value.length, 'bad block handle');
    const entries = blockEntries(readBlock(file, decodeHandle(hr)));
    for (const e of entries) {
      const prev = out.at(-1);
      if ((prev && compareBytes(e[0], prev[0]) <= 0) || compareBytes(e[0], sep) > 0) lost('bad entry in block');
      out.push(e);
    }
  }
  return out;
}
