// File access for checkpoints: atomic writes (temporary file, fsync, rename, fsync of the folder),
// reads, and TF1-style errors for what the file system says. Node's modules are imported lazily with
// a computed specifier so that browser bundles of the library leave them out.
import { OpError } from '../framework/errors.js';
import { fsError } from '../framework/fs_errors.js';

export { fsError };

type Fs = typeof import('node:fs/promises');
type FsSync = typeof import('node:fs');
type Path = typeof import('node:path');

async function importNodeOnly<T>(specifier: string): Promise<T> {
  return (await import(/* @vite-ignore */ specifier)) as T;
}

const inNode = (): boolean => typeof process !== 'undefined' && !!process.versions?.node;
const noFileSystem = (): OpError => new OpError('Saving and restoring files needs Node.js (no file system here).', null, 'UNIMPLEMENTED');

/** node:fs/promises and node:path, or TF1's UnimplementedError-like failure outside Node. */
export async function nodeFs(): Promise<{ fs: Fs; path: Path }> {
  if (!inNode()) throw noFileSystem();
  const [fs, path] = await Promise.all([importNodeOnly<Fs>('node:fs/promises'), importNodeOnly<Path>('node:path')]);
  return { fs, path };
}

// Node before 20.16 has no process.getBuiltinModule: there the modules load (asynchronously) with this file,
// so synchronous calls work once anything has been awaited, as TF1 programs do before they look for checkpoints.
let preloaded: { fs: FsSync; path: Path } | null = null;
type GetBuiltin = (id: string) => unknown;
if (inNode() && typeof (process as { getBuiltinModule?: GetBuiltin }).getBuiltinModule !== 'function') {
  void Promise.all([importNodeOnly<FsSync>('node:fs'), importNodeOnly<Path>('node:path')]).then(
    ([fs, path]) => {
      preloaded = { fs, path };
    },
    () => undefined,
  );
}

/** node:fs and node:path, synchronously (for `latest_checkpoint`, which TF1 returns at once), or UnimplementedError outside Node. */
export function nodeFsSync(): { fs: FsSync; path: Path } {
  if (!inNode()) throw noFileSystem();
  const get = (process as { getBuiltinModule?: GetBuiltin }).getBuiltinModule;
  if (typeof get === 'function') return { fs: get('node:fs') as FsSync, path: get('node:path') as Path };
  if (preloaded) return preloaded;
  throw new OpError(
    'Reading checkpoint state synchronously needs Node.js 20.16 or later (process.getBuiltinModule), or an await first.',
    null,
    'UNIMPLEMENTED',
  );
}

/**
 * Points where a test may stop a save to simulate a crash (it then kills the process): after half the
 * bytes are written, and after the temporary file is complete but before it is renamed into place.
 */
export const _crashHooks: {
  midWrite: ((tmpPath: string) => Promise<void>) | null;
  beforeRename: ((tmpPath: string, finalPath: string) => Promise<void>) | null;
} = { midWrite: null, beforeRename: null };

const randomHex = (): string =>
  Array.from({ length: 4 }, () =>
    Math.floor(Math.random() * 0x10000)
      .toString(16)
      .padStart(4, '0'),
  ).join('');

/** The temporary name writeAtomic gives `<file>` while writing it: `<file>.tmp` and 16 hex digits. */
export const TEMP_NAME = /^(.+)\.tmp[0-9a-f]{16}$/;

// Temporary files being written in this process right now: a cleanup must not take them from under a save.
const writing = new Set<string>();

/**
 * Writes `bytes` to `path` atomically, as TF1's `atomic_write_string_to_file`: into `path.tmp<hex>`,
 * fsync, rename over `path`, fsync the folder. A crash at any point leaves either the old file or the new one.
 */
