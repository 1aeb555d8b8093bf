// The engine as the page uses it: which backend the reader asked for, and a model (graph, session, initialised
// variables) built the article's way for a given LEARNING_RATE.
import * as tf from '../../src/index.js';
import type { BackendName } from '../../src/session/backend.js';
import { startThreads } from '../../src/session/cpu/wasm/pool.js';
import { buildModel, type ArticleModel } from '../../src/tutorial/model.js';

/** What the reader can choose: the Session's own names. */
export type BackendChoice = BackendName | 'auto';

/** The backend named by the page's `?backend=` parameter; 'auto' when absent or unknown. */
export function backendFromSearch(search: string): BackendChoice {
  const b = new URLSearchParams(search).get('backend');
  return b === 'cpu' || b === 'webgpu' ? b : 'auto';
}

/** The article's model in its own graph, with a session whose variables are initialised. */
export interface LiveModel {
  readonly m: ArticleModel;
  readonly sess: tf.Session;
  readonly LEARNING_RATE: number;
}

/** Builds the model for LEARNING_RATE in a fresh graph, opens a session on `backend` and runs `init`. */
export async function createModel(backend: BackendChoice, LEARNING_RATE: number): Promise<LiveModel> {
  const m = buildModel(new tf.Graph(), LEARNING_RATE);
  const sess = new tf.Session({ graph: m.graph, backend });
  try {
    await sess.run(m.init);
    // On the CPU backend, the page (cross-origin isolated) waits the few ms its Web Workers take to listen, so
    // training and the backend's description have all the threads from the start.
    if ((await sess.getBackend()).name === 'cpu') await startThreads();
  } catch (e) {
    sess.close();
    throw e;
  }
  return { m, sess, LEARNING_RATE };
}

/** A line naming the backend a session got, with its device: `webgpu — SwiftShader (fallback)`. */
export async function describeBackend(sess: tf.Session): Promise<string> {
  const b = await sess.getBackend();
  return b.description ? `${b.name} — ${b.description}` : b.name;
}
