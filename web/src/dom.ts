// Small typed DOM helpers shared by the page's sections.
import type { RGBAImage } from '../../src/tutorial/image.js';

/** The element with this id, checked to be of the expected class (a missing one is a bug in index.html). */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing from the page or is not a ${type.name}`);
  return el;
}

/** Draws an RGBA raster onto a canvas at its own size (CSS scales it up, pixelated). */
export function paint(canvas: HTMLCanvasElement, img: RGBAImage): void {
  if (canvas.width !== img.width) canvas.width = img.width;
  if (canvas.height !== img.height) canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  // A copy: ImageData wants its own ArrayBuffer-backed array, and the figure's bytes may be a view.
  ctx.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
}

/** A new element with a class and text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

/** A short message for any thrown value. */
export function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