export async function writeAtomic(filePath: string, bytes: Uint8Array): Promise<void> {
  const { fs, path } = await nodeFs();
  const tmp = `${filePath}.tmp${randomHex()}`;
  writing.add(path.resolve(tmp));
  try {
    const fh = await fs.open(tmp, 'w');
    try {
      const half = bytes.length >> 1;
      await writeAll(fh, bytes, 0, half);
      if (_crashHooks.midWrite) await _crashHooks.midWrite(tmp);
      await writeAll(fh, bytes, half, bytes.length);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (_crashHooks.beforeRename) await _crashHooks.beforeRename(tmp, filePath);
    await fs.rename(tmp, filePath);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e instanceof OpError ? e : fsError(e, `Failed to write ${filePath}`);
  } finally {
    writing.delete(path.resolve(tmp));
  }
  await syncFolder(path.dirname(filePath));
}

// A single write() may write less than asked; loop until the range is on its way to disk.
async function writeAll(fh: import('node:fs/promises').FileHandle, bytes: Uint8Array, from: number, to: number): Promise<void> {
  while (from < to) {
    const { bytesWritten } = await fh.write(bytes, from, to - from, from);
    from += bytesWritten;
  }
}

// The rename is durable only once the folder's entry is on disk. Some systems (Windows) cannot open a
// folder for fsync; the data itself is already synced there, so that failure is ignored.
async function syncFolder(dir: string): Promise<void> {
  const { fs } = await nodeFs();
  try {
    const fh = await fs.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* best effort, see above */
  }
}

/** The bytes of a regular file, or null when there is no such file. */
export async function readIfFile(filePath: string): Promise<Uint8Array | null> {
  const { fs } = await nodeFs();
  try {
    const st = await fs.stat(filePath);
    if (!st.isFile()) return null;
    return new Uint8Array(await fs.readFile(filePath));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw fsError(e, `Failed to read ${filePath}`);
  }
}

/** True when `p` is an existing folder. */
export async function isDirectory(p: string): Promise<boolean> {
  const { fs } = await nodeFs();
  return fs.stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * Deletes the temporary files a killed writeAtomic left in `dir` for files whose names `isOwn` accepts
 * (a Saver's checkpoints and index), except those this process is writing now. Another process saving the
 * same prefix at the same moment could lose its temporary file; TF1's own pattern of one writer per folder
 * is assumed.
 */
export async function removeStrayTemps(dir: string, isOwn: (fileName: string) => boolean): Promise<void> {
  const { fs, path } = await nodeFs();
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return; // nothing to tidy where nothing can be listed
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    const file = path.join(dir, name);
    if (!m || !isOwn(m[1]!) || writing.has(path.resolve(file))) continue;
    // Best effort, regular files only: tidying must never fail the save that does it.
    const st = await fs.lstat(file).catch(() => null);
    if (st?.isFile()) await fs.rm(file, { force: true }).catch(() => undefined);
  }
}

/**
 * Makes folder `dir` and its missing parents one level at a time, as `mkdir -p`, and checks it is a writable
 * folder; NotFoundError / PermissionDeniedError / ... otherwise. Node's own recursive mkdir is not used: on a
 * path under /proc it spins at 100% CPU forever instead of failing.
 */
export function makeDirs(dir: string): void {
  const { fs, path } = nodeFsSync();
  const target = path.resolve(dir);
  const missing: string[] = [];
  // The nearest folder that exists; every step goes one level up, so this ends at the root at the latest.
  for (let at = target; ; at = path.dirname(at)) {
    let st: import('node:fs').Stats;
    try {
      st = fs.statSync(at);
    } catch (e) {
      const up = path.dirname(at);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || up === at) throw fsError(e, `Failed to create ${target}`);
      missing.push(at);
      continue;
    }
    if (!st.isDirectory()) throw fsError(Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' }), `Failed to create ${target}`);
    try {
      fs.accessSync(at, fs.constants.W_OK);
    } catch (e) {
      throw fsError(e, `Failed to create ${target}`);
    }
    break;
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw fsError(e, `Failed to create ${target}`);
    }
  }
}

/** Deletes a file if it is there (pruned checkpoints). */
export async function removeFile(p: string): Promise<void> {
  const { fs } = await nodeFs();
  await fs.rm(p, { force: true }).catch((e: unknown) => {
    throw fsError(e, `Failed to delete ${p}`);
  });
}
