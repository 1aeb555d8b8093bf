// Synchronous file access for record and event files (TF1's writers and readers are synchronous calls). Node's
// modules come from process.getBuiltinModule, so browser bundles leave them out and only these calls fail there.
import { UnimplementedError } from '../framework/errors.js';
import { errnoError } from '../framework/fs_errors.js';

type FsSync = typeof import('node:fs');
type Path = typeof import('node:path');
type Zlib = typeof import('node:zlib');
type Os = typeof import('node:os');
type GetBuiltin = (id: string) => unknown;

function builtin<T>(id: string): T {
  const get = typeof process !== 'undefined' ? (process as { getBuiltinModule?: GetBuiltin }).getBuiltinModule : undefined;
  if (typeof get !== 'function') throw new UnimplementedError(`Reading and writing record files needs Node.js 20.16 or later (${id}).`);
  return get(id) as T;
}

/** node:fs, node:path, node:zlib and node:os, or UnimplementedError outside Node. */
export const nodeFs = (): { fs: FsSync; path: Path } => ({ fs: builtin<FsSync>('node:fs'), path: builtin<Path>('node:path') });
export const nodeZlib = (): Zlib => builtin<Zlib>('node:zlib');
export const nodeOs = (): Os => builtin<Os>('node:os');

/** A Node file-system error as the tf.errors class TF1's Env raises for it, naming the file as TF does. */
export function fsError(e: unknown, file: string): Error {
  const err = e as NodeJS.ErrnoException;
  const msg = `${file}; ${err.code === 'ENOENT' ? 'No such file or directory' : (err.message ?? String(e))}`;
  return errnoError(err.code, msg);
}

/** Runs a file-system call, turning Node's errors into TF1's. */
export function onFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== undefined) throw fsError(e, file);
    throw e;
  }
}
