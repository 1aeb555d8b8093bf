// TF1's default session, for `Tensor.eval()` and `Operation.run()`: the session of the innermost
// `sess.as_default(fn)` (kept across the awaits inside `fn` where the platform can: Node's
// AsyncLocalStorage), else the newest open `tf.InteractiveSession`. The Session module registers
// sessions here; the graph layer only runs them, so it needs no import of the session layer.
import { ValueError } from '../framework/errors.js';
import { tf1 } from '../framework/args.js';
import type { Graph } from './graph.js';

/** What eval() and run() need of a session. */
export interface SessionLike {
  readonly graph: Graph;
  run(fetches: never, feed_dict?: never): Promise<unknown>;
  readonly _closed: boolean;
}

interface Storage<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
}

type AsyncHooks = { AsyncLocalStorage: new <T>() => Storage<T> };
const hooks = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:async_hooks') as
  | AsyncHooks
  | undefined;

// Without AsyncLocalStorage (a browser), a plain stack: the default holds until the callback's first await.
const stack: SessionLike[] = [];
const storage: Storage<SessionLike> = hooks
  ? new hooks.AsyncLocalStorage<SessionLike>()
  : {
      getStore: () => stack[stack.length - 1],
      run: <R>(s: SessionLike, fn: () => R): R => {
        stack.push(s);
        try {
          return fn();
        } finally {
          stack.pop();
        }
      },
    };

const interactive: SessionLike[] = [];

/** Runs `fn` with `sess` as the default session (TF1's `with sess.as_default():`). */
export function withDefaultSession<R>(sess: SessionLike, fn: () => R): R {
  return storage.run(sess, fn);
}

/** Makes an InteractiveSession the default outside any as_default block, until it is closed. */
export function installInteractive(sess: SessionLike): void {
  interactive.push(sess);
}

/** Forgets a closed InteractiveSession. */
export function uninstallInteractive(sess: SessionLike): void {
  const i = interactive.lastIndexOf(sess);
  if (i >= 0) interactive.splice(i, 1);
}

/** TF1's `tf.get_default_session()`: the innermost as_default session, else the newest open InteractiveSession, else null. */
export const get_default_session = tf1('get_default_session', [], () => defaultSession());

function defaultSession(): SessionLike | null {
  const s = storage.getStore();
  if (s) return s;
  for (let i = interactive.length - 1; i >= 0; i--) if (!interactive[i]!._closed) return interactive[i]!;
  return null;
}

/** The session `eval()`/`run()` use: the one given, else the default, with TF1's errors. */
export function sessionFor(what: 'tensor' | 'operation', graph: Graph, session: SessionLike | null | undefined): SessionLike {
  const verb = what === 'tensor' ? 'evaluate tensor using `eval()`' : 'execute operation using `run()`';
  const s = session ?? defaultSession();
  if (!s) {
    throw new ValueError(
      `Cannot ${verb}: No default session is registered. Use \`with sess.as_default()\` or pass an explicit session to \`${what === 'tensor' ? 'eval' : 'run'}(session=sess)\``,
    );
  }
  if (s.graph !== graph) {
    throw new ValueError(
      `Cannot use the ${session ? 'given' : 'default'} session to ${what === 'tensor' ? 'evaluate tensor' : 'execute operation'}: the ${what}'s graph is different from the session's graph.`,
    );
  }
  return s;
}
