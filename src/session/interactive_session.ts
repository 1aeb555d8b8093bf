// TF1's InteractiveSession: a Session that installs itself as the default one.
import { signed, type Call } from '../framework/args.js';
import { installInteractive, uninstallInteractive, type SessionLike } from '../graph/default_session.js';
import { Session } from './session.js';
import { SESSION_PARAMS } from './session_params.js';

/**
 * TF1's `tf.InteractiveSession(target, graph, config)`: a Session that makes itself the default session when
 * created (outside any `as_default` block), so `t.eval()` and `op.run()` need no session, until it is closed.
 */
export class InteractiveSession extends Session {
  constructor(...args: Call<typeof SESSION_PARAMS>) {
    super(...args);
    installInteractive(this as unknown as SessionLike);
  }

  override close(): void {
    uninstallInteractive(this as unknown as SessionLike);
    super.close();
  }
}
signed(InteractiveSession, 'InteractiveSession', SESSION_PARAMS);
