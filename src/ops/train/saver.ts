// tf.train.Saver: saves variables' values to checkpoint files and restores them, keeping TF1's
// `checkpoint` index and pruning old checkpoints. Values travel through Session.readVariable /
// writeVariable, so no save or restore ops are added to the graph.
import { get_default_graph, GraphKeys, type Graph } from '../../graph/graph.js';
import { Tensor } from '../../graph/tensor.js';
import { TensorShape } from '../../graph/shape.js';
import { dtypeProtoName } from '../../graph/dtypes.js';
import {
  FailedPreconditionError, InvalidArgumentError, NotFoundError, RuntimeError, TypeError as TFTypeError, ValueError,
} from '../../graph/errors.js';
import type { NDArray } from '../../ndarray/ndarray.js';
import type { Session } from '../../session/session.js';
import { RefVariable } from '../variables.js';
import { decodeCheckpointFor, encodeCheckpoint } from './checkpoint_format.js';
import { isDirectory, nodeFs, readIfFile, removeFile, removeStrayTemps, writeAtomic } from './checkpoint_io.js';
import { stateConflict, update_checkpoint_state } from './checkpoint_state.js';
import { export_meta_graph, loadMetaGraph, restoreMetaGraph, type MetaGraphDefJson } from './meta_graph.js';

/** Options of `new tf.train.Saver(var_list, options)`, with TF1's names. */
export interface SaverOptions {
  /** How many recent checkpoints to keep (5); 0 or null keeps every file and lists only the newest. */
  max_to_keep?: number | null;
}

/** Options of `saver.save(sess, save_path, options)`, with TF1's names. */
export interface SaveOptions {
  /** Appended to the prefix (`model.ckpt-100`): a number, or a variable/tensor whose value is read. */
  global_step?: number | RefVariable | Tensor;
  /** Name of the index file in the checkpoint's folder ('checkpoint'). */
  latest_filename?: string;
  /** Whether to update the index file (true). */
  write_state?: boolean;
  /** Whether to write the graph and its collections to `<prefix>.meta` (true), for `import_meta_graph`. */
  write_meta_graph?: boolean;
}

/** The variables a Saver handles: a list (saved under their op names) or an object of checkpoint keys. */
export type SaverVarList = readonly RefVariable[] | { readonly [key: string]: RefVariable };

function namedVariables(var_list: SaverVarList | null | undefined): [string, RefVariable][] {
  const list = var_list ?? get_default_graph().get_collection<RefVariable>(GraphKeys.GLOBAL_VARIABLES);
  let pairs: [string, RefVariable][];
  if (Array.isArray(list)) {
    pairs = (list as readonly unknown[]).map((v) => {
      if (v instanceof Tensor) throw new TFTypeError(`Variables to save should be passed in a dict or a list: ${v}`);
      if (!(v instanceof RefVariable)) throw new TFTypeError(`Variable to save is not a Variable: ${String(v)}`);
      return [v.op.name, v];
    });
  } else if (typeof list === 'object' && list !== null) {
    pairs = Object.entries(list as Record<string, unknown>).map(([k, v]) => {
      if (!(v instanceof RefVariable)) throw new TFTypeError(`Variable to save is not a Variable: ${String(v)}`);
      return [k, v];
    });
  } else {
    throw new TFTypeError(`Variables to save should be passed in a dict or a list: ${String(list)}`);
  }
  if (pairs.length === 0) throw new ValueError('No variables to save');
  const seen = new Set<string>();
  for (const [k] of pairs) {
    if (seen.has(k)) throw new ValueError(`At least two variables have the same name: ${k}`);
    seen.add(k);
  }
  const g = pairs[0]![1].graph;
  if (pairs.some(([, v]) => v.graph !== g)) throw new ValueError('All variables a Saver handles must be from the same graph.');
  return pairs;
}

/** TF1's `tf.train.Saver`: `await saver.save(sess, 'dir/model.ckpt', { global_step })`, `await saver.restore(sess, prefix)`. */
export class Saver {
  private readonly vars: [string, RefVariable][];
  private readonly maxToKeep: number;
  private last: string[] = [];
  // Resolved prefixes this Saver wrote in this process: the only files it deletes outside its own names.
  private readonly written = new Set<string>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(var_list?: SaverVarList | null, opts: SaverOptions = {}) {
    this.vars = namedVariables(var_list);
    const m = opts.max_to_keep === undefined ? 5 : opts.max_to_keep ?? 0;
    if (!Number.isInteger(m) || m < 0) throw new ValueError(`max_to_keep must be a non-negative integer or null, got ${String(opts.max_to_keep)}`);
    this.maxToKeep = m;
  }

  /** The checkpoint prefixes this Saver keeps, oldest first (TF1's `last_checkpoints`). */
  get last_checkpoints(): string[] {
    return [...this.last];
  }

