// Section 2: the model's graph as the diagram module draws it (toDot: TensorBoard's grouping, shapes on edges),
// laid out by Graphviz in a worker, redrawn whenever Train builds a new model (its learning_rate node changes).
import Viz from '@aduh95/viz.js';
import { distinctUntilChanged, switchMap } from 'rxjs';
import { toDot } from '../../../src/viz/dot.js';
import { byId, message } from '../dom.js';
import GraphvizWorker from '../graphviz.worker.ts?worker';
import type { PageState } from '../state.js';

/** Wires section 2. */
export function setupGraph(state: PageState): void {
  const box = byId('graph-svg', HTMLElement);
  const code = byId('model-code', HTMLPreElement);
  let viz: Viz | null = null;
  state.model$
    .pipe(
      distinctUntilChanged(),
      switchMap(async (lm) => {
        code.textContent = lm.m.code.join('\n');
        viz ??= new Viz({ worker: new GraphvizWorker() });
        return viz.renderString(toDot(lm.m.graph));
      }),
    )
    .subscribe({
      next: (svg) => {
        box.innerHTML = svg;
        const el = box.querySelector('svg');
        // Graphviz writes a fixed size in points; let CSS scale it to the column instead.
        el?.removeAttribute('width');
        el?.removeAttribute('height');
        box.dataset.rendered = 'true';
      },
      error: (e: unknown) => (box.textContent = `The graph could not be drawn: ${message(e)}`),
    });
}
