// Node-only: turns the helpers' figures into PNG and GIF files (fast-png encodes pixels, resvg rasterises the
// titled SVG layouts, gifenc encodes animations).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { decode, encode } from 'fast-png';
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
  const channels = isOpaqueGray(img.data) ? 1 : opaque ? 3 : 4;
  const pixels = img.width * img.height;
  const data = channels === 4 ? new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength) : new Uint8Array(pixels * channels);
  if (channels !== 4) for (let p = 0; p < pixels; p++) for (let c = 0; c < channels; c++) data[p * channels + c] = img.data[p * 4 + c]!;
  const png = encode({ width: img.width, height: img.height, data, channels, depth: 8 });
  return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
}

/** The RGBA pixels of 8-bit PNG bytes (grey, grey + alpha, RGB or RGBA). */
export function decodePng(bytes: Uint8Array): RGBAImage {
  const png = decode(bytes);
  if (png.depth !== 8 || png.palette)
    throw new Error(`decodePng reads 8-bit grey or colour PNGs, not depth ${png.depth}${png.palette ? ' with a palette' : ''}`);
  const { channels, width, height } = png;
  const src = png.data as Uint8Array;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const [r, g, b] = channels < 3 ? [src[s]!, src[s]!, src[s]!] : [src[s]!, src[s + 1]!, src[s + 2]!];
    const alpha = channels === 2 ? src[s + 1]! : channels === 4 ? src[s + 3]! : 255;
    rgba.set([r, g, b, alpha], p * 4);
  }
  return rgbaImage(rgba, width, height);
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
