// Node-only: turns the helpers' figures into PNG and GIF files (pngjs encodes pixels, resvg rasterises the
// titled SVG layouts, gifenc encodes animations).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { encodeGif, type GifTiming } from './gif.js';
import type { Figure } from './helpers.js';
import { rgbaImage, upscale, type RGBAImage } from './image.js';
import { TITLE_FONT, titledFigureSvg, type TitleLayout } from './svg.js';

/** True when every pixel is opaque grey (r = g = b), so the PNG can store one byte a pixel. */
function isOpaqueGray(data: Uint8ClampedArray): boolean {
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2] || data[i + 3] !== 255) return false;
  }
  return true;
}

/** PNG bytes of an RGBA image, stored as greyscale or RGB when that loses nothing (the committed figures stay small). */
export function encodePng(img: RGBAImage): Buffer {
  const opaque = img.data.every((v, i) => (i & 3) !== 3 || v === 255);
  const colorType = isOpaqueGray(img.data) ? 0 : opaque ? 2 : 6;
  const png = new PNG({ width: img.width, height: img.height, colorType, inputColorType: 6, inputHasAlpha: true });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  return PNG.sync.write(png, { colorType, inputColorType: 6, inputHasAlpha: true });
}

/** The RGBA pixels of PNG bytes. */
export function decodePng(bytes: Uint8Array): RGBAImage {
  const png = PNG.sync.read(Buffer.from(bytes));
  return rgbaImage(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
}

/** A `data:` URI holding an image as PNG, for embedding in SVG. */
export function pngDataUri(img: RGBAImage): string {
  return `data:image/png;base64,${encodePng(img).toString('base64')}`;
}

/** Rasterises SVG text with resvg, using the system's DejaVu Sans for text. */
export function rasterizeSvg(svg: string): RGBAImage {
  const rendered = new Resvg(svg, {
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: TITLE_FONT },
  }).render();
  return rgbaImage(new Uint8ClampedArray(rendered.pixels), rendered.width, rendered.height);
}

/** A figure's final pixels: its image enlarged `scale` times, under its title (rendered through SVG) if it has one. */
export function renderFigure(fig: Figure, scale = 1, layout: TitleLayout = {}): RGBAImage {
  const image = upscale(fig.image, scale);
  if (fig.title === null) return image;
  return rasterizeSvg(titledFigureSvg(fig.title, pngDataUri(image), image.width, image.height, layout).svg);
}

/** Writes bytes to `dir/name`, creating the folder; returns the path written. */
export function writeOut(dir: string, name: string, bytes: Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Writes a figure as `dir/name` (a .png); returns the path. */
export function writeFigurePng(dir: string, name: string, fig: Figure, scale = 1): string {
  return writeOut(dir, name, encodePng(renderFigure(fig, scale)));
}

/** Writes figures as the frames of a looping animated GIF `dir/name`; returns the path. */
export function writeAnimationGif(dir: string, name: string, frames: readonly Figure[], timing: GifTiming, scale = 1): string {
  return writeOut(
    dir,
    name,
    encodeGif(
      frames.map((f) => renderFigure(f, scale)),
      timing,
    ),
  );
}
