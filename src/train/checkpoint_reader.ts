// TF1's checkpoint reader (pywrap_tensorflow.NewCheckpointReader, tensorflow/c/checkpoint_reader.cc) and
// checkpoint_utils' helpers over it (load_checkpoint, load_variable, list_variables), and checkpoint_management's
// checkpoint_exists and get_checkpoint_mtimes. Synchronous, as in TF1: the files are read when the reader opens
// (V2's data shard when a tensor is first read).
import { kind, parseArgs, req, signed, tf1, type Call } from '../framework/args.js';
import { NotFoundError, ValueError } from '../framework/errors.js';
import type { NDArray } from '../framework/ndarray.js';
import { STR } from '../ops/kinds.js';
import { nodeFsSync } from './checkpoint_io.js';
import { bundleIndexFilename } from '../framework/io/tensor_bundle.js';
import { checkpointExistsSync, openCheckpointSync, type OpenedCheckpoint } from './checkpoint_files.js';
import { latest_checkpoint } from './checkpoint_state.js';

const TENSOR_STR = [req('tensor_str', STR)] as const;

/**
 * TF1's CheckpointReader: the tensors of one checkpoint (V2, or tf1-ts's earlier single file) by name. Dtypes are
 * tf1-ts's (`tf.float32`, ...), or TF1's name of a dtype tf1-ts lacks (`'string'`), whose value cannot be read.
 */
export class CheckpointReader {
  /** @internal */
  constructor(private readonly ckpt: OpenedCheckpoint) {}

  /** Every tensor's shape by name (TF1's dict of lists). */
  get_variable_to_shape_map(): Record<string, number[]> {
    return Object.fromEntries([...this.ckpt.entries].map(([k, e]) => [k, [...e.shape]]));
  }

  /** Every tensor's dtype by name. */
  get_variable_to_dtype_map(): Record<string, string> {
    return Object.fromEntries([...this.ckpt.entries].map(([k, e]) => [k, e.dtype ?? e.dtypeName]));
  }

  /** Whether the checkpoint holds a tensor named `tensor_str`. */
  has_tensor(...args: Call<typeof TENSOR_STR>): boolean {
    return this.ckpt.entries.has(parseArgs('has_tensor', TENSOR_STR, args).tensor_str);
  }

  /** The value of `tensor_str` (checksum verified); NotFoundError `Key ... not found in checkpoint` when absent. */
  get_tensor(...args: Call<typeof TENSOR_STR>): NDArray {
    return this.ckpt.read(parseArgs('get_tensor', TENSOR_STR, args).tensor_str);
  }

  /** One line per tensor, `name (DT_FLOAT) [2,3]`, as TF1's `debug_string()`. */
  debug_string(): string {
    return this.ckpt.debugString();
  }
}
signed(CheckpointReader.prototype.has_tensor, 'CheckpointReader.has_tensor', TENSOR_STR);
signed(CheckpointReader.prototype.get_tensor, 'CheckpointReader.get_tensor', TENSOR_STR);

/**
 * TF1's `tf.train.NewCheckpointReader(filepattern)`: a reader of the checkpoint at prefix `filepattern`; NotFoundError
 * (TF1's wording) when there is none, DataLossError and TF1's other errors for a corrupt one.
 */
export const NewCheckpointReader = tf1('train.NewCheckpointReader', [req('filepattern', STR)] as const, (a): CheckpointReader => {
  const ckpt = openCheckpointSync(a.filepattern);
  if (ckpt === null) {
    throw new NotFoundError(`Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${a.filepattern}`);
  }
  return new CheckpointReader(ckpt);
});

/** checkpoint_utils' `_get_checkpoint_filename`: a folder's latest checkpoint, or the path itself. */
function checkpointFilename(ckpt_dir_or_file: string): string | null {
  const { fs } = nodeFsSync();
  let isDir = false;
  try {
    isDir = fs.statSync(ckpt_dir_or_file).isDirectory();
  } catch {
    /* not a folder: a prefix */
  }
  return isDir ? latest_checkpoint(ckpt_dir_or_file) : ckpt_dir_or_file;
}

function loadCheckpoint(ckpt_dir_or_file: string): CheckpointReader {
  const filename = checkpointFilename(ckpt_dir_or_file);
  if (filename === null) throw new ValueError(`Couldn't find 'checkpoint' file or checkpoints in given directory ${ckpt_dir_or_file}`);
  return NewCheckpointReader(filename);
}

/** TF1's `tf.train.load_checkpoint(ckpt_dir_or_file)`: a CheckpointReader of a folder's latest checkpoint, or of a prefix. */
export const load_checkpoint = tf1('train.load_checkpoint', [req('ckpt_dir_or_file', STR)] as const, (a) => loadCheckpoint(a.ckpt_dir_or_file));

/** TF1's `tf.train.load_variable(ckpt_dir_or_file, name)`: one tensor's value (a trailing `:0` is dropped, as TF1 does). */
export const load_variable = tf1('train.load_variable', [req('ckpt_dir_or_file', STR), req('name', STR)] as const, (a): NDArray => {
  const name = a.name.endsWith(':0') ? a.name.slice(0, -2) : a.name;
  return loadCheckpoint(a.ckpt_dir_or_file).get_tensor(name);
});

/** TF1's `tf.train.list_variables(ckpt_dir_or_file)`: `[name, shape]` pairs sorted by name. */
export const list_variables = tf1('train.list_variables', [req('ckpt_dir_or_file', STR)] as const, (a): [string, number[]][] => {
  const shapes = loadCheckpoint(a.ckpt_dir_or_file).get_variable_to_shape_map();
  return Object.keys(shapes)
    .sort()
    .map((k) => [k, shapes[k]!]);
});

/** TF1's `tf.train.checkpoint_exists(checkpoint_prefix)`: whether a V2 (`.index`) or V1 checkpoint is there. */
export const checkpoint_exists = tf1('train.checkpoint_exists', [req('checkpoint_prefix', STR)] as const, (a) => checkpointExistsSync(a.checkpoint_prefix));

const PREFIXES = kind<readonly string[]>('list of strings', (v) => Array.isArray(v) && v.every((p) => typeof p === 'string'));

/**
 * TF1's `tf.train.get_checkpoint_mtimes(checkpoint_prefixes)`: the modification times (seconds since the epoch) of
 * the checkpoints that exist (the `.index` of a V2 one), in order; missing ones are left out, as TF1 does.
 */
export const get_checkpoint_mtimes = tf1('train.get_checkpoint_mtimes', [req('checkpoint_prefixes', PREFIXES)] as const, (a) => {
  const { fs } = nodeFsSync();
  const out: number[] = [];
  for (const prefix of a.checkpoint_prefixes) {
    for (const file of [bundleIndexFilename(prefix), prefix]) {
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (st?.isFile()) {
        out.push(st.mtimeMs / 1000);
        break;
      }
    }
  }
  return out;
});
