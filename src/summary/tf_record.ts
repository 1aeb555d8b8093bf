// tf.python_io (TF1's python/lib/io/tf_record.py): TFRecordWriter, tf_record_iterator and their options.
import { DataLossError, ValueError } from '../framework/errors.js';
import { kind, opt, parseArgs, req, signed, tf1, type Call } from '../framework/args.js';
import { INT, STR } from '../ops/kinds.js';
import { FOOTER_SIZE, HEADER_SIZE, readChecksummed, readRecords, recordLength } from './record_format.js';
import { type Compression, RecordFile } from './record_file.js';
import { nodeFs, nodeZlib, onFile } from './node_fs.js';

/** TF1's `tf.python_io.TFRecordCompressionType`. */
export const TFRecordCompressionType = Object.freeze({ NONE: 0, ZLIB: 1, GZIP: 2 } as const);

const COMPRESSION_MAP: Record<number, Compression> = { 0: '', 1: 'ZLIB', 2: 'GZIP' };

const OPTIONS_PARAMS = [
  opt(
    'compression_type',
    kind<number>('TFRecordCompressionType', (v) => typeof v === 'number' && v in COMPRESSION_MAP),
  ),
  opt('flush_mode', INT),
  opt('input_buffer_size', INT),
  opt('output_buffer_size', INT),
  opt('window_bits', INT),
  opt('compression_level', INT),
  opt('compression_method', INT),
  opt('mem_level', INT),
  opt('compression_strategy', INT),
] as const;

/**
 * TF1's `tf.python_io.TFRecordOptions(compression_type, ...)`: NONE, ZLIB or GZIP, with zlib's compression_level,
 * window_bits, mem_level and compression_strategy (TF's defaults when unset); the buffer sizes and flush_mode are
 * accepted and kept (the whole file is compressed at each flush).
 */
export class TFRecordOptions {
  static readonly compression_type_map: Readonly<Record<number, string>> = COMPRESSION_MAP;
  compression_type: number | null;
  readonly flush_mode: number | null;
  readonly input_buffer_size: number | null;
  readonly output_buffer_size: number | null;
  readonly window_bits: number | null;
  readonly compression_level: number | null;
  readonly compression_method: number | null;
  readonly mem_level: number | null;
  readonly compression_strategy: number | null;

  constructor(...args: Call<typeof OPTIONS_PARAMS>) {
    const a = parseArgs('TFRecordOptions', OPTIONS_PARAMS, args);
    this.compression_type = a.compression_type ?? null;
    this.flush_mode = a.flush_mode ?? null;
    this.input_buffer_size = a.input_buffer_size ?? null;
    this.output_buffer_size = a.output_buffer_size ?? null;
    this.window_bits = a.window_bits ?? null;
    this.compression_level = a.compression_level ?? null;
    this.compression_method = a.compression_method ?? null;
    this.mem_level = a.mem_level ?? null;
    this.compression_strategy = a.compression_strategy ?? null;
  }

  /** TF1's classmethod: "" (none), "ZLIB" or "GZIP" for an options object or None. */
  static get_compression_type_string(options: TFRecordOptions | null | undefined): string {
    if (!options) return '';
    const s = COMPRESSION_MAP[options.compression_type ?? 0];
    if (s === undefined) throw new ValueError(`Not a valid compression_type: "${String(options.compression_type)}"`);
    return s;
  }
}
signed(TFRecordOptions, 'python_io.TFRecordOptions', OPTIONS_PARAMS);

const OPTIONS = kind<TFRecordOptions>('TFRecordOptions', (v) => v instanceof TFRecordOptions);
const RECORD = kind<Uint8Array | string>('bytes', (v) => v instanceof Uint8Array || typeof v === 'string');
const WRITER_PARAMS = [req('path', STR), opt('options', OPTIONS)] as const;
const WRITE_PARAMS = [req('record', RECORD)] as const;

const bytesOf = (r: Uint8Array | string): Uint8Array => (typeof r === 'string' ? new TextEncoder().encode(r) : r);

/**
 * TF1's `tf.python_io.TFRecordWriter(path, options)`: writes records to `path` in TF's TFRecord framing.
 * `write(record)` (bytes, or a string as its UTF-8 bytes), `flush()`, `close()`; a write after close is ignored
 * and a flush after close is FailedPreconditionError, as in TF 1.12.
 */
export class TFRecordWriter {
  private readonly file: RecordFile;

