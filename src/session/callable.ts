// TF1's Session.make_callable: a function that runs fixed fetches, taking the values of `feed_list` by position.
// The prebuilt form of a run: its fetches are flattened once (TF1 checks them when the callable is made, or, with a
// feed list, at its first call, as TF1's then delegates to run()), and its plan is found by comparing the feeds
// with recent runs' (plan_cache.ts); each call still checks and converts its feed values as run() does.
import { isPlainObject } from '../framework/args.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import type { Graph } from '../graph/graph.js';
import { checkFetchable, flattenFetches, type FlatFetches } from './fetches.js';

/** What make_callable needs of a session. */
export interface Runner {
  readonly graph: Graph;
  _runFlat(
    fetched: () => FlatFetches,
    feed_keys: readonly unknown[] | null,
    feed_values: readonly unknown[],
    options: unknown,
    run_metadata: unknown,
  ): Promise<unknown>;
}

/** The keywords a callable takes after its feed values: TF1's `options` and `run_metadata`. */
const RUN_KEYWORDS = new Set(['options', 'run_metadata']);
const isRunKeyword = (k: string): boolean => RUN_KEYWORDS.has(k);

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
  let flat: FlatFetches | null = feedList === null ? flattenFetches(sess.graph, fetches) : null;
  // Flattened once; the graph may mark an element unfetchable later, so that is checked at every call.
  const fetched = (): FlatFetches => {
    if (flat) for (let i = 0; i < flat.elements.length; i++) checkFetchable(sess.graph, flat.elements[i]!);
    else flat = flattenFetches(sess.graph, fetches);
    return flat;
  };
  return (...args: unknown[]): Promise<unknown> => {
    const last = args[args.length - 1];
    let kw: Record<string, unknown> | undefined;
    if ((acceptOptions || feedList !== null) && isPlainObject(last) && Object.keys(last).every(isRunKeyword)) kw = args.pop() as Record<string, unknown>;
    if (feedList === null && args.length > 0) {
      return Promise.reject(new TFTypeError(`_run() takes 0 positional arguments but ${args.length} were given`));
    }
    // the keys and values as they are (Python's zip pairs them: as many feeds as there are both)
    return sess._runFlat(fetched, feedList, args, kw?.options, kw?.run_metadata);
  };
}
