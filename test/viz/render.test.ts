import { decodePng } from '../../src/tutorial/figures_node.js';
import { describe, expect, it } from 'vitest';
import { toDot } from '../../src/viz/dot.js';
import { buildTutorialGraph } from '../../src/cli/models.js';
import { MAX_PNG_PIXELS, MAX_PNG_SIDE, RasterSizeError, renderGraph, svgToPng } from '../../src/viz/render.js';
import { ValueError } from '../../src/framework/errors.js';
import { labelLines, parseDot } from './parse_dot.js';

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The text of every <title> and <text> element of an SVG. */
function svgTexts(svg: string): { titles: Set<string>; texts: string[] } {
  const titles = new Set([...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!));
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  return { titles, texts };
}

describe('renderGraph', () => {
  for (const training of [false, true]) {
    it(`renders the tutorial's ${training ? 'training' : 'forward'} graph to SVG with every drawn node's name`, async () => {
      const g = buildTutorialGraph({ training });
      const svg = await renderGraph(g, { format: 'svg' });
      expect(svg.startsWith('<?xml')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
      const { titles, texts } = svgTexts(svg);
      const p = await parseDot(toDot(g));
      expect(p.nodes.size).toBeGreaterThan(20);
      for (const [id, n] of p.nodes) {
        // Graphviz titles each node's group with its id (the full op name) and writes each label line as text.
        expect(titles, id).toContain(xmlText(id));
        for (const line of labelLines(n.attrs)) expect(texts, `${id}: ${line}`).toContain(xmlText(line));
      }
      for (const e of p.edges) if (e.attrs.label) expect(texts).toContain(e.attrs.label);
      expect(svg).toContain('class="node placeholder"');
      expect(svg).toContain('class="edge ref"');
      expect(svg).toContain('stroke-dasharray'); // the auxiliary box and node are dashed
    });
  }

  it('returns the DOT text for format dot, and a PNG of the SVG at the given scale', async () => {
    const g = buildTutorialGraph();
    expect(await renderGraph(g, { format: 'dot', title: 'forward' })).toBe(toDot(g, { title: 'forward' }));
    const svg = await renderGraph(g);
    const [w, h] = /viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number) as [number, number];
    // The SVG's size is in points; resvg draws 4/3 pixels per point, times the scale.
    const png = decodePng(await renderGraph(g, { format: 'png', scale: 1.5 }));
    expect(Math.abs(png.width - w * 1.5 * (4 / 3))).toBeLessThanOrEqual(1);
    expect(Math.abs(png.height - h * 1.5 * (4 / 3))).toBeLessThanOrEqual(1);
    // White background, and some dark pixels: the text and lines were drawn.
    const px = (i: number) => [png.data[i * 4]!, png.data[i * 4 + 1]!, png.data[i * 4 + 2]!];
    expect(px(0)).toEqual([255, 255, 255]);
    let dark = 0;
    for (let i = 0; i < png.width * png.height; i++) if (px(i).every((c) => c < 100)) dark++;
    expect(dark).toBeGreaterThan(1000);
  });
});

describe('svgToPng refuses a raster it cannot or should not make, before resvg draws anything', () => {
  // 75x75 points is 100x100 pixels at scale 1; 0.75x750 points is 1x1000.
  const square = '<svg xmlns="http://www.w3.org/2000/svg" width="75pt" height="75pt" viewBox="0 0 75 75"><rect width="75" height="75" fill="black"/></svg>';
  const tall =
    '<svg xmlns="http://www.w3.org/2000/svg" width="0.75pt" height="750pt" viewBox="0 0 0.75 750"><rect width="0.75" height="750" fill="black"/></svg>';
  const refusal = async (svg: string, scale: number): Promise<Error> => {
    const err = await svgToPng(svg, scale).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, String(scale)).toBeInstanceOf(RasterSizeError);
    expect(err).toBeInstanceOf(ValueError);
    return err as Error;
  };
  const limits = `more than the ${MAX_PNG_SIDE} a side and ${MAX_PNG_PIXELS / 1048576} megapixels a PNG may have`;

  it('a scale past MAX_PNG_PIXELS or MAX_PNG_SIDE is a RasterSizeError naming the largest scale that fits (resvg would abort or eat all memory)', async () => {
    for (const scale of [1e6, 1000, 82]) {
      expect((await refusal(square, scale)).message).toMatch(
        new RegExp(`^scale ${scale} makes the 100x100 diagram \\d+x\\d+ pixels, ${limits} \\(at most scale 81.92 here\\)$`),
      );
    }
    expect((await refusal(tall, 16.4)).message).toBe(`scale 16.4 makes the 1x1000 diagram 17x16400 pixels, ${limits} (at most scale 16.38 here)`);
    const png = decodePng(await svgToPng(tall, 16.38));
    expect(png.height).toBe(16380);
  });

  it('a scale that leaves less than a pixel, or one that is no positive number, is a RasterSizeError too', async () => {
    expect((await refusal(square, 1e-9)).message).toBe('scale 1e-9 makes the 100x100 diagram less than a pixel: nothing to draw');
    for (const bad of [0, -1, NaN, Infinity]) await refusal(square, bad);
  });
});
