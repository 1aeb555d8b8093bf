// TF1's tf.summary.FileWriterCache (python/summary/writer/writer_cache.py): one FileWriter per log folder.
import { get_default_graph } from '../graph/graph.js';
import { req, tf1 } from '../framework/args.js';
import { STR } from '../ops/kinds.js';
import { FileWriter } from './writer.js';

const cache = new Map<string, FileWriter>();

/** TF1's `tf.summary.FileWriterCache`: `get(logdir)` (a FileWriter of the default graph, made once), `clear()`. */
export const FileWriterCache = {
  /** The cached FileWriter of `logdir`, made with the default graph the first time. */
  get: tf1('summary.FileWriterCache.get', [req('logdir', STR)] as const, ({ logdir }): FileWriter => {
    let w = cache.get(logdir);
    if (!w) {
      w = new FileWriter(logdir, get_default_graph());
      cache.set(logdir, w);
    }
    return w;
  }),
  /** Closes every cached writer and forgets them. */
  clear: tf1('summary.FileWriterCache.clear', [] as const, (): void => {
    for (const w of cache.values()) w.close();
    cache.clear();
  }),
};
