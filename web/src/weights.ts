// The ten weight images (the article's "cheat sheets") as ten small canvases labelled 0-9.
import type { NDArray } from '../../src/framework/ndarray.js';
import { weightPanel } from '../../src/tutorial/helpers.js';
import { el, paint } from './dom.js';

/** Ten labelled canvases in `container`; `show(W)` paints the columns of W [784, 10] onto them. */
export class WeightPanels {
  private readonly canvases: HTMLCanvasElement[] = [];

  constructor(container: HTMLElement, label: string) {
    container.replaceChildren();
    for (let k = 0; k < 10; k++) {
      const fig = el('figure', 'weight');
      const c = el('canvas', 'pixelated');
      c.width = 28;
      c.height = 28;
      c.setAttribute('role', 'img');
      c.setAttribute('aria-label', `${label} for digit ${k}`);
      fig.append(c, el('figcaption', '', String(k)));
      container.append(fig);
      this.canvases.push(c);
    }
  }

  /** Paints each column of W as `imshow(W[:, k].reshape(28, 28), cmap='seismic')` does. */
  show(W: NDArray): void {
    this.canvases.forEach((c, k) => paint(c, weightPanel(W, k)));
  }
}