  /** Adopts checkpoints written earlier (say, by a previous process) so they are pruned in turn (TF1's `recover_last_checkpoints`). */
  recover_last_checkpoints(checkpoint_paths: readonly string[]): void {
    if (!Array.isArray(checkpoint_paths) || !checkpoint_paths.every((p) => typeof p === 'string')) {
      throw new TFTypeError(`checkpoint_paths must be a list of strings, got ${String(checkpoint_paths)}`);
    }
    this.last = [...checkpoint_paths];
  }

  /**
   * Writes every variable's value to `save_path` (plus `-<global_step>`) atomically, records it in the folder's
   * `checkpoint` file, deletes checkpoints beyond `max_to_keep`, and returns the prefix written.
   */
  save(sess: Session, save_path: string, opts: SaveOptions = {}): Promise<string> {
    let snapshot: Snapshot;
    try {
      this.checkSession(sess);
      snapshot = this.snapshot(sess, opts.global_step);
    } catch (e) {
      return Promise.reject(e);
    }
    const run = this.chain.then(() => this.saveNow(sess, save_path, opts, snapshot));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * The values to save, read as TF1 reads them: when save() is called. The reads (and the global step's run)
   * are queued on the session now, before any await, so runs started after this call do not change them,
   * and they form one consistent state between runs.
   */
  private snapshot(sess: Session, g: SaveOptions['global_step']): Snapshot {
    const step = g === undefined || g === null ? Promise.resolve(null)
      : typeof g === 'number' ? Promise.resolve(g) : sess.run(g as Tensor).then((a) => a.item());
    const values = Promise.all(this.vars.map(([, v]) => sess.readVariable(v)));
    // Awaited by saveNow unless an earlier check fails first.
    step.catch(() => undefined);
    values.catch(() => undefined);
    return { step, values };
  }

  private async saveNow(sess: Session, save_path: string, opts: SaveOptions, snapshot: Snapshot): Promise<string> {
    this.checkSession(sess);
    if (typeof save_path !== 'string' || save_path === '') throw new ValueError(`save_path must be a non-empty string, got ${String(save_path)}`);
    const { path } = await nodeFs();
    const step = checkedStep(await snapshot.step);
    const prefix = step === null ? save_path : `${save_path}-${step}`;
    const latestFilename = opts.latest_filename ?? 'checkpoint';
    const dir = path.dirname(save_path);
    if (path.resolve(dir, latestFilename) === path.resolve(prefix)) throw stateConflict(prefix);
    if (!(await isDirectory(dir))) throw new ValueError(`Parent directory of ${save_path} doesn't exist, can't save.`);
    const values = await snapshot.values;
    const tensors = new Map<string, NDArray>();
    this.vars.forEach(([key, v], i) => {
      const value = values[i];
      if (!value) throw new FailedPreconditionError(`Attempting to use uninitialized value ${v.op.name}\n\t [[{{node save/SaveV2}}]]`, 'save/SaveV2');
      tensors.set(key, value);
    });
    await writeAtomic(prefix, encodeCheckpoint(tensors));
    if (opts.write_meta_graph ?? true) await export_meta_graph(`${prefix}.meta`, { graph: this.vars[0]![1].graph });
    if (opts.write_state ?? true) await this.record(dir, prefix, latestFilename, save_path);
    await this.tidy(dir, save_path, latestFilename);
    return prefix;
  }

  // TF1's order: remember the new checkpoint, rewrite the index, and only then delete the oldest files,
  // so that a crash in between leaves an index whose every entry still exists.
  private async record(dir: string, prefix: string, latestFilename: string, save_path: string): Promise<void> {
    const { path } = await nodeFs();
    this.written.add(path.resolve(prefix));
    if (this.maxToKeep === 0) {
      await update_checkpoint_state(dir, prefix, [], latestFilename);
      return;
    }
    this.last = this.last.filter((p) => p !== prefix);
    this.last.push(prefix);
    const drop = this.last.length > this.maxToKeep ? this.last.splice(0, this.last.length - this.maxToKeep) : [];
    await update_checkpoint_state(dir, prefix, this.last, latestFilename);
    const own = ownNames(path, dir, save_path);
    for (const p of drop) {
      // A prefix from recover_last_checkpoints or an index file is only a name: it may point anywhere
      // (`../victim/precious.txt`). It is deleted only when this Saver wrote it, or when it is one of this
      // checkpoint's own names in this checkpoint's own folder; otherwise it is just forgotten.
      if (!this.written.has(path.resolve(p)) && !own(p)) continue;
      await removeFile(p);
      await removeFile(`${p}.meta`);
      this.written.delete(path.resolve(p));
    }
  }

  // Temporary files of a save that was killed (writeAtomic's `<name>.tmp<16 hex>`) for this checkpoint's own
  // names and index, in its folder: the next save of the same prefix there removes them.
  private async tidy(dir: string, save_path: string, latestFilename: string): Promise<void> {
    const { path } = await nodeFs();
    const own = ownNames(path, dir, save_path);
    await removeStrayTemps(dir, (name) => name === latestFilename || own(path.join(dir, name)) || (name.endsWith('.meta') && own(path.join(dir, name.slice(0, -5)))));
  }

  /**
   * Restores every variable from the checkpoint at `save_path` (a prefix, as `latest_checkpoint` returns).
   * The whole file is checked first (checksums, keys, dtypes, shapes); on any error no variable changes.
   */
  restore(sess: Session, save_path: string | null): Promise<void> {
    const run = this.chain.then(() => this.restoreNow(sess, save_path));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async restoreNow(sess: Session, save_path: string | null): Promise<void> {
    this.checkSession(sess);
    if (save_path === null || save_path === undefined) throw new ValueError("Can't load save_path when it is None.");
    if (typeof save_path !== 'string') {
      const what = (save_path as unknown) instanceof Promise ? 'a Promise (await it, or pass the string tf.train.latest_checkpoint returns)' : `${String(save_path)} of type '${typeof save_path}'`;
      throw new TFTypeError(`Expected binary or unicode string, got ${what}`);
    }
    const bytes = await readIfFile(save_path);
    if (bytes === null) throw new ValueError(`The passed save_path is not a valid checkpoint: ${save_path}`);
    const stored = decodeCheckpointFor(bytes, save_path, this.vars.map(([k]) => k), (key, e) => {
      const v = this.vars.find(([k]) => k === key)![1];
      if (e === null) {
        return new NotFoundError(`Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\nKey ${key} not found in checkpoint\n\t [[{{node save/RestoreV2}}]]`, 'save/RestoreV2');
      }
      if (e.dtype !== v.dtype) {
        return new InvalidArgumentError(`tensor_name = ${key}; expected dtype ${dtypeProtoName(v.dtype)} does not equal original dtype ${dtypeProtoName(e.dtype)}\n\t [[{{node save/RestoreV2}}]]`, 'save/RestoreV2');
      }
      if (!v.shape.is_compatible_with(new TensorShape(e.shape))) {
        return new InvalidArgumentError(`Restoring from checkpoint failed. This is most likely due to a mismatch between the current graph and the graph from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\nAssign requires shapes of both tensors to match. lhs shape= ${v.shape.toBracketString()} rhs shape= [${e.shape.join(',')}]\n\t [[{{node save/Assign}}]]`, 'save/Assign');
      }
      return null;
    });
    this.checkSession(sess);
    // Queued back to back, so no run can come between two of the writes.
    await Promise.all(this.vars.map(([key, v]) => sess.writeVariable(v, stored.get(key)!)));
  }

  private checkSession(sess: Session): void {
    if (sess._closed) throw new RuntimeError('Attempted to use a closed Session.');
    if (sess.graph !== this.vars[0]![1].graph) throw new ValueError("The Saver's variables are not elements of the session's graph.");
  }
}

/** Whether `p` is one of the checkpoint names of `save_path` (itself or `-<step>`) in its folder `dir`. */
function ownNames(path: typeof import('node:path'), dir: string, save_path: string): (p: string) => boolean {
  const folder = path.resolve(dir);
  const base = path.basename(save_path);
  return (p) => {
    const r = path.resolve(p);
    if (path.dirname(r) !== folder) return false;
    const name = path.basename(r);
    return name === base || (name.startsWith(`${base}-`) && /^\d+$/.test(name.slice(base.length + 1)));
  };
}

/** What save() reads at its call: the global step (TF1's `training_util.global_step`) and the variables' values. */
interface Snapshot {
  step: Promise<number | null>;
  values: Promise<(NDArray | null)[]>;
}

/** The step number for a checkpoint's name. */
function checkedStep(n: number | null): number | null {
  if (n === null) return null;
  if (!Number.isFinite(n)) throw new TFTypeError(`global_step must be a finite number, got ${n}`);
  return Math.trunc(n);
}

/**
 * TF1's `tf.train.import_meta_graph(meta_graph_or_file)`: imports a `.meta` file's graph (names kept; into `graph` or
 * the default graph) with its collections and Variables, and returns a Saver for them (null when there are none).
 */
export async function import_meta_graph(meta_graph_or_file: string | MetaGraphDefJson, opts: { graph?: Graph; import_scope?: string } = {}): Promise<Saver | null> {
  const meta = await loadMetaGraph(meta_graph_or_file);
  const vars = restoreMetaGraph(meta, opts.graph ?? get_default_graph(), opts.import_scope ?? '');
  return vars.length ? new Saver(vars) : null;
}
