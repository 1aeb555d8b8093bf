import type { Graph } from '../graph/graph.js';
import type { GraphDef } from '../graph/graph_def.js';
import { toDot, type DotOptions } from './dot.js';
import { ValueError } from '../framework/errors.js';

/** The file formats a diagram renders to. */
export type RenderFormat = 'svg' | 'png' | 'dot';

/** Options for `renderGraph`: the diagram's (DotOptions), the format, and the PNG's scale. */
export interface RenderOptions extends DotOptions {
  /** Output format; default 'svg'. */
  format?: RenderFormat;
  /** PNG pixels per SVG pixel (default 2, for sharp text); the PNG may be at most MAX_PNG_SIDE by MAX_PNG_PIXELS. */
  scale?: number;
}

/** The ValueError for a PNG scale that would make an empty or too large image. */
export class RasterSizeError extends ValueError {
  constructor(message: string) {
    super(message);
    this.name = 'RasterSizeError';
  }
}

/** The widest or tallest PNG svgToPng makes, in pixels. */
export const MAX_PNG_SIDE = 16384;
/** The most pixels a PNG svgToPng makes may have (64 megapixels, 256 MiB of RGBA); larger scales are refused, not attempted. */
export const MAX_PNG_PIXELS = 64 * 1024 * 1024;

const GRAPHVIZ = 'graphviz-cli';
const RESVG = '@resvg/resvg-js';

// Both renderers are Node-only (graphviz-cli reads files and spawns a worker thread; resvg is a native
// addon). Importing them by a computed name keeps bundlers from pulling them into a browser build of
// src/index.ts, where toDot works and these two functions are simply not available.
async function nodeOnly<T>(name: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ name)) as T;
  } catch (e) {
    const { code, message } = e as { code?: string; message?: string };
    if (typeof process !== 'undefined' && code === 'ERR_MODULE_NOT_FOUND' && message?.includes(`'${name}'`)) {
      throw new Error(`renderGraph needs the optional package ${name}, which is not installed: npm install ${name} (toDot needs nothing)`);
    }
    throw new Error(
      `${name} is not available here (${(e as Error).message}); rendering runs in Node. In a browser, render toDot()'s text with a Graphviz build for the web such as @aduh95/viz.js.`,
    );
  }
}

/**
 * Lays out DOT text with Graphviz (graphviz-cli: Graphviz compiled to WebAssembly, no system install)
 * and returns the SVG. The modules load on first use, so importing this file costs nothing.
 */
export async function renderDotToSvg(dot: string): Promise<string> {
  const { renderGraphFromSource } = await nodeOnly<typeof import('graphviz-cli')>(GRAPHVIZ);
  return renderGraphFromSource({ input: dot }, { format: 'svg' });
}

// Graphviz sized the text with Helvetica's metrics: prefer the fonts with Helvetica's widths (Arial,
// Liberation Sans), then DejaVu Sans Condensed, before DejaVu Sans (the one the setup installs), which is wider.
const SANS_FALLBACKS = "Arial,'Liberation Sans','DejaVu Sans Condensed','DejaVu Sans'";

/**
 * Rasterizes an SVG to PNG with resvg; sans-serif text falls back to DejaVu Sans, which the setup installs.
 * The PNG's size is worked out from the SVG's before anything is drawn: a scale that would make it empty or
 * larger than MAX_PNG_SIDE / MAX_PNG_PIXELS is a ValueError (resvg itself would abort the process, or take all
 * the memory there is).
 */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0)
    throw new RasterSizeError(`scale must be a number greater than 0, got ${String(scale)}`);
  const { Resvg } = await nodeOnly<typeof import('@resvg/resvg-js')>(RESVG);
  const withFallbacks = svg.replace(/font-family="Helvetica,sans-Serif"/g, `font-family="Helvetica,${SANS_FALLBACKS},sans-serif"`);
  const size = new Resvg(withFallbacks);
  const [w, h] = [Math.ceil(size.width * scale), Math.ceil(size.height * scale)];
  // resvg rounds the target size: below half a pixel it is empty (and resvg refuses it in words of its own).
  if (Math.round(size.width * scale) < 1 || Math.round(size.height * scale) < 1)
    throw new RasterSizeError(`scale ${scale} makes the ${size.width}x${size.height} diagram less than a pixel: nothing to draw`);
  if (w > MAX_PNG_SIDE || h > MAX_PNG_SIDE || w * h > MAX_PNG_PIXELS) {
    const most = Math.min(MAX_PNG_SIDE / size.width, MAX_PNG_SIDE / size.height, Math.sqrt(MAX_PNG_PIXELS / (size.width * size.height)));
    throw new RasterSizeError(
      `scale ${scale} makes the ${size.width}x${size.height} diagram ${w}x${h} pixels, more than the ${MAX_PNG_SIDE} a side and ${MAX_PNG_PIXELS / 1024 / 1024} megapixels a PNG may have (at most scale ${Math.floor(most * 100) / 100} here)`,
    );
  }
  const resvg = new Resvg(withFallbacks, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}

/** Renders a graph's diagram: DOT text, an SVG document, or PNG bytes. */
export async function renderGraph(graph: Graph | GraphDef, options: RenderOptions & { format: 'png' }): Promise<Uint8Array>;
/** Renders a graph's diagram: DOT text, an SVG document, or PNG bytes. */
export async function renderGraph(graph: Graph | GraphDef, options?: RenderOptions & { format?: 'svg' | 'dot' }): Promise<string>;
/** Renders a graph's diagram: DOT text, an SVG document, or PNG bytes. */
export async function renderGraph(graph: Graph | GraphDef, options?: RenderOptions): Promise<string | Uint8Array>;
export async function renderGraph(graph: Graph | GraphDef, options: RenderOptions = {}): Promise<string | Uint8Array> {
  const dot = toDot(graph, options);
  const format = options.format ?? 'svg';
  if (format === 'dot') return dot;
  const svg = await renderDotToSvg(dot);
  return format === 'png' ? svgToPng(svg, options.scale) : svg;
}
