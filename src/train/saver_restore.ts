// Saver.restore's two ways in: reading a checkpoint's values for the Saver's variables, all checked before any is
// returned, and running the restore op of a Saver made from a SaverDef.
import { InvalidArgumentError, NotFoundError, TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { NDArray } from '../framework/ndarray.js';
import type { Session } from '../session/session.js';
import type { RefVariable } from '../ops/variables.js';
import type { SaverDef as SaverDefProto } from '../framework/proto/tensorflow/core/protobuf/saver_pb.js';
import { checkpointExistsSync, openCheckpoint } from './checkpoint_files.js';
import { restoreMismatch } from './saver_checks.js';

/**
 * TF1's restore for a Saver made from a SaverDef (a .meta's): runs its restore op with the filename fed. A key the
 * file lacks or a mismatched tensor fails the run (no variable changes) with TF1's wrapped message.
 */
export async function restoreFromSaverDef(sess: Session, def: SaverDefProto, save_path: string | null): Promise<void> {
  if (save_path === null || save_path === undefined) throw new ValueError("Can't load save_path when it is None.");
  if (!checkpointExistsSync(save_path)) throw new ValueError(`The passed save_path is not a valid checkpoint: ${save_path}`);
  const g = sess.graph;
  const feed = new Map([[g.get_tensor_by_name(def.filenameTensorName), NDArray.fromStrings([save_path], [])]]);
  try {
    await sess.run(g.get_operation_by_name(def.restoreOpName), feed);
  } catch (e) {
    const why =
      e instanceof NotFoundError
        ? 'a Variable name or other graph key that is missing from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint.'
        : e instanceof InvalidArgumentError
          ? 'a mismatch between the current graph and the graph from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint.'
          : null;
    if (why === null) throw e;
    const Cls = (e as Error).constructor as new (message: string, op: string | null) => Error;
    throw new Cls(
      `Restoring from checkpoint failed. This is most likely due to ${why} Original error:\n\n${(e as Error).message}`,
      (e as NotFoundError).node_name,
    );
  }
}

/** The values of `vars` (key, variable) in the checkpoint at `save_path`, every key, dtype, shape and checksum checked first. */
export async function readCheckpoint(vars: readonly (readonly [string, RefVariable])[], save_path: string | null): Promise<Map<string, NDArray>> {
  if (save_path === null || save_path === undefined) throw new ValueError("Can't load save_path when it is None.");
  if (typeof save_path !== 'string') {
    const what =
      (save_path as unknown) instanceof Promise
        ? 'a Promise (await it, or pass the string tf.train.latest_checkpoint returns)'
        : `${String(save_path)} of type '${typeof save_path}'`;
    throw new TFTypeError(`Expected binary or unicode string, got ${what}`);
  }
  const ckpt = await openCheckpoint(save_path);
  if (ckpt === null) throw new ValueError(`The passed save_path is not a valid checkpoint: ${save_path}`);
  // Every key is checked before any value is read, and every value (its checksum) before any is returned.
  for (const [key, v] of vars) {
    const err = restoreMismatch(key, v, ckpt.entries.get(key) ?? null);
    if (err) throw err;
  }
  return new Map(vars.map(([key]) => [key, ckpt.read(key)]));
}
