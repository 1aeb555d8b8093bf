// TF1's Session.make_callable: a function that runs fixed fetches, taking the values of `feed_list` by position.
import { isPlainObject } from '../framework/args.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import type { Graph } from '../graph/graph.js';
import { flattenFetches } from './fetches.js';
import type { FeedDict } from './feeds.js';

/** What make_callable needs of a session. */
export interface Runner {
  readonly graph: Graph;
  run(fetches: never, feed_dict?: FeedDict, options?: never, run_metadata?: never): Promise<unknown>;
}

/** The keywords a callable takes after its feed values: TF1's `options` and `run_metadata`. */
const RUN_KEYWORDS = new Set(['options', 'run_metadata']);

/**
 * The function TF1's `make_callable(fetches, feed_list, accept_options)` returns: called with one value per
 * `feed_list` entry (and, with `accept_options` or a feed list, a trailing `{ options, run_metadata }`), it runs
 * `fetches` and resolves to their values in their structure. Without a feed list the fetches are checked now.
 */
export function makeCallable(
  sess: Runner,
  fetches: unknown,
  feedList: readonly unknown[] | null,
  acceptOptions: boolean,
): (...args: unknown[]) => Promise<unknown> {
  if (feedList === null) flattenFetches(sess.graph, fetches);
  return (...args: unknown[]): Promise<unknown> => {
    const last = args[args.length - 1];
    let kw: Record<string, unknown> = {};
    if ((acceptOptions || feedList !== null) && isPlainObject(last) && Object.keys(last).every((k) => RUN_KEYWORDS.has(k)))
      kw = args.pop() as Record<string, unknown>;
    if (feedList === null && args.length > 0) {
      return Promise.reject(new TFTypeError(`_run() takes 0 positional arguments but ${args.length} were given`));
    }
    // Python's zip: as many feeds as there are both keys and values.
    const feeds = feedList === null ? undefined : new Map(feedList.slice(0, args.length).map((k, i) => [k, args[i]] as const));
    return sess.run(fetches as never, feeds as FeedDict | undefined, kw.options as never, kw.run_metadata as never);
  };
}