  constructor(...args: Call<typeof WRITER_PARAMS>) {
    const a = parseArgs('TFRecordWriter', WRITER_PARAMS, args);
    const o = a.options;
    this.file = new RecordFile(
      a.path,
      TFRecordOptions.get_compression_type_string(o) as Compression,
      o ? { level: o.compression_level, windowBits: o.window_bits, memLevel: o.mem_level, strategy: o.compression_strategy } : {},
    );
  }

  /** Writes one record. */
  write(...args: Call<typeof WRITE_PARAMS>): void {
    const { record } = parseArgs('write', WRITE_PARAMS, args);
    this.file.write(bytesOf(record));
  }

  /** Puts every record written so far in the file. */
  flush(...args: Call<readonly []>): void {
    parseArgs('flush', [], args);
    this.file.flush();
  }

  /** Flushes and closes the file. */
  close(...args: Call<readonly []>): void {
    parseArgs('close', [], args);
    this.file.close();
  }
}
// Python's `with TFRecordWriter(...) as w:` as a `using` declaration (closes the file). Installed at run time, not declared in the
// class: a declared [Symbol.dispose] puts Symbol.dispose in the published types, which only TypeScript's esnext lib knows.
if (typeof Symbol.dispose === 'symbol')
  Object.defineProperty(TFRecordWriter.prototype, Symbol.dispose, {
    value(this: TFRecordWriter) {
      this.close();
    },
  });
signed(TFRecordWriter, 'python_io.TFRecordWriter', WRITER_PARAMS);
signed(TFRecordWriter.prototype.write, 'TFRecordWriter.write', WRITE_PARAMS);
signed(TFRecordWriter.prototype.flush, 'TFRecordWriter.flush', []);
signed(TFRecordWriter.prototype.close, 'TFRecordWriter.close', []);

/** A compressed record file's bytes, inflated; DataLossError for a broken stream. */
function inflateFile(path: string, compression: string): Uint8Array {
  const { fs } = nodeFs();
  const raw = new Uint8Array(onFile(path, () => fs.readFileSync(path)));
  const z = nodeZlib();
  try {
    return new Uint8Array(compression === 'GZIP' ? z.gunzipSync(raw) : z.inflateSync(raw));
  } catch (e) {
    throw new DataLossError(`inflate() failed: ${(e as Error).message} in ${path}`);
  }
}

/**
 * The records of an uncompressed file, read record by record (a file of any size, never more than one record in
 * memory), with TF's RecordReader checks and errors. As TF1's Python generator, the file is opened at the first
 * `next()` (a missing file is NotFoundError there), and closed when the iteration ends or is left.
 */
function* streamRecords(path: string): Generator<Uint8Array, void, undefined> {
  const { fs } = nodeFs();
  const fd = onFile(path, () => fs.openSync(path, 'r'));
  let size = 0;
  const readAt = (at: number, n: number): Uint8Array => {
    const buf = new Uint8Array(Math.max(0, Math.min(n, size - at)));
    let got = 0;
    while (got < buf.length) {
      const k = onFile(path, () => fs.readSync(fd, buf, got, buf.length - got, at + got));
      if (k === 0) break;
      got += k;
    }
    return buf.subarray(0, got);
  };
  try {
    size = onFile(path, () => fs.fstatSync(fd).size);
    for (let offset = 0; ; ) {
      const header = readChecksummed(readAt(offset, HEADER_SIZE), 0, 8, offset);
      if (header === null) return;
      const length = recordLength(header);
      const dataAt = offset + HEADER_SIZE;
      // Never more than the file holds, whatever the length says: a short read is TF's truncated record.
      const data = readChecksummed(readAt(dataAt, length + FOOTER_SIZE), 0, Math.min(length, size), dataAt);
      if (data === null) throw new DataLossError(`truncated record at ${offset}`);
      yield data;
      offset = dataAt + length + FOOTER_SIZE;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The records of a TFRecord file: streamed when uncompressed, inflated whole when compressed. */
export function readRecordFile(path: string, compression: string): Generator<Uint8Array, void, undefined> {
  if (compression === '') return streamRecords(path);
  return (function* () {
    yield* readRecords(inflateFile(path, compression));
  })();
}

/**
 * TF1's `tf.python_io.tf_record_iterator(path, options)`: the records of a TFRecord file, in order, as
 * Uint8Arrays (a JavaScript iterator: `for (const r of tf_record_iterator(path))`). A truncated or corrupted
 * record is TF's DataLossError (`truncated record at 14`), raised when the iteration reaches it.
 */
export const tf_record_iterator = tf1('python_io.tf_record_iterator', [req('path', STR), opt('options', OPTIONS)] as const, ({ path, options }) => {
  return readRecordFile(path, TFRecordOptions.get_compression_type_string(options));
});
