// tf.train.Saver's parameter lists (TF1's names and order) and its var_list: which variables a Saver handles,
// under which checkpoint keys, with TF1's TypeError/ValueError for a list it cannot take.
import { get_default_graph, GraphKeys } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { Session } from '../session/session.js';
import { RefVariable } from '../ops/variables.js';
import { isPlainObject, kind, opt, req, type Parsed } from '../framework/args.js';
import { ANY, BOOL, FLOAT, INT, STR } from '../ops/kinds.js';

/** The variables a Saver handles: a list (saved under their op names) or an object of checkpoint keys. */
export type SaverVarList = readonly RefVariable[] | { readonly [key: string]: RefVariable };

export function namedVariables(var_list: SaverVarList | null | undefined): [string, RefVariable][] {
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

const VAR_LIST = kind<SaverVarList>('list or dict of Variables', (v) => Array.isArray(v) || isPlainObject(v), { takesObject: true });
const MAX_TO_KEEP = kind<number>('int', (v) => typeof v === 'number');
export const SAVER_PARAMS = [
  opt('var_list', VAR_LIST),
  opt('reshape', BOOL),
  opt('sharded', BOOL),
  opt('max_to_keep', MAX_TO_KEEP),
  opt('keep_checkpoint_every_n_hours', FLOAT),
  opt('name', STR),
  opt('restore_sequentially', BOOL),
  opt('saver_def', ANY),
  opt('builder', ANY),
  opt('defer_build', BOOL),
  opt('allow_empty', BOOL),
  opt('write_version', INT),
  opt('pad_step_number', BOOL),
  opt('save_relative_paths', BOOL),
  opt('filename', STR),
] as const;
const SESSION_KIND = kind<Session>('Session', (v) => typeof v === 'object' && v !== null && typeof (v as Session).run === 'function' && 'graph' in v);
const GLOBAL_STEP = kind<number | RefVariable | Tensor>(
  'int or Variable or Tensor',
  (v) => typeof v === 'number' || v instanceof RefVariable || v instanceof Tensor,
);
export const SAVE_PARAMS = [
  req('sess', SESSION_KIND),
  req('save_path', STR),
  opt('global_step', GLOBAL_STEP),
  opt('latest_filename', STR),
  opt('meta_graph_suffix', STR),
  opt('write_meta_graph', BOOL),
  opt('write_state', BOOL),
  opt('strip_default_attrs', BOOL),
] as const;
export const RESTORE_PARAMS = [
  req('sess', SESSION_KIND),
  req(
    'save_path',
    kind<string | null>('string', (v) => typeof v === 'string' || v === null, {
      refuse: (v) =>
        new TFTypeError(
          `Expected binary or unicode string, got ${v instanceof Promise ? 'a Promise (await it, or pass the string tf.train.latest_checkpoint returns)' : `${String(v)} of type '${typeof v}'`}`,
        ),
    }),
  ),
] as const;

export const EXPORT_META_PARAMS = [
  opt('filename', STR),
  opt(
    'collection_list',
    kind<string[]>('list of strings', (v) => Array.isArray(v) && v.every((x) => typeof x === 'string')),
  ),
  opt('as_text', BOOL),
  opt('export_scope', STR),
  opt('clear_devices', BOOL),
  opt('clear_extraneous_savers', BOOL),
  opt('strip_default_attrs', BOOL),
] as const;

/** Options of `new tf.train.Saver(...)` (TF1's names). */
export type SaverOptions = Partial<Parsed<typeof SAVER_PARAMS>>;
/** Options of `saver.save(sess, save_path, ...)` (TF1's names). */
export type SaveOptions = Partial<Omit<Parsed<typeof SAVE_PARAMS>, 'sess' | 'save_path'>>;
