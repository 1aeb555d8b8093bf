// Section 4: the ALL-CAPS values, Train and Stop. A run is the tutorial's trainRun Observable of step records on a
// fresh model; each record extends the curves, adds a printed line and repaints the ten weight images.
import { concatMap, type Subscription } from 'rxjs';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { TEST_SIZE, TRAIN_SIZE } from '../../../src/tutorial/helpers.js';
import { formatStepRecord, trainRun, type StepRecord } from '../../../src/tutorial/training.js';
import { CurveChart } from '../charts.js';
import { ARTICLE_VALUES, evalEveryFor, LIMITS, parseHyperparameters, type HyperName, type Hyperparameters } from '../controls.js';
import { byId, el, message } from '../dom.js';
import { createModel, type LiveModel } from '../engine.js';
import type { PageState } from '../state.js';
import { WeightPanels } from '../weights.js';

const NAMES = Object.keys(LIMITS) as HyperName[];

/** The form's four inputs. */
function inputs(): Record<HyperName, HTMLInputElement> {
  return Object.fromEntries(NAMES.map((n) => [n, byId(n, HTMLInputElement)])) as Record<HyperName, HTMLInputElement>;
}

/** Initial values: the article's, overridden by `?TRAIN_STEPS=...` etc. in the address (for sharing a setting). */
export function initialValues(search: string): Record<HyperName, string> {
  const q = new URLSearchParams(search);
  return Object.fromEntries(NAMES.map((n) => [n, q.get(n) ?? String(ARTICLE_VALUES[n])])) as Record<HyperName, string>;
}

/** Reads and checks the form, marking bad fields; the values when all are good. */
export function readForm(): Hyperparameters | null {
  const fields = inputs();
  const parsed = parseHyperparameters(Object.fromEntries(NAMES.map((n) => [n, fields[n].value])) as Record<HyperName, string>);
  for (const n of NAMES) {
    const error = parsed.ok ? undefined : parsed.errors[n];
    if (error) fields[n].setAttribute('aria-invalid', 'true');
    else fields[n].removeAttribute('aria-invalid');
    byId(`${n}-msg`, HTMLElement).textContent = error ?? '';
  }
  if (parsed.ok) return parsed.values;
  fields[NAMES.find((n) => parsed.errors[n])!].focus();
  return null;
}

/** Wires section 4: fills the form, and trains on submit until done or stopped. */
export function setupTraining(state: PageState, search: string): void {
  const fields = inputs();
  const initial = initialValues(search);
  for (const n of NAMES) fields[n].value = initial[n];
  const trainButton = byId('train-button', HTMLButtonElement);
  const stopButton = byId('stop-button', HTMLButtonElement);
  const status = byId('train-status', HTMLElement);
  const log = byId('train-log', HTMLOListElement);
  const accuracy = new CurveChart(byId('accuracy-chart', HTMLElement), 'accuracy', 'accuracy');
  const loss = new CurveChart(byId('loss-chart', HTMLElement), 'loss', 'loss');
  const weights = new WeightPanels(byId('weights', HTMLElement), 'weights');
  void state.model.sess.run(state.model.m.W).then((W) => weights.show(W as NDArray));

  let running: Subscription | null = null;
  let runs = 0;
  const setRunning = (on: boolean): void => {
    trainButton.disabled = on;
    stopButton.disabled = !on;
    document.body.dataset.training = String(on);
  };

  const start = async (h: Hyperparameters): Promise<void> => {
    setRunning(true);
    const run = `#${++runs}: LEARNING_RATE ${h.LEARNING_RATE}, TRAIN_SIZE ${h.TRAIN_SIZE}, TEST_SIZE ${h.TEST_SIZE}`;
    log.replaceChildren();
    const print = (line: string): void => void log.append(el('li', 'printed', line));
    status.textContent = `Building the model with LEARNING_RATE = ${h.LEARNING_RATE}…`;
    let lm: LiveModel;
    try {
      lm = await createModel(state.backend, h.LEARNING_RATE);
    } catch (e) {
      status.textContent = `Could not start: ${message(e)}`;
      setRunning(false);
      return;
    }
    state.replaceModel(lm);
    const [x_train, y_train] = TRAIN_SIZE(state.mnist, h.TRAIN_SIZE, print);
    const [x_test, y_test] = TEST_SIZE(state.mnist, h.TEST_SIZE, print);
    weights.show((await lm.sess.run(lm.m.W)) as NDArray);
    accuracy.startRun(run);
    loss.startRun(run);
    const started = performance.now();
    let last: StepRecord | null = null;
    status.textContent = `Training ${run}: step 0 of ${h.TRAIN_STEPS}…`;
    running = trainRun(lm.sess, lm.m, { x_train, y_train, x_test, y_test }, { TRAIN_STEPS: h.TRAIN_STEPS, evalEvery: evalEveryFor(h.TRAIN_STEPS) })
      .pipe(concatMap(async (r) => ({ r, W: (await lm.sess.run(lm.m.W)) as NDArray })))
      .subscribe({
        next: ({ r, W }) => {
          last = r;
          accuracy.add(run, r);
          loss.add(run, r);
          const li = el('li', 'record', formatStepRecord(r));
          li.dataset.step = String(r.step);
          li.dataset.accuracy = String(r.accuracy);
          li.dataset.loss = String(r.loss);
          log.append(li);
          weights.show(W);
          state.variablesChanged();
          status.textContent = `Training ${run}: ${formatStepRecord(r)}`;
        },
        error: (e: unknown) => {
          status.textContent = `Training failed: ${message(e)}`;
          running = null;
          setRunning(false);
        },
        complete: () => {
          const secs = ((performance.now() - started) / 1000).toFixed(1);
          const acc = last ? `, test accuracy ${(last.accuracy * 100).toFixed(2)}%` : '';
          status.textContent = `Done: ${h.TRAIN_STEPS + 1} training steps in ${secs} s${acc}.`;
          status.dataset.done = String(runs);
          running = null;
          setRunning(false);
        },
      });
  };

  byId('train-form', HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    if (running) return;
    const h = readForm();
    if (h) void start(h);
    else status.textContent = 'Fix the values marked in red, then train.';
  });
  stopButton.addEventListener('click', () => {
    if (!running) return;
    running.unsubscribe();
    running = null;
    setRunning(false);
    const steps = log.querySelectorAll('li.record');
    const at = steps.length > 0 ? (steps[steps.length - 1] as HTMLElement).dataset.step : '0';
    status.textContent = `Stopped after step ${at}.`;
    trainButton.focus();
  });
  byId('reset-button', HTMLButtonElement).addEventListener('click', () => {
    for (const n of NAMES) fields[n].value = String(ARTICLE_VALUES[n]);
    readForm();
  });
  trainButton.disabled = false;
}
