// Section 7: the reader draws a digit (mouse, finger or keyboard pen); it is scaled and centred as MNIST's were
// and the model's ten probabilities follow live through Session.watch, which drops answers a newer stroke has
// made stale.
import { auditTime, BehaviorSubject, combineLatest, filter, map, startWith, switchMap } from 'rxjs';
import { NDArray } from '../../../src/framework/ndarray.js';
import { digitImage } from '../../../src/tutorial/helpers.js';
import { byId, el, message, paint } from '../dom.js';
import { mnistify, shrinkOnly, type InkImage } from '../mnistify.js';
import type { PageState } from '../state.js';

type Point = { x: number; y: number };

/** Stroke width on the 280-pixel canvas: after scaling a digit's height to 20 pixels, about MNIST's 2-3 pixel pen. */
const PEN = 22;
/** How far one arrow key moves the keyboard pen, in canvas pixels. */
const KEY_STEP = 14;

/** Wires section 7. */
export function setupDrawing(state: PageState): void {
  const canvas = byId('draw-canvas', HTMLCanvasElement);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const preview = byId('draw-input', HTMLCanvasElement);
  const centre = byId('draw-centre', HTMLInputElement);
  const prediction = byId('draw-prediction', HTMLElement);
  const probs = byId('draw-probs', HTMLOListElement);
  const bars = Array.from({ length: 10 }, (_, k) => {
    const li = el('li', 'prob');
    const bar = el('span', 'bar');
    const value = el('span', 'value', '–');
    li.append(el('span', 'digit-label', String(k)), bar, value);
    probs.append(li);
    return { li, bar, value };
  });
  const strokes: Point[][] = [];
  let pen: Point = { x: canvas.width / 2, y: canvas.height / 2 };
  let penDown = false;
  let keyboardPen = false;
  const input$ = new BehaviorSubject<Float32Array | null>(null);

  const render = (): void => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#000';
    for (const s of strokes) {
      ctx.beginPath();
      ctx.moveTo(s[0]!.x, s[0]!.y);
      // A single point still leaves a dot: a zero-length segment with round caps.
      for (const p of s.length > 1 ? s.slice(1) : s) ctx.lineTo(p.x, p.y);
      ctx.stroke();
    }
  };
  /** The drawing as the model will see it: ink from the canvas's alpha, normalised as MNIST (or just shrunk). */
  const update = (): void => {
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const ink = new Float32Array(width * height);
    for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4 + 3]! / 255;
    const img: InkImage = { width, height, data: ink };
    const pixels = strokes.length === 0 ? null : centre.checked ? mnistify(img) : shrinkOnly(img);
    paint(preview, digitImage(new NDArray(pixels ?? new Float32Array(784), [784], 'float32')));
    input$.next(pixels);
  };
  const redraw = (): void => {
    render();
    if (keyboardPen) drawPenMarker();
    update();
  };
  // The keyboard pen's position, drawn only while the keyboard is in use (it is not ink: drawn after reading it).
  const drawPenMarker = (): void => {
    ctx.save();
    ctx.strokeStyle = penDown ? '#c00' : '#06c';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(pen.x, pen.y, PEN / 2, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.restore();
  };
  const clear = (): void => {
    strokes.length = 0;
    penDown = false;
    redraw();
  };

  const toCanvas = (e: PointerEvent): Point => {
    const r = canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * canvas.width, y: ((e.clientY - r.top) / r.height) * canvas.height };
  };
  let drawing: Point[] | null = null;
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    keyboardPen = false;
    drawing = [toCanvas(e)];
    strokes.push(drawing);
    redraw();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    e.preventDefault();
    for (const c of e.getCoalescedEvents?.() ?? [e]) drawing.push(toCanvas(c));
    render();
    moves$.next();
  });
  const end = (): void => {
    if (!drawing) return;
    drawing = null;
    update();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  // Pointer moves come faster than the model answers: read the canvas at most every 30 ms while a stroke goes on.
  const moves$ = new BehaviorSubject<void>(undefined);
  moves$
    .pipe(
      auditTime(30),
      filter(() => drawing !== null),
    )
    .subscribe(update);

  canvas.addEventListener('keydown', (e) => {
    const d: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = d[e.key];
    if (move) {
      keyboardPen = true;
      pen = {
        x: Math.min(canvas.width - PEN / 2, Math.max(PEN / 2, pen.x + move[0] * KEY_STEP)),
        y: Math.min(canvas.height - PEN / 2, Math.max(PEN / 2, pen.y + move[1] * KEY_STEP)),
      };
      if (penDown) strokes[strokes.length - 1]!.push(pen);
    } else if (e.key === ' ' || e.key === 'Enter') {
      keyboardPen = true;
      penDown = !penDown;
      if (penDown) strokes.push([pen]);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      clear();
    } else {
      return;
    }
    e.preventDefault();
    redraw();
  });
  canvas.addEventListener('blur', () => {
    keyboardPen = false;
    penDown = false;
    redraw();
  });

  byId('draw-clear', HTMLButtonElement).addEventListener('click', clear);
  byId('draw-left-one', HTMLButtonElement).addEventListener('click', () => {
    strokes.length = 0;
    strokes.push([
      { x: 24, y: 40 },
      { x: 24, y: 240 },
    ]);
    redraw();
  });
  centre.addEventListener('change', update);

  // Re-run on a new drawing, a new model, or the same model having learned more.
  state.model$
    .pipe(
      switchMap((lm) =>
        lm.sess.watch(
          lm.m.y,
          combineLatest([input$, state.variablesChanged$.pipe(startWith(undefined))]).pipe(
            map(([pixels]) => pixels),
            filter((pixels): pixels is Float32Array => pixels !== null),
            map((pixels) => new Map([[lm.m.x, new NDArray(pixels, [1, 784], 'float32')]])),
          ),
        ),
      ),
    )
    .subscribe({
      next: (y) => {
        const p = (y as NDArray).data;
        let best = 0;
        bars.forEach(({ li, bar, value }, k) => {
          const v = p[k]!;
          if (v > p[best]!) best = k;
          bar.style.width = `${(v * 100).toFixed(1)}%`;
          value.textContent = v.toFixed(3);
          li.dataset.p = String(v);
        });
        bars.forEach(({ li }, k) => li.classList.toggle('best', k === best));
        prediction.textContent = `It's a ${best} (${(p[best]! * 100).toFixed(0)}%)`;
        prediction.dataset.digit = String(best);
      },
      error: (e: unknown) => (prediction.textContent = message(e)),
    });
  input$.pipe(filter((p) => p === null)).subscribe(() => {
    prediction.textContent = 'Draw a digit';
    delete prediction.dataset.digit;
    for (const { li, bar, value } of bars) {
      bar.style.width = '0';
      value.textContent = '–';
      li.classList.remove('best');
    }
  });
  redraw();
}
