// The article's ALL-CAPS values as the page's form reads them: each field parsed and checked, with a message a
// reader understands for anything that is not a sensible value. No DOM here, so Node tests can check the rules.
import { ARTICLE_DEFAULTS } from '../../src/tutorial/article.js';

/** The four values the reader sets, named as the article names them. */
export interface Hyperparameters {
  readonly TRAIN_SIZE: number;
  readonly TEST_SIZE: number;
  readonly LEARNING_RATE: number;
  readonly TRAIN_STEPS: number;
}

/** The name of one field. */
export type HyperName = keyof Hyperparameters;

/** The article's values: `TRAIN_SIZE(5500)`, `TEST_SIZE(10000)`, `LEARNING_RATE = 0.1`, `TRAIN_STEPS = 2500`. */
export const ARTICLE_VALUES: Hyperparameters = { TRAIN_SIZE: 5500, TEST_SIZE: 10000, LEARNING_RATE: 0.1, TRAIN_STEPS: 2500 };

/** The accepted range of each field: the sizes are bounded by MNIST's splits, the rest by what finishes in a browser. */
export const LIMITS: { readonly [K in HyperName]: { readonly min: number; readonly max: number; readonly integer: boolean } } = {
  TRAIN_SIZE: { min: 1, max: 55000, integer: true },
  TEST_SIZE: { min: 1, max: 10000, integer: true },
  // Above ~10 the softmax saturates, log(0) gives NaN and nothing is learned; 100 still lets a reader see that happen.
  LEARNING_RATE: { min: 0, max: 100, integer: false },
  TRAIN_STEPS: { min: 0, max: 100000, integer: true },
};

const INTEGER = /^\+?\d+$/;
const DECIMAL = /^\+?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses one field; returns the number, or the message to show beside the field. */
export function parseField(name: HyperName, text: string): { value: number } | { error: string } {
  const { min, max, integer } = LIMITS[name];
  const s = text.trim().replace(/_/g, '');
  if (s === '') return { error: `${name} is empty: enter a number.` };
  if (integer) {
    if (!INTEGER.test(s)) return { error: `${name} must be a whole number from ${min} to ${max}, not “${text.trim()}”.` };
    const v = Number(s);
    if (v < min || v > max) return { error: `${name} must be from ${min} to ${max.toLocaleString('en-US')}; ${v} is out of range.` };
    return { value: v };
  }
  if (!DECIMAL.test(s)) return { error: `${name} must be a positive number such as 0.1, not “${text.trim()}”.` };
  const v = Number(s);
  if (!(v > min)) return { error: `${name} must be greater than ${min}: a step of ${v} never moves the weights.` };
  if (v > max) return { error: `${name} must be at most ${max}.` };
  return { value: v };
}

/** Parses all four fields: the values when every field is good, else a message for each bad one. */
export function parseHyperparameters(
  fields: { readonly [K in HyperName]: string },
): { ok: true; values: Hyperparameters } | { ok: false; errors: Partial<Record<HyperName, string>> } {
  const values: Partial<Record<HyperName, number>> = {};
  const errors: Partial<Record<HyperName, string>> = {};
  for (const name of Object.keys(LIMITS) as HyperName[]) {
    const r = parseField(name, fields[name]);
    if ('error' in r) errors[name] = r.error;
    else values[name] = r.value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, values: values as Hyperparameters };
}

/** How often a run measures accuracy and loss: the article's every 100 steps, more often for short runs so a curve has ~25 points. */
export function evalEveryFor(TRAIN_STEPS: number): number {
  return Math.max(1, Math.min(100, Math.ceil(TRAIN_STEPS / 25)));
}

/** The training sizes of the animation's frames: the tutorial's animation sizes below TRAIN_SIZE, then TRAIN_SIZE itself. */
export function frameSizes(TRAIN_SIZE: number): number[] {
  return [...ARTICLE_DEFAULTS.animationSizes.filter((s) => s < TRAIN_SIZE), TRAIN_SIZE];
}
