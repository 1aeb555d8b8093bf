// The tf.errors class TF1's Env (file_io) raises for a file-system error, by its errno code.
import { InternalError, NotFoundError, PermissionDeniedError, ResourceExhaustedError, type OpError } from './errors.js';

/** The tf.errors class of a Node file-system error code (`ENOENT` → NotFoundError, ...), with message `msg`. */
export function errnoError(code: string | undefined, msg: string): OpError {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new NotFoundError(msg);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new PermissionDeniedError(msg);
    case 'ENOSPC':
    case 'EDQUOT':
      return new ResourceExhaustedError(msg);
    default:
      return new InternalError(msg);
  }
}

/** A Node file-system error as the tf.errors class TF1's file_io raises for it, its message prefixed with `what`. */
export function fsError(e: unknown, what: string): OpError {
  const err = e as NodeJS.ErrnoException;
  return errnoError(err.code, `${what}: ${err.message ?? String(e)}`);
}
