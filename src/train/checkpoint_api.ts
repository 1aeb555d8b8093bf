// tf.train's checkpoint-state functions with TF1's parameters (positional or by name) and argument checks.
import { kind, opt, req, tf1 } from '../framework/args.js';
import { STR } from '../ops/kinds.js';
import * as state from './checkpoint_state.js';

const PATHS = kind<readonly string[]>('list of strings', (v) => Array.isArray(v) && v.every((p) => typeof p === 'string'));
const NUMBERS = kind<readonly number[]>('list of floats', (v) => Array.isArray(v) && v.every((p) => typeof p === 'number'));

/** TF1's `tf.train.latest_checkpoint(checkpoint_dir, latest_filename)`: the newest checkpoint's prefix, or null; synchronous, as TF1. */
export const latest_checkpoint = tf1('train.latest_checkpoint', [req('checkpoint_dir', STR), opt('latest_filename', STR)], (a) =>
  state.latest_checkpoint(a.checkpoint_dir, a.latest_filename ?? 'checkpoint'),
);

/** TF1's `tf.train.get_checkpoint_state(checkpoint_dir, latest_filename)`: the parsed `checkpoint` file, or null; synchronous, as TF1. */
export const get_checkpoint_state = tf1('train.get_checkpoint_state', [req('checkpoint_dir', STR), opt('latest_filename', STR)], (a) =>
  state.get_checkpoint_state(a.checkpoint_dir, a.latest_filename ?? 'checkpoint'),
);

/**
 * TF1's `tf.train.update_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths, latest_filename,
 * all_model_checkpoint_timestamps, last_preserved_timestamp)`: writes the `checkpoint` file (atomically; a Promise).
 * The timestamps are accepted; the file tf1-ts writes records paths only.
 */
export const update_checkpoint_state = tf1(
  'train.update_checkpoint_state',
  [
    req('save_dir', STR),
    req('model_checkpoint_path', STR),
    opt('all_model_checkpoint_paths', PATHS),
    opt('latest_filename', STR),
    opt('all_model_checkpoint_timestamps', NUMBERS),
    opt(
      'last_preserved_timestamp',
      kind<number>('float', (v) => typeof v === 'number'),
    ),
  ] as const,
  (a) => state.update_checkpoint_state(a.save_dir, a.model_checkpoint_path, a.all_model_checkpoint_paths ?? [], a.latest_filename ?? 'checkpoint'),
);
