// A record file being written: TF's RecordWriter over a WritableFile (records framed by record_format.ts),
// uncompressed or compressed with zlib (ZLIB, GZIP) as TF's ZlibOutputBuffer writes them.
import { FailedPreconditionError, InvalidArgumentError } from '../framework/errors.js';
import { encodeRecord } from './record_format.js';
import { nodeFs, nodeZlib, onFile } from './node_fs.js';
import { concatBytes } from '../framework/bytes.js';

/** TF's compression type strings ("" is none). */
export type Compression = '' | 'ZLIB' | 'GZIP';

/** zlib's settings (TF's ZlibCompressionOptions); unset ones take TF's defaults. */
export interface ZlibSettings {
  readonly level?: number | null;
  readonly windowBits?: number | null;
  readonly memLevel?: number | null;
  readonly strategy?: number | null;
}

/**
 * Compresses a whole record file as TF's ZLIB or GZIP writer does: zlib's default level and strategy, a 15-bit
 * window and TF's memory level 9 unless `settings` say otherwise (a GZIP window is given as TF gives it, +16).
 */
export function compress(bytes: Uint8Array, type: Compression, settings: ZlibSettings = {}): Uint8Array {
  if (type === '') return bytes;
  const z = nodeZlib();
  const windowBits = settings.windowBits ?? 15;
  const opts = {
    level: settings.level ?? z.constants.Z_DEFAULT_COMPRESSION,
    windowBits: windowBits > 15 ? windowBits - 16 : windowBits,
    memLevel: settings.memLevel ?? 9,
    strategy: settings.strategy ?? z.constants.Z_DEFAULT_STRATEGY,
  };
  try {
    return new Uint8Array(type === 'GZIP' ? z.gzipSync(bytes, opts) : z.deflateSync(bytes, opts));
  } catch (e) {
    // Settings zlib refuses (a window of 3 bits, level 12): TF's deflateInit2 failure.
    throw new InvalidArgumentError(`deflateInit2 failed: ${(e as Error).message}`);
  }
}

// Files still open when Node's process exits get their queued records written (TF's writers flush in their
// destructors; a JavaScript program that never calls close() would otherwise lose everything queued). Open files
// are held until closed, as TF1's writer threads hold theirs.
const open = new Set<RecordFile>();
let exitHook = false;
function flushAtExit(): void {
  for (const ref of open) {
    try {
      ref.flush();
    } catch {
      // the process is ending: nothing left to tell
    }
  }
}

/**
 * Records appended to a file: `write` queues a framed record, `flush` puts the queued ones in the file. An
 * uncompressed file grows by appending; a compressed one is rewritten whole at each flush (zlib streams cannot be
 * appended to synchronously here), so its readers always see a complete stream.
 */
export class RecordFile {
  private fd: number | null;
  private pending: Uint8Array[] = [];
  private written: Uint8Array[] = [];

  constructor(
    readonly path: string,
    private readonly compression: Compression = '',
    private readonly settings: ZlibSettings = {},
  ) {
    const { fs } = nodeFs();
    this.fd = onFile(path, () => fs.openSync(path, 'w'));
    open.add(this);
    if (!exitHook && typeof process !== 'undefined' && typeof process.once === 'function') {
      exitHook = true;
      process.once('exit', flushAtExit);
    }
  }

  get closed(): boolean {
    return this.fd === null;
  }

  /** Queues one record (ignored once closed, as TF 1.12's PyRecordWriter does). */
  write(record: Uint8Array): void {
    if (this.fd !== null) this.pending.push(encodeRecord(record));
  }

  /** Writes the queued records to the file; FailedPreconditionError once closed (TF's "Writer is closed."). */
  flush(): void {
    const fd = this.fd;
    if (fd === null) throw new FailedPreconditionError('Writer is closed.');
    if (this.pending.length === 0) return;
    const { fs } = nodeFs();
    if (this.compression === '') {
      for (const b of this.pending) onFile(this.path, () => fs.writeSync(fd, b));
    } else {
      this.written.push(...this.pending);
      const all = compress(concatBytes(this.written), this.compression, this.settings);
      onFile(this.path, () => {
        fs.ftruncateSync(fd, 0);
        fs.writeSync(fd, all, 0, all.length, 0);
      });
    }
    this.pending = [];
  }

  /** Flushes and closes the file; closing twice does nothing. */
  close(): void {
    if (this.fd === null) return;
    this.flush();
    const fd = this.fd;
    this.fd = null;
    this.written = [];
    open.delete(this);
    onFile(this.path, () => nodeFs().fs.closeSync(fd));
  }
}
