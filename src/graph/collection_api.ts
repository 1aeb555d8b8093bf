// TF1's module-level collection functions (`tf.add_to_collection`, `tf.get_collection`, ...): the
// default graph's collections (see Graph).
import { get_default_graph } from './graph.js';
import { kind, opt, req, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError } from '../framework/errors.js';

const STR = kind<string>('string', (v) => typeof v === 'string');
const ANY = kind<unknown>('any value', () => true);
const NAMES = kind<string | Iterable<string>>(
  'string or iterable of strings',
  (v) => typeof v === 'string' || (typeof v === 'object' && v !== null && Symbol.iterator in v),
  {
    refuse: (v) => new TFTypeError(`'${String(v)}' object is not iterable`),
  },
);

/** `tf.add_to_collection(name, value)`: appends `value` to the default graph's collection `name`. */
export const add_to_collection = tf1('add_to_collection', [req('name', STR), req('value', ANY)], (a) => get_default_graph().add_to_collection(a.name, a.value));

/** `tf.add_to_collections(names, value)`: adds `value` to each of the default graph's collections named, once each. */
export const add_to_collections = tf1('add_to_collections', [req('names', NAMES), req('value', ANY)], (a) =>
  get_default_graph().add_to_collections(a.names, a.value),
);

/** `tf.get_collection(key, scope)`: a copy of the default graph's collection `key`, filtered by the name regex `scope`. */
export const get_collection = tf1('get_collection', [req('key', STR), opt('scope', STR)], (a) => get_default_graph().get_collection(a.key, a.scope));

/** `tf.get_collection_ref(key)`: the default graph's collection `key` itself. */
export const get_collection_ref = tf1('get_collection_ref', [req('key', STR)], (a) => get_default_graph().get_collection_ref(a.key));
