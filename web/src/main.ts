// The page's entry: load MNIST from this site, build the article's model on the backend the reader chose, then
// wire each section. `document.body.dataset.ready` says when everything is live (the end-to-end tests wait on it).
import { mulberry32 } from '../../src/examples/tutorials/mnist/dataset.js';
import { ARTICLE_VALUES } from './controls.js';
import { byId, message } from './dom.js';
import { backendFromSearch, createModel, describeBackend } from './engine.js';
import { loadMnist } from './mnist.js';
import { setupAnimation } from './sections/animation.js';
import { showData, showUntrained } from './sections/data.js';
import { setupDrawing } from './sections/draw.js';
import { setupGraph } from './sections/graph.js';
import { setupPredict } from './sections/predict.js';
import { setupTraining } from './sections/train.js';
import { PageState } from './state.js';

async function main(): Promise<void> {
  const status = byId('load-status', HTMLElement);
  const backend = backendFromSearch(location.search);
  const select = byId('backend-select', HTMLSelectElement);
  select.value = backend;
  select.addEventListener('change', () => {
    // Every section's session runs on the chosen backend, so a change starts the page afresh.
    const q = new URLSearchParams(location.search);
    q.set('backend', select.value);
    location.search = q.toString();
  });
  const mnist = await loadMnist(import.meta.env.BASE_URL);
  status.textContent = 'MNIST loaded. Building the model…';
  const model = await createModel(backend, ARTICLE_VALUES.LEARNING_RATE);
  const backendOut = byId('backend', HTMLOutputElement);
  backendOut.textContent = `running on ${await describeBackend(model.sess)}`;
  document.body.dataset.backend = await model.sess.backendName();
  const state = new PageState(backend, mnist, model);
  // A fresh seed per visit, as the article's `ran.randint`; `?seed=` makes a visit repeatable.
  const seed = Number(new URLSearchParams(location.search).get('seed') ?? Date.now() % 0x100000000);
  const next = mulberry32(seed);
  const randint = (n: number): number => Math.floor((next() / 0x100000000) * n);
  showData(state, randint);
  setupGraph(state);
  await showUntrained(state);
  setupTraining(state, location.search);
  setupPredict(state, randint);
  setupAnimation(state);
  setupDrawing(state);
  status.textContent = '';
  status.hidden = true;
  document.body.dataset.ready = 'true';
}

main().catch((e: unknown) => {
  const status = document.getElementById('load-status');
  if (status) status.textContent = `The page could not start: ${message(e)}`;
  document.body.dataset.ready = 'error';
  console.error(e);
});
