// The `checkpoint` file TF1 keeps beside its checkpoints: a CheckpointState protocol buffer in text
// form naming the newest checkpoint and all kept ones, so `latest_checkpoint(dir)` finds the newest.
import { RuntimeError, TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { fsError, nodeFs, nodeFsSync, writeAtomic } from './checkpoint_io.js';
import { checkpointExistsSync } from './checkpoint_files.js';

/** TF1's CheckpointState proto: the newest checkpoint prefix and every kept one, oldest first. */
export interface CheckpointState {
  model_checkpoint_path: string;
  all_model_checkpoint_paths: string[];
}

// Text-format string escaping as protobuf's CEscape: quotes, backslashes and control bytes.
function cEscape(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping the control bytes is the point
  return s.replace(/[\\"'\n\r\t]|[\x00-\x1f\x7f]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
  });
}

function cUnescape(s: string): string {
  return s.replace(/\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (_, e: string) => {
    const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return named[e] ?? e;
  });
}

/** The text proto of a CheckpointState, exactly as TF1 writes the `checkpoint` file. */
export function formatCheckpointState(s: CheckpointState): string {
  return (
    [
      `model_checkpoint_path: "${cEscape(s.model_checkpoint_path)}"`,
      ...s.all_model_checkpoint_paths.map((p) => `all_model_checkpoint_paths: "${cEscape(p)}"`),
    ].join('\n') + '\n'
  );
}

/** Parses the `checkpoint` file's text proto; null when it is not a valid CheckpointState (TF1 ignores such a file). */
export function parseCheckpointState(text: string): CheckpointState | null {
  let latest: string | null = null;
  const all: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(model_checkpoint_path|all_model_checkpoint_paths|all_model_checkpoint_timestamps|last_preserved_timestamp)\s*:\s*(.*)$/.exec(line);
    if (!m) return null;
    if (m[1] === 'all_model_checkpoint_timestamps' || m[1] === 'last_preserved_timestamp') {
      if (!/^[-+0-9.eE]+$/.test(m[2]!)) return null;
      continue;
    }
    const str = /^"((?:[^"\\]|\\.)*)"$/.exec(m[2]!);
    if (!str) return null;
    if (m[1] === 'model_checkpoint_path') latest = cUnescape(str[1]!);
    else all.push(cUnescape(str[1]!));
  }
  return latest === null
    ? all.length
      ? { model_checkpoint_path: '', all_model_checkpoint_paths: all }
      : null
    : { model_checkpoint_path: latest, all_model_checkpoint_paths: all };
}

/**
 * Writes `save_dir/latest_filename` atomically, as TF1's `update_checkpoint_state`: when `save_dir` is a
 * relative path, checkpoint paths are stored relative to it, so the folder can be moved.
 */
export async function update_checkpoint_state(
  save_dir: string,
  model_checkpoint_path: string,
  all_model_checkpoint_paths: readonly string[] = [],
  latest_filename = 'checkpoint',
): Promise<void> {
  const { path } = await nodeFs();
  let latest = model_checkpoint_path;
  let all = [...all_model_checkpoint_paths];
  if (all.length === 0 || all[all.length - 1] !== latest) all.push(latest);
  if (!path.isAbsolute(save_dir)) {
    const rel = (p: string): string => (path.isAbsolute(p) ? p : path.relative(save_dir, p));
    latest = rel(latest);
    all = all.map(rel);
  }
  const file = path.join(save_dir, latest_filename);
  if (path.resolve(file) === path.resolve(model_checkpoint_path)) throw stateConflict(model_checkpoint_path);
  await writeAtomic(file, new TextEncoder().encode(formatCheckpointState({ model_checkpoint_path: latest, all_model_checkpoint_paths: all })));
}

/** TF1's RuntimeError for a checkpoint prefix that is the state file itself. */
export function stateConflict(model_checkpoint_path: string): RuntimeError {
  return new RuntimeError(`Save path '${model_checkpoint_path}' conflicts with path used for checkpoint state.  Please use a different save path.`);
}

// The state file's text, or null when there is no such file; read synchronously, as TF1's file_io does.
function readStateFile(file: string): string | null {
  const { fs } = nodeFsSync();
  try {
    if (!fs.statSync(file).isFile()) return null;
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw fsError(e, `Failed to read ${file}`);
  }
}

function checkDirArgs(checkpoint_dir: unknown, latest_filename: unknown): void {
  if (typeof checkpoint_dir !== 'string') throw new TFTypeError(`checkpoint_dir must be a string, got ${String(checkpoint_dir)}`);
  if (typeof latest_filename !== 'string') throw new TFTypeError(`latest_filename must be a string, got ${String(latest_filename)}`);
}

/**
 * TF1's `get_checkpoint_state(checkpoint_dir)`: the parsed `checkpoint` file with relative paths joined to the
 * folder, or null. Synchronous, as in TF1 (Node's synchronous file system).
 */
export function get_checkpoint_state(checkpoint_dir: string, latest_filename = 'checkpoint'): CheckpointState | null {
  checkDirArgs(checkpoint_dir, latest_filename);
  const { path } = nodeFsSync();
  const text = readStateFile(path.join(checkpoint_dir, latest_filename));
  if (text === null) return null;
  const s = parseCheckpointState(text);
  if (s === null) return null;
  if (!s.model_checkpoint_path) throw new ValueError(`Invalid checkpoint state loaded from ${checkpoint_dir}`);
  const abs = (p: string): string => (path.isAbsolute(p) ? p : path.join(checkpoint_dir, p));
  return { model_checkpoint_path: abs(s.model_checkpoint_path), all_model_checkpoint_paths: s.all_model_checkpoint_paths.map(abs) };
}

/**
 * TF1's `tf.train.latest_checkpoint(checkpoint_dir)`: the newest checkpoint's prefix, or null when there is none.
 * Synchronous, as in TF1, so `saver.restore(sess, tf.train.latest_checkpoint(dir))` works as written there.
 */
export function latest_checkpoint(checkpoint_dir: string, latest_filename = 'checkpoint'): string | null {
  const s = get_checkpoint_state(checkpoint_dir, latest_filename);
  if (s === null) return null;
  // TF1 logs a missing checkpoint and returns None.
  return checkpointExistsSync(s.model_checkpoint_path) ? s.model_checkpoint_path : null;
}
