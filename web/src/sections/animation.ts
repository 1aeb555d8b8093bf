// Section 6, the article's training-size animation: for each size n, the model trained afresh on the first n
// examples, and its weights. Frames are computed in the background on a model of their own (so the trained one
// in the sections above is untouched), then played or scrubbed with a slider.
import { concatMap, defer, from, last, map, type Subscription } from 'rxjs';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { trainRun } from '../../../src/tutorial/training.js';
import { frameSizes } from '../controls.js';
import { byId, message } from '../dom.js';
import { createModel, type LiveModel } from '../engine.js';
import type { PageState } from '../state.js';
import { readForm } from './train.js';
import { WeightPanels } from '../weights.js';

/** One frame: the training size, the test accuracy it reached, and its weights. */
interface Frame {
  readonly size: number;
  readonly accuracy: number;
  readonly W: NDArray;
}

/** Wires section 6. */
export function setupAnimation(state: PageState): void {
  const startButton = byId('anim-start', HTMLButtonElement);
  const stopButton = byId('anim-stop', HTMLButtonElement);
  const playButton = byId('anim-play', HTMLButtonElement);
  const slider = byId('anim-frame', HTMLInputElement);
  const label = byId('anim-frame-label', HTMLOutputElement);
  const status = byId('anim-status', HTMLElement);
  const panels = new WeightPanels(byId('anim-weights', HTMLElement), 'weights after training');
  let frames: Frame[] = [];
  let job: Subscription | null = null;
  let model: LiveModel | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const show = (i: number): void => {
    const f = frames[i];
    if (!f) return;
    slider.value = String(i);
    const text = `Training size: ${f.size}  Accuracy: ${f.accuracy.toFixed(4)}`;
    label.textContent = text;
    slider.setAttribute('aria-valuetext', text);
    panels.show(f.W);
  };
  const finish = (text: string): void => {
    job = null;
    model?.sess.close();
    model = null;
    startButton.disabled = false;
    stopButton.disabled = true;
    status.textContent = text;
  };
  const pause = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    playButton.textContent = 'Play';
    playButton.setAttribute('aria-pressed', 'false');
  };

  startButton.addEventListener('click', async () => {
    const h = readForm();
    if (!h || job) return;
    pause();
    frames = [];
    startButton.disabled = true;
    stopButton.disabled = false;
    playButton.disabled = true;
    slider.disabled = true;
    const sizes = frameSizes(h.TRAIN_SIZE);
    status.textContent = `Frame 1 of ${sizes.length}: training on 1 example…`;
    try {
      model = await createModel(state.backend, h.LEARNING_RATE);
    } catch (e) {
      finish(`Could not start: ${message(e)}`);
      return;
    }
    const lm = model;
    const [x_test, y_test] = state.mnist.test.slice(0, h.TEST_SIZE);
    job = from(sizes)
      .pipe(
        concatMap((size) =>
          defer(async () => {
            status.textContent = `Frame ${frames.length + 1} of ${sizes.length}: training on ${size} example${size === 1 ? '' : 's'}…`;
            await lm.sess.run(lm.m.init);
            const [x_train, y_train] = state.mnist.train.slice(0, size);
            return { x_train, y_train, x_test, y_test };
          }).pipe(
            concatMap((data) => trainRun(lm.sess, lm.m, data, { TRAIN_STEPS: h.TRAIN_STEPS, evalEvery: h.TRAIN_STEPS + 1 })),
            last(),
            concatMap(async (r) => ({ size, accuracy: r.accuracy, W: (await lm.sess.run(lm.m.W)) as NDArray })),
          ),
        ),
        map((f) => frames.push(f)),
      )
      .subscribe({
        next: (count) => {
          slider.max = String(count - 1);
          slider.disabled = false;
          playButton.disabled = count < 2;
          show(count - 1);
        },
        error: (e: unknown) => finish(`Failed: ${message(e)}`),
        complete: () => {
          finish(`${frames.length} frames, ${h.TRAIN_STEPS} steps each at LEARNING_RATE = ${h.LEARNING_RATE}. Play them, or drag the slider.`);
          status.dataset.frames = String(frames.length);
        },
      });
  });
  stopButton.addEventListener('click', () => {
    job?.unsubscribe();
    finish(`Stopped after ${frames.length} frames.`);
  });
  slider.addEventListener('input', () => {
    pause();
    show(Number(slider.value));
  });
  playButton.addEventListener('click', () => {
    if (timer !== null) return pause();
    playButton.textContent = 'Pause';
    playButton.setAttribute('aria-pressed', 'true');
    timer = setInterval(() => show((Number(slider.value) + 1) % frames.length), 700);
  });
}
