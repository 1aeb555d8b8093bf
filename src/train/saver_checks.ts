// What a Saver checks: a stored tensor against the variable it restores (TF1's messages), which files in a folder are
// a save path's own checkpoints (for pruning), and the global step in a checkpoint's name.
import { TensorShape } from '../framework/shape.js';
import { dtypeProtoName } from '../framework/dtypes.js';
import { InvalidArgumentError, NotFoundError, TypeError as TFTypeError } from '../framework/errors.js';
import type { RefVariable } from '../ops/variables.js';
import type { StoredTensor } from './checkpoint_files.js';

/** TF1's error for a variable the checkpoint lacks or holds with another dtype or an incompatible shape; null when it fits. */
export function restoreMismatch(key: string, v: RefVariable, e: StoredTensor | null): Error | null {
  if (e === null) {
    return new NotFoundError(
      `Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\nKey ${key} not found in checkpoint\n\t [[{{node save/RestoreV2}}]]`,
      'save/RestoreV2',
    );
  }
  if (e.dtype !== v.dtype) {
    const stored = e.dtype === null ? e.dtypeName : dtypeProtoName(e.dtype);
    return new InvalidArgumentError(
      `tensor_name = ${key}; expected dtype ${dtypeProtoName(v.dtype)} does not equal original dtype ${stored}\n\t [[{{node save/RestoreV2}}]]`,
      'save/RestoreV2',
    );
  }
  if (!v.shape.is_compatible_with(new TensorShape(e.shape))) {
    return new InvalidArgumentError(
      `Restoring from checkpoint failed. This is most likely due to a mismatch between the current graph and the graph from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\nAssign requires shapes of both tensors to match. lhs shape= ${v.shape.toBracketString()} rhs shape= [${e.shape.join(',')}]\n\t [[{{node save/Assign}}]]`,
      'save/Assign',
    );
  }
  return null;
}

/** Whether `p` is one of the checkpoint names of `save_path` (itself or `-<step>`) in its folder `dir`. */
export function ownNames(path: typeof import('node:path'), dir: string, save_path: string): (p: string) => boolean {
  const folder = path.resolve(dir);
  const base = path.basename(save_path);
  return (p) => {
    const r = path.resolve(p);
    if (path.dirname(r) !== folder) return false;
    const name = path.basename(r);
    return name === base || (name.startsWith(`${base}-`) && /^\d+$/.test(name.slice(base.length + 1)));
  };
}

/** The step number for a checkpoint's name. */
export function checkedStep(n: number | null): number | null {
  if (n === null) return null;
  if (!Number.isFinite(n)) throw new TFTypeError(`global_step must be a finite number, got ${n}`);
  return Math.trunc(n);
}
