// Section 5: the first training example's answer, live as the model learns (Session.watch), and the digit
// browser of the article's display_compare, with a filter that steps through the digits the model gets wrong.
import { map, startWith, switchMap } from 'rxjs';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { display_compare } from '../../../src/tutorial/helpers.js';
import { byId, message, paint } from '../dom.js';
import type { LiveModel } from '../engine.js';
import type { PageState } from '../state.js';

/** Rows per run when predicting the whole training set: bounded so no one buffer gets huge and the page gets turns. */
const CHUNK = 5000;

/** Indices of the training examples whose argmax prediction differs from their label. */
export async function wrongPredictions(lm: LiveModel, state: PageState, isCurrent: () => boolean): Promise<number[] | null> {
  const train = state.mnist.train;
  const wrong: number[] = [];
  for (let from = 0; from < train.num_examples; from += CHUNK) {
    if (!isCurrent()) return null;
    const [xs, ys] = train.slice(from, from + CHUNK);
    const y = (await lm.sess.run(lm.m.y, new Map([[lm.m.x, xs]]))) as NDArray;
    const n = xs.shape[0]!;
    for (let i = 0; i < n; i++) {
      if (argmaxRow(y.data, i) !== argmaxRow(ys.data, i)) wrong.push(from + i);
    }
  }
  return wrong;
}

function argmaxRow(data: ArrayLike<number>, i: number): number {
  let best = 0;
  for (let k = 1; k < 10; k++) if (data[i * 10 + k]! > data[i * 10 + best]!) best = k;
  return best;
}

/** Wires section 5. */
export function setupPredict(state: PageState, randint: (n: number) => number): void {
  const answerOut = byId('answer-out', HTMLPreElement);
  const [x1] = state.mnist.train.slice(0, 1);
  // The answer re-runs whenever the variables change; watch drops stale results if training races ahead.
  state.model$
    .pipe(
      switchMap((lm) =>
        lm.sess.watch(
          lm.m.y,
          state.variablesChanged$.pipe(
            startWith(undefined),
            map(() => new Map([[lm.m.x, x1]])),
          ),
        ),
      ),
    )
    .subscribe({
      next: (y) => {
        const answer = y as NDArray;
        answerOut.textContent = `${String(answer)}\nanswer.argmax() = ${answer.argmax()}`;
      },
      error: (e: unknown) => (answerOut.textContent = message(e)),
    });

  const n = state.mnist.train.num_examples;
  const input = byId('compare-num', HTMLInputElement);
  const msg = byId('compare-msg', HTMLElement);
  const onlyWrong = byId('compare-wrong', HTMLInputElement);
  const title = byId('compare-title', HTMLParagraphElement);
  const count = byId('compare-count', HTMLElement);
  let wrong: { version: number; list: Promise<number[] | null> } | null = null;
  let version = 0;
  state.anyChange$.subscribe(() => version++);

  const wrongList = async (): Promise<number[] | null> => {
    if (!wrong || wrong.version !== version) {
      const v = version;
      title.textContent = 'Finding the digits it gets wrong…';
      wrong = { version: v, list: wrongPredictions(state.model, state, () => version === v) };
    }
    return wrong.list;
  };

  const show = async (num: number): Promise<void> => {
    input.value = String(num);
    input.removeAttribute('aria-invalid');
    msg.textContent = '';
    try {
      const fig = await display_compare(state.model.sess, state.model.m, state.mnist, num);
      paint(byId('compare-digit', HTMLCanvasElement), fig.image);
      title.textContent = `display_compare(${num}): ${fig.title}`;
      title.classList.toggle('wrong', fig.prediction !== fig.label);
    } catch (e) {
      title.textContent = message(e);
    }
  };
  const current = (): number | null => {
    const s = input.value.trim();
    const v = Number(s);
    if (!/^\d+$/.test(s) || v >= n) {
      input.setAttribute('aria-invalid', 'true');
      msg.textContent = `Enter a whole number from 0 to ${n - 1}.`;
      return null;
    }
    return v;
  };
  /** Moves by `dir` (±1) to the next example, or the next wrong one when the filter is on. */
  const step = async (dir: 1 | -1): Promise<void> => {
    const at = current() ?? 0;
    if (!onlyWrong.checked) return show((at + dir + n) % n);
    const list = await wrongList();
    if (!list) return;
    if (list.length === 0) {
      title.textContent = 'The model gets every training digit right.';
      return;
    }
    const next = dir > 0 ? (list.find((i) => i > at) ?? list[0]!) : ([...list].reverse().find((i) => i < at) ?? list[list.length - 1]!);
    await show(next);
    count.textContent = `${list.length} of ${n} training digits are wrong.`;
  };

  byId('compare-form', HTMLFormElement).addEventListener('submit', (e) => {
    e.preventDefault();
    const v = current();
    if (v !== null) void show(v);
  });
  input.addEventListener('change', () => {
    const v = current();
    if (v !== null) void show(v);
  });
  byId('compare-prev', HTMLButtonElement).addEventListener('click', () => void step(-1));
  byId('compare-next', HTMLButtonElement).addEventListener('click', () => void step(1));
  byId('compare-random', HTMLButtonElement).addEventListener('click', async () => {
    if (!onlyWrong.checked) return show(randint(n));
    const list = await wrongList();
    if (list && list.length > 0) await show(list[randint(list.length)]!);
  });
  onlyWrong.addEventListener('change', () => {
    if (onlyWrong.checked) void step(1);
    else count.textContent = '';
  });
  // Refresh the shown digit's prediction when the model changes.
  state.anyChange$.subscribe(() => {
    const v = current();
    if (v !== null) void show(v);
  });
}
