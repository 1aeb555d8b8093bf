import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { toDot } from '../../src/viz/dot.js';
import { buildTutorialGraph } from '../../src/viz/models.js';
import { renderGraph } from '../../src/viz/render.js';
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
    const png = PNG.sync.read(Buffer.from(await renderGraph(g, { format: 'png', scale: 1.5 })));
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
