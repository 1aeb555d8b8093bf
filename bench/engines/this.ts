import type { BackendName } from '../../src/session/backend.js';
import { loadData } from '../data.js';
import type { Workload } from '../workloads.js';
import type { EngineRun } from './engine.js';
import { runThisDeep } from './this_deep.js';
import { runThisRnn } from './this_rnn.js';
import { trainSoftmax } from './this_softmax.js';

/** The article's model in this project, trained as the article trains it (or with AdamOptimizer); `deep`: this_deep.ts, `rnn`: this_rnn.ts. */
export async function runThis(w: Workload, backend: BackendName): Promise<EngineRun> {
  if (w.model === 'deep') return runThisDeep(w, backend);
  if (w.model === 'rnn') return runThisRnn(w, backend);
  const t0 = performance.now();
  const data = loadData(w);
  return trainSoftmax(w, backend, { ...data, next_batch: (n) => data.train.next_batch(n) }, t0);
}
