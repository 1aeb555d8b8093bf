import type { Graph } from '../graph/graph.js';
import type { GraphDef } from '../graph/graph_def.js';
import { toDot, type DotOptions } from './dot.js';

/** The file formats a diagram renders to. */
export type RenderFormat = 'svg' | 'png' | 'dot';

/** Options for `renderGraph`: the diagram's (DotOptions), the format, and the PNG's scale. */
export interface RenderOptions extends DotOptions {
  /** Output format; default 'svg'. */
  format?: RenderFormat;
  /** PNG pixels per SVG point (default 2, for sharp text). */
  scale?: number;
}

const GRAPHVIZ = 'graphviz-cli';
const RESVG = '@resvg/resvg-js';

// Both renderers are Node-only (graphviz-cli reads files and spawns a worker thread; resvg is a native
// addon). Importing them by a computed name keeps bundlers from pulling them into a browser build of
// src/index.ts, where toDot works and these two functions are simply not available.
async function nodeOnly<T>(name: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ name)) as T;
  } catch (e) {
    throw new Error(`${name} is not available here (${(e as Error).message}); rendering runs in Node. In a browser, render toDot()'s text with a Graphviz build for the web such as @aduh95/viz.js.`);
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

/** Rasterizes an SVG to PNG with resvg; sans-serif text falls back to DejaVu Sans, which the setup installs. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await nodeOnly<typeof import('@resvg/resvg-js')>(RESVG);
  const withFallbacks = svg.replace(/font-family="Helvetica,sans-Serif"/g, `font-family="Helvetica,${SANS_FALLBACKS},sans-serif"`);
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
