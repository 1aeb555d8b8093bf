// What the end-to-end tests do on the page, in the reader's terms: open it, fill the form, train, read the printed
// records, draw with the mouse.
import type { BrowserContext, Page } from 'playwright-core';
import type { Hyperparameters } from '../../web/src/controls.js';
import type { StepRecord } from '../../src/tutorial/training.js';

/** Opens the page at `url` and waits until every section is live; fails with the page's own message if it could not start. */
export async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 120_000 });
  const ready = await page.evaluate(() => document.body.dataset.ready);
  if (ready !== 'true') throw new Error(`the page did not start: ${await page.textContent('#load-status')}`);
}

/** Types the values into the form's fields. */
export async function fillForm(page: Page, h: Partial<Record<keyof Hyperparameters, string | number>>): Promise<void> {
  for (const [name, v] of Object.entries(h)) await page.fill(`#${name}`, String(v));
}

/** The step records the page printed for its current run, with the full numbers it keeps on each line. */
export async function printedRecords(page: Page): Promise<StepRecord[]> {
  return page.$$eval('#train-log li.record', (lis) =>
    lis.map((li) => ({
      step: Number((li as HTMLElement).dataset.step),
      accuracy: Number((li as HTMLElement).dataset.accuracy),
      loss: Number((li as HTMLElement).dataset.loss),
    })),
  );
}

/** Fills the form, presses Train and waits for the run to finish; returns its records. */
export async function train(page: Page, h: Partial<Record<keyof Hyperparameters, string | number>>, timeout = 600_000): Promise<StepRecord[]> {
  await fillForm(page, h);
  const before = Number((await page.getAttribute('#train-status', 'data-done')) ?? 0);
  await page.click('#train-button');
  await page.waitForFunction((n) => Number(document.querySelector('#train-status')?.getAttribute('data-done') ?? 0) > n, before, { timeout });
  return printedRecords(page);
}

/** Draws a polyline on the drawing canvas with the mouse; points are in the canvas's own 280×280 units. */
export async function drawStroke(page: Page, points: readonly [number, number][]): Promise<void> {
  const box = await page.locator('#draw-canvas').boundingBox();
  if (!box) throw new Error('the drawing canvas is not visible');
  const at = ([x, y]: [number, number]): [number, number] => [box.x + (x / 280) * box.width, box.y + (y / 280) * box.height];
  const [first, ...rest] = points.map(at);
  await page.mouse.move(...first!);
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(...p, { steps: 8 });
  await page.mouse.up();
}

/** The ten probabilities the drawing section shows, once they have arrived. */
export async function drawnProbabilities(page: Page): Promise<number[]> {
  await page.waitForFunction(() => document.querySelectorAll('#draw-probs li[data-p]').length === 10);
  return page.$$eval('#draw-probs li', (lis) => lis.map((li) => Number((li as HTMLElement).dataset.p)));
}

/** The ten probabilities once they differ from `before` (the model has answered a new drawing). */
export async function changedProbabilities(page: Page, before: readonly number[]): Promise<number[]> {
  await page.waitForFunction((old) => {
    const now = Array.from(document.querySelectorAll('#draw-probs li')).map((li) => Number((li as HTMLElement).dataset.p));
    return now.some((v, i) => v !== old[i]);
  }, before);
  return drawnProbabilities(page);
}

/** Draws a polyline with a finger: touch events sent through the DevTools protocol, as a touchscreen sends them. */
export async function touchStroke(context: BrowserContext, page: Page, points: readonly [number, number][]): Promise<void> {
  const box = await page.locator('#draw-canvas').boundingBox();
  if (!box) throw new Error('the drawing canvas is not visible');
  const cdp = await context.newCDPSession(page);
  const at = ([x, y]: [number, number]) => ({ x: box.x + (x / 280) * box.width, y: box.y + (y / 280) * box.height });
  const [first, ...rest] = points;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(first!)] });
  for (const p of rest) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(p)] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** How many of the 28×28 pixels the model is fed have ink (read off the page's preview of its input). */
export async function inkedInputPixels(page: Page): Promise<number> {
  return page.$eval('#draw-input', (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! < 128) n++;
    return n;
  });
}
