// tf.train.Saver: saves variables' values to checkpoint files and restores them, keeping TF1's
// `checkpoint` index and pruning old checkpoints. When built it adds TF1's save/restore nodes and SaverDef to the
// graph (saver_graph.ts), written into each .meta; save() and restore() themselves move the values through
// Session.readVariable / writeVariable (the same files as running those nodes).
import type { Tensor } from '../graph/tensor.js';
import { FailedPreconditionError, RuntimeError, TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { NDArray } from '../framework/ndarray.js';
import type { Session } from '../session/session.js';
import type { RefVariable } from '../ops/variables.js';
import { parseArgs, signed, type Call, type Parsed } from '../framework/args.js';
import { checkpointFiles, writeCheckpoint } from './checkpoint_files.js';
import { isDirectory, nodeFs, removeFile, removeStrayTemps } from './checkpoint_io.js';
import { stateConflict, update_checkpoint_state } from './checkpoint_state.js';
import { export_meta_graph, isMessage, type MetaGraphDefMessage } from './meta_graph.js';
import { get_default_graph } from '../graph/graph.js';
import type { SaverDef as SaverDefProto } from '../framework/proto/tensorflow/core/protobuf/saver_pb.js';
import { buildSaverGraph } from './saver_graph.js';
import { checkedStep, ownNames } from './saver_checks.js';
import { readCheckpoint, restoreFromSaverDef } from './saver_restore.js';
import { EXPORT_META_PARAMS, namedVariables, RESTORE_PARAMS, SAVE_PARAMS, SAVER_PARAMS, type SaveOptions } from './saver_params.js';

export type { SaverOptions, SaveOptions, SaverVarList } from './saver_params.js';

/**
 * TF1's `tf.train.Saver(var_list, reshape, sharded, max_to_keep, keep_checkpoint_every_n_hours, name, ...)`:
 * `await saver.save(sess, 'dir/model.ckpt', { global_step })`, `await saver.restore(sess, prefix)`.
 * Options that shape TF1's save graph (sharded, builder, ...) are accepted; what they change there has no
 * counterpart here.
 */
export class Saver {
  private readonly vars: [string, RefVariable][];
  private maxToKeep: number;
  private readonly writeVersion: 1 | 2;
  private readonly padStep: boolean;
  private last: string[] = [];
  // Resolved prefixes this Saver wrote in this process: the only files it deletes outside its own names.
  private readonly written = new Set<string>();
  private chain: Promise<unknown> = Promise.resolve();
  private def: SaverDefProto | null = null;
  // Made from a SaverDef (import_meta_graph's): restore() runs its restore op.
  private fromSaverDef = false;
  private readonly buildArgs: { name: string | null; keep: number };

  constructor(...args: Call<typeof SAVER_PARAMS>) {
    const opts = parseArgs('Saver', SAVER_PARAMS, args);
    this.vars = namedVariables(opts.var_list);
    const m = opts.max_to_keep === undefined ? 5 : (opts.max_to_keep ?? 0);
    if (!Number.isInteger(m) || m < 0) throw new ValueError(`max_to_keep must be a non-negative integer or null, got ${String(opts.max_to_keep)}`);
    this.maxToKeep = m;
    const w = opts.write_version ?? SaverDef.V2;
    if (w !== SaverDef.V1 && w !== SaverDef.V2) throw new RuntimeError(`Unexpected write_version: ${String(w)}`);
    this.writeVersion = w;
    this.padStep = opts.pad_step_number ?? false;
    this.buildArgs = { name: opts.name ?? null, keep: opts.keep_checkpoint_every_n_hours ?? 10000 };
    if (opts.saver_def != null) {
      if (!isMessage(opts.saver_def, 'tensorflow.SaverDef')) throw new TFTypeError(`saver_def must be a SaverDef message, got ${String(opts.saver_def)}`);
      this.def = opts.saver_def as SaverDefProto;
      this.maxToKeep = this.def.maxToKeep;
      this.fromSaverDef = true;
    } else if (!opts.defer_build) {
      this.build();
    }
  }

  /**
   * TF1's `build()`: adds the save/restore nodes to the graph (train/saver_graph.ts) once, as the constructor does
   * unless `defer_build`; a Saver made from a `saver_def` has its nodes already.
   */
  build(): void {
    if (this.def !== null) return;
    const graph = this.vars[0]![1].graph;
    this.def = buildSaverGraph(graph, this.vars, {
      name: this.buildArgs.name,
      max_to_keep: this.maxToKeep,
      keep_checkpoint_every_n_hours: this.buildArgs.keep,
      version: this.writeVersion,
    });
  }

  /** TF1's `saver_def`: the SaverDef naming this Saver's nodes (null before a deferred build). */
  get saver_def(): SaverDefProto | null {
    return this.def;
  }

  /**
   * TF1's `saver.export_meta_graph(filename, collection_list, as_text, export_scope, clear_devices, ...)`: the default
   * graph's MetaGraphDef with this Saver's SaverDef (tf.train.export_meta_graph's), written to `filename` when given.
   */
  export_meta_graph(...args: Call<typeof EXPORT_META_PARAMS>): Promise<MetaGraphDefMessage> {
    try {
      const a = parseArgs('export_meta_graph', EXPORT_META_PARAMS, args);
      return export_meta_graph({ ...a, graph: get_default_graph(), ...(this.def ? { saver_def: this.def } : {}) });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** TF1's `as_saver_def()`: the SaverDef. */
  as_saver_def(): SaverDefProto | null {
    return this.def;
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
  save(...args: Call<typeof SAVE_PARAMS>): Promise<string> {
    let a: Parsed<typeof SAVE_PARAMS>;
    let snapshot: Snapshot;
    try {
      a = parseArgs('save', SAVE_PARAMS, args);
      this.checkSession(a.sess);
      snapshot = this.snapshot(a.sess, a.global_step);
    } catch (e) {
      return Promise.reject(e);
    }
    const { sess, save_path, ...opts } = a;
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
    const step =
      g === undefined || g === null ? Promise.resolve(null) : typeof g === 'number' ? Promise.resolve(g) : sess.run(g as Tensor).then((a) => a.item());
    const values = Promise.all(this.vars.map(([, v]) => sess.readVariable(v)));
    // Awaited by saveNow unless an earlier check fails first.
    step.catch(() => undefined);
    values.catch(() => undefined);
    return { step, values };
  }

  private async saveNow(sess: Session, save_path: string, opts: SaveOptions, snapshot: Snapshot): Promise<string> {
    if (opts.meta_graph_suffix != null && opts.meta_graph_suffix !== 'meta')
      throw new ValueError(`meta_graph_suffix '${opts.meta_graph_suffix}': tf1-ts writes '<prefix>.meta'`);
    this.checkSession(sess);
    if (typeof save_path !== 'string' || save_path === '') throw new ValueError(`save_path must be a non-empty string, got ${String(save_path)}`);
    const { path } = await nodeFs();
    const step = checkedStep(await snapshot.step);
    // TF1's pad_step_number: `{:08d}`, the step in at least eight digits.
    const padded = (n: number): string => (n < 0 ? `-${String(-n).padStart(7, '0')}` : String(n).padStart(8, '0'));
    const prefix = step === null ? save_path : `${save_path}-${this.padStep ? padded(step) : step}`;
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
    await writeCheckpoint(prefix, tensors, this.writeVersion);
    if (opts.write_meta_graph ?? true) {
      await export_meta_graph(`${prefix}.meta`, { graph: this.vars[0]![1].graph, ...(this.def ? { saver_def: this.def } : {}) });
    }
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
      for (const f of checkpointFiles(p)) await removeFile(f);
      await removeFile(`${p}.meta`);
      this.written.delete(path.resolve(p));
    }
  }

  // Temporary files of a save that was killed (writeAtomic's `<name>.tmp<16 hex>`) for this checkpoint's own
  // names and index, in its folder: the next save of the same prefix there removes them.
  private async tidy(dir: string, save_path: string, latestFilename: string): Promise<void> {
    const { path } = await nodeFs();
    const own = ownNames(path, dir, save_path);
    // A checkpoint's own names: the prefix (V1), its `.index`, `.data-00000-of-00001` (V2) and `.meta`.
    const prefixOf = (name: string): string => name.replace(/\.(meta|index|data-\d{5}-of-\d{5})$/, '');
    await removeStrayTemps(dir, (name) => name === latestFilename || own(path.join(dir, name)) || own(path.join(dir, prefixOf(name))));
  }

  /**
   * Restores every variable from the checkpoint at `save_path` (a prefix, as `latest_checkpoint` returns).
   * The whole file is checked first (checksums, keys, dtypes, shapes); on any error no variable changes.
   */
  restore(...args: Call<typeof RESTORE_PARAMS>): Promise<void> {
    let a: Parsed<typeof RESTORE_PARAMS>;
    try {
      a = parseArgs('restore', RESTORE_PARAMS, args);
    } catch (e) {
      return Promise.reject(e);
    }
    const { sess, save_path } = a;
    try {
      this.checkSession(sess);
    } catch (e) {
      return Promise.reject(e);
    }
    if (this.fromSaverDef) {
      const run = this.chain.then(() => restoreFromSaverDef(sess, this.def!, save_path));
      this.chain = run.catch(() => undefined);
      return run;
    }
    // The file is read after this Saver's earlier saves are written; the values are written in this call's
    // place in the session's queue, as TF1's restore runs at its call: runs called after restore() see them.
    const read = this.chain.then(() => readCheckpoint(this.vars, save_path));
    this.chain = read.catch(() => undefined);
    return sess._writeVariablesWhenRead(read.then((stored) => this.vars.map(([key, v]) => [v, stored.get(key)!] as const)));
  }

  private checkSession(sess: Session): void {
    if (sess._closed) throw new RuntimeError('Attempted to use a closed Session.');
    if (sess.graph !== this.vars[0]![1].graph) throw new ValueError("The Saver's variables are not elements of the session's graph.");
  }
}

signed(Saver, 'train.Saver', SAVER_PARAMS);
signed(Saver.prototype.save, 'Saver.save', SAVE_PARAMS);
signed(Saver.prototype.restore, 'Saver.restore', RESTORE_PARAMS);
signed(Saver.prototype.export_meta_graph, 'Saver.export_meta_graph', EXPORT_META_PARAMS);

/** TF1's `tf.train.SaverDef` format versions (`write_version`): V1 is tf1-ts's own single file, V2 TF's tensor bundle. */
export const SaverDef = { LEGACY: 0, V1: 1, V2: 2 } as const;

/** What save() reads at its call: the global step (TF1's `training_util.global_step`) and the variables' values. */
interface Snapshot {
  step: Promise<number | null>;
  values: Promise<(NDArray | null)[]>;
}
