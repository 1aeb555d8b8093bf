// Sections 1 and 3: the data (a random digit with its label, the first examples flattened) and the untrained
// model's 0.1 predictions, each computed live from the loaded MNIST and the page's session.
import type { NDArray } from '../../../src/framework/ndarray.js';
import { display_digit, display_mult_flat, row, TRAIN_SIZE } from '../../../src/tutorial/helpers.js';
import { byId, paint } from '../dom.js';
import type { PageState } from '../state.js';

/** Fills section 1 from the data: the printed sizes, a random digit (another on request), the flattened rows. */
export function showData(state: PageState, randint: (n: number) => number): void {
  const lines: string[] = [];
  const [x_train, y_train] = TRAIN_SIZE(state.mnist, 55000, (l) => lines.push(l));
  byId('data-out', HTMLPreElement).textContent = lines.join('\n');
  const showDigit = (): void => {
    const num = randint(x_train.shape[0]!);
    const fig = display_digit(x_train, y_train, num);
    paint(byId('digit', HTMLCanvasElement), fig.image);
    byId('digit-title', HTMLParagraphElement).textContent = fig.title ?? '';
    byId('digit-label', HTMLPreElement).textContent = `y_train[${num}] = ${String(row(y_train, num))}`;
    byId('digit', HTMLCanvasElement).setAttribute('aria-label', `training example ${num}, ${fig.title ?? ''}`);
  };
  showDigit();
  byId('digit-another', HTMLButtonElement).addEventListener('click', showDigit);
  paint(byId('flat', HTMLCanvasElement), display_mult_flat(x_train, 0, 400).image);
}

/** Section 3: the untrained model's answer for the first three examples (every class 0.1). */
export async function showUntrained(state: PageState): Promise<void> {
  const { m, sess } = state.model;
  const [x3] = TRAIN_SIZE(state.mnist, 3, () => undefined);
  const y = (await sess.run(m.y, new Map([[m.x, x3]]))) as NDArray;
  byId('untrained-out', HTMLPreElement).textContent = String(y);
}
